/**
 * Where the simulated stream goes: the running service over HTTP (POST /v1/transfers) or Kafka
 * (topic `transfers`), or, with no service at all, the detection engine in this process.
 */
import kafkajs from 'kafkajs';
import { DetectionEngine } from '../../src/domain/detection/detection-engine.js';
import type { DetectorName } from '../../src/domain/detection/finding.js';
import { toInternalEvent } from '../../src/domain/detection/to-internal-event.js';
import type { TransferEventJson } from '../../src/domain/detection/transfer-event.js';
import type { SeenAlert } from './evaluate.js';
import type { Scenario } from './scenario.js';

export interface Api {
  baseUrl: string;
  apiKey: string;
}

export async function call<T = unknown>(api: Api, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: T }> {
  const res = await fetch(api.baseUrl + path, {
    method,
    headers: { 'x-api-key': api.apiKey, ...(body !== undefined ? { 'content-type': contentType } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T };
}

function must<T>(r: { status: number; body: T }, what: string, ok = [200, 201]): T {
  if (!ok.includes(r.status)) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Registry accounts (with opening dates), last known activity, negative-list entries: what banks and police would have reported before. */
export async function prepareService(api: Api, s: Scenario, log: (line: string) => void): Promise<void> {
  const ndjson = s.registry.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const job = must(await call<{ id: string; status: string }>(api, 'POST', '/v1/account-loads', ndjson, 'application/x-ndjson'), 'account load');
  let state = job;
  for (let i = 0; state.status === 'RUNNING' && i < 600; i++) {
    await sleep(250);
    state = must(await call<{ id: string; status: string }>(api, 'GET', `/v1/account-loads/${job.id}`), 'account load status');
  }
  const loaded = state as unknown as { status: string; accepted?: number; rejected?: number; rowsAccepted?: number; rowsRejected?: number };
  log(`registry: ${s.registry.length} accounts loaded (${loaded.status}${loaded.rejected || loaded.rowsRejected ? `, ${loaded.rejected ?? loaded.rowsRejected} rejected` : ''})`);
  for (let i = 0; i < s.activity.length; i += 5000) {
    must(await call(api, 'POST', '/v1/transfers/account-activity', { accounts: s.activity.slice(i, i + 5000) }), 'account activity');
  }
  log(`account activity: ${s.activity.length} dormant accounts reported`);
  for (const l of s.listed) {
    must(
      await call(api, 'POST', '/v1/negative-list/entries', {
        subject: { type: 'ACCOUNT', bankCode: l.bankCode, accountNumber: l.accountNumber, name: l.name },
        category: 'CASE_ACCOUNT',
        fraudType: 'FAKE_INVESTMENT',
        legalBasis: '模拟：公安机关涉案账户通报',
        measures: ['NON_COUNTER_SUSPENDED'],
      }),
      'negative-list entry',
    );
  }
  log(`negative list: ${s.listed.length} receiving accounts listed`);
}

/** Sends events at `rate` per second in event-time order. */
async function paced(events: readonly TransferEventJson[], rate: number, batch: number, send: (chunk: TransferEventJson[]) => Promise<void>, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  let lastLog = started;
  for (let i = 0; i < events.length; i += batch) {
    const chunk = events.slice(i, i + batch);
    await send(chunk);
    const due = started + ((i + chunk.length) / rate) * 1000;
    const now = Date.now();
    if (due > now) await sleep(due - now);
    if (Date.now() - lastLog >= 5000) {
      lastLog = Date.now();
      log(`  sent ${i + chunk.length} / ${events.length} events (${Math.round(((i + chunk.length) * 1000) / (Date.now() - started))}/s)`);
    }
  }
  return (Date.now() - started) / 1000;
}

export async function sendHttp(api: Api, events: readonly TransferEventJson[], rate: number, log: (line: string) => void, onAlert: (a: { detector: string; severity: string }) => void): Promise<number> {
  return paced(
    events,
    rate,
    Math.max(1, Math.min(1000, Math.round(rate / 4))),
    async (chunk) => {
      const res = must(await call<{ results: Array<{ status: string; error?: { code: string; message: string }; alerts: Array<{ detector: string; severity: string }> }> }>(api, 'POST', '/v1/transfers', { events: chunk }), 'POST /v1/transfers');
      for (const r of res.results) {
        if (r.status === 'REJECTED') throw new Error(`event rejected: ${JSON.stringify(r.error)}`);
        for (const a of r.alerts) onAlert(a);
      }
    },
    log,
  );
}

export function keyOf(e: TransferEventJson): string {
  const p = e.debtor ?? e.creditor!;
  return `${p.bankCode}:${p.accountNumber}`;
}

export async function sendKafka(brokers: string[], events: readonly TransferEventJson[], rate: number, log: (line: string) => void): Promise<number> {
  const kafka = new kafkajs.Kafka({ clientId: 'transfer-simulator', brokers, logLevel: kafkajs.logLevel.ERROR });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    return await paced(
      events,
      rate,
      Math.max(1, Math.min(2000, Math.round(rate / 4))),
      async (chunk) => {
        await producer.send({ topic: 'transfers', messages: chunk.map((e) => ({ key: keyOf(e), value: JSON.stringify(e) })) });
      },
      log,
    );
  } finally {
    await producer.disconnect();
  }
}

/** Waits until the service has stored the newest event sent and the alert count stops moving. */
export async function waitForStream(api: Api, lastEventAt: string, log: (line: string) => void, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const target = Date.parse(lastEventAt);
  let lastCount = -1;
  let stable = 0;
  while (Date.now() < deadline) {
    const st = must(await call<{ latestEventAt: string | null }>(api, 'GET', '/v1/transfers/status'), 'status');
    const caughtUp = st.latestEventAt !== null && Date.parse(st.latestEventAt) >= target;
    const count = (must(await call<{ items: unknown[] }>(api, 'GET', '/v1/alerts?limit=500'), 'alerts').items ?? []).length;
    if (caughtUp && count === lastCount) stable++;
    else stable = 0;
    lastCount = count;
    if (stable >= 3) return;
    await sleep(1000);
  }
  log('  (gave up waiting for the stream to settle)');
}

export async function fetchAlerts(api: Api, fromIso: string): Promise<SeenAlert[]> {
  const out: SeenAlert[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Array<{ detector: DetectorName; subjects: Array<{ bankCode: string; accountNumber: string }> }>; nextCursor: string | null } = must(
      await call(api, 'GET', `/v1/alerts?limit=500&from=${encodeURIComponent(fromIso)}${cursor ? `&cursor=${cursor}` : ''}`),
      'GET /v1/alerts',
    );
    for (const a of page.items) out.push({ detector: a.detector, subjects: a.subjects.map((s) => `${s.bankCode}:${s.accountNumber}`) });
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

/** The whole scenario through an in-process engine with the same lookups the service makes. */
export function runInProcess(s: Scenario): { alerts: SeenAlert[]; seconds: number } {
  const opened = new Map(s.registry.map((r) => [`${r.bankCode}:${r.accountNumber}`, Date.parse(r.openedAt)]));
  const activity = new Map(s.activity.map((a) => [`${a.bankCode}:${a.accountNumber}`, Date.parse(a.lastActivityAt)]));
  const listed = new Set(s.listed.map((l) => `${l.bankCode}:${l.accountNumber}`));
  const engine = new DetectionEngine(undefined, {
    accountOpenedAt: (k) => opened.get(k),
    lastActivityBefore: (k) => activity.get(k),
    isListed: (c) => listed.has(`${c.bankCode}:${c.accountNumber}`),
  });
  const byKey = new Map<string, SeenAlert>();
  const started = process.hrtime.bigint();
  for (const json of s.events) {
    for (const f of engine.process(toInternalEvent(json)).findings) {
      const seen = byKey.get(f.dedupKey);
      if (seen) for (const k of f.subjectAccounts) if (!seen.subjects.includes(k)) seen.subjects.push(k);
      if (!seen) byKey.set(f.dedupKey, { detector: f.detector, subjects: [...f.subjectAccounts] });
    }
  }
  return { alerts: [...byKey.values()], seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
