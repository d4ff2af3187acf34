/**
 * npm run bench:stream
 *
 * Transfer-stream detection (issue 6), three parts:
 *
 * 1. In process, one core: the detection engine with every detector on (windows, all eleven
 *    detectors, the victim-warning lookup) over a seeded day of mixed traffic; events are built
 *    outside the timed section. Also the per-event cost of the Kafka entry check (JSON.parse,
 *    the class-validator DTO, toInternalEvent), which the end-to-end path pays before detection.
 *    Target: at least 200,000 events/s.
 * 2. End to end through kafkajs and the Kafka test broker: the broker and the service (the
 *    compiled dist, `node dist/main.js`, on a scratch PostgreSQL) each in a child process; this
 *    process produces to `transfers` and reads `risk.alerts`.
 *    - baseline: a bare kafkajs consumer reading the same messages (no processing), measured
 *      in the same run on the same broker;
 *    - throughput: N events put in the topic before the service starts, then drained: from the
 *      group's first commit until every event is committed (detected, alerts and progress
 *      durable). Target: at least 20,000/s;
 *    - alert latency: a steady offered rate with injected fan-in patterns; latency is from the
 *      send of the event that completes a pattern to the alert's arrival on `risk.alerts`.
 *      Target: p99 at most 1 s.
 * 3. Memory for 1,000,000 active accounts with the default windows (a child process with
 *    --expose-gc): heap used plus array buffers, after GC, minus the same before.
 *    Target: at most 1.5 GB.
 *
 * Options (environment): BENCH_ENGINE_EVENTS (1000000), BENCH_E2E_EVENTS (200000),
 * BENCH_LATENCY_RATE (events/s; default half the measured throughput, at most 20,000),
 * BENCH_LATENCY_SECONDS (20), BENCH_MEMORY_ACCOUNTS
 * (1000000), BENCH_PARTS (e.g. "1,3" to skip the end-to-end part), BENCH_SERVICE_NODE_ARGS
 * (Node options for the service process alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to
 * profile it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import { DetectionEngine } from '../src/domain/detection/detection-engine.js';
import { DAY_MS, formatChinaTime } from '../src/domain/detection/event-time.js';
import type { TransferEvent, TransferEventJson } from '../src/domain/detection/transfer-event.js';
import { residentIdCheckChar } from '../src/domain/identity/national-id.js';
import { checkTransferMessage } from '../src/modules/transfers/transfer-event.validation.js';
import { startNodeOptions } from './support/node-options.js';
import { postgresCpuSeconds } from './support/cpu.js';
import { BENCH_OPERATOR_KEY, scratchPostgres } from './support/servers.js';
import { mulberry32 } from '../scripts/simulate/random.js';

const { Kafka, logLevel } = kafkajs;
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const parts = (process.env['BENCH_PARTS'] ?? '1,2,3').split(',');
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const T0 = Date.parse('2025-03-03T00:00:00+08:00');
const BANKS = ['102100099996', '103100000026', '104100000004', '105100000017', '301290000007', '308584000013'];

interface Party {
  bankCode: string;
  accountNumber: string;
  idNumber?: string;
}

function account(i: number): Party {
  const p: Party = { bankCode: BANKS[i % BANKS.length]!, accountNumber: `62220${String(i).padStart(12, '0')}` };
  // A third of the accounts carry the holder's ID number (unique, valid), so person windows and ages work too.
  if (i % 3 === 0) {
    const birth = `${1950 + (i % 50)}${String(1 + (Math.floor(i / 50) % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 600) % 28)).padStart(2, '0')}`;
    const body = `110105${birth}${String(Math.floor(i / 16800) % 1000).padStart(3, '0')}`;
    p.idNumber = body + residentIdCheckChar(body);
  }
  return p;
}

/**
 * A day of traffic over `accounts` accounts: 80% transfers, 10% payments to 1,000 merchants,
 * 10% cash, amounts log-uniform CNY 10-20,000, a little disorder; event `i` at T0 + i * span / n.
 */
