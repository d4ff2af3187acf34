/**
 * npm run bench:restrictions
 *
 * With BENCH_ACCOUNTS accounts (default 1,000,000) and BENCH_ORDERS active orders (default
 * 200,000: 60% on accounts, 40% on persons reaching their accounts at several banks), seeded
 * straight into PostgreSQL with set-based INSERTs:
 *  (a) the foundation's baseline route (a bare Nest + Fastify route validating the ten-field
 *      echo DTO) and
 *  (b) POST /v1/restrictions/check through the full stack (API key, guards, rate limiter,
 *      metrics), over 10,000 different accounts (restricted and not; outflows and inflows; a new
 *      transaction id per request, so capped outflows are counted),
 * alternating rounds, both driven by the same autocannon runner in a child process.
 * Targets: (b) at least 70% of (a), (b) p99 at most 5 ms.
 * Then two service instances on the same database: time from sending an order to instance A
 * until instance B's check reflects it (ACCOUNT and PERSON orders). Target: at most 1 s.
 * The p99 target is also reported at BENCH_LOW_CONNECTIONS (8): with 50 connections kept busy,
 * the mean latency is at least 50 / throughput (Little's law), so a 5 ms p99 there needs well
 * over 10,000 requests/s whatever the route does. The check itself, called in-process, is timed
 * too (no HTTP).
 * Last, a bulk job applying one basis to BENCH_BULK_PERSONS persons (default 25,700, the city's
 * figure; each holds two accounts): time to complete, and until instance B's view has them all.
 * Environment: BENCH_DURATION (s, default 10), BENCH_ROUNDS (2), BENCH_CONNECTIONS (50),
 * BENCH_LOW_CONNECTIONS (8), BENCH_ACCOUNTS, BENCH_ORDERS, BENCH_LATENCY_SAMPLES (20),
 * BENCH_BULK_PERSONS (0 skips it).
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { writeFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import pg from 'pg';
import { makeResidentId } from '../dist/domain/identity/national-id-factory.js';
import { RestrictionCheckService } from '../dist/modules/restrictions/restriction-check.service.js';
import { RestrictionViewService } from '../dist/modules/restrictions/restriction-view.service.js';
import { formatLoad, type LoadResult } from './support/http-load.js';
import { BENCH_ADMIN_PASSWORD, BENCH_OPERATOR_KEY, scratchPostgres, startBaseline, startService } from './support/servers.js';
import { runWithStartOptions } from './support/node-options.js';

// The service runs in this process: with the Node options `npm start` gives it.
runWithStartOptions();

const duration = Number(process.env.BENCH_DURATION ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const lowConnections = Number(process.env.BENCH_LOW_CONNECTIONS ?? 8);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1_000_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200_000);
const SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 20);
const BULK_PERSONS = Number(process.env.BENCH_BULK_PERSONS ?? 25_700);
const BLIND_INDEX_KEY = 'bench-blind-index-key-0123456789abcdefghijkl';
const BANKS = 10;

const ECHO_BODY = {
  requestId: 'bench-1',
  branchCode: '0101',
  channel: 'COUNTER',
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  age: 30,
  consent: true,
  requestedAt: '2026-11-21T10:00:00+08:00',
  note: 'benchmark',
};

setFlagsFromString('--expose-gc');
/** A full collection before reading the heap, so the figure is live data and not garbage. */
const gc = runInNewContext('gc') as () => void;

const bankCode = (i: number): string => `BK${String((i % BANKS) + 1).padStart(2, '0')}`;
const accountNumber = (i: number): string => String(6_222_000_000_000_000 + i);

