// Fetch (key 1), versions 0..11. Fetch sessions (v7+) are never created: the broker answers
// session id 0, which tells clients to keep sending full fetch requests.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface FetchPartitionRequest {
  readonly partition: number;
  readonly fetchOffset: bigint;
  readonly partitionMaxBytes: number;
}

export interface FetchRequest {
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly isolationLevel: number;
  readonly topics: readonly { topic: string; partitions: readonly FetchPartitionRequest[] }[];
}

export interface FetchPartitionResponse {
  readonly partition: number;
  readonly errorCode: number;
  readonly highWatermark: bigint;
  readonly lastStableOffset: bigint;
  readonly logStartOffset: bigint;
  readonly records: Buffer | null;
}

export interface FetchResponse {
  readonly errorCode: number;
  readonly topics: readonly { topic: string; partitions: readonly FetchPartitionResponse[] }[];
}

const DEFAULT_MAX_BYTES = 0x7fffffff;

export const fetchCodec: ApiCodec<FetchRequest, FetchResponse> = {
  apiKey: ApiKey.Fetch,

  decodeRequest(reader, version) {
    reader.int32(); // replica id: always a consumer (-1) here
    const maxWaitMs = reader.int32();
    const minBytes = reader.int32();
    const maxBytes = version >= 3 ? reader.int32() : DEFAULT_MAX_BYTES;
    const isolationLevel = version >= 4 ? reader.int8() : 0;
    if (version >= 7) {
      reader.int32(); // session id
      reader.int32(); // session epoch
    }
    const topics = reader.array((topicReader) => ({
      topic: topicReader.string(),
      partitions: topicReader.array((p) => {
        const partition = p.int32();
        if (version >= 9) p.int32(); // current leader epoch
        const fetchOffset = p.int64();
        if (version >= 5) p.int64(); // follower log start offset
        return { partition, fetchOffset, partitionMaxBytes: p.int32() };
      }),
    }));
    if (version >= 7) {
      reader.array((f) => ({ topic: f.string(), partitions: f.array((p) => p.int32()) }));
    }
    if (version >= 11) reader.string(); // rack id
    return { maxWaitMs, minBytes, maxBytes, isolationLevel, topics };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(0);
    if (version >= 7) writer.int16(response.errorCode).int32(0);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.topic);
      w.array(topic.partitions, (pw, p) => {
        pw.int32(p.partition).int16(p.errorCode).int64(p.highWatermark);
        if (version >= 4) pw.int64(p.lastStableOffset);
        if (version >= 5) pw.int64(p.logStartOffset);
        if (version >= 4) pw.int32(0); // no aborted transactions: the broker has no transactions
        if (version >= 11) pw.int32(-1); // no preferred read replica
        pw.nullableBytes(p.records);
      });
    });
  },

  errorResponse(request, errorCode) {
    return {
      errorCode: 0,
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((p) => ({
          partition: p.partition,
          errorCode,
          highWatermark: -1n,
          lastStableOffset: -1n,
          logStartOffset: -1n,
          records: null,
        })),
      })),
    };
  },
};