function* traffic(n: number, accounts: number, seed: number, prefix: string): Generator<TransferEventJson> {
  const rnd = mulberry32(seed);
  for (let i = 0; i < n; i++) {
    let at = T0 + Math.floor((i * DAY_MS) / n);
    if (rnd() < 0.05) at -= Math.floor(rnd() * 20_000);
    const amount = Math.exp(Math.log(10) + rnd() * Math.log(2000)).toFixed(2);
    const a = account(Math.floor(rnd() * accounts));
    let b = account(Math.floor(rnd() * accounts));
    if (b.accountNumber === a.accountNumber) b = account((Number(a.accountNumber.slice(5)) + 1) % accounts);
    const r = rnd();
    const base = { eventId: `${prefix}-${i}`, occurredAt: formatChinaTime(at), amount, currency: 'CNY' };
    if (r < 0.8) yield { ...base, type: 'TRANSFER', channel: 'MOBILE', debtor: a, creditor: b, terminal: { deviceId: `d${i % 50_000}` } };
    else if (r < 0.9) yield { ...base, type: 'PAYMENT', channel: 'POS', debtor: a, creditor: account(Math.floor(rnd() * 1000)) };
    else yield { ...base, type: 'CASH_WITHDRAWAL', channel: 'ATM', debtor: a, terminal: { atmId: `ATM${Math.floor(rnd() * 5000)}`, regionCode: ['110105', '310104', '440305'][i % 3]! } };
  }
}

/** Internal events built directly (no JSON), for the engine and memory parts. */
function internalOf(j: TransferEventJson): TransferEvent {
  const cents = Math.round(Number(j.amount) * 100);
  return {
    eventId: j.eventId,
    occurredAtMs: Date.parse(j.occurredAt),
    type: j.type,
    channel: j.channel,
    amountFen: cents,
    currency: 'CNY',
    ...(j.debtor ? { debtor: j.debtor } : {}),
    ...(j.creditor ? { creditor: j.creditor } : {}),
    terminal: j.terminal ?? {},
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------- part 1

function partEngine(): void {
  const n = env('BENCH_ENGINE_EVENTS', 1_000_000);
  const accounts = 200_000;
  const listed = new Set<string>();
  for (let i = 0; i < accounts; i += 997) listed.add(`${account(i).bankCode}:${account(i).accountNumber}`);
  const engine = new DetectionEngine(undefined, {
    isListed: (c) => listed.has(`${c.bankCode}:${c.accountNumber}`),
    accountOpenedAt: (k) => (k.endsWith('17') ? T0 - 5 * DAY_MS : undefined),
    lastActivityBefore: (k) => (k.endsWith('33') ? T0 - 200 * DAY_MS : T0 - DAY_MS),
  });
  let busyNs = 0n;
  let cpuUs = 0;
  let findings = 0;
  const chunk: TransferEvent[] = [];
  const run = (): void => {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < chunk.length; i++) findings += engine.process(chunk[i]!).findings.length;
    busyNs += process.hrtime.bigint() - start;
    const used = process.cpuUsage(cpu);
    cpuUs += used.user + used.system;
    chunk.length = 0;
  };
  for (const j of traffic(n, accounts, 1, 'eng')) {
    chunk.push(internalOf(j));
    if (chunk.length === 5000) run();
  }
  run();
  const s = Number(busyNs) / 1e9;
  const st = engine.stats();
  console.log(`engine (every detector on): ${fmt(n)} events in ${s.toFixed(2)} s wall = ${fmt(n / s)} events/s; ${fmt(n / (cpuUs / 1e6))} events per CPU-second (target >= 200,000 on one core)`);
  console.log(`  ${fmt(accounts)} accounts, 24 h of event time; ${fmt(findings)} findings; windows ${fmt(st.accounts)} accounts + ${fmt(st.persons)} persons, ${fmt(st.entries)} entries`);

  const sample = [...traffic(100_000, accounts, 2, 'val')].map((j) => Buffer.from(JSON.stringify(j)));
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let ok = 0;
  for (const b of sample) if (checkTransferMessage(b).ok) ok++;
  const vs = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  console.log(
    `entry check (JSON.parse + the DTO's rules + toInternalEvent): ${fmt(sample.length / vs)} events/s wall, ${fmt(sample.length / ((used.user + used.system) / 1e6))} per CPU-second (${ok} of ${sample.length} valid)`,
  );
  console.log(`  machine: load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores (wall figures suffer when other work runs; CPU-second figures less so)`);
}

// ---------------------------------------------------------------------------- part 2

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}


/** A child that exited before the benchmark stopped it, with the end of its output. */
let childGone: Error | null = null;

