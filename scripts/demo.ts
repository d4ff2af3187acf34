/**
 * npm run demo
 *
 * A newcomer's first minute with the product: starts the real service on the embedded database
 * (PGlite under DATA_DIR, a fresh temporary directory unless DATA_DIR is set), registers two
 * banks, loads a few registry entities, negative-list entries and earlier account openings
 * through the API, then screens six applicants and prints each decision with its reasons in
 * English and Chinese. Nothing here is mocked: the calls are the ones a branch system makes.
 */
import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../dist/app.factory.js';
import { loadConfig } from '../dist/config/config.schema.js';
import { makeResidentId } from '../dist/domain/identity/national-id-factory.js';
import { makeUscc } from '../dist/domain/identity/uscc.js';
import { openDatabase } from '../dist/infra/database/database.js';

const ADMIN_PASSWORD = 'demo-admin-password-0001';
const OPERATOR_KEY = 'ark_DEMOKEY0_0123456789abcdefghijklmnopqrstuvwxyzAB';

interface Reason {
  code: string;
  severity: string;
  outcome: string;
  message: { en: string; zh: string };
  points: number;
}

interface Screening {
  screeningId: string;
  decision: string;
  score: number;
  recommendedAccountClass?: string;
  reasons: Reason[];
  ruleSetVersion: string;
}

