// Cross-check with an independent client: kcat (librdkafka) and kafkajs must agree with each other
// through the test broker. librdkafka starts with ApiVersions v3 and must negotiate down.
import { execFile, spawnSync } from 'node:child_process';
import kafkajs, { type Kafka as KafkaClient } from 'kafkajs';
import { ErrorCode, startTestBroker, waitFor, type TestBroker } from '../../support/kafka-broker/index.js';

const { Kafka, logLevel, CompressionTypes } = kafkajs;

const hasKcat = spawnSync('kcat', ['-V']).status === 0;
if (!hasKcat) {
  console.warn('kcat is not on PATH: skipping the kcat cross-check of the Kafka test broker (apt-get install kcat).');
}
// Chosen at load time; CI installs kcat, so there the suite always runs.
const describeWithKcat: typeof describe = hasKcat ? describe : Reflect.get(describe, 'skip');

function kcat(args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kcat', [...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`kcat ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
    child.stdin?.end(input ?? '');
  });
}

describeWithKcat('Kafka test broker: kcat cross-check', () => {
  let broker: TestBroker;
  let kafka: KafkaClient;
  let bootstrap: string;

  beforeAll(async () => {
    broker = await startTestBroker();
    bootstrap = broker.brokers.join(',');
    kafka = new Kafka({ clientId: 'kcat-spec', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  });

  afterAll(async () => {
    await broker.stop();
  });

  async function consumeWithKafkajs(topic: string, count: number, groupId: string) {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 6000 });
    const seen: { key: string | null; value: string | null; headers: Record<string, string> }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
        },
      });
      await waitFor(() => seen.length >= count, { description: `${count} messages from ${topic}` });
    } finally {
      await consumer.disconnect();
    }
    return seen;
  }

  it('kcat produces (plain and gzip) and kafkajs consumes', async () => {
    const apiVersionsBefore = broker.requestCount('ApiVersions');
    await kcat(['-P', '-b', bootstrap, '-t', 'from-kcat', '-K', ':', '-H', 'origin=kcat'], 'acct-1:opened\nacct-2:closed\n');
    // librdkafka sends a batch uncompressed when gzip would not make it smaller, so repeat.
    const zipped = ['zipped-1-' + 'r'.repeat(300), 'zipped-2-' + 'r'.repeat(300)];
    await kcat(['-P', '-b', bootstrap, '-t', 'from-kcat', '-z', 'gzip'], `${zipped.join('\n')}\n`);
    // librdkafka asked ApiVersions v3 first, got UNSUPPORTED_VERSION, and retried.
    expect(broker.requestCount('ApiVersions') - apiVersionsBefore).toBeGreaterThanOrEqual(4);

    expect(broker.producedMessages('from-kcat').map((m) => m.compression)).toEqual(['none', 'none', 'gzip', 'gzip']);
    const seen = await consumeWithKafkajs('from-kcat', 4, 'kcat-to-kafkajs');
    expect(seen).toEqual([
      { key: 'acct-1', value: 'opened', headers: { origin: 'kcat' } },
      { key: 'acct-2', value: 'closed', headers: { origin: 'kcat' } },
      { key: null, value: zipped[0], headers: {} },
      { key: null, value: zipped[1], headers: {} },
    ]);
  }, 60_000);

  it('kafkajs produces and kcat consumes', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'from-kafkajs',
      messages: [{ key: 'k1', value: 'plain', headers: { origin: 'kafkajs' } }],
    });
    await producer.send({
      topic: 'from-kafkajs',
      compression: CompressionTypes.GZIP,
      messages: [
        { key: 'k2', value: 'gzip-a' },
        { key: 'k3', value: 'gzip-b' },
      ],
    });
    await producer.send({ topic: 'from-kafkajs', messages: [{ key: 'k4', value: 'last' }] });
    await producer.disconnect();

    const output = await kcat([
      '-C', '-b', bootstrap, '-t', 'from-kafkajs', '-o', 'beginning', '-c', '4', '-e', '-f', '%o|%k|%s|%h\\n',
    ]);
    expect(output.trim().split('\n')).toEqual(['0|k1|plain|origin=kafkajs', '1|k2|gzip-a|', '2|k3|gzip-b|', '3|k4|last|']);
  }, 60_000);

  it('kcat commits as a group member and kafkajs resumes that group where kcat stopped', async () => {
    broker.createTopic('group-handover', 2);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'group-handover',
      messages: [0, 1, 2, 3, 4, 5].map((i) => ({ partition: i % 2, value: `first-${i}` })),
    });
    await producer.disconnect();

    const output = await kcat([
      '-b', bootstrap, '-G', 'handover', '-X', 'session.timeout.ms=6000', '-o', 'beginning', '-e', '-f', '%s\\n',
      'group-handover',
    ]);
    expect(output.trim().split('\n').sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `first-${i}`).sort());
    expect([broker.committedOffset('handover', 'group-handover', 0), broker.committedOffset('handover', 'group-handover', 1)]).toEqual([3, 3]);
    expect(broker.describeGroup('handover')?.members).toEqual([]);

    const late = kafka.producer();
    await late.connect();
    await late.send({ topic: 'group-handover', messages: [{ partition: 1, value: 'second' }] });
    await late.disconnect();
    const seen = await consumeWithKafkajs('group-handover', 1, 'handover');
    expect(seen.map((m) => m.value)).toEqual(['second']);
  }, 60_000);

  it('kcat sees an injected error and retries like any client', async () => {
    broker.createTopic('kcat-retry', 1);
    broker.injectError('Produce', ErrorCode.NOT_LEADER_FOR_PARTITION, 2);
    await kcat(['-P', '-b', bootstrap, '-t', 'kcat-retry', '-X', 'retry.backoff.ms=50'], 'persistent\n');
    expect(broker.producedMessages('kcat-retry').map((m) => m.value?.toString())).toEqual(['persistent']);
  }, 60_000);
});
