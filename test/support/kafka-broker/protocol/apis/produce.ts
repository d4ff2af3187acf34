// Produce (key 0), versions 0..7. Record sets must be magic v2 batches (what v3+ clients send).
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface ProducePartitionData {
  readonly partition: number;
  readonly records: Buffer | null;
}

export interface ProduceTopicData {
  readonly topic: string;
  readonly partitions: readonly ProducePartitionData[];
}

export interface ProduceRequest {
  readonly transactionalId: string | null;
  readonly acks: number;
  readonly timeoutMs: number;
  readonly topics: readonly ProduceTopicData[];
}

export interface ProducePartitionResponse {
  readonly partition: number;
  readonly errorCode: number;
  readonly baseOffset: bigint;
  readonly logAppendTimeMs: bigint;
  readonly logStartOffset: bigint;
}

export interface ProduceResponse {
  readonly topics: readonly { topic: string; partitions: readonly ProducePartitionResponse[] }[];
}

export const produceCodec: ApiCodec<ProduceRequest, ProduceResponse> = {
  apiKey: ApiKey.Produce,

  decodeRequest(reader, version) {
    const transactionalId = version >= 3 ? reader.nullableString() : null;
    const acks = reader.int16();
    const timeoutMs = reader.int32();
    const topics = reader.array((topicReader) => ({
      topic: topicReader.string(),
      partitions: topicReader.array((partitionReader) => ({
        partition: partitionReader.int32(),
        records: partitionReader.nullableBytes(),
      })),
    }));
    return { transactionalId, acks, timeoutMs, topics };
  },

  encodeResponse(writer, version, response) {
    writer.array(response.topics, (w, topic) => {
      w.string(topic.topic);
      w.array(topic.partitions, (pw, partition) => {
        pw.int32(partition.partition).int16(partition.errorCode).int64(partition.baseOffset);
        if (version >= 2) pw.int64(partition.logAppendTimeMs);
        if (version >= 5) pw.int64(partition.logStartOffset);
      });
    });
    if (version >= 1) writer.int32(0);
  },

  errorResponse(request, errorCode) {
    return {
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((partition) => ({
          partition: partition.partition,
          errorCode,
          baseOffset: -1n,
          logAppendTimeMs: -1n,
          logStartOffset: -1n,
        })),
      })),
    };
  },
};