function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'risk-demo-')));
  const started = performance.now();
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BOOTSTRAP_API_KEY: OPERATOR_KEY,
    SECOND_VERIFICATION_POLL_SECONDS: '0',
    RESCREEN_WORKER: 'false',
  });
  say(`Embedded database in ${dataDir}`);
  const database = await openDatabase(config);
  const { app } = await createApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const call = async <T>(method: string, path: string, body: unknown, auth: { key?: string; token?: string }): Promise<T> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth.key) headers['x-api-key'] = auth.key;
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as T & { detail?: string };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.detail ?? ''}`);
    return json;
  };

  try {
    const { accessToken } = await call<{ accessToken: string }>('POST', '/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, {});
    const operator = { token: accessToken };
    const scopes = ['screening', 'openings', 'accounts:load'];
    const bank = async (code: string) => {
      const inst = await call<{ id: string }>('POST', '/v1/institutions', { code, name: `${code} (demo)`, kind: 'BANK' }, operator);
      const key = await call<{ key: string }>('POST', `/v1/institutions/${inst.id}/api-keys`, { name: 'branch terminal', scopes }, operator);
      return { key: key.key };
    };
    const shenzhen = await bank('SZ-BANK');
    const elsewhere = await bank('OTHER-BANK');

    // The market-entity registry, as the registration authority's feed would send it.
    const uscc = (body: string) => makeUscc({ organisationCodeBody: body, divisionCode: '440300' });
    const tradingCo = uscc('MA5F0001');
    const revokedCo = uscc('MA5F0002');
    const shellCo = uscc('MA5F0003');
    const registry = [
      { code: tradingCo, name: '深圳市南山贸易有限公司', status: 'ACTIVE', establishedOn: '2012-04-01', registeredCapital: '5000000.00' },
      { code: revokedCo, name: '深圳市旧日电子有限公司', status: '吊销', establishedOn: '2016-08-01', registeredCapital: '100000.00' },
      { code: shellCo, name: '深圳市速达科技有限公司', status: 'ACTIVE', establishedOn: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10), registeredCapital: '1000.00' },
    ];
    for (const r of registry) {
      await call('PUT', `/v1/registry/entities/${r.code}`, { name: r.name, status: r.status, establishedOn: r.establishedOn, registeredCapital: r.registeredCapital, legalRepName: '陈一', legalRepIdNumber: makeResidentId({ divisionCode: '440304', birthDate: '1975-02-02', sequence: 7 }) }, { key: OPERATOR_KEY });
    }

    // The shared negative list: a card seller barred from new accounts, and a fraud phone number.
    const cardSeller = makeResidentId({ divisionCode: '450102', birthDate: '1998-07-15', sequence: 3 });
    await call('POST', '/v1/negative-list/entries', { subject: { type: 'PERSON', idNumber: cardSeller, name: '黄某' }, category: 'ACCOUNT_SELLER', fraudType: 'ORDER_BRUSHING', legalBasis: '公安机关认定出租出借银行账户（演示）', measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'] }, { key: OPERATOR_KEY });
    await call('POST', '/v1/negative-list/entries', { subject: { type: 'PHONE', phone: '13711112222' }, category: 'FRAUD_PHONE', fraudType: 'FAKE_INVESTMENT', legalBasis: '涉诈电话（演示）', measures: [] }, { key: OPERATOR_KEY });

    // Another bank opened accounts this week for someone who now applies here.
    const hopper = makeResidentId({ divisionCode: '430102', birthDate: '1992-03-03', sequence: 21 });
    for (let i = 0; i < 3; i += 1) {
      await call('POST', '/v1/account-openings', { bankCode: 'OTHERBANK', branchCode: `00${i}`, accountNumber: `62220200000000${10 + i}`, accountClass: 'II', holderType: 'PERSON', idNumber: hopper, openedAt: new Date(Date.now() - (i + 1) * 86_400_000).toISOString() }, elsewhere);
    }
    const loaded = performance.now();

    const person = (name: string, idNumber: string, extra: Record<string, unknown> = {}) => ({ type: 'PERSON', name, idType: 'RESIDENT_ID', idNumber, idExpiry: '2034-12-31', ...extra });
    const applicants: Array<{ label: string; body: Record<string, unknown> }> = [
      { label: 'An ordinary applicant at the counter', body: { channel: 'COUNTER', requestedAccountClass: 'I', applicant: person('李明', makeResidentId({ divisionCode: '440305', birthDate: '1986-09-09', sequence: 5 }), { phone: '13800001111' }) } },
      { label: 'A listed card seller', body: { channel: 'COUNTER', requestedAccountClass: 'I', applicant: person('黄某', cardSeller) } },
      { label: 'Three accounts at other banks this week', body: { channel: 'COUNTER', requestedAccountClass: 'I', applicant: person('刘洋', hopper) } },
      { label: 'A student from Guangxi on the mobile app in Shenzhen, with a listed phone', body: { channel: 'MOBILE', requestedAccountClass: 'I', applicant: person('覃小燕', makeResidentId({ divisionCode: '450103', birthDate: '2006-04-04', sequence: 9, sex: 'FEMALE' }), { phone: '+86 137 1111 2222', occupation: 'student' }) } },
      { label: 'A revoked company', body: { channel: 'COUNTER', applicant: { type: 'ENTITY', name: '深圳市旧日电子有限公司', uscc: revokedCo, legalRepresentative: { name: '陈一', idNumber: makeResidentId({ divisionCode: '440304', birthDate: '1975-02-02', sequence: 7 }) } } } },
      { label: 'A company registered three weeks ago with CNY 1,000 capital', body: { channel: 'COUNTER', applicant: { type: 'ENTITY', name: '深圳市速达科技有限公司', uscc: shellCo, legalRepresentative: { name: '陈一', idNumber: makeResidentId({ divisionCode: '440304', birthDate: '1975-02-02', sequence: 7 }) } } } },
    ];

    say();
    say('Account-opening screenings (POST /v1/screenings/account-opening):');
    let n = 0;
    for (const a of applicants) {
      n += 1;
      const s = await call<Screening>('POST', '/v1/screenings/account-opening', { requestId: `demo-${n}`, branchCode: '0755', branchRegionCode: '440305', ...a.body }, shenzhen);
      say();
      say(`${n}. ${a.label}`);
      say(`   decision ${s.decision}, score ${s.score}${s.recommendedAccountClass ? `, may open a class ${s.recommendedAccountClass} account` : ''} (rule set ${s.ruleSetVersion})`);
      if (s.reasons.length === 0) say('   no rule fired');
      for (const r of s.reasons) {
        say(`   - ${r.code} [${r.severity}, ${r.outcome}, +${r.points}]`);
        say(`     ${r.message.en}`);
        say(`     ${r.message.zh}`);
      }
    }
    const reviews = await call<{ items: unknown[] }>('GET', '/v1/review-items?kind=SCREENING_REVIEW', undefined, operator);
    say();
    say(`${reviews.items.length} screening(s) ended in REVIEW and wait as review items (GET /v1/review-items).`);
    say(`Started the service and loaded the samples in ${((loaded - started) / 1000).toFixed(1)} s; screened ${applicants.length} applicants in ${((performance.now() - loaded) / 1000).toFixed(1)} s.`);
    say(`Every screening is stored with its facts: try GET /v1/screenings/{id}/explain. API docs: /docs when the service runs (npm start).`);
  } finally {
    await app.close();
    await database.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
