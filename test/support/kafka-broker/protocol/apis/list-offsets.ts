// ListOffsets (key 2), versions 0..3. Timestamp -2 asks for the earliest offset, -1 for the
// latest, anything else for the first offset whose record timestamp is at or after it.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export const EARLIEST_TIMESTAMP = -2n;
export const LATEST_TIMESTAMP = -1n;

export interface ListOffsetsRequest {
  readonly topics: readonly { topic: string; partitions: readonly { partition: number; timestamp: bigint }[] }[];
}

export interface ListOffsetsPartitionResponse {
  readonly partition: number;
  readonly errorCode: number;
  readonly timestamp: bigint;
  readonly offset: bigint;
}

export interface ListOffsetsResponse {
  readonly topics: readonly { topic: string; partitions: readonly ListOffsetsPartitionResponse[] }[];
}

export const listOffsetsCodec: ApiCodec<ListOffsetsRequest, ListOffsetsResponse> = {
  apiKey: ApiKey.ListOffsets,

  decodeRequest(reader, version) {
    reader.int32(); // replica id
    if (version >= 2) reader.int8(); // isolation level: no transactions, so LSO = high watermark
    const topics = reader.array((t) => ({
      topic: t.string(),
      partitions: t.array((p) => {
        const partition = p.int32();
        const timestamp = p.int64();
        if (version === 0) p.int32(); // max number of offsets
        return { partition, timestamp };
      }),
    }));
    return { topics };
  },

  encodeResponse(writer, version, response) {
    if (version >= 2) writer.int32(0);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.topic);
      w.array(topic.partitions, (pw, p) => {
        pw.int32(p.partition).int16(p.errorCode);
        if (version === 0) {
          pw.array(p.offset >= 0n ? [p.offset] : [], (ow, offset) => ow.int64(offset));
        } else {
          pw.int64(p.timestamp).int64(p.offset);
        }
      });
    });
  },

  errorResponse(request, errorCode) {
    return {
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((p) => ({
          partition: p.partition,
          errorCode,
          timestamp: -1n,
          offset: -1n,
        })),
      })),
    };
  },
};
