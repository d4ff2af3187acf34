// CreateTopics (key 19), versions 0..3.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface CreatableTopic {
  readonly topic: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly assignments: readonly { partition: number; brokerIds: readonly number[] }[];
  readonly configs: readonly { name: string; value: string | null }[];
}

export interface CreateTopicsRequest {
  readonly topics: readonly CreatableTopic[];
  readonly timeoutMs: number;
  readonly validateOnly: boolean;
}

export interface CreateTopicsResponse {
  readonly topics: readonly { topic: string; errorCode: number; errorMessage: string | null }[];
}

export const createTopicsCodec: ApiCodec<CreateTopicsRequest, CreateTopicsResponse> = {
  apiKey: ApiKey.CreateTopics,

  decodeRequest(reader, version) {
    const topics = reader.array((t) => ({
      topic: t.string(),
      numPartitions: t.int32(),
      replicationFactor: t.int16(),
      assignments: t.array((a) => ({ partition: a.int32(), brokerIds: a.array((b) => b.int32()) })),
      configs: t.array((c) => ({ name: c.string(), value: c.nullableString() })),
    }));
    const timeoutMs = reader.int32();
    const validateOnly = version >= 1 ? reader.boolean() : false;
    return { topics, timeoutMs, validateOnly };
  },

  encodeResponse(writer, version, response) {
    if (version >= 2) writer.int32(0);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.topic).int16(topic.errorCode);
      if (version >= 1) w.nullableString(topic.errorMessage);
    });
  },

  errorResponse(request, errorCode) {
    return { topics: request.topics.map((t) => ({ topic: t.topic, errorCode, errorMessage: null })) };
  },
};