/** Seeds institutions, accounts, orders (with their CREATED history rows) in a few statements. */
async function seed(url: string): Promise<{ seconds: number; accountOrders: number; personOrders: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  const accountOrders = Math.round(ORDERS * 0.6);
  const personOrders = ORDERS - accountOrders;
  try {
    await c.query(`INSERT INTO institutions (id, code, name, kind, created_at)
      SELECT gen_random_uuid(), 'BK' || lpad(i::text, 2, '0'), 'Bench bank ' || i, 'BANK', now() FROM generate_series(1, ${BANKS}) i`);
    // Account i belongs to person (i - 1) / 2, so every person holds two accounts at two banks.
    await c.query(
      `INSERT INTO bank_accounts (bank_code, account_number, institution_id, branch_code, holder_type, holder_key, holder_masked, holder_name, account_class, opened_at, source, phone_key, device_key, address_key, screening_id, closed_at, updated_at)
       SELECT 'BK' || lpad(((i % ${BANKS}) + 1)::text, 2, '0'), (6222000000000000 + i)::text, inst.id, NULL, 'PERSON',
              encode(sha256(('person-' || ((i - 1) / 2))::bytea), 'hex'), '440305********' || lpad(((i - 1) / 2 % 10000)::text, 4, '0'),
              NULL, 'I', now() - interval '400 days', 'LOAD', NULL, NULL, NULL, NULL, NULL, now()
         FROM generate_series(1, $1::int) i JOIN institutions inst ON inst.code = 'BK' || lpad(((i % ${BANKS}) + 1)::text, 2, '0')`,
      [ACCOUNTS],
    );
    const issuer = (await c.query(`SELECT id FROM institutions WHERE code = 'OPERATOR'`)).rows[0].id as string;
    const levels = `(ARRAY['ENHANCED_MONITORING','LIMITED_NON_COUNTER','NON_COUNTER_SUSPENDED','RECEIVE_ONLY','FROZEN'])`;
    // Account orders on every 7th account (wrapping), person orders on every 5th person.
    await c.query(
      `INSERT INTO restriction_orders (id, target_type, bank_code, account_number, holder_key, holder_masked, account_institution_id, level, basis_type, basis_ref, issuer_institution_id, issued_by_type, issued_by_id, provisional, effective_from, expires_at, term_source, status, requires_approval, version, created_at, updated_at)
       SELECT gen_random_uuid(), 'ACCOUNT', 'BK' || lpad((((k * 7) % $1) % ${BANKS} + 1)::text, 2, '0'), (6222000000000000 + ((k * 7) % $1))::text, NULL, NULL, NULL,
              ${levels}[1 + k % 5], 'CASE', 'BENCH-' || k, $3, 'SYSTEM', 'bench', false, now() - interval '1 day', now() + interval '30 days' + k * interval '1 second', 'EXPLICIT', 'ACTIVE', false, 1, now(), now()
         FROM generate_series(1, $2::int) k`,
      [ACCOUNTS, accountOrders, issuer],
    );
    await c.query(
      `INSERT INTO restriction_orders (id, target_type, bank_code, account_number, holder_key, holder_masked, account_institution_id, level, basis_type, basis_ref, issuer_institution_id, issued_by_type, issued_by_id, provisional, effective_from, expires_at, term_source, status, requires_approval, version, created_at, updated_at)
       SELECT gen_random_uuid(), 'PERSON', NULL, NULL, encode(sha256(('person-' || ((k * 5) % ($1 / 2)))::bytea), 'hex'), '440305********0000', NULL,
              CASE WHEN k % 10 = 0 THEN 'NO_NEW_ACCOUNTS' ELSE ${levels}[1 + k % 5] END, 'JOINT_PUNISHMENT', 'BENCH-P-' || k, $3, 'SYSTEM', 'bench', false, now() - interval '1 day', now() + interval '700 days', 'JOINT_PUNISHMENT', 'ACTIVE', false, 1, now(), now()
         FROM generate_series(1, $2::int) k`,
      [ACCOUNTS, personOrders, issuer],
    );
    await c.query(
      `INSERT INTO restriction_order_events (id, order_id, seq, type, status_after, actor_type, actor_id, actor_institution_id, reason, details, occurred_at)
       SELECT gen_random_uuid(), id, 1, 'CREATED', 'ACTIVE', 'SYSTEM', 'bench', issuer_institution_id, NULL, '{}'::jsonb, created_at FROM restriction_orders`,
    );
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
  return { seconds: (performance.now() - t0) / 1000, accountOrders, personOrders };
}

/** 10,000 check bodies over random accounts (most unrestricted, as in real traffic). */
function checkBodies(): Array<Record<string, unknown>> {
  let s = 42;
  const rnd = (): number => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const channels = ['MOBILE', 'ONLINE', 'ATM', 'POS', 'COUNTER', 'THIRD_PARTY'];
  return Array.from({ length: 10_000 }, () => {
    const i = 1 + Math.floor(rnd() * ACCOUNTS);
    return {
      bankCode: bankCode(i),
      accountNumber: accountNumber(i),
      direction: rnd() < 0.7 ? 'OUT' : 'IN',
      channel: channels[Math.floor(rnd() * channels.length)],
      amount: `${1 + Math.floor(rnd() * 3000)}.${String(Math.floor(rnd() * 100)).padStart(2, '0')}`,
    };
  });
}

/**
 * autocannon in a child process, sending the given bodies in turn; with `transactionIds`, each
 * request carries a new transaction id.
 */
function runVaried(url: string, bodies: Array<Record<string, unknown>>, headers: Record<string, string>, seconds: number, transactionIds: boolean, conns = connections): Promise<LoadResult> {
  const file = join(tmpdir(), `bench-restrictions-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ url, bodies, headers: { 'content-type': 'application/json', ...headers }, connections: conns, duration: seconds, transactionIds }));
  const script = `
    import autocannon from 'autocannon';
    import { readFileSync } from 'node:fs';
    const cfg = JSON.parse(readFileSync(process.argv[1], 'utf8'));
    const texts = cfg.bodies.map((b) => JSON.stringify(b));
    let n = 0;
    autocannon({
      url: cfg.url, connections: cfg.connections, duration: cfg.duration, headers: cfg.headers,
      requests: [{ method: 'POST', setupRequest: (req) => {
        const i = n++;
        const body = cfg.transactionIds ? texts[i % texts.length].slice(0, -1) + ',"transactionId":"t' + i + '"}' : texts[i % texts.length];
        return { ...req, body };
      } }],
    }, (err, r) => {
      if (err) { console.error(err); process.exit(1); }
      process.stdout.write(JSON.stringify({ requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors }));
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      rmSync(file, { force: true });
      if (code !== 0) return reject(new Error(`load runner exited ${code}: ${err}`));
      resolve(JSON.parse(out) as LoadResult);
    });
  });
}