function child(cmd: string, args: string[], extraEnv: Record<string, string>, ready: RegExp | null): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer): void => {
      out = (out + d.toString()).slice(-20_000);
      if (ready && ready.test(out)) resolve(p);
    };
    p.stdout!.on('data', onData);
    p.stderr!.on('data', onData);
    p.on('exit', (code, signal) => {
      const err = new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}: ${out.slice(-2000)}`);
      if (signal === null) childGone ??= err;
      reject(err);
    });
    if (!ready) resolve(p);
  });
}

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

async function waitUntil(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (childGone !== null) throw childGone;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Fan-in patterns mixed into a stream: every `every` events, a collector gets its next sender. */
function withFanIns(base: Generator<TransferEventJson>, every: number, prefix: string): Generator<TransferEventJson> {
  let k = 0;
  let collectors = 0;
  return (function* () {
    for (const e of base) {
      yield e;
      if (++k % every === 0) {
        const c = Math.floor(collectors / 10);
        const sender = collectors % 10;
        collectors++;
        yield {
          eventId: `${prefix}-fan-${c}-${sender}`,
          occurredAt: e.occurredAt,
          type: 'TRANSFER',
          channel: 'MOBILE',
          amount: '800.00',
          currency: 'CNY',
          debtor: { bankCode: BANKS[sender % BANKS.length]!, accountNumber: `63${prefix.length}${String(c).padStart(8, '0')}${sender}` },
          creditor: { bankCode: BANKS[0]!, accountNumber: `64${String(c).padStart(12, '0')}` },
        };
      }
    }
  })();
}

async function partEndToEnd(): Promise<void> {
  const brokerPort = await freePort();
  const servicePort = await freePort();
  const db = await scratchPostgres('bench_stream');
  const children: ChildProcess[] = [];
  const brokers = [`127.0.0.1:${brokerPort}`];
  try {
    children.push(await child(process.execPath, ['--import', 'tsx', 'test/support/kafka-broker/standalone.ts', '--port', String(brokerPort), '--topic', 'transfers:6', '--topic', 'risk.alerts:6', '--topic', 'transfers.dlq:6', '--topic', 'baseline:6'], {}, /listening/));
    const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const admin = kafka.admin();
    await admin.connect();
    const produce = async (topic: string, events: Iterable<TransferEventJson>, onBatch?: (ids: string[], at: number) => void, pace?: number): Promise<number> => {
      let batch: TransferEventJson[] = [];
      let sent = 0;
      const started = Date.now();
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const at = Date.now();
        onBatch?.(batch.map((e) => e.eventId), at);
        await producer.send({ topic, messages: batch.map((e) => ({ key: `${(e.debtor ?? e.creditor)!.bankCode}:${(e.debtor ?? e.creditor)!.accountNumber}`, value: JSON.stringify(e) })) });
        sent += batch.length;
        batch = [];
        if (pace) {
          const due = started + (sent / pace) * 1000;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
      };
      const size = pace ? Math.max(1, Math.round(pace / 20)) : 2000;
      for (const e of events) {
        batch.push(e);
        if (batch.length >= size) await flush();
      }
      await flush();
      return sent;
    };
    const committedAll = async (group: string, topic: string): Promise<boolean> => {
      const [ends, done] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: group, topics: [topic] })]);
      const c = new Map((done[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      return ends.every((e) => Number(e.high) === 0 || c.get(e.partition) === Number(e.high));
    };

    const n = env('BENCH_E2E_EVENTS', 200_000);

    // Baseline: a bare kafkajs consumer group reading the same kind of messages, no processing.
    await produce('baseline', traffic(n, 200_000, 3, 'base'));
    const bare = kafka.consumer({ groupId: 'bench-baseline', maxWaitTimeInMs: 100 });
    await bare.connect();
    await bare.subscribe({ topic: 'baseline', fromBeginning: true });
    let seen = 0;
    const bareStart = Date.now();
    await bare.run({ eachBatch: async ({ batch }) => void (seen += batch.messages.length) });
    await waitUntil(async () => seen >= n, 300_000, 'the baseline consumer');
    const bareRate = n / ((Date.now() - bareStart) / 1000);
    await bare.disconnect();

    // Throughput is measured on a backlog: the events are in the topic before the service starts,
    // so the figure is what the pipeline sustains, not what this process can produce.
    const producedStart = Date.now();
    const produced = await produce('transfers', withFanIns(traffic(n, 200_000, 4, 'thr'), 200, 'thr'));
    const productionRate = produced / ((Date.now() - producedStart) / 1000);
    const committedSum = async (): Promise<number> => {
      const done = await admin.fetchOffsets({ groupId: 'risk-transfers', topics: ['transfers'] });
      return (done[0]?.partitions ?? []).reduce((a, p) => a + Math.max(0, Number(p.offset)), 0);
    };

    // The service, with the broker's topics, on a scratch database.
    const service = await child(
      process.execPath,
      [...startNodeOptions(), ...(process.env['BENCH_SERVICE_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== ''), 'dist/main.js'],
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: brokers[0]!,
        PORT: String(servicePort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        BOOTSTRAP_ADMIN_PASSWORD: 'bench-admin-password-0123',
        BOOTSTRAP_API_KEY: BENCH_OPERATOR_KEY,
        TRANSFERS_TOPIC_PARTITIONS: '6',
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      null,
    );
    children.push(service);
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${servicePort}/health/ready`).catch(() => null))?.status === 200, 120_000, 'the service');

    // Alerts as they arrive on risk.alerts.
    const arrived = new Map<string, { at: number; eventIds: string[] }>();
    const alerts = kafka.consumer({ groupId: `bench-alerts-${Date.now()}`, maxWaitTimeInMs: 50 });
    await alerts.connect();
    await alerts.subscribe({ topic: 'risk.alerts', fromBeginning: true });
    await alerts.run({
      eachMessage: async ({ message }) => {
        const a = JSON.parse(message.value!.toString()) as { id: string; version: number; evidence: { eventIds: string[] } };
        if (!arrived.has(a.id)) arrived.set(a.id, { at: Date.now(), eventIds: a.evidence.eventIds });
      },
    });

    // Drain: from the first commit of the service's group until every event is committed.
    let first: { at: number; done: number } | null = null;
    let brokerCpu0 = NaN;
    let serviceCpu0 = NaN;
    let pgCpu0 = NaN;
    await waitUntil(async () => {
      const done = await committedSum();
      if (done > 0 && first === null) {
        first = { at: Date.now(), done };
        brokerCpu0 = cpuSecondsOf(children[0]!.pid);
        serviceCpu0 = cpuSecondsOf(service.pid);
        pgCpu0 = postgresCpuSeconds(db.name) ?? NaN;
      }
      return done >= produced;
    }, 600_000, 'the service to commit every event');
    const start = first as { at: number; done: number } | null;
    const drained = produced - (start?.done ?? 0);
    const seconds = (Date.now() - (start?.at ?? Date.now())) / 1000;
    const rate = drained / seconds;
    const serviceCpu = cpuSecondsOf(service.pid) - serviceCpu0;
    const brokerCpu = cpuSecondsOf(children[0]!.pid) - brokerCpu0;
    const pgCpu = (postgresCpuSeconds(db.name) ?? NaN) - pgCpu0;
    console.log(`end to end (kafkajs, test broker, service in its own process, PostgreSQL): ${fmt(drained)} events of a backlog in ${seconds.toFixed(1)} s = ${fmt(rate)} events/s (target >= 20,000)`);
    console.log(`  baseline, a bare kafkajs consumer on the same broker: ${fmt(bareRate)} events/s (the pipeline runs at ${((rate / bareRate) * 100).toFixed(0)}% of it); this process produced at ${fmt(productionRate)} events/s`);
    console.log(
      `  CPU meanwhile: service ${serviceCpu.toFixed(1)} s (${fmt(drained / serviceCpu)} events per service CPU-second), test broker ${brokerCpu.toFixed(1)} s, PostgreSQL ${pgCpu.toFixed(1)} s; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
    );

    // Latency at a steady offered rate.
    // Latency is measured below saturation: half the throughput just measured (at most 20,000/s), unless set.
    const offered = process.env['BENCH_LATENCY_RATE'] !== undefined ? env('BENCH_LATENCY_RATE', 5000) : Math.max(500, Math.min(20_000, Math.round(rate / 2 / 100) * 100));
    const secondsL = env('BENCH_LATENCY_SECONDS', 20);
    const sentAt = new Map<string, number>();
    const before = new Set(arrived.keys());
    const latencyEvents = withFanIns(traffic(offered * secondsL, 200_000, 5, 'lat'), 50, 'lat');
    // Event time continues after the throughput day.
    const shifted = (function* () {
      for (const e of latencyEvents) yield { ...e, occurredAt: formatChinaTime(Date.parse(e.occurredAt) + DAY_MS) };
    })();
    await produce('transfers', shifted, (ids, at) => {
      for (const id of ids) if (id.includes('-fan-')) sentAt.set(id, at);
    }, offered);
    await waitUntil(() => committedAll('risk-transfers', 'transfers'), 600_000, 'the service to catch up');
    await new Promise((r) => setTimeout(r, 1000));
    const latencies: number[] = [];
    for (const [id, a] of arrived) {
      if (before.has(id)) continue;
      const sends = a.eventIds.map((e) => sentAt.get(e)).filter((x): x is number => x !== undefined);
      if (sends.length > 0) latencies.push(a.at - Math.max(...sends));
    }
    latencies.sort((x, y) => x - y);
    console.log(
      `alert latency at ${fmt(offered)} events/s offered for ${secondsL} s: ${latencies.length} alerts, p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1] ?? NaN} ms (target p99 <= 1,000 ms)`,
    );
    const metrics = await (await fetch(`http://127.0.0.1:${servicePort}/metrics`)).text();
    const late = /^transfer_events_total\{status="LATE"\} (\d+)/m.exec(metrics)?.[1] ?? '0';
    console.log(`  events refused as late: ${late}; from the send of the event completing a fan-in to the alert on risk.alerts`);
    await alerts.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  } finally {
    for (const c of children.reverse()) {
      c.kill('SIGTERM');
      await new Promise((r) => c.once('exit', r));
    }
    await db.drop();
  }
}

