// kafkajs producers against the test broker: acks, compression, idempotence, retries on
// injected errors and delivery across a broker restart.
import kafkajs, { type Kafka as KafkaClient, type Producer } from 'kafkajs';
import { ErrorCode, startTestBroker, type TestBroker } from '../../support/kafka-broker/index.js';

const { Kafka, logLevel, CompressionTypes } = kafkajs;

describe('Kafka test broker: kafkajs producer', () => {
  let broker: TestBroker;
  let kafka: KafkaClient;
  const producers: Producer[] = [];

  async function connectedProducer(config: Parameters<KafkaClient['producer']>[0] = {}): Promise<Producer> {
    const producer = kafka.producer({ allowAutoTopicCreation: true, ...config });
    await producer.connect();
    producers.push(producer);
    return producer;
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    kafka = new Kafka({
      clientId: 'producer-spec',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 50, retries: 5 },
    });
  });

  afterEach(async () => {
    broker.clearInjectedErrors();
    await Promise.all(producers.splice(0).map((p) => p.disconnect()));
  });

  afterAll(async () => {
    await broker.stop();
  });

  it('delivers with acks=-1 and the broker reads back keys, values and headers', async () => {
    const producer = await connectedProducer();
    const [metadata] = await producer.send({
      topic: 'acks-all',
      acks: -1,
      messages: [
        { key: 'acct-1', value: '{"amountFen":"100"}', headers: { 'trace-id': 't-1', source: Buffer.from([1, 2]) } },
        { key: null, value: 'second' },
      ],
    });
    expect(metadata).toMatchObject({ topicName: 'acks-all', partition: 0, errorCode: 0, baseOffset: '0' });

    const messages = broker.producedMessages('acks-all');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ partition: 0, offset: 0, compression: 'none' });
    expect(messages[0].key?.toString()).toBe('acct-1');
    expect(messages[0].value?.toString()).toBe('{"amountFen":"100"}');
    expect(messages[0].headers.map((h) => [h.key, h.value])).toEqual([
      ['trace-id', Buffer.from('t-1')],
      ['source', Buffer.from([1, 2])],
    ]);
    expect(messages[1]).toMatchObject({ offset: 1, key: null });
  });

  it('delivers with acks=1', async () => {
    const producer = await connectedProducer();
    await producer.send({ topic: 'acks-one', acks: 1, messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.send({ topic: 'acks-one', acks: 1, messages: [{ value: 'c' }] });
    expect(broker.producedMessages('acks-one').map((m) => [m.offset, m.value?.toString()])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
  });

  it('stores gzip batches as sent and still reads their records back', async () => {
    const producer = await connectedProducer();
    const values = Array.from({ length: 50 }, (_, i) => `gzip-${i}-${'x'.repeat(i)}`);
    await producer.send({
      topic: 'gzipped',
      compression: CompressionTypes.GZIP,
      messages: values.map((value, i) => ({ key: `k${i}`, value })),
    });
    const messages = broker.producedMessages('gzipped');
    expect(messages.map((m) => m.compression)).toEqual(values.map(() => 'gzip'));
    expect(messages.map((m) => m.value?.toString())).toEqual(values);
    expect(messages.map((m) => m.offset)).toEqual(values.map((_, i) => i));
  });

  it('keeps partitions apart and assigns offsets per partition', async () => {
    broker.createTopic('three-partitions', 3);
    const producer = await connectedProducer();
    await producer.send({
      topic: 'three-partitions',
      messages: [0, 1, 2, 0, 1, 0].map((partition, i) => ({ partition, value: `m${i}` })),
    });
    expect(broker.endOffsets('three-partitions')).toEqual([3, 2, 1]);
    expect(broker.producedMessages('three-partitions', 1).map((m) => [m.offset, m.value?.toString()])).toEqual([
      [0, 'm1'],
      [1, 'm4'],
    ]);
  });

  it('gives an idempotent producer an id and sequence numbers', async () => {
    const producer = await connectedProducer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.send({ topic: 'idempotent', messages: [{ value: 'one' }] });
    await producer.send({ topic: 'idempotent', messages: [{ value: 'two' }, { value: 'three' }] });
    expect(broker.requestCount('InitProducerId')).toBeGreaterThanOrEqual(1);
    expect(broker.producedMessages('idempotent').map((m) => m.value?.toString())).toEqual(['one', 'two', 'three']);
  });

  it('stores concurrent sends of an idempotent producer with five requests in flight once each', async () => {
    broker.createTopic('in-flight', 2);
    // The same settings as the application's producer.
    const producer = await connectedProducer({ idempotent: true, maxInFlightRequests: 5 });
    const values = Array.from({ length: 20 }, (_, i) => `v${i}`);
    await Promise.all(values.map((value, i) => producer.send({ topic: 'in-flight', messages: [{ partition: i % 2, value }] })));
    const stored = broker.producedMessages('in-flight').map((m) => m.value?.toString() ?? '');
    expect(stored.sort()).toEqual([...values].sort());
  });

  it('retries a produce answered NOT_LEADER_FOR_PARTITION until it is accepted', async () => {
    broker.createTopic('retry-not-leader', 1);
    const producer = await connectedProducer();
    const before = broker.requestCount('Produce');
    broker.injectError('Produce', ErrorCode.NOT_LEADER_FOR_PARTITION, 3);
    await producer.send({ topic: 'retry-not-leader', messages: [{ value: 'survives' }] });
    expect(broker.requestCount('Produce') - before).toBe(4);
    expect(broker.producedMessages('retry-not-leader').map((m) => m.value?.toString())).toEqual(['survives']);
  });

  it('retries a produce answered REQUEST_TIMED_OUT until it is accepted', async () => {
    broker.createTopic('retry-timeout', 1);
    const producer = await connectedProducer({ idempotent: true, maxInFlightRequests: 1 });
    broker.injectError('Produce', ErrorCode.REQUEST_TIMED_OUT, 2);
    await producer.send({ topic: 'retry-timeout', messages: [{ value: 'late but once' }] });
    expect(broker.producedMessages('retry-timeout').map((m) => m.value?.toString())).toEqual(['late but once']);
  });

  it('deduplicates the retry of an idempotent batch the broker had already stored', async () => {
    broker.createTopic('dedup', 1);
    const producer = await connectedProducer({ idempotent: true, maxInFlightRequests: 1 });
    broker.injectError('Produce', ErrorCode.NOT_LEADER_FOR_PARTITION, 1, { applyRequest: true });
    await producer.send({ topic: 'dedup', messages: [{ value: 'exactly once' }] });
    await producer.send({ topic: 'dedup', messages: [{ value: 'next' }] });
    expect(broker.producedMessages('dedup').map((m) => m.value?.toString())).toEqual(['exactly once', 'next']);
  });

  it('duplicates that batch when the producer is not idempotent (at-least-once)', async () => {
    broker.createTopic('no-dedup', 1);
    const producer = await connectedProducer();
    broker.injectError('Produce', ErrorCode.NOT_LEADER_FOR_PARTITION, 1, { applyRequest: true });
    await producer.send({ topic: 'no-dedup', messages: [{ value: 'twice' }] });
    expect(broker.producedMessages('no-dedup').map((m) => m.value?.toString())).toEqual(['twice', 'twice']);
  });

  it('fails the send on an injected non-retriable error', async () => {
    broker.createTopic('too-large', 1);
    const producer = await connectedProducer();
    broker.injectError('Produce', ErrorCode.MESSAGE_TOO_LARGE, 1);
    await expect(producer.send({ topic: 'too-large', messages: [{ value: 'big' }] })).rejects.toThrow(
      /larger than the max message size/,
    );
    expect(broker.producedMessages('too-large')).toEqual([]);
  });

  it('delivers after a broker restart on the same port, keeping what was stored before', async () => {
    broker.createTopic('restart', 1);
    const producer = await connectedProducer();
    await producer.send({ topic: 'restart', messages: [{ value: 'before' }] });
    const port = broker.port;

    await broker.restart();
    expect(broker.port).toBe(port);
    await producer.send({ topic: 'restart', messages: [{ value: 'after' }] });

    // Down while the producer sends: the send retries until the broker is back.
    await broker.stop();
    const sending = producer.send({ topic: 'restart', messages: [{ value: 'while down' }] });
    setTimeout(() => void broker.restart(), 200);
    await sending;
    expect(broker.producedMessages('restart').map((m) => m.value?.toString())).toEqual(['before', 'after', 'while down']);
  });
});
