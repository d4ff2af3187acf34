// Run:  npx tsx bench/detectors.bench.ts                                   (throughput only)
//       node --expose-gc --import tsx bench/detectors.bench.ts              (throughput + memory)
// Options: --events=2000000 --accounts=200000 --span-hours=24 --memory-accounts=1000000
//          --entries-per-account=10 --only=throughput|memory
// The default stream is dense (20 events per account inside one 24 h window, so most accounts sit
// near the fan-in/fan-out thresholds); --span-hours=168 spreads the same events over a week,
// closer to real accounts (about 3 a day), and exercises expiry and eviction as well.
//
// In-process detector benchmark for issue 6. Prints:
//   detectors: N events in X s = Y events/s (one core)
//   memory: 1000000 active accounts, Z MB (W bytes/account)
// The synthetic stream is seeded (mulberry32), so every run sees the same events. Events are
// generated as JSON text and parsed with toInternalEvent in chunks, outside the timed section:
// the figure is the engine alone (windows + every detector + victim-warning lookup).
import os from 'node:os';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { DetectionEngine } from '../src/domain/detection/detection-engine.js';
import { DAY_MS } from '../src/domain/detection/event-time.js';
import { toInternalEvent } from '../src/domain/detection/to-internal-event.js';
import type { TransferEvent } from '../src/domain/detection/transfer-event.js';
import { mulberry32 } from '../scripts/simulate/random.js';

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
}
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const BANKS = ['102100099996', '103100000026', '104100000004', '105100000017', '301290000007', '308584000013', '403100000004', '313100000013'];
const T0 = Date.parse('2025-03-03T00:00:00+08:00');

interface Account {
  bankCode: string;
  accountNumber: string;
  idNumber?: string;
}

function makeAccounts(n: number, rnd: () => number): Account[] {
  const out: Account[] = [];
  for (let i = 0; i < n; i++) {
    const a: Account = { bankCode: BANKS[Math.floor(rnd() * BANKS.length)]!, accountNumber: `62220${String(i).padStart(14, '0')}` };
    // Half the accounts carry their holder's ID number; holders have two accounts (at random banks).
    if (i % 4 < 2) {
      const p = Math.floor(i / 4);
      const birth = `${1950 + (p % 50)}${String(1 + (Math.floor(p / 50) % 12)).padStart(2, '0')}${String(1 + (Math.floor(p / 600) % 28)).padStart(2, '0')}`;
      a.idNumber = `110105${birth}${String(Math.floor(p / 16800) % 1000).padStart(3, '0')}X`;
    }
    out.push(a);
  }
  return out;
}

function hex(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
  return s;
}

function iso(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 23) + '+08:00';
}

/**
 * A day of mixed traffic: transfers between random accounts, payments to 1,000 merchants (hot
 * accounts), cash at ATMs in several regions. Times advance evenly over `spanMs` with a little
 * disorder (up to 20 s back) so the late-insert path runs too.
 */
function* stream(accounts: Account[], total: number, spanMs: number, seed: number, mix: 'MIXED' | 'TRANSFERS'): Generator<TransferEvent[]> {
  const rnd = mulberry32(seed);
  const merchants = Math.min(1000, accounts.length);
  // Small chunks, like a Kafka batch: a large live chunk would make every young-generation GC copy it.
  const chunk = 5_000;
  let made = 0;
  while (made < total) {
    const lines: string[] = [];
    const n = Math.min(chunk, total - made);
    for (let k = 0; k < n; k++, made++) {
      let ts = T0 + Math.floor((made * spanMs) / total);
      if (rnd() < 0.05) ts -= Math.floor(rnd() * 20_000);
      const r = mix === 'TRANSFERS' ? 0 : rnd();
      // Log-uniform CNY 10 .. 20,000: many small payments, few large transfers.
      const amount = (Math.exp(Math.log(10) + rnd() * Math.log(2_000)) ).toFixed(2);
      const a = accounts[Math.floor(rnd() * accounts.length)]!;
      let b = accounts[Math.floor(rnd() * accounts.length)]!;
      if (b === a) b = accounts[(accounts.indexOf(a) + 1) % accounts.length]!;
      const id = `${hex(rnd, 8)}-${hex(rnd, 4)}-4${hex(rnd, 3)}-a${hex(rnd, 3)}-${hex(rnd, 12)}`;
      const base = `"eventId":"${id}","occurredAt":"${iso(ts)}","amount":"${amount}","currency":"CNY"`;
      if (r < 0.8) {
        lines.push(`{${base},"type":"TRANSFER","channel":"MOBILE","debtor":${JSON.stringify(a)},"creditor":${JSON.stringify(b)},"terminal":{"deviceId":"d${hex(rnd, 6)}"}}`);
      } else if (r < 0.9) {
        const m = accounts[Math.floor(rnd() * merchants)]!;
        lines.push(`{${base},"type":"PAYMENT","channel":"POS","debtor":${JSON.stringify(a)},"creditor":${JSON.stringify(m === a ? b : m)}}`);
      } else if (r < 0.96) {
        lines.push(`{${base},"type":"CASH_WITHDRAWAL","channel":"ATM","debtor":${JSON.stringify(a)},"terminal":{"atmId":"ATM${Math.floor(rnd() * 5000)}","regionCode":"${['110105', '310115', '440305', '330106', '510107'][Math.floor(rnd() * 5)]}"}}`);
      } else {
        lines.push(`{${base},"type":"CASH_DEPOSIT","channel":"ATM","creditor":${JSON.stringify(b)},"terminal":{"atmId":"ATM${Math.floor(rnd() * 5000)}","regionCode":"110105"}}`);
      }
    }
    const parsed = JSON.parse(`[${lines.join(',')}]`) as Record<string, unknown>[];
    yield parsed.map((j) => toInternalEvent(j));
  }
}

