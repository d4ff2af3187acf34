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
  --advertised-host <addr>   host given to clients in metadata (default: --host,
                             or 127.0.0.1 when --host is 0.0.0.0 or ::)
  --partitions <n>           partitions of auto-created topics (default 1)
  --topic <name[:n]>         create a topic at start (repeatable)
  --no-auto-create           answer UNKNOWN_TOPIC_OR_PARTITION instead of creating topics
  --min-session-timeout <ms> smallest consumer session timeout accepted (default 6000)
  --verbose                  log closed connections and rejected batches
  --help`;

function integerOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`${name} must be an integer >= ${min}, got "${value}"`);
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
  const defaultPartitions = integerOption(values.partitions, '--partitions', 1, 1);
  const topics = (values.topic ?? []).map((spec) => {
    const [name, partitions] = spec.split(':');
    return { name, partitions: integerOption(partitions, `--topic ${spec}`, defaultPartitions, 1) };
  });
  const host = values.host ?? '127.0.0.1';
  const listensEverywhere = host === '0.0.0.0' || host === '::';
  const broker = new KafkaTestBroker({
    port: integerOption(values.port, '--port', 9092, 0),
    host,
    // Clients cannot connect to a wildcard address, so tell them the loopback one.
    advertisedHost: values['advertised-host'] ?? (listensEverywhere ? '127.0.0.1' : undefined),
    defaultPartitions,
    autoCreateTopics: !values['no-auto-create'],
    minSessionTimeoutMs: integerOption(values['min-session-timeout'], '--min-session-timeout', 6000, 1),
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