function mean(rs: LoadResult[]): LoadResult {
  const avg = (f: (r: LoadResult) => number): number => rs.reduce((s, r) => s + f(r), 0) / rs.length;
  return {
    requestsPerSecond: avg((r) => r.requestsPerSecond),
    p50Ms: avg((r) => r.p50Ms),
    p99Ms: avg((r) => r.p99Ms),
    requests: rs.reduce((s, r) => s + r.requests, 0),
    non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
    errors: rs.reduce((s, r) => s + r.errors, 0),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function post(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': BENCH_OPERATOR_KEY }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Sends an order to A, then asks B until its check shows it; returns [ms from send, ms from A's answer]. */
async function propagation(aUrl: string, bUrl: string, order: Record<string, unknown>, probe: Record<string, unknown>, expected: string): Promise<[number, number]> {
  const t0 = performance.now();
  const created = await post(`${aUrl}/v1/restrictions/orders`, order);
  if (created.status !== 201 || created.body.status !== 'ACTIVE') throw new Error(`order not active: ${created.status} ${JSON.stringify(created.body)}`);
  const t1 = performance.now();
  for (let i = 0; ; i++) {
    const res = await post(`${bUrl}/v1/restrictions/check`, { ...probe, transactionId: `probe-${i}` });
    if (res.body.effectiveLevel === expected) break;
    if (performance.now() - t0 > 10_000) throw new Error('instance B did not reflect the order within 10 s');
    await new Promise((r) => setTimeout(r, 2));
  }
  const t2 = performance.now();
  return [t2 - t0, t2 - t1];
}

/** 25,700 persons with valid ID numbers and two accounts each; one bulk job restricts them all. */
async function bulkJob(dbUrl: string, aUrl: string, viewB: RestrictionViewService): Promise<void> {
  const blind = (id: string): string => createHmac('sha256', Buffer.from(BLIND_INDEX_KEY, 'utf8')).update('RESIDENT_ID').update(':').update(id).digest('hex');
  const ids: string[] = [];
  for (let i = 0; ids.length < BULK_PERSONS; i++) {
    const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 100) * 86_400_000).toISOString().slice(0, 10);
    ids.push(makeResidentId({ divisionCode: '440306', birthDate: birth, sequence: i % 100 }));
  }
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const inst = (await c.query(`SELECT id FROM institutions WHERE code = 'BK02'`)).rows[0].id as string;
  for (let i = 0; i < ids.length; i += 5000) {
    const slice = ids.slice(i, i + 5000);
    const keys = slice.flatMap((id) => [blind(id), blind(id)]);
    const numbers = slice.flatMap((_, j) => [String(6_225_000_000_000_000 + 2 * (i + j)), String(6_225_000_000_000_001 + 2 * (i + j))]);
    await c.query(
      `INSERT INTO bank_accounts (bank_code, account_number, institution_id, holder_type, holder_key, holder_masked, opened_at, source, updated_at)
       SELECT 'BK02', n, $3, 'PERSON', k, '440306********0000', now(), 'LOAD', now() FROM unnest($1::varchar[], $2::varchar[]) AS x(n, k)`,
      [numbers, keys, inst],
    );
  }
  await c.end();
  const login = await fetch(`${aUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: BENCH_ADMIN_PASSWORD }) });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const ordersBefore = viewB.view.stats().orders;
  const t0 = performance.now();
  const res = await fetch(`${aUrl}/v1/restrictions/bulk-jobs`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ level: 'LIMITED_NON_COUNTER', basis: { type: 'JOINT_PUNISHMENT', kind: 'CARD_SELLER', reference: '深反诈惩字〔2026〕批量1号' }, idNumbers: ids }),
  });
  const job = (await res.json()) as { id: string; status: string };
  if (res.status !== 202) throw new Error(`bulk job refused: ${res.status} ${JSON.stringify(job)}`);
  const accepted = performance.now() - t0;
  let state: { status: string; processed: number; created: number; failed: number } = { status: job.status, processed: 0, created: 0, failed: 0 };
  while (state.status !== 'COMPLETED' && state.status !== 'FAILED') {
    await new Promise((r) => setTimeout(r, 200));
    state = (await (await fetch(`${aUrl}/v1/restrictions/bulk-jobs/${job.id}`, { headers: auth })).json()) as typeof state;
  }
  const done = performance.now() - t0;
  while (viewB.view.stats().orders < ordersBefore + state.created && performance.now() - t0 < done + 120_000) await new Promise((r) => setTimeout(r, 50));
  const inB = performance.now() - t0;
  console.log(
    `bulk job, ${ids.length.toLocaleString('en')} persons (2 accounts each): accepted in ${(accepted / 1000).toFixed(1)} s, ${state.status} in ${(done / 1000).toFixed(1)} s (${Math.round(ids.length / (done / 1000))} persons/s; ${state.created} orders, ${state.failed} failed); instance B's view had them all after ${(inB / 1000).toFixed(1)} s`,
  );
}

