/**
 * npm run demo:console
 *
 * Starts the service on the embedded database with three weeks of made-up activity loaded
 * through the real API, so the compliance console (/console) opens on a populated queue and
 * dashboard: screenings (some in REVIEW), account openings, negative-list entries and an appeal,
 * transfer patterns that raise alerts, referrals, decisions (some waiting for a supervisor),
 * suppressions, a second-verification round and a rescreen of existing accounts.
 *
 * The clock is moved back while loading, so cases and alerts spread over the past days; then it
 * runs on real time. Data stays in DATA_DIR (default ./data/demo-console): run the command again
 * to reopen the same data without loading it twice. PORT (default 3000) and HOST as for npm start.
 */
import 'reflect-metadata';
import { createApp } from '../dist/app.factory.js';
import { loadConfig } from '../dist/config/config.schema.js';
import { makeResidentId } from '../dist/domain/identity/national-id-factory.js';
import { openDatabase } from '../dist/infra/database/database.js';

const ADMIN_PASSWORD = 'demo-admin-password-0001';
const OPERATOR_KEY = 'ark_DEMOCNSL_0123456789abcdefghijklmnopqrstuvwxyzAB';
const STAFF_PASSWORD = 'demo-console-password';
const DAY = 86_400_000;
const MIN = 60_000;
const SZ = 'DEMOSZ';
const GZ = 'DEMOGZ';

/** Real time moved by an offset: the service reads every "now" from here. */
const clock = { offsetMs: 0, now: (): Date => new Date(Date.now() + clock.offsetMs) };

function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}

interface Auth {
  key?: string;
  token?: string;
}

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? './data/demo-console';
  const port = process.env.PORT ?? '3000';
  const host = process.env.HOST ?? '127.0.0.1';
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: port,
    HOST: host,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BOOTSTRAP_API_KEY: OPERATOR_KEY,
    // Medium alerts open cases too, so the queue shows what detection finds.
    CASE_ALERT_MIN_SEVERITY: process.env.CASE_ALERT_MIN_SEVERITY ?? 'MEDIUM',
    SECOND_VERIFICATION_POLL_SECONDS: '0',
  });
  say(`Embedded database in ${dataDir}`);
  const database = await openDatabase(config);
  const { app } = await createApp({ config, database, clock });
  await app.listen({ port: Number(port), host });
  const base = `http://127.0.0.1:${port}`;

  const call = async <T>(method: string, path: string, body: unknown, auth: Auth): Promise<T> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth.key) headers['x-api-key'] = auth.key;
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const json = (text ? JSON.parse(text) : {}) as T & { detail?: string; code?: string };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.code ?? ''} ${json.detail ?? ''}`);
    return json;
  };
  const login = async (username: string, password: string): Promise<Auth> => ({ token: (await call<{ accessToken: string }>('POST', '/v1/auth/login', { username, password }, {})).accessToken });

  const operator = await login('admin', ADMIN_PASSWORD);
  const institutions = await call<Array<{ code: string }>>('GET', '/v1/institutions', undefined, operator);
  if (institutions.some((i) => i.code === SZ)) {
    say('Demo data is already loaded; opening it again.');
  } else {
    const started = performance.now();
    await seed(call, login, operator);
    say(`Loaded the demo data in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
  clock.offsetMs = 0;

  say();
  say(`Console: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/console/`);
  say(`Staff of ${SZ} (password ${STAFF_PASSWORD}): demosz.analyst, demosz.analyst2, demosz.supervisor, demosz.supervisor2`);
  say(`Operator administrator: admin / ${ADMIN_PASSWORD}   API docs: /docs   Stop with Ctrl-C.`);

  const stop = async (): Promise<void> => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

type Call = <T>(method: string, path: string, body: unknown, auth: Auth) => Promise<T>;