// ---------------------------------------------------------------------------- part 3

async function partMemory(): Promise<void> {
  const accounts = env('BENCH_MEMORY_ACCOUNTS', 1_000_000);
  await new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', fileURLToPath(import.meta.url), '--memory-child', String(accounts)], { cwd: ROOT, stdio: 'inherit' });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`memory child exited with ${code}`))));
  });
}

function memoryChild(accounts: number): void {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const heap = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const engine = new DetectionEngine();
  gc();
  gc();
  const before = heap();
  // Each account gets about ten entries within the 24 h window (each transfer puts one entry in
  // the debtor's window and one in the creditor's); event ids are 36-character UUID-like strings.
  const transfers = accounts * 5;
  const rnd = mulberry32(9);
  const hex = (k: number): string => {
    let s = '';
    for (let i = 0; i < k; i++) s += Math.floor(rnd() * 16).toString(16);
    return s;
  };
  for (let i = 0; i < transfers; i++) {
    const a = account(i % accounts);
    const b = account((i * 7919 + 1) % accounts);
    engine.process({
      // Through JSON.parse, as ids arrive: a flat string, not the rope concatenation would leave.
      eventId: JSON.parse(`"${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}"`) as string,
      occurredAtMs: T0 + Math.floor((i * 20 * 3600_000) / transfers),
      type: 'TRANSFER',
      channel: 'MOBILE',
      amountFen: 10_000 + (i % 50_000),
      currency: 'CNY',
      debtor: a,
      creditor: b.accountNumber === a.accountNumber ? account((i + 1) % accounts) : b,
      terminal: {},
    }, { detect: false });
  }
  gc();
  gc();
  const bytes = heap() - before;
  const st = engine.stats();
  console.log(`memory: ${fmt(st.accounts)} active accounts, ${fmt(st.entries)} entries (${(st.entries / st.accounts).toFixed(1)} per account), ${fmt(bytes / 1048576)} MB = ${fmt(bytes / st.accounts)} bytes/account (target <= 1.5 GB)`);
  console.log(`  heap used + array buffers after GC minus before; default windows (24 h 10 min retention, 2,000-entry cap); rss ${fmt(process.memoryUsage().rss / 1048576)} MB`);
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--memory-child');
  if (i >= 0) return memoryChild(Number(process.argv[i + 1]));
  console.log(`bench:stream on ${process.version}`);
  if (parts.includes('1')) partEngine();
  if (parts.includes('2')) await partEndToEnd();
  if (parts.includes('3')) await partMemory();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
