// DeleteTopics (key 20), versions 0..1 (what kafkajs 2.2.4 implements).
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface DeleteTopicsRequest {
  readonly topics: readonly string[];
  readonly timeoutMs: number;
}

export interface DeleteTopicsResponse {
  readonly topics: readonly { topic: string; errorCode: number }[];
}

export const deleteTopicsCodec: ApiCodec<DeleteTopicsRequest, DeleteTopicsResponse> = {
  apiKey: ApiKey.DeleteTopics,

  decodeRequest(reader) {
    const topics = reader.array((t) => t.string());
    return { topics, timeoutMs: reader.int32() };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(0);
    writer.array(response.topics, (w, t) => w.string(t.topic).int16(t.errorCode));
  },

  errorResponse(request, errorCode) {
    return { topics: request.topics.map((topic) => ({ topic, errorCode })) };
  },
};