function engineFor(accounts: Account[]): DetectionEngine {
  // Listed creditors, opening dates and prior activity, so every detector has work to do.
  const listed = new Set<string>();
  for (let i = 0; i < accounts.length; i += 997) listed.add(`${accounts[i]!.bankCode}:${accounts[i]!.accountNumber}`);
  return new DetectionEngine(undefined, {
    isListed: (c) => listed.has(`${c.bankCode}:${c.accountNumber}`),
    // 1% of accounts opened five days ago, 1% dormant for 200 days.
    accountOpenedAt: (key) => (key.endsWith('17') ? T0 - 5 * DAY_MS : undefined),
    lastActivityBefore: (key) => (key.endsWith('33') ? T0 - 200 * DAY_MS : T0 - DAY_MS),
  });
}

/** Milliseconds of GC pauses on the main thread that fall inside [from, to] (performance.now() times). */
const gcPauses: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });
function gcMsBetween(from: number, to: number): number {
  let ms = 0;
  for (const p of gcPauses) if (p.start >= from && p.end <= to) ms += p.end - p.start;
  return ms;
}

async function throughput(): Promise<void> {
  const events = arg('events', 2_000_000);
  const accountCount = arg('accounts', 200_000);
  const spanHours = arg('span-hours', 24);
  const accounts = makeAccounts(accountCount, mulberry32(1));
  const engine = engineFor(accounts);
  let busyNs = 0n;
  let cpuUs = 0;
  let gcMs = 0;
  const pendingGc: [number, number][] = [];
  let findings = 0;
  let processed = 0;
  const byDetector = new Map<string, number>();
  for (const chunk of stream(accounts, events, spanHours * 3600_000, 2, 'MIXED')) {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const from = performance.now();
    for (let i = 0; i < chunk.length; i++) {
      const found = engine.process(chunk[i]!).findings;
      findings += found.length;
      for (let k = 0; k < found.length; k++) byDetector.set(found[k]!.detector, (byDetector.get(found[k]!.detector) ?? 0) + 1);
    }
    busyNs += process.hrtime.bigint() - start;
    pendingGc.push([from, performance.now()]);
    const used = process.cpuUsage(cpu);
    cpuUs += used.user + used.system;
    processed += chunk.length;
  }
  const s = Number(busyNs) / 1e9;
  const st = engine.stats();
  // GC entries reach the observer asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const [a, b] of pendingGc) gcMs += gcMsBetween(a, b);
  console.log(`detectors: ${processed} events in ${s.toFixed(2)} s = ${Math.round(processed / s)} events/s (one core)`);
  console.log(
    `  cpu time of the process in the timed sections ${(cpuUs / 1e6).toFixed(2)} s (includes GC helper threads) = ` +
      `${Math.round(processed / (cpuUs / 1e6))} events per cpu-second; main-thread GC pauses ${(gcMs / 1000).toFixed(2)} s of the timed time; ` +
      `load average at the end ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`,
  );
  console.log(
    `  stream: ${accountCount} accounts, ${spanHours} h of event time, 80% transfers / 10% payments to 1,000 merchants / 10% cash; ` +
      `findings ${findings} (${[...byDetector].map(([k, v]) => `${k} ${v}`).join(', ')}); at the end: windows ${st.accounts} accounts + ${st.persons} persons, ${st.entries} entries; late ${st.late}, evicted ${st.evicted}`,
  );
}

function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function memory(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    console.log('memory: skipped (run with node --expose-gc --import tsx bench/detectors.bench.ts)');
    return;
  }
  const accountCount = arg('memory-accounts', 1_000_000);
  const perAccount = arg('entries-per-account', 10);
  // Each transfer puts one entry in the debtor's window and one in the creditor's.
  const events = Math.round((accountCount * perAccount) / 2);
  const accounts = makeAccounts(accountCount, mulberry32(3));
  const engine = new DetectionEngine();
  gc();
  gc();
  const before = heapBytes();
  for (const chunk of stream(accounts, events, 20 * 3600_000, 4, 'TRANSFERS')) {
    for (let i = 0; i < chunk.length; i++) engine.process(chunk[i]!);
  }
  gc();
  gc();
  const after = heapBytes();
  const st = engine.stats();
  const bytes = after - before;
  console.log(
    `memory: ${st.accounts} active accounts, ${Math.round(bytes / 1048576)} MB (${Math.round(bytes / st.accounts)} bytes/account)`,
  );
  console.log(
    `  ${st.entries} entries (${(st.entries / st.accounts).toFixed(1)} per account, all within the 24 h window), ` +
      `${Math.round(bytes / st.entries)} bytes/entry all in; heapUsed + arrayBuffers after gc; rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
  );
}

if (only !== 'memory') await throughput();
if (only !== 'throughput') memory();
