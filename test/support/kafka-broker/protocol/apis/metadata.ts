// Metadata (key 3), versions 0..6. One broker, which is also the controller: kafkajs sends
// CreateTopics and InitProducerId to the controller it reads here.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface MetadataRequest {
  /** null asks for every topic. */
  readonly topics: readonly string[] | null;
  readonly allowAutoTopicCreation: boolean;
}

export interface MetadataBroker {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

export interface MetadataPartition {
  readonly errorCode: number;
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface MetadataTopic {
  readonly errorCode: number;
  readonly topic: string;
  readonly isInternal: boolean;
  readonly partitions: readonly MetadataPartition[];
}

export interface MetadataResponse {
  readonly brokers: readonly MetadataBroker[];
  readonly clusterId: string | null;
  readonly controllerId: number;
  readonly topics: readonly MetadataTopic[];
}

export const metadataCodec: ApiCodec<MetadataRequest, MetadataResponse> = {
  apiKey: ApiKey.Metadata,

  decodeRequest(reader, version) {
    const topics = reader.nullableArray((r) => r.string());
    // In v0 an empty list meant "all topics"; from v1 that is written as null.
    const allTopics = topics === null || (version === 0 && topics.length === 0);
    const allowAutoTopicCreation = version >= 4 ? reader.boolean() : true;
    return { topics: allTopics ? null : topics, allowAutoTopicCreation };
  },

  encodeResponse(writer, version, response) {
    if (version >= 3) writer.int32(0);
    writer.array(response.brokers, (w, broker) => {
      w.int32(broker.nodeId).string(broker.host).int32(broker.port);
      if (version >= 1) w.nullableString(null); // rack
    });
    if (version >= 2) writer.nullableString(response.clusterId);
    if (version >= 1) writer.int32(response.controllerId);
    writer.array(response.topics, (w, topic) => {
      w.int16(topic.errorCode).string(topic.topic);
      if (version >= 1) w.boolean(topic.isInternal);
      w.array(topic.partitions, (pw, p) => {
        pw.int16(p.errorCode).int32(p.partition).int32(p.leader);
        pw.array(p.replicas, (rw, id) => rw.int32(id));
        pw.array(p.isr, (rw, id) => rw.int32(id));
        if (version >= 5) pw.array([], (rw, id: number) => rw.int32(id)); // offline replicas
      });
    });
  },

  errorResponse(request, errorCode) {
    // Metadata has no top-level error: the code goes on each requested topic. The broker's
    // handler adds itself to the broker list, which this codec cannot know.
    return {
      brokers: [],
      clusterId: null,
      controllerId: -1,
      topics: (request.topics ?? []).map((topic) => ({ errorCode, topic, isInternal: false, partitions: [] })),
    };
  },
};
