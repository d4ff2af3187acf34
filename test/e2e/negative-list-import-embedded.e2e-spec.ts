import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { NegativeListSubscriber } from '../../src/modules/restrictions/negative-list.subscriber.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

/**
 * The embedded database serves the app over one connection: a bulk import's reads for the next
 * batch, its batch writes (queued statements in one transaction) and its progress reports must
 * take turns on it without waiting for one another. Rows are validated on this thread here
 * (IMPORT_PARSE_THREAD off), the other import suites validate them on the reader thread.
 */
describe('negative-list import on the embedded database', () => {
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  let t: TestApp;
  let bank: SeededInstitution;

  beforeAll(async () => {
    t = await startTestApp({ storage: 'embedded', clock, env: { IMPORT_PARSE_THREAD: 'false' } });
    bank = await seedInstitution(t, 'EB-L');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('loads several batches, updates a reference repeated in a later batch and chains a person listed twice', async () => {
    const person = makeResidentId({ divisionCode: '440305', birthDate: '1990-02-02', sequence: 61 });
    const listing = (ref: string, over: Record<string, unknown> = {}) =>
      JSON.stringify({ externalRef: ref, subjectType: 'PERSON', idNumber: person, name: '陈路', category: 'ACCOUNT_SELLER', fraudType: 'FAKE_LOAN', legalBasis: '公安机关认定', ...over });
    const lines = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({ externalRef: `E-${i}`, subjectType: 'PHONE', phone: `136${String(i).padStart(8, '0')}`, category: 'FRAUD_PHONE', fraudType: 'ORDER_BRUSHING', legalBasis: '涉诈号码通报' }),
    );
    lines[10] = listing('P-1');
    lines[1500] = listing('P-2', { category: 'CONVICTED_FRAUDSTER' });
    lines[1501] = JSON.stringify({ ...JSON.parse(lines[20]!), fraudType: 'FAKE_INVESTMENT' });
    lines.push('{"broken');
    const res = await t.request('POST', '/v1/negative-list/imports', { apiKey: bank.apiKey, rawBody: lines.join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'COMPLETED', rowsRead: 2501, rowsAccepted: 2500, rowsRejected: 1, inserted: 2499, updated: 1 });
    const hits = (await t.request('POST', '/v1/negative-list/match', { apiKey: bank.apiKey, body: { phone: '13600000020' } })).body.hits;
    expect(hits).toHaveLength(1);
    expect(hits[0].entry.fraudType).toBe('FAKE_INVESTMENT');
    const [convicted] = (await t.request('GET', '/v1/negative-list/entries?mine=true&externalRef=P-2', { apiKey: bank.apiKey })).body.items;
    expect(convicted).toMatchObject({ termBasis: 'JOINT_PUNISHMENT_CONVICTED', effectiveFrom: '2028-11-21T16:00:00.000Z', expiresAt: '2031-11-21T16:00:00.000Z' });
    // The restrictions module reacts to every imported entry over the same single connection: let it finish.
    await t.app.get(NegativeListSubscriber, { strict: false }).idle();
  });
});
