// OffsetCommit (key 8), versions 0..5.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface OffsetCommitPartition {
  readonly partition: number;
  readonly offset: bigint;
  readonly metadata: string | null;
}

export interface OffsetCommitRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly topics: readonly { topic: string; partitions: readonly OffsetCommitPartition[] }[];
}

export interface OffsetCommitResponse {
  readonly topics: readonly { topic: string; partitions: readonly { partition: number; errorCode: number }[] }[];
}

export const offsetCommitCodec: ApiCodec<OffsetCommitRequest, OffsetCommitResponse> = {
  apiKey: ApiKey.OffsetCommit,

  decodeRequest(reader, version) {
    const groupId = reader.string();
    const generationId = version >= 1 ? reader.int32() : -1;
    const memberId = version >= 1 ? reader.string() : '';
    if (version >= 2 && version <= 4) reader.int64(); // retention time
    const topics = reader.array((t) => ({
      topic: t.string(),
      partitions: t.array((p) => {
        const partition = p.int32();
        const offset = p.int64();
        if (version === 1) p.int64(); // commit timestamp
        return { partition, offset, metadata: p.nullableString() };
      }),
    }));
    return { groupId, generationId, memberId, topics };
  },

  encodeResponse(writer, version, response) {
    if (version >= 3) writer.int32(0);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.topic);
      w.array(topic.partitions, (pw, p) => pw.int32(p.partition).int16(p.errorCode));
    });
  },

  errorResponse(request, errorCode) {
    return {
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((p) => ({ partition: p.partition, errorCode })),
      })),
    };
  },
};
