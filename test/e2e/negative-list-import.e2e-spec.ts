import { jest } from '@jest/globals';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

// Starting the service, seeding users (argon2) and loading data take seconds on a busy machine.
jest.setTimeout(60_000);

const id = (seq: number): string => makeResidentId({ divisionCode: '440305', birthDate: '1992-06-01', sequence: seq % 100 });

function row(i: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { externalRef: `R-${i}`, subjectType: 'PHONE', phone: `139${String(i).padStart(8, '0')}`, category: 'FRAUD_PHONE', fraudType: 'ORDER_BRUSHING', legalBasis: '涉诈号码通报', ...over };
}

describe('negative-list bulk import and export', () => {
  let t: TestApp;
  let bankA: SeededInstitution;
  let bankB: SeededInstitution;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');

  beforeAll(async () => {
    // A small body limit: uploads must stream past it, other routes must still enforce it.
    t = await startTestApp({ clock, env: { BODY_LIMIT_BYTES: '4096' } });
    bankA = await seedInstitution(t, 'BANK-A');
    bankB = await seedInstitution(t, 'BANK-B');
  });
  afterAll(async () => {
    await t.close();
  });

  const download = async (path: string, o: { apiKey?: string; token?: string }) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { ...(o.apiKey ? { 'x-api-key': o.apiKey } : {}), ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const upload = (body: string, type: string, key = bankA.apiKey) => t.request('POST', '/v1/negative-list/imports', { apiKey: key, rawBody: body, headers: { 'content-type': type } });

  it('imports NDJSON row by row: bad rows in the middle are reported, good rows land', async () => {
    const lines = [
      JSON.stringify(row(1)),
      JSON.stringify({ ...row(2), subjectType: 'PERSON', phone: undefined, idNumber: id(2), name: '周杰', category: 'ACCOUNT_SELLER', measures: ['NO_NEW_ACCOUNTS'] }),
      JSON.stringify({ ...row(3), subjectType: 'PERSON', phone: undefined, idNumber: '440305199206010010', name: '坏号' }),
      '{"externalRef": "R-4", broken',
      JSON.stringify({ ...row(5), colour: 'red' }),
      '',
      JSON.stringify({ ...row(7), legalBasis: '' }),
      JSON.stringify(row(8)),
      JSON.stringify({ ...row(9), expiresAt: '2026-01-01' }),
      JSON.stringify(row(10)),
    ];
    const res = await upload(lines.join('\n'), 'application/x-ndjson');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'NEGATIVE_LIST', format: 'NDJSON', status: 'COMPLETED', rowsRead: 9, rowsAccepted: 4, rowsRejected: 5, inserted: 4, updated: 0, unchanged: 0 });
    const errors = await t.request('GET', `/v1/negative-list/imports/${res.body.id}/errors`, { apiKey: bankA.apiKey });
    expect(errors.body.map((e: { row: number; code: string; field: string | null }) => [e.row, e.code, e.field])).toEqual([
      [3, 'INVALID_RESIDENT_ID', 'idNumber'],
      [4, 'MALFORMED_JSON_LINE', null],
      [5, 'UNKNOWN_FIELD', 'colour'],
      [7, 'MISSING_FIELD', 'legalBasis'],
      [9, 'INVALID_TERM', 'expiresAt'],
    ]);
    const page2 = await t.request('GET', `/v1/negative-list/imports/${res.body.id}/errors?afterRow=5&limit=1`, { apiKey: bankA.apiKey });
    expect(page2.body.map((e: { row: number }) => e.row)).toEqual([7]);
    const hit = await t.request('POST', '/v1/negative-list/match', { apiKey: bankB.apiKey, body: { idNumber: id(2) } });
    expect(hit.body.hits[0].entry).toMatchObject({ termBasis: 'JOINT_PUNISHMENT_CARD_SELLER', expiresAt: '2028-11-21T16:00:00.000Z' });
    expect((await t.request('POST', '/v1/negative-list/match', { apiKey: bankB.apiKey, body: { phone: row(10).phone } })).body.hits).toHaveLength(1);
    // Others see the job as not found.
    expect((await t.request('GET', `/v1/negative-list/imports/${res.body.id}`, { apiKey: bankB.apiKey })).status).toBe(404);
  });

  it('imports CSV the same way, and re-importing by external reference updates instead of duplicating', async () => {
    const header = 'externalRef,subjectType,phone,category,fraudType,legalBasis,measures';
    const csv = (rows: string[]) => [header, ...rows].join('\r\n') + '\r\n';
    const first = await upload(csv(['C-1,PHONE,13700000001,FRAUD_PHONE,FAKE_LOAN,通报,', 'C-2,PHONE,13700000002,FRAUD_PHONE,FAKE_LOAN,通报,NO_NEW_ACCOUNTS;PAYMENT_ACCOUNT_SUSPENDED', 'C-3,PHONE,not-a-phone,FRAUD_PHONE,FAKE_LOAN,通报,', 'C-4,PHONE,13700000004,FRAUD_PHONE,FAKE_LOAN,"通报, 第二份",']), 'text/csv');
    expect(first.body).toMatchObject({ format: 'CSV', rowsRead: 4, rowsAccepted: 3, rowsRejected: 1, inserted: 3 });
    const errors = await t.request('GET', `/v1/negative-list/imports/${first.body.id}/errors`, { apiKey: bankA.apiKey });
    expect(errors.body).toEqual([{ row: 4, code: 'INVALID_PHONE', field: 'phone', message: expect.any(String) }]);

    const again = await upload(csv(['C-1,PHONE,13700000001,FRAUD_PHONE,FAKE_LOAN,通报,', 'C-2,PHONE,13700000002,FRAUD_PHONE,ONLINE_GAMBLING,通报,NO_NEW_ACCOUNTS;PAYMENT_ACCOUNT_SUSPENDED']), 'text/csv');
    expect(again.body).toMatchObject({ rowsAccepted: 2, inserted: 0, updated: 1, unchanged: 1 });
    const mine = await t.request('GET', '/v1/negative-list/entries?mine=true&externalRef=C-2', { apiKey: bankA.apiKey });
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ version: 2, fraudType: 'ONLINE_GAMBLING', measures: ['NO_NEW_ACCOUNTS', 'PAYMENT_ACCOUNT_SUSPENDED'] });
    const history = await t.request('GET', `/v1/negative-list/entries/${mine.body.items[0].id}/history`, { apiKey: bankA.apiKey });
    expect(history.body.map((v: { action: string }) => v.action)).toEqual(['CREATED', 'IMPORTED']);
    // Another institution's identical reference is its own entry.
    const other = await upload(csv(['C-1,PHONE,13700000001,FRAUD_PHONE,FAKE_LOAN,通报,']), 'text/csv', bankB.apiKey);
    expect(other.body).toMatchObject({ inserted: 1 });

    const badHeader = await upload('externalRef,phoneNumber\nX,1\n', 'text/csv');
    expect(badHeader.status).toBe(422);
    expect(badHeader.body.code).toBe('IMPORT_BAD_HEADER');
    const failed = await t.request('GET', '/v1/negative-list/imports?status=FAILED', { apiKey: bankA.apiKey });
    expect(failed.body[0]).toMatchObject({ status: 'FAILED', error: expect.stringContaining('phoneNumber') });
  });

  it('streams uploads larger than the body limit, while JSON bodies stay limited and other routes refuse CSV', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => JSON.stringify(row(100_000 + i))).join('\n');
    expect(big.length).toBeGreaterThan(100 * 4096);
    const res = await upload(big, 'application/x-ndjson');
    expect(res.body).toMatchObject({ status: 'COMPLETED', inserted: 3000 });
    const tooBig = await t.request('POST', '/v1/negative-list/match', { apiKey: bankA.apiKey, body: { name: 'x'.repeat(5000) } });
    expect(tooBig.status).toBe(413);
    const csvElsewhere = await t.request('POST', '/v1/negative-list/match', { apiKey: bankA.apiKey, rawBody: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } });
    expect(csvElsewhere.status).toBe(415);
    const jsonToImport = await t.request('POST', '/v1/negative-list/imports', { apiKey: bankA.apiKey, body: { rows: [] } });
    expect(jsonToImport.status).toBe(415);
    expect(jsonToImport.body.code).toBe('IMPORT_UNSUPPORTED_MEDIA_TYPE');
  });

  it('shows progress while an upload is still being read', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const encoder = new TextEncoder();
    const lines = (from: number, to: number) => encoder.encode(Array.from({ length: to - from }, (_, i) => JSON.stringify(row(200_000 + from + i)) + '\n').join(''));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(lines(0, 2500));
        await gate;
        controller.enqueue(lines(2500, 3000));
        controller.close();
      },
    });
    const done = fetch(`${t.baseUrl}/v1/negative-list/imports`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', 'x-api-key': bankA.apiKey }, duplex: 'half' } as RequestInit);
    let running: { id: string; status: string; rowsAccepted: number } | undefined;
    for (let i = 0; i < 200 && !(running && running.rowsAccepted >= 2000); i++) {
      await new Promise((r) => setTimeout(r, 25));
      running = (await t.request('GET', '/v1/negative-list/imports?status=RUNNING', { apiKey: bankA.apiKey })).body[0];
    }
    expect(running).toMatchObject({ status: 'RUNNING', rowsAccepted: 2000 });
    const polled = await t.request('GET', `/v1/negative-list/imports/${running!.id}`, { apiKey: bankA.apiKey });
    expect(polled.body).toMatchObject({ status: 'RUNNING', inserted: 2000, finishedAt: null });
    release();
    const finished = (await (await done).json()) as { id: string; status: string; inserted: number };
    expect(finished).toMatchObject({ id: running!.id, status: 'COMPLETED', inserted: 3000 });
  });

  it('exports as NDJSON or CSV, filtered, masked unless the identifier may be revealed', async () => {
    const all = await download('/v1/negative-list/export?category=ACCOUNT_SELLER', { apiKey: bankB.apiKey });
    expect(all.type).toContain('application/x-ndjson');
    const rows = all.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: 'ACCOUNT_SELLER', subjectName: '周杰', identifierRevealed: false, provenance: null });

    const revealed = await download('/v1/negative-list/export?mine=true&reveal=true&format=csv&subjectType=PERSON', { apiKey: bankA.apiKey });
    expect(revealed.type).toContain('text/csv');
    const [head, ...body] = revealed.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(head!.split(',').slice(0, 5)).toEqual(['id', 'version', 'subjectType', 'idKind', 'identifier']);
    expect(body).toHaveLength(1);
    expect(body[0]).toContain(id(2));
    const audit = await t.request('GET', '/v1/audit?action=negative-list.export.identifiers-read', { token: await t.adminToken() });
    expect(audit.body.items).toHaveLength(1);

    const phones = await download('/v1/negative-list/export?subjectType=PHONE&mine=true', { apiKey: bankA.apiKey });
    expect(phones.text.trim().split('\n')).toHaveLength(3 + 3 + 3000 + 3000);
  });

  it('chains terms and updates references across batches while a batch is prepared before the one before it has landed', async () => {
    // Batch 1 (rows 1-1000) lists person P as a card seller and person Q (no reference);
    // batch 2 lists P again as convicted, re-imports X-1 with another fraud type, and lists Q
    // again. Holding the loader's lock keeps batch 1's write waiting while batch 2 is prepared, so
    // batch 2 must take what batch 1 will write from batch 1 itself.
    const p = id(41);
    const q = id(42);
    const person = (ref: string | undefined, idNumber: string, over: Record<string, unknown> = {}) => ({
      ...(ref ? { externalRef: ref } : {}), subjectType: 'PERSON', idNumber, name: '林海', category: 'ACCOUNT_SELLER', fraudType: 'FAKE_LOAN', legalBasis: '公安机关认定', ...over,
    });
    const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify(row(300_000 + i)));
    lines[997] = JSON.stringify(person(undefined, q));
    lines[998] = JSON.stringify(person('X-1', p));
    lines[1000] = JSON.stringify(person('X-2', p, { category: 'CONVICTED_FRAUDSTER' }));
    lines[1001] = JSON.stringify(person('X-1', p, { fraudType: 'ONLINE_GAMBLING' }));
    lines[1002] = JSON.stringify(person(undefined, q));
    const holder = t.database.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`negative-list-load:${bankB.id}`]);
      const pending = upload(lines.join('\n'), 'application/x-ndjson', bankB.apiKey);
      // The first write waits on the lock; by then the second batch is being read and prepared.
      for (let i = 0; i < 200; i++) {
        const waiting = await holder.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'");
        if (waiting[0].n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [`negative-list-load:${bankB.id}`]);
      const res = await pending;
      expect(res.body).toMatchObject({ status: 'COMPLETED', rowsRead: 2500, rowsAccepted: 2500, inserted: 2499, updated: 1, unchanged: 0 });
    } finally {
      await holder.release();
    }
    const entries = async (ref: string) => (await t.request('GET', `/v1/negative-list/entries?mine=true&externalRef=${ref}`, { apiKey: bankB.apiKey })).body.items;
    const [seller] = await entries('X-1');
    const [convicted] = await entries('X-2');
    // X-1 kept its term through the update; X-2 starts when it ends; Q's second listing follows its first.
    expect(seller).toMatchObject({ version: 2, fraudType: 'ONLINE_GAMBLING', termBasis: 'JOINT_PUNISHMENT_CARD_SELLER', expiresAt: '2028-11-21T16:00:00.000Z' });
    expect(convicted).toMatchObject({ termBasis: 'JOINT_PUNISHMENT_CONVICTED', effectiveFrom: seller.expiresAt, expiresAt: '2031-11-21T16:00:00.000Z' });
    const exported = await download('/v1/negative-list/export?mine=true&subjectType=PERSON', { apiKey: bankB.apiKey });
    const qTerms = exported.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { identifier: string; effectiveFrom: string; expiresAt: string })
      .filter((e) => e.identifier.endsWith(q.slice(-4)))
      .map((e) => [e.effectiveFrom, e.expiresAt])
      .sort();
    expect(qTerms).toHaveLength(2);
    expect(qTerms[1][0]).toBe(qTerms[0][1]);
    expect(qTerms[1][1]).toBe('2030-11-21T16:00:00.000Z');
  });
});
