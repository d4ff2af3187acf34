// kafkajs consumers against the test broker: eachMessage, eachBatch, committed offsets, seek,
// pause/resume, recovery from OFFSET_OUT_OF_RANGE and from a broker restart.
import kafkajs, { type Consumer, type ConsumerConfig, type Kafka as KafkaClient, type Producer } from 'kafkajs';
import { ApiKey, RawKafkaClient, startTestBroker, waitFor, type TestBroker } from '../../support/kafka-broker/index.js';
import { ByteWriter } from '../../support/kafka-broker/protocol/byte-writer.js';

const { Kafka, logLevel } = kafkajs;

interface Seen {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
}

describe('Kafka test broker: kafkajs consumer', () => {
  let broker: TestBroker;
  let kafka: KafkaClient;
  let producer: Producer;
  const consumers: Consumer[] = [];
  let groupCounter = 0;

  function nextGroupId(): string {
    groupCounter += 1;
    return `consumer-spec-${groupCounter}`;
  }

  async function connectedConsumer(config: Partial<ConsumerConfig> & { groupId: string }): Promise<Consumer> {
    const consumer = kafka.consumer({
      sessionTimeout: 6000,
      rebalanceTimeout: 6000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 100,
      retry: { initialRetryTime: 50, retries: 10 },
      ...config,
    });
    await consumer.connect();
    consumers.push(consumer);
    return consumer;
  }

  async function produce(topic: string, messages: { key?: string; value: string; partition?: number }[]): Promise<void> {
    await producer.send({ topic, messages });
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    kafka = new Kafka({
      clientId: 'consumer-spec',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 50, retries: 10 },
    });
    producer = kafka.producer();
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.disconnect()));
  });

  afterAll(async () => {
    await producer.disconnect();
    await broker.stop();
  });

  it('delivers messages to eachMessage in partition order and auto-commits them', async () => {
    broker.createTopic('each-message', 2);
    await produce('each-message', [
      { key: 'a', value: 'a0', partition: 0 },
      { key: 'b', value: 'b0', partition: 1 },
      { key: 'a', value: 'a1', partition: 0 },
      { key: 'a', value: 'a2', partition: 0 },
    ]);
    const groupId = nextGroupId();
    const consumer = await connectedConsumer({ groupId });
    const seen: Seen[] = [];
    await consumer.subscribe({ topics: ['each-message'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.push({
          partition,
          offset: Number(message.offset),
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
        });
      },
    });
    await waitFor(() => seen.length === 4, { description: 'four messages' });
    expect(seen.filter((s) => s.partition === 0).map((s) => s.value)).toEqual(['a0', 'a1', 'a2']);
    expect(seen.filter((s) => s.partition === 1)).toEqual([{ partition: 1, offset: 0, key: 'b', value: 'b0' }]);
    await waitFor(
      () => broker.committedOffset(groupId, 'each-message', 0) === 3 && broker.committedOffset(groupId, 'each-message', 1) === 1,
      { description: 'auto-commit of both partitions' },
    );
  });

  it('passes headers through to the consumer', async () => {
    broker.createTopic('headers', 1);
    await producer.send({ topic: 'headers', messages: [{ value: 'v', headers: { 'event-type': 'TransferSeen' } }] });
    const consumer = await connectedConsumer({ groupId: nextGroupId() });
    const headers: string[] = [];
    await consumer.subscribe({ topics: ['headers'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        headers.push(String(message.headers?.['event-type']));
      },
    });
    await waitFor(() => headers.length === 1, { description: 'one message' });
    expect(headers).toEqual(['TransferSeen']);
  });

  it('delivers batches to eachBatch and stores offsets committed by hand', async () => {
    broker.createTopic('each-batch', 1);
    await produce('each-batch', ['x0', 'x1', 'x2', 'x3', 'x4'].map((value) => ({ value })));
    const groupId = nextGroupId();
    const consumer = await connectedConsumer({ groupId });
    const values: string[] = [];
    await consumer.subscribe({ topics: ['each-batch'], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        for (const message of batch.messages) values.push(message.value?.toString() ?? '');
        await heartbeat();
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) },
        ]);
      },
    });
    await waitFor(() => values.length === 5, { description: 'five messages' });
    expect(values).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    await waitFor(() => broker.committedOffset(groupId, 'each-batch', 0) === 5, { description: 'manual commit' });
  });

  it('resumes a group from its committed offset', async () => {
    broker.createTopic('resume', 1);
    await produce('resume', [{ value: 'old-0' }, { value: 'old-1' }, { value: 'old-2' }]);
    const groupId = nextGroupId();
    const first = await connectedConsumer({ groupId });
    const firstSeen: string[] = [];
    await first.subscribe({ topics: ['resume'], fromBeginning: true });
    await first.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        firstSeen.push(message.value?.toString() ?? '');
        if (firstSeen.length === 2) await first.commitOffsets([{ topic: 'resume', partition: 0, offset: '2' }]);
      },
    });
    await waitFor(() => broker.committedOffset(groupId, 'resume', 0) === 2, { description: 'commit of offset 2' });
    await first.disconnect();

    await produce('resume', [{ value: 'new-3' }]);
    const second = await connectedConsumer({ groupId });
    const secondSeen: string[] = [];
    await second.subscribe({ topics: ['resume'], fromBeginning: true });
    await second.run({
      eachMessage: async ({ message }) => {
        secondSeen.push(message.value?.toString() ?? '');
      },
    });
    await waitFor(() => secondSeen.length === 2, { description: 'messages after the committed offset' });
    expect(secondSeen).toEqual(['old-2', 'new-3']);
  });

  it('reads again from an offset given to seek', async () => {
    broker.createTopic('seek', 1);
    await produce('seek', ['s0', 's1', 's2', 's3'].map((value) => ({ value })));
    const consumer = await connectedConsumer({ groupId: nextGroupId() });
    const seen: number[] = [];
    await consumer.subscribe({ topics: ['seek'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(Number(message.offset));
      },
    });
    await waitFor(() => seen.length === 4, { description: 'first pass' });
    consumer.seek({ topic: 'seek', partition: 0, offset: '1' });
    await waitFor(() => seen.length === 7, { description: 'second pass from offset 1' });
    expect(seen).toEqual([0, 1, 2, 3, 1, 2, 3]);
  });

  it('holds back a paused partition while the others flow, and delivers it on resume', async () => {
    broker.createTopic('pause', 2);
    const consumer = await connectedConsumer({ groupId: nextGroupId() });
    const seen: string[] = [];
    await consumer.subscribe({ topics: ['pause'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value?.toString() ?? '');
      },
    });
    await produce('pause', [{ value: 'warm-up', partition: 1 }]);
    await waitFor(() => seen.includes('warm-up'), { description: 'consumer running' });

    consumer.pause([{ topic: 'pause', partitions: [0] }]);
    // Let a fetch that may have started before the pause finish, so the next ones exclude p0.
    const fetches = broker.requestCount('Fetch');
    await waitFor(() => broker.requestCount('Fetch') >= fetches + 2, { description: 'fetches after pause' });
    await produce('pause', [{ value: 'held', partition: 0 }]);
    await produce('pause', [{ value: 'flows', partition: 1 }]);
    await waitFor(() => seen.includes('flows'), { description: 'unpaused partition' });
    expect(seen).not.toContain('held');
    expect(consumer.paused()).toEqual([{ topic: 'pause', partitions: [0] }]);

    consumer.resume([{ topic: 'pause', partitions: [0] }]);
    await waitFor(() => seen.includes('held'), { description: 'resumed partition' });
  });

  it('recovers from OFFSET_OUT_OF_RANGE by resetting to the earliest offset', async () => {
    broker.createTopic('out-of-range', 1);
    await produce('out-of-range', [{ value: 'r0' }, { value: 'r1' }]);
    const groupId = nextGroupId();
    // A commit outside group management (generation -1), as kafkajs admin.setOffsets sends; the
    // admin call itself needs DescribeGroups, which the broker does not offer.
    const client = await RawKafkaClient.connect(broker.port);
    const commit = new ByteWriter()
      .string(groupId)
      .int32(-1)
      .string('')
      .array(['out-of-range'], (w, topic) => w.string(topic).array([0], (pw, p) => pw.int32(p).int64(100).nullableString(null)))
      .toBuffer();
    await client.request(ApiKey.OffsetCommit, 5, commit);
    await client.close();
    expect(broker.committedOffset(groupId, 'out-of-range', 0)).toBe(100);

    const consumer = await connectedConsumer({ groupId });
    const seen: string[] = [];
    await consumer.subscribe({ topics: ['out-of-range'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value?.toString() ?? '');
      },
    });
    await waitFor(() => seen.length === 2, { description: 'messages after the reset' });
    expect(seen).toEqual(['r0', 'r1']);
  });

  it('starts at the end of the log when not reading from the beginning', async () => {
    broker.createTopic('from-end', 1);
    await produce('from-end', [{ value: 'history' }]);
    const consumer = await connectedConsumer({ groupId: nextGroupId() });
    const seen: string[] = [];
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await consumer.subscribe({ topics: ['from-end'], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value?.toString() ?? '');
      },
    });
    await waitFor(() => joined, { description: 'group join' });
    // The start offset is resolved after the join, so keep producing until one arrives.
    await waitFor(
      async () => {
        await produce('from-end', [{ value: 'live' }]);
        return seen.includes('live');
      },
      { description: 'a live message', intervalMs: 200 },
    );
    expect(seen).not.toContain('history');
  });

  it('reconnects after its connections are dropped and keeps consuming', async () => {
    broker.createTopic('dropped', 1);
    const groupId = nextGroupId();
    const consumer = await connectedConsumer({ groupId });
    const seen: string[] = [];
    await consumer.subscribe({ topics: ['dropped'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value?.toString() ?? '');
      },
    });
    await produce('dropped', [{ value: 'one' }]);
    await waitFor(() => broker.committedOffset(groupId, 'dropped', 0) === 1, { description: 'first commit' });

    expect(broker.dropConnections({ clientId: 'no-such-client' })).toBe(0);
    expect(broker.dropConnections({ clientId: /^consumer-spec$/ })).toBeGreaterThan(0);
    await produce('dropped', [{ value: 'two' }]);
    await waitFor(() => seen.includes('two'), { description: 'message after the drop' });
    expect(seen).toEqual(['one', 'two']);
  });

  it('keeps consuming across a broker restart, with the log and commits intact', async () => {
    broker.createTopic('restart-consume', 1);
    await produce('restart-consume', [{ value: 'before' }]);
    const groupId = nextGroupId();
    const consumer = await connectedConsumer({ groupId });
    const seen: string[] = [];
    await consumer.subscribe({ topics: ['restart-consume'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value?.toString() ?? '');
      },
    });
    await waitFor(() => broker.committedOffset(groupId, 'restart-consume', 0) === 1, { description: 'first commit' });

    await broker.restart();
    expect(broker.committedOffset(groupId, 'restart-consume', 0)).toBe(1);
    await produce('restart-consume', [{ value: 'after' }]);
    await waitFor(() => seen.includes('after'), { description: 'delivery after restart' });
    expect(seen).toEqual(['before', 'after']);
  });
});