async function main(): Promise<void> {
  const db = await scratchPostgres('bench_restr');
  const env = { DATABASE_URL: db.url, BLIND_INDEX_KEY, RESTRICTION_RECONCILE_SECONDS: '0' };
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
  let a: Awaited<ReturnType<typeof startService>> | undefined;
  let b: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    // First start: migrations and the operator; then the data, then the two instances that load it.
    const first = await startService(env);
    await first.close();
    const seeded = await seed(db.url);
    console.log(`bench:restrictions  Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; seeded ${ACCOUNTS.toLocaleString('en')} accounts, ${ORDERS.toLocaleString('en')} active orders (${seeded.accountOrders.toLocaleString('en')} on accounts, ${seeded.personOrders.toLocaleString('en')} on persons) in ${seeded.seconds.toFixed(1)} s`);

    gc();
    const heap0 = process.memoryUsage().heapUsed;
    let t0 = performance.now();
    a = await startService(env);
    const startA = performance.now() - t0;
    gc();
    const heapA = process.memoryUsage().heapUsed - heap0;
    const stats = a.app.get(RestrictionViewService).view.stats();
    console.log(`instance A start-up with view build: ${(startA / 1000).toFixed(1)} s; view: ${stats.orders.toLocaleString('en')} orders, ${stats.accounts.toLocaleString('en')} accounts, ${stats.holders.toLocaleString('en')} holders; live heap +${Math.round(heapA / 1048576)} MB for the instance (app and view)`);
    t0 = performance.now();
    b = await startService(env);
    console.log(`instance B start-up with view build: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    baseline = await startBaseline();

    // Propagation first, on a quiet machine.
    const fromSend: number[] = [];
    const fromAnswer: number[] = [];
    const blind = (id: string): string => createHmac('sha256', Buffer.from(BLIND_INDEX_KEY, 'utf8')).update('RESIDENT_ID').update(':').update(id).digest('hex');
    const pgc = new pg.Client({ connectionString: db.url });
    await pgc.connect();
    const inst = (await pgc.query(`SELECT id FROM institutions WHERE code = 'BK01'`)).rows[0].id as string;
    for (let k = 0; k < SAMPLES; k++) {
      const expires = new Date(Date.now() + 86_400_000).toISOString();
      if (k % 2 === 0) {
        // An account no seeded order touches: numbers above the seeded range.
        const acct = { bankCode: 'BK01', accountNumber: String(6_223_000_000_000_000 + k) };
        const [s, r] = await propagation(a.url, b.url, { target: { type: 'ACCOUNT', ...acct }, level: 'FROZEN', basis: { type: 'POLICE_ORDER', reference: `BENCH-POL-${k}` }, expiresAt: expires }, { ...acct, direction: 'IN', channel: 'COUNTER', amount: '1.00' }, 'FROZEN');
        fromSend.push(s);
        fromAnswer.push(r);
      } else {
        // A person with two accounts: B must load the person's accounts when it hears of the order.
        const idNumber = makeResidentId({ divisionCode: '440305', birthDate: '1990-01-01', sequence: k });
        const accts = [String(6_224_000_000_000_000 + 2 * k), String(6_224_000_000_000_001 + 2 * k)];
        for (const n of accts) {
          await pgc.query(
            `INSERT INTO bank_accounts (bank_code, account_number, institution_id, holder_type, holder_key, holder_masked, opened_at, source, updated_at) VALUES ('BK01', $1, $2, 'PERSON', $3, '440305********0000', now(), 'LOAD', now())`,
            [n, inst, blind(idNumber)],
          );
        }
        const [s, r] = await propagation(
          a.url,
          b.url,
          { target: { type: 'PERSON', idNumber }, level: 'RECEIVE_ONLY', basis: { type: 'POLICE_ORDER', reference: `BENCH-POL-${k}` }, expiresAt: expires },
          { bankCode: 'BK01', accountNumber: accts[1], direction: 'IN', channel: 'COUNTER', amount: '1.00' },
          'RECEIVE_ONLY',
        );
        fromSend.push(s);
        fromAnswer.push(r);
      }
    }
    await pgc.end();

    const bodies = checkBodies();
    const a1 = () => runVaried(baseline!.url, [ECHO_BODY], {}, duration, false);
    const b1 = () => runVaried(`${b!.url}/v1/restrictions/check`, bodies, { 'x-api-key': BENCH_OPERATOR_KEY }, duration, true);
    await runVaried(baseline.url, [ECHO_BODY], {}, 2, false);
    await runVaried(`${b.url}/v1/restrictions/check`, bodies, { 'x-api-key': BENCH_OPERATOR_KEY }, 2, true);
    const as: LoadResult[] = [];
    const bs: LoadResult[] = [];
    for (let i = 0; i < rounds; i++) {
      as.push(await a1());
      bs.push(await b1());
    }
    const ra = mean(as);
    const rb = mean(bs);
    console.log(`load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other processes share the machine)`);
    console.log(`check load: autocannon -c ${connections} -d ${duration}, ${rounds} alternating rounds, 10,000 accounts, a new transaction id per request`);
    console.log(formatLoad('(a) baseline: Nest+Fastify 10-field DTO echo', ra));
    console.log(formatLoad('(b) POST /v1/restrictions/check, full stack', rb));
    const ratio = rb.requestsPerSecond / ra.requestsPerSecond;
    console.log(`(b)/(a) throughput ratio: ${(ratio * 100).toFixed(1)}% (target >= 70%) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`);
    console.log(`(b) p99: ${rb.p99Ms} ms (target <= 5 ms) ${rb.p99Ms <= 5 ? 'MET' : 'NOT MET'}`);
    const lowA = await runVaried(baseline.url, [ECHO_BODY], {}, duration, false, lowConnections);
    const lowB = await runVaried(`${b.url}/v1/restrictions/check`, bodies, { 'x-api-key': BENCH_OPERATOR_KEY }, duration, true, lowConnections);
    console.log(`at ${lowConnections} connections:`);
    console.log(formatLoad('(a) baseline', lowA));
    console.log(formatLoad('(b) POST /v1/restrictions/check', lowB));
    console.log(`(b) p99 at ${lowConnections} connections: ${lowB.p99Ms} ms (target <= 5 ms) ${lowB.p99Ms <= 5 ? 'MET' : 'NOT MET'}; (b)/(a) ${((lowB.requestsPerSecond / lowA.requestsPerSecond) * 100).toFixed(1)}%`);

    // The check without HTTP: view lookup, ladder decision, cap ledger.
    const service = b.app.get(RestrictionCheckService);
    const times: number[] = [];
    const tIn = performance.now();
    for (let i = 0; i < 200_000; i++) {
      const t = performance.now();
      service.check({ ...bodies[i % bodies.length], transactionId: `inproc-${i}` });
      times.push(performance.now() - t);
    }
    const inMs = performance.now() - tIn;
    console.log(`in-process check (200,000 calls): ${Math.round(200_000 / (inMs / 1000)).toLocaleString('en')} checks/s, p50 ${(percentile(times, 50) * 1000).toFixed(1)} us, p99 ${(percentile(times, 99) * 1000).toFixed(1)} us`);
    console.log(
      `order sent to A -> B's check reflects it (${SAMPLES} orders, half ACCOUNT, half PERSON): p50 ${percentile(fromSend, 50).toFixed(1)} ms, p99 ${percentile(fromSend, 99).toFixed(1)} ms, max ${Math.max(...fromSend).toFixed(1)} ms (target <= 1000 ms) ${Math.max(...fromSend) <= 1000 ? 'MET' : 'NOT MET'}`,
    );
    console.log(`  of which after A answered 201: p50 ${percentile(fromAnswer, 50).toFixed(1)} ms, max ${Math.max(...fromAnswer).toFixed(1)} ms`);
    if (BULK_PERSONS > 0) await bulkJob(db.url, a.url, b.app.get(RestrictionViewService));
  } finally {
    await baseline?.close();
    await b?.close();
    await a?.close();
    await db.drop();
  }
}

await main();
