// Entry point of the Kafka test broker for test setup code:
//
//   const broker = await startTestBroker();
//   const kafka = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING });
//   ...
//   await broker.stop();
//
// See docs/testing.md for what the broker does and does not do.
import { KafkaTestBroker, type KafkaTestBrokerOptions } from './broker/kafka-test-broker.js';

export { KafkaTestBroker } from './broker/kafka-test-broker.js';
export type { InjectErrorOptions, KafkaTestBrokerOptions, ProducedMessage } from './broker/kafka-test-broker.js';
export type { GroupDescription, GroupState } from './broker/consumer-group.js';
export type { RecordHeader } from './protocol/record-batch.js';
export { ApiKey, ADVERTISED_VERSIONS, type ApiKeyName } from './protocol/api-keys.js';
export { ErrorCode, type ErrorCodeName } from './protocol/error-codes.js';
export { RawKafkaClient } from './raw-client.js';
export { encodeRecordBatch, type RecordToEncode, type BatchOptions } from './protocol/record-batch-encoder.js';
export { waitFor, type WaitForOptions } from './wait-for.js';

/** The broker as tests see it; every method is documented on KafkaTestBroker. */
export type TestBroker = Pick<
  KafkaTestBroker,
  | 'port'
  | 'brokers'
  | 'nodeId'
  | 'isRunning'
  | 'stop'
  | 'restart'
  | 'producedMessages'
  | 'endOffsets'
  | 'injectError'
  | 'clearInjectedErrors'
  | 'dropConnections'
  | 'createTopic'
  | 'deleteTopic'
  | 'topicNames'
  | 'requestCount'
  | 'describeGroup'
  | 'committedOffset'
>;

/** Starts a broker on 127.0.0.1 and a free port (unless `options.port` says otherwise). */
export async function startTestBroker(options: KafkaTestBrokerOptions = {}): Promise<TestBroker> {
  const broker = new KafkaTestBroker(options);
  await broker.start();
  return broker;
}