async function seed(call: Call, login: (u: string, p: string) => Promise<Auth>, operator: Auth): Promise<void> {
  const scopes = ['screening', 'openings', 'negative-list:read', 'negative-list:write', 'registry:read', 'transfers', 'restrictions:check', 'restrictions:write', 'accounts:load'];
  const bank = async (code: string, name: string) => {
    const inst = await call<{ id: string }>('POST', '/v1/institutions', { code, name, kind: 'BANK' }, operator);
    const lc = code.toLowerCase();
    for (const [u, roles] of [
      ['analyst', ['ANALYST']],
      ['analyst2', ['ANALYST']],
      ['supervisor', ['SUPERVISOR']],
      ['supervisor2', ['SUPERVISOR']],
    ] as const) {
      await call('POST', `/v1/institutions/${inst.id}/users`, { username: `${lc}.${u}`, password: STAFF_PASSWORD, roles }, operator);
    }
    const key = await call<{ key: string }>('POST', `/v1/institutions/${inst.id}/api-keys`, { name: 'branch systems', scopes }, operator);
    return { id: inst.id, key: { key: key.key } as Auth, analyst: await login(`${lc}.analyst`, STAFF_PASSWORD), analyst2: await login(`${lc}.analyst2`, STAFF_PASSWORD), supervisor: await login(`${lc}.supervisor`, STAFF_PASSWORD) };
  };
  const sz = await bank(SZ, '示范银行深圳分行 (demo)');
  const gz = await bank(GZ, '示范银行广州分行 (demo)');

  let seq = 0;
  const personId = (birthDate: string, divisionCode = '440305'): string => {
    seq += 1;
    return makeResidentId({ divisionCode, birthDate: birthDate.replace(/\d\d$/, String(1 + (seq % 28)).padStart(2, '0')), sequence: seq % 100, sex: seq % 3 === 0 ? 'FEMALE' : 'MALE' });
  };
  const names = ['王小明', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴芳', '徐涛', '孙丽', '马超', '朱婷', '胡斌', '郭靖', '何欢', '高翔'];
  const nameOf = (i: number): string => names[i % names.length]!;
  let accountSeq = 0;
  const nextAccount = (): string => `622848${String(7_000_000_000 + ++accountSeq).padStart(10, '0')}`;
  let request = 0;
  const screen = (applicant: Record<string, unknown>, channel = 'COUNTER') =>
    call<{ screeningId: string; decision: string }>('POST', '/v1/screenings/account-opening', { requestId: `demo-console-${++request}`, branchCode: '0755', branchRegionCode: '440305', channel, requestedAccountClass: 'I', applicant }, sz.key);
  const person = (name: string, idNumber: string, extra: Record<string, unknown> = {}) => ({ type: 'PERSON', name, idType: 'RESIDENT_ID', idNumber, idExpiry: '2034-12-31', ...extra });
  const open = (by: Auth, bankCode: string, idNumber: string, name: string, accountNumber = nextAccount(), screeningId?: string) =>
    call('POST', '/v1/account-openings', { bankCode, branchCode: '0101', accountNumber, accountClass: 'I', holderType: 'PERSON', idNumber, holderName: name, openedAt: clock.now().toISOString(), ...(screeningId ? { screeningId } : {}) }, by).then(() => accountNumber);
  const refer = (subject: Record<string, unknown>, severity: string, summary: string, findingCodes: string[] = []) =>
    call<{ caseId: string }>('POST', '/v1/cases/referrals', { subject, severity, summary, findingCodes }, sz.analyst);
  let eventSeq = 0;
  const transfer = (from: { bankCode: string; accountNumber: string }, to: { bankCode: string; accountNumber: string }, amount: string, at: Date) => ({
    eventId: `demo-evt-${++eventSeq}`,
    occurredAt: new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00'),
    type: 'TRANSFER',
    channel: 'MOBILE',
    amount,
    currency: 'CNY',
    debtor: from,
    creditor: to,
  });
  const sendTransfers = (by: Auth, events: unknown[]) => call('POST', '/v1/transfers', { events }, by);

  // The shared negative list, contributed by the operator: card sellers, a money mule, a fraud phone.
  const listed: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const idNumber = personId('1997-05-01', '450102');
    listed.push(idNumber);
    await call('POST', '/v1/negative-list/entries', { subject: { type: 'PERSON', idNumber, name: nameOf(i + 7) }, category: i === 2 ? 'MONEY_MULE' : 'ACCOUNT_SELLER', fraudType: i === 2 ? 'FAKE_INVESTMENT' : 'ORDER_BRUSHING', legalBasis: '公安机关认定出租出借银行账户（演示）', measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'] }, { key: OPERATOR_KEY });
  }
  const phoneEntry = await call<{ id: string }>('POST', '/v1/negative-list/entries', { subject: { type: 'PHONE', phone: '13711112222' }, category: 'FRAUD_PHONE', fraudType: 'FAKE_INVESTMENT', legalBasis: '涉诈电话（演示）', measures: [] }, { key: OPERATOR_KEY });
  // Before the list knew them, two listed persons had opened accounts at the Shenzhen bank: the rescreen finds them.
  for (const id of listed.slice(0, 2)) await open(sz.key, SZ, id, '存量客户');

  // Accounts opened six weeks ago: their 30-day second verification runs at the end of loading,
  // and one holder is listed in the meantime, so that verification changes its outcome.
  clock.offsetMs = -42 * DAY;
  const early: string[] = [];
  for (let i = 0; i < 4; i += 1) {
    const idNumber = personId('1985-02-01');
    const s = await screen(person(nameOf(i + 12), idNumber));
    await open(sz.key, SZ, idNumber, nameOf(i + 12), undefined, s.screeningId);
    early.push(idNumber);
  }

  for (let d = 20; d >= 0; d -= 1) {
    clock.offsetMs = -d * DAY - 6 * 3_600_000;
    // Ordinary applicants, most of them opened.
    for (let i = 0; i < 3; i += 1) {
      const idNumber = personId(`19${80 + ((d + i) % 20)}-03-01`);
      const s = await screen(person(nameOf(d + i), idNumber, { phone: `1380013${String(d * 10 + i).padStart(4, '0')}` }));
      if (s.decision !== 'REJECT') await open(sz.key, SZ, idNumber, nameOf(d + i), undefined, s.screeningId);
    }
    if (d % 5 === 0) {
      // Card farming: four applicants with one phone on one day.
      const shared = `1390077${String(d).padStart(4, '0')}`;
      for (let i = 0; i < 4; i += 1) await screen(person(nameOf(d + i + 3), personId('2003-06-01', '450103'), { phone: shared, occupation: 'student' }), 'MOBILE');
    }
    if (d % 7 === 3) await screen(person(nameOf(d + 8), listed[d % 3]!)); // a listed card seller applies again
    if (d === 8) {
      await call('POST', '/v1/negative-list/entries', { subject: { type: 'PERSON', idNumber: early[0], name: nameOf(12) }, category: 'MONEY_MULE', fraudType: 'FAKE_INVESTMENT', legalBasis: '公安机关认定涉诈“跑分”人员（演示）', measures: ['NON_COUNTER_SUSPENDED'] }, { key: OPERATOR_KEY });
    }
    if (d % 6 === 1) await screen(person(nameOf(d + 9), personId('2013-08-01'))); // under 16: refused
    if (d % 4 === 2) {
      await refer({ type: 'PERSON', idNumber: personId('1968-11-01', '430102') }, d % 8 === 2 ? 'HIGH' : 'MEDIUM', 'Branch referral: elderly customer accompanied by a "nephew" who answers for her and keeps the card.', ['BRANCH_OBSERVATION']);
    }
    if (d % 3 === 0) {
      // A collection account at the Shenzhen bank: a dozen senders at the Guangzhou bank in half an hour.
      const holder = personId('2001-01-01', '440305');
      const collector = { bankCode: SZ, accountNumber: await open(sz.key, SZ, holder, nameOf(d + 11)) };
      const t0 = clock.now();
      const events = Array.from({ length: 12 }, (_, i) => transfer({ bankCode: GZ, accountNumber: `62220288${String(d * 100 + i).padStart(8, '0')}` }, collector, `${600 + i * 37}.00`, new Date(t0.getTime() + i * 2 * MIN)));
      await sendTransfers(gz.key, events);
      // And on to three accounts within minutes (pass-through).
      const onward = Array.from({ length: 3 }, (_, i) => transfer(collector, { bankCode: GZ, accountNumber: `62220299${String(d * 10 + i).padStart(8, '0')}` }, '2600.00', new Date(t0.getTime() + (26 + i) * MIN)));
      await sendTransfers(sz.key, onward);
    }
  }

  // Decisions on part of the queue, as the analysts' last three weeks would have left it.
  clock.offsetMs = -2 * DAY;
  const queue = await call<{ items: Array<{ id: string; subject: { type: string }; findingCodes: string[]; sources: string[] }> }>('GET', '/v1/cases?limit=200&sort=openedAt&order=asc', undefined, sz.analyst);
  const items = queue.items;
  const decide = (caseId: string, body: Record<string, unknown>, who = sz.analyst) => call<{ id: string; status: string }>('POST', `/v1/cases/${caseId}/decisions`, body, who).catch((e: Error) => say(`  (decision skipped: ${e.message})`));
  const accountsCases = items.filter((c) => c.subject.type === 'ACCOUNT');
  const personCases = items.filter((c) => c.subject.type === 'PERSON');
  for (const [i, c] of personCases.slice(0, 6).entries()) {
    if (i % 3 === 0) await decide(c.id, { kind: 'FALSE_POSITIVE', reason: 'Students of one class opening salary accounts with the school\u2019s shared contact number.', ...(c.findingCodes.length ? { suppress: { days: 90, reason: 'Known school contact number' } } : {}) });
    else if (i % 3 === 1) await decide(c.id, { kind: 'NO_ACTION', reason: 'Called the customer; the explanation checks out.' });
    else await decide(c.id, { kind: 'REPORT_TO_POLICE', reason: 'Recruiter seen bringing several applicants; reported to the anti-fraud centre.' }, sz.analyst2);
  }
  if (accountsCases[0]) await decide(accountsCases[0].id, { kind: 'RESTRICT', reason: 'Collection account passing money on within minutes.', restriction: { level: 'LIMITED_NON_COUNTER', termDays: 60 } });
  if (accountsCases[1]) {
    const d = await decide(accountsCases[1].id, { kind: 'RESTRICT', reason: 'Dozen senders, money gone in minutes: freeze while police check.', restriction: { level: 'FROZEN' } });
    if (d && d.status === 'PENDING_APPROVAL') await call('POST', `/v1/cases/${accountsCases[1].id}/decisions/${d.id}/approve`, { comment: 'Agreed.' }, sz.supervisor);
  }
  clock.offsetMs = -3 * 3_600_000;
  if (accountsCases[2]) await decide(accountsCases[2].id, { kind: 'RESTRICT', reason: 'Same pattern as last week\u2019s collection accounts.', restriction: { level: 'NON_COUNTER_SUSPENDED', termDays: 90 } });
  if (accountsCases[3]) await decide(accountsCases[3].id, { kind: 'ADD_TO_NEGATIVE_LIST', reason: 'Account used to collect victims\u2019 money.', listing: { category: 'CASE_ACCOUNT', fraudType: 'ORDER_BRUSHING' } }, sz.analyst2);
  if (accountsCases[4]) await decide(accountsCases[4].id, { kind: 'NO_ACTION', reason: 'Market stall: many small customer payments.' });
  // Round-robin the rest of the unassigned queue between the two analysts.
  const unassigned = await call<{ items: Array<{ id: string }> }>('GET', '/v1/cases?assignee=UNASSIGNED&status=OPEN&limit=200', undefined, sz.supervisor);
  for (const c of unassigned.items.slice(0, Math.ceil(unassigned.items.length / 2))) await call('POST', `/v1/cases/${c.id}/assign`, { mode: 'ROUND_ROBIN' }, sz.supervisor);

  // An appeal against the phone listing, and the reviews that run on their own in production.
  await call('POST', `/v1/negative-list/entries/${phoneEntry.id}/appeals`, { grounds: 'The number was reassigned to me by the carrier last month.' }, { key: OPERATOR_KEY });
  clock.offsetMs = 0;
  await call('POST', '/v1/second-verifications/run', {}, operator).catch(() => undefined);
  await call('POST', '/v1/rescreen-jobs', { kind: 'FULL' }, operator).catch((e: Error) => say(`  (rescreen not started: ${e.message})`));
  for (let i = 0; i < 60; i += 1) {
    const jobs = await call<Array<{ status: string }> | { items: Array<{ status: string }> }>('GET', '/v1/rescreen-jobs', undefined, operator);
    const list = Array.isArray(jobs) ? jobs : jobs.items;
    if (list.every((j) => j.status === 'COMPLETED' || j.status === 'FAILED')) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const stats = await call<{ cases: { byStatus: Record<string, number>; overdue: number }; alerts: { total: number }; screenings: { total: number } }>('GET', '/v1/stats', undefined, sz.supervisor);
  say(`Loaded: ${stats.screenings.total} screenings, ${stats.alerts.total} alerts, cases ${JSON.stringify(stats.cases.byStatus)} (${stats.cases.overdue} overdue).`);
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
