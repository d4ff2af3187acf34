// kafkajs admin against the test broker: topic lifecycle, metadata, offsets by time.
import kafkajs, { type Admin, type Kafka as KafkaClient } from 'kafkajs';
import { startTestBroker, type TestBroker } from '../../support/kafka-broker/index.js';

const { Kafka, logLevel } = kafkajs;

function clientFor(broker: TestBroker, clientId: string): KafkaClient {
  return new Kafka({
    clientId,
    brokers: broker.brokers,
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 50, retries: 2 },
  });
}

describe('Kafka test broker: kafkajs admin', () => {
  let broker: TestBroker;
  let kafka: KafkaClient;
  let admin: Admin;

  beforeAll(async () => {
    broker = await startTestBroker({ nodeId: 7, clusterId: 'admin-spec-cluster' });
    kafka = clientFor(broker, 'admin-spec');
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
    await broker.stop();
  });

  it('describes a single-node cluster whose controller is the broker itself', async () => {
    const cluster = await admin.describeCluster();
    expect(cluster).toEqual({
      brokers: [{ nodeId: 7, host: '127.0.0.1', port: broker.port }],
      controller: 7,
      clusterId: 'admin-spec-cluster',
    });
  });

  it('creates, lists and deletes topics', async () => {
    expect(await admin.createTopics({ topics: [{ topic: 'accounts.opened', numPartitions: 3 }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'transfers.seen' }] })).toBe(true);
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(['accounts.opened', 'transfers.seen']));

    const { topics } = await admin.fetchTopicMetadata({ topics: ['accounts.opened'] });
    expect(topics).toEqual([
      {
        name: 'accounts.opened',
        partitions: [0, 1, 2].map((partitionId) => ({
          partitionErrorCode: 0,
          partitionId,
          leader: 7,
          replicas: [7],
          isr: [7],
          offlineReplicas: [],
        })),
      },
    ]);

    await admin.deleteTopics({ topics: ['accounts.opened'] });
    expect(await admin.listTopics()).not.toContain('accounts.opened');
    expect(broker.topicNames()).not.toContain('accounts.opened');
  });

  it('answers false when the topic already exists', async () => {
    expect(await admin.createTopics({ topics: [{ topic: 'twice', numPartitions: 1 }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'twice', numPartitions: 1 }] })).toBe(false);
  });

  it('refuses a replication factor a single broker cannot give', async () => {
    await expect(admin.createTopics({ topics: [{ topic: 'replicated', replicationFactor: 3 }] })).rejects.toThrow(
      /Topic creation errors/,
    );
    expect(broker.topicNames()).not.toContain('replicated');
  });

  it('answers low and high offsets, and offsets by timestamp', async () => {
    const t0 = Date.UTC(2025, 0, 1);
    const producer = kafka.producer();
    await producer.connect();
    await admin.createTopics({ topics: [{ topic: 'timed', numPartitions: 1 }] });
    for (const [i, timestamp] of [t0, t0 + 1000, t0 + 2000].entries()) {
      await producer.send({ topic: 'timed', messages: [{ value: `m${i}`, timestamp: String(timestamp) }] });
    }
    await producer.disconnect();

    expect(await admin.fetchTopicOffsets('timed')).toEqual([{ partition: 0, offset: '3', high: '3', low: '0' }]);
    expect(await admin.fetchTopicOffsetsByTimestamp('timed', t0 + 500)).toEqual([{ partition: 0, offset: '1' }]);
    expect(await admin.fetchTopicOffsetsByTimestamp('timed', t0 + 2000)).toEqual([{ partition: 0, offset: '2' }]);
    // Past the last record the broker answers -1 and kafkajs falls back to the high watermark.
    expect(await admin.fetchTopicOffsetsByTimestamp('timed', t0 + 5000)).toEqual([{ partition: 0, offset: '3' }]);
  });

  it('finds a record by timestamp inside a multi-record gzip batch', async () => {
    const t0 = Date.UTC(2025, 5, 1);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'timed-batch',
      compression: kafkajs.CompressionTypes.GZIP,
      messages: [0, 1, 2, 3].map((i) => ({ value: `m${i}`, timestamp: String(t0 + i * 1000) })),
    });
    await producer.disconnect();
    expect(await admin.fetchTopicOffsetsByTimestamp('timed-batch', t0 + 2500)).toEqual([{ partition: 0, offset: '3' }]);
  });

  it('creates a topic on first use when auto-creation is on', async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic: 'auto.created', messages: [{ value: 'x' }] });
    await producer.disconnect();
    expect(broker.topicNames()).toContain('auto.created');
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION when auto-creation is off', async () => {
    const strict = await startTestBroker({ autoCreateTopics: false });
    const strictAdmin = clientFor(strict, 'strict-admin').admin();
    await strictAdmin.connect();
    try {
      await expect(strictAdmin.fetchTopicMetadata({ topics: ['missing'] })).rejects.toThrow(
        /does not host this topic-partition/,
      );
      expect(strict.topicNames()).toEqual([]);
    } finally {
      await strictAdmin.disconnect();
      await strict.stop();
    }
  });
});
