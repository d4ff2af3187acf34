// Runs the Kafka test broker as a process, for local runs of the app without a real Kafka:
//
//   npm run kafka:test-broker -- --port 9092
//   KAFKA_BROKERS=127.0.0.1:9092 npm run start:dev
//
// Everything lives in memory and is lost when the process ends.
import { parseArgs } from 'node:util';
import { KafkaTestBroker } from './broker/kafka-test-broker.js';

const USAGE = `Usage: npm run kafka:test-broker -- [options]

  --port <n>                 port to listen on (default 9092; 0 picks a free one)
  --host <addr>              address to listen on (default 127.0.0.1)
  --advertised-host <addr>   host given to clients in metadata (default: --host)
  --partitions <n>           partitions of auto-created topics (default 1)
  --topic <name[:n]>         create a topic at start (repeatable)
  --no-auto-create           answer UNKNOWN_TOPIC_OR_PARTITION instead of creating topics
  --min-session-timeout <ms> smallest consumer session timeout accepted (default 6000)
  --verbose                  log closed connections and rejected batches
  --help`;

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'advertised-host': { type: 'string' },
      partitions: { type: 'string' },
      topic: { type: 'string', multiple: true },
      'no-auto-create': { type: 'boolean' },
      'min-session-timeout': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const defaultPartitions = positiveInteger(values.partitions, '--partitions', 1);
  const topics = (values.topic ?? []).map((spec) => {
    const [name, partitions] = spec.split(':');
    return { name, partitions: positiveInteger(partitions, `--topic ${spec}`, defaultPartitions) };
  });
  const broker = new KafkaTestBroker({
    port: positiveInteger(values.port, '--port', 9092),
    host: values.host ?? '127.0.0.1',
    advertisedHost: values['advertised-host'],
    defaultPartitions,
    autoCreateTopics: !values['no-auto-create'],
    minSessionTimeoutMs: positiveInteger(values['min-session-timeout'], '--min-session-timeout', 6000),
    topics,
    log: values.verbose ? (line) => console.log(`[kafka-test-broker] ${line}`) : undefined,
  });
  await broker.start();
  console.log(
    `Kafka test broker listening on ${broker.host}:${broker.port} (node ${broker.nodeId}); ` +
      `point clients at KAFKA_BROKERS=${broker.brokers.join(',')}`,
  );
  const shutdown = (): void => {
    void broker.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
