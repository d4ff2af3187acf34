// OffsetFetch (key 9), versions 0..4. From v2 a null topic list asks for every committed offset.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface OffsetFetchRequest {
  readonly groupId: string;
  readonly topics: readonly { topic: string; partitions: readonly number[] }[] | null;
}

export interface OffsetFetchPartition {
  readonly partition: number;
  readonly offset: bigint;
  readonly metadata: string | null;
  readonly errorCode: number;
}

export interface OffsetFetchResponse {
  readonly errorCode: number;
  readonly topics: readonly { topic: string; partitions: readonly OffsetFetchPartition[] }[];
}

export const offsetFetchCodec: ApiCodec<OffsetFetchRequest, OffsetFetchResponse> = {
  apiKey: ApiKey.OffsetFetch,

  decodeRequest(reader) {
    const groupId = reader.string();
    const topics = reader.nullableArray((t) => ({ topic: t.string(), partitions: t.array((p) => p.int32()) }));
    return { groupId, topics };
  },

  encodeResponse(writer, version, response) {
    if (version >= 3) writer.int32(0);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.topic);
      w.array(topic.partitions, (pw, p) => {
        pw.int32(p.partition).int64(p.offset).nullableString(p.metadata).int16(p.errorCode);
      });
    });
    if (version >= 2) writer.int16(response.errorCode);
  },

  errorResponse(request, errorCode) {
    return {
      errorCode,
      topics: (request.topics ?? []).map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((partition) => ({ partition, offset: -1n, metadata: '', errorCode })),
      })),
    };
  },
};
