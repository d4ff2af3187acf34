/**
 * Transfer-stream simulator and demo (issue 6): a synthetic population (persons with valid
 * resident ID numbers, accounts at six banks), a day of ordinary traffic with labelled mule
 * patterns of every detector's kind, sent to the running service, then precision and recall of
 * the alerts per pattern.
 *
 *   npm run simulate                                    # HTTP to http://127.0.0.1:3000
 *   npm run simulate -- --target=kafka --brokers=127.0.0.1:9092
 *   npm run simulate -- --target=engine                 # no service: the engine in this process
 *
 * Options: --url, --api-key (else SIMULATE_API_KEY or BOOTSTRAP_API_KEY: an operator key with the
 * transfers, accounts:load and negative-list:write scopes), --rate=events/s (1000),
 * --duration=seconds (30; events = rate x duration), --persons (4000), --instances (15 per
 * pattern), --seed (42), --day=YYYY-MM-DD (the simulated day; by default today, or the day after
 * the newest event the service holds, since the engine refuses events far behind its watermark),
 * --verbose (missed instances and false alerts), --check (exit 1 when a target is missed).
 */
import { chinaDayStart, DAY_MS, formatChinaTime, parseEventTime } from '../src/domain/detection/event-time.js';
import { evaluate, report, type SeenAlert } from './simulate/evaluate.js';
import { buildScenario } from './simulate/scenario.js';
import { call, fetchAlerts, prepareService, runInProcess, sendHttp, sendKafka, waitForStream, type Api } from './simulate/targets.js';

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3) ?? (process.argv.includes(`--${name}`) ? 'true' : undefined);
}
function num(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const target = arg('target') ?? 'http';
  if (!['http', 'kafka', 'engine'].includes(target)) throw new Error('--target must be http, kafka or engine');
  const rate = num('rate', 1000);
  const duration = num('duration', 30);
  const persons = num('persons', 4000);
  const instances = num('instances', 15);
  const seed = num('seed', 42);
  const api: Api = {
    baseUrl: (arg('url') ?? process.env['SIMULATE_URL'] ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
    apiKey: arg('api-key') ?? process.env['SIMULATE_API_KEY'] ?? process.env['BOOTSTRAP_API_KEY'] ?? '',
  };
  if (target !== 'engine' && api.apiKey === '') throw new Error('an operator API key is needed: --api-key=ark_... (or SIMULATE_API_KEY / BOOTSTRAP_API_KEY)');

  // The simulated day: today (China time), or the day after the newest event the service holds.
  let startMs = chinaDayStart(Date.now());
  const day = arg('day');
  if (day !== undefined) startMs = parseEventTime(`${day}T00:00:00+08:00`);
  else if (target !== 'engine') {
    const st = await call<{ latestEventAt: string | null }>(api, 'GET', '/v1/transfers/status');
    if (st.status !== 200) throw new Error(`GET /v1/transfers/status: HTTP ${st.status} ${JSON.stringify(st.body)}`);
    if (st.body.latestEventAt !== null) startMs = Math.max(startMs, chinaDayStart(Date.parse(st.body.latestEventAt)) + DAY_MS);
  }
  const runTag = String(Math.floor(startMs / DAY_MS) % 10000).padStart(4, '0');
  const ordinaryEvents = Math.max(1000, Math.round(rate * duration));
  const s = buildScenario({ seed, startMs, ordinaryEvents, persons, instancesPerPattern: instances, runTag });
  const injected = s.events.length - ordinaryEvents;
  log(`simulated day ${formatChinaTime(startMs).slice(0, 10)} (China time): ${s.registry.length} person accounts, ${s.events.length} events (${injected} in ${s.instances.length} injected pattern instances), seed ${seed}`);

  let alerts: SeenAlert[];
  if (target === 'engine') {
    const r = runInProcess(s);
    log(`engine in this process: ${s.events.length} events in ${r.seconds.toFixed(2)} s`);
    alerts = r.alerts;
  } else {
    await prepareService(api, s, log);
    // The demo part: the first alert of each kind as it comes back.
    const firsts = new Set<string>();
    const show = (a: { detector: string; severity: string }): void => {
      if (firsts.has(a.detector)) return;
      firsts.add(a.detector);
      log(`  first ${a.detector} alert (${a.severity})`);
    };
    log(`sending to ${target === 'http' ? `${api.baseUrl}/v1/transfers` : 'Kafka topic transfers'} at ${rate} events/s`);
    const seconds =
      target === 'http'
        ? await sendHttp(api, s.events, rate, log, show)
        : await sendKafka((arg('brokers') ?? process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), s.events, rate, log);
    log(`sent ${s.events.length} events in ${seconds.toFixed(1)} s (${Math.round(s.events.length / seconds)}/s)`);
    await waitForStream(api, s.events[s.events.length - 1]!.occurredAt, log);
    alerts = (await fetchAlerts(api, formatChinaTime(startMs))).filter((a) => a.subjects.some((k) => s.accounts.has(k)));
  }

  const scores = evaluate(s.instances, alerts);
  const { text, met } = report(scores);
  log('');
  log(text);
  log('');
  log(met ? 'targets met: recall >= 0.95 for every pattern at precision >= 0.9' : 'TARGETS MISSED: some pattern has recall < 0.95 or precision < 0.9');
  if (arg('verbose') !== undefined) {
    for (const sc of scores) {
      if (sc.missed.length > 0) log(`missed ${sc.detector}: ${sc.missed.join(', ')}`);
      for (const f of sc.falseAlerts.slice(0, 5)) log(`false ${sc.detector}: ${f.subjects.join(' ')}`);
    }
  }
  if (arg('check') !== undefined && !met) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`simulate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
