import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { DataSource } from 'typeorm';
import { CasesService } from '../../src/modules/cases/cases.service.js';
import type { AttachItemInput, AttachItemResult } from '../../src/modules/cases/cases.types.js';
import { ReviewItemsService } from '../../src/modules/review-items/review-items.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

const HOUR = 3_600_000;

describe('compliance cases: sources, queue, assignment, tenant isolation', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  let other: SeededInstitution;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  let seq = 0;

  const personId = (n: number): string => makeResidentId({ divisionCode: '440305', birthDate: `199${n % 10}-03-0${(n % 9) + 1}`, sequence: n % 100, sex: n % 2 === 0 ? 'FEMALE' : 'MALE' });
  const refer = (inst: SeededInstitution, subject: Record<string, unknown>, severity = 'MEDIUM', extra: Record<string, unknown> = {}) =>
    t.request('POST', '/v1/cases/referrals', { token: inst.tokens.ANALYST, body: { subject, severity, summary: `referral ${++seq}`, ...extra } });
  const account = (n: number) => ({ type: 'ACCOUNT', bankCode: 'B001', accountNumber: `62220200000${String(n).padStart(5, '0')}` });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    bank = await seedInstitution(t, 'CASEBANK');
    other = await seedInstitution(t, 'OTHERBANK');
  }, 60_000);
  afterAll(async () => t?.close(), 30_000);

  it('opens a case from a manual referral and attaches later items to the same open case', async () => {
    const first = await refer(bank, { type: 'PERSON', idNumber: personId(1), name: '王小明' }, 'MEDIUM', { findingCodes: ['BRANCH_OBSERVATION'] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ outcome: 'QUEUED', caseCreated: true });
    const caseId: string = first.body.caseId;

    const second = await refer(bank, { type: 'PERSON', idNumber: personId(1) }, 'HIGH');
    expect(second.body).toMatchObject({ outcome: 'QUEUED', caseCreated: false, caseId });

    const c = await t.request('GET', `/v1/cases/${caseId}`, { token: bank.tokens.ANALYST });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'OPEN', priority: 'HIGH', itemCount: 2, sources: ['MANUAL'], subject: { type: 'PERSON', name: '王小明' } });
    expect(c.body.subject.display).toMatch(/^440305\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(c.body)).not.toContain(personId(1));
    expect(c.body.items).toHaveLength(2);
    // Raising the priority to HIGH moved the due date to 72 h from the second item.
    expect(c.body.dueAt).toBe(new Date(clock.now().getTime() + 72 * HOUR).toISOString());

    const profile = await t.request('GET', `/v1/cases/${caseId}/profile`, { token: bank.tokens.ANALYST });
    expect(profile.status).toBe(200);
    expect(profile.body.person).toMatchObject({ age: 35, sex: 'MALE', region: { province: '广东省' } });
    expect(profile.body.accounts).toEqual({ total: 0, institutions: 0 });

    const timeline = await t.request('GET', `/v1/cases/${caseId}/timeline`, { token: bank.tokens.ANALYST });
    expect(timeline.body.map((e: { kind: string }) => e.kind)).toEqual(['OPENED', 'ITEM_ATTACHED', 'ITEM_ATTACHED']);
    expect(timeline.body[2].details).toMatchObject({ severity: 'HIGH', priorityRaisedTo: 'HIGH' });
    expect(timeline.body.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
  });

  it('takes items from every source, once per (source, source id), and ignores alerts below the configured severity', async () => {
    const cases = t.app.get(CasesService);
    const subject = { type: 'ACCOUNT' as const, key: 'B001:6222020000099001', display: 'B001 622202******9001' };
    const base = { institutionId: bank.id, subject, findingCodes: ['FAN_IN'], summary: '14 senders in 30 minutes', occurredAt: clock.now() };

    const low = await cases.attachItem({ ...base, source: 'ALERT', sourceId: 'alert-low', severity: 'MEDIUM' });
    expect(low).toMatchObject({ outcome: 'BELOW_THRESHOLD', itemId: null, caseId: null });

    const alert = await cases.attachItem({ ...base, source: 'ALERT', sourceId: 'alert-1', severity: 'HIGH', evidence: { eventIds: ['e1', 'e2'] } });
    expect(alert).toMatchObject({ outcome: 'QUEUED', caseCreated: true });
    const again = await cases.attachItem({ ...base, source: 'ALERT', sourceId: 'alert-1', severity: 'CRITICAL' });
    expect(again).toEqual({ outcome: 'DUPLICATE', itemId: alert.itemId, caseId: alert.caseId, caseCreated: false, suppressedCodes: [] });

    // Screening REVIEW, second verification and rescreen hits arrive as review items.
    const reviewItems = t.app.get(ReviewItemsService, { strict: false });
    const kinds = ['SCREENING_REVIEW', 'SECOND_VERIFICATION_CHANGED', 'RESCREEN_HIT'] as const;
    for (const kind of kinds) {
      const ids = await reviewItems.create([
        {
          institutionId: bank.id,
          kind,
          severity: 'MEDIUM',
          title: `${kind} on the account`,
          bankCode: 'B001',
          accountNumber: '6222020000099001',
          subjectType: 'ACCOUNT',
          subjectKey: subject.key,
          subjectMasked: subject.display,
          findingCodes: ['CROSS_BANK_VELOCITY'],
          details: { note: kind },
          dedupKey: `${kind}:test`,
        },
      ]);
      expect(ids).toHaveLength(1);
      // The same review item again is not a new item, here or in the case.
      expect(await reviewItems.create([{ institutionId: bank.id, kind, severity: 'MEDIUM', title: 'again', subjectType: 'ACCOUNT', subjectKey: subject.key, findingCodes: [], details: {}, dedupKey: `${kind}:test` }])).toEqual([]);
    }

    const c = await t.request('GET', `/v1/cases/${alert.caseId}`, { token: bank.tokens.ANALYST });
    expect(c.body.itemCount).toBe(4);
    expect([...c.body.sources].sort()).toEqual(['ALERT', 'RESCREEN', 'SCREENING', 'SECOND_VERIFICATION']);
    expect(c.body.findingCodes).toEqual(['FAN_IN', 'CROSS_BANK_VELOCITY']);
    expect(c.body.priority).toBe('HIGH');
    const fromReview = c.body.items.find((i: { source: string }) => i.source === 'SCREENING');
    expect(fromReview.evidence).toMatchObject({ kind: 'SCREENING_REVIEW', note: 'SCREENING_REVIEW' });

    const bySource = await t.request('GET', '/v1/cases?source=RESCREEN', { token: bank.tokens.ANALYST });
    expect(bySource.body.items.map((x: { id: string }) => x.id)).toEqual([alert.caseId]);
  });

  it('keeps one open case per subject when items for a new subject arrive at the same moment', async () => {
    const cases = t.app.get(CasesService);
    const subject = { type: 'ACCOUNT' as const, key: 'B001:6222020000088001', display: 'B001 622202******8001' };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        cases.attachItem({ institutionId: bank.id, subject, source: 'ALERT', sourceId: `race-${i}`, severity: i === 5 ? 'CRITICAL' : 'HIGH', findingCodes: ['FAN_OUT'], summary: 'race', occurredAt: clock.now() }),
      ),
    );
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => r.caseCreated)).toHaveLength(1);
    const c = await t.request('GET', `/v1/cases/${results[0]!.caseId}`, { token: bank.tokens.ANALYST });
    expect(c.body).toMatchObject({ itemCount: 6, priority: 'CRITICAL' });
    const seqs = (await t.request('GET', `/v1/cases/${results[0]!.caseId}/timeline`, { token: bank.tokens.ANALYST })).body.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('refuses items it cannot key', async () => {
    const cases = t.app.get(CasesService);
    await expect(
      cases.attachItem({ institutionId: bank.id, subject: { type: 'ACCOUNT', key: '', display: 'x' }, source: 'MANUAL', sourceId: 's', severity: 'LOW', findingCodes: [], summary: 'x', occurredAt: clock.now() }),
    ).rejects.toMatchObject({ code: 'CASE_ITEM_INVALID' });
    const valid = personId(7);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const bad = await t.request('POST', '/v1/cases/referrals', { token: bank.tokens.ANALYST, body: { subject: { type: 'PERSON', idNumber: wrongCheck }, severity: 'LOW', summary: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('INVALID_IDENTIFIER');
  });

  it('assigns by hand, by round-robin, and lets analysts claim and release', async () => {
    const users = await t.request('GET', `/v1/institutions/${bank.id}/users`, { token: bank.tokens.ADMIN });
    const idOf = (username: string): string => users.body.find((u: { username: string }) => u.username === username).id;
    const analyst = idOf(bank.usernames.ANALYST);
    const analyst2 = idOf(bank.usernames.ANALYST2);

    const a = (await refer(bank, account(1))).body.caseId;
    const b = (await refer(bank, account(2))).body.caseId;
    const c = (await refer(bank, account(3))).body.caseId;

    // Analysts may not hand out cases.
    expect((await t.request('POST', `/v1/cases/${a}/assign`, { token: bank.tokens.ANALYST, body: { userId: analyst2 } })).status).toBe(403);
    // Not a user of this institution.
    const foreign = await t.request('GET', `/v1/institutions/${other.id}/users`, { token: other.tokens.ADMIN });
    expect((await t.request('POST', `/v1/cases/${a}/assign`, { token: bank.tokens.SUPERVISOR, body: { userId: foreign.body[0].id } })).body.code).toBe('CASE_ASSIGNEE_INVALID');

    const rr1 = await t.request('POST', `/v1/cases/${a}/assign`, { token: bank.tokens.SUPERVISOR, body: { mode: 'ROUND_ROBIN' } });
    const rr2 = await t.request('POST', `/v1/cases/${b}/assign`, { token: bank.tokens.SUPERVISOR, body: { mode: 'ROUND_ROBIN' } });
    const rr3 = await t.request('POST', `/v1/cases/${c}/assign`, { token: bank.tokens.SUPERVISOR, body: { mode: 'ROUND_ROBIN' } });
    expect([rr1.body.assignee.id, rr2.body.assignee.id, rr3.body.assignee.id]).toEqual([analyst, analyst2, analyst]);
    expect(rr1.body.status).toBe('IN_REVIEW');

    // Someone else's case cannot be claimed; the assignee releases it and another analyst takes it.
    const analyst2Token = await t.login(bank.usernames.ANALYST2, bank.password);
    expect((await t.request('POST', `/v1/cases/${a}/claim`, { token: analyst2Token })).body.code).toBe('CASE_ALREADY_ASSIGNED');
    expect((await t.request('POST', `/v1/cases/${a}/release`, { token: analyst2Token })).body.code).toBe('CASE_NOT_ASSIGNEE');
    const released = await t.request('POST', `/v1/cases/${a}/release`, { token: bank.tokens.ANALYST });
    expect(released.body).toMatchObject({ status: 'OPEN', assignee: null });
    const claimed = await t.request('POST', `/v1/cases/${a}/claim`, { token: analyst2Token });
    expect(claimed.body).toMatchObject({ status: 'IN_REVIEW', assignee: { id: analyst2 } });

    const assigned = await t.request('POST', `/v1/cases/${b}/assign`, { token: bank.tokens.SUPERVISOR, body: { userId: analyst } });
    expect(assigned.body.assignee.id).toBe(analyst);

    const note = await t.request('POST', `/v1/cases/${a}/notes`, { token: analyst2Token, body: { text: 'Called the branch; customer left before the account was opened.' } });
    expect(note.status).toBe(201);
    const timeline = await t.request('GET', `/v1/cases/${a}/timeline`, { token: bank.tokens.ANALYST });
    expect(timeline.body.map((e: { kind: string }) => e.kind)).toEqual(['OPENED', 'ITEM_ATTACHED', 'ASSIGNED', 'RELEASED', 'CLAIMED', 'NOTE']);
    expect(timeline.body[2]).toMatchObject({ actorName: bank.usernames.SUPERVISOR, details: { mode: 'ROUND_ROBIN', assigneeId: analyst } });

    const mine = await t.request('GET', '/v1/cases?assignee=ME&sort=openedAt', { token: analyst2Token });
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([a]);
    const unassigned = await t.request('GET', '/v1/cases?assignee=UNASSIGNED&subjectType=ACCOUNT', { token: bank.tokens.ANALYST });
    expect(unassigned.body.items.map((x: { id: string }) => x.id)).not.toContain(a);

    const audit = await t.request('GET', `/v1/audit?subjectType=case&subjectId=${a}`, { token: bank.tokens.SUPERVISOR });
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['case.opened', 'case.assigned', 'case.released', 'case.claimed', 'case.note_added']));
  });

  it('filters and sorts the queue and flags overdue cases', async () => {
    const crit = (await refer(bank, account(10), 'CRITICAL')).body.caseId;
    const low = (await refer(bank, account(11), 'LOW')).body.caseId;

    const byPriority = await t.request('GET', '/v1/cases?status=OPEN,IN_REVIEW&limit=500', { token: bank.tokens.ANALYST });
    const ranks = byPriority.body.items.map((x: { priority: string }) => ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].indexOf(x.priority));
    expect(ranks).toEqual([...ranks].sort((x: number, y: number) => y - x));
    expect(byPriority.body.items[0].priority).toBe('CRITICAL');
    expect(byPriority.body.items.filter((x: { priority: string }) => x.priority === 'CRITICAL').map((x: { id: string }) => x.id)).toContain(crit);

    const onlyLow = await t.request('GET', '/v1/cases?priority=LOW', { token: bank.tokens.ANALYST });
    expect(onlyLow.body.items.map((x: { id: string }) => x.id)).toEqual([low]);

    // CRITICAL is due in 24 hours; a minute past that it is overdue, the LOW case is not.
    clock.advance(24 * HOUR + 60_000);
    const overdue = await t.request('GET', '/v1/cases?overdue=true', { token: bank.tokens.ANALYST });
    expect(overdue.body.items.map((x: { id: string }) => x.id)).toContain(crit);
    expect(overdue.body.items.map((x: { id: string }) => x.id)).not.toContain(low);
    expect(overdue.body.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);

    const byDue = await t.request('GET', '/v1/cases?sort=dueAt&order=asc&limit=3', { token: bank.tokens.ANALYST });
    const dues = byDue.body.items.map((x: { dueAt: string }) => x.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(byDue.body.limit).toBe(3);
    expect(byDue.body.total).toBeGreaterThan(3);

    expect((await t.request('GET', '/v1/cases?status=LOST', { token: bank.tokens.ANALYST })).status).toBe(400);
  });

  it('keeps institutions apart: not found reads the same as not yours; the operator reads but does not act', async () => {
    const mine = (await refer(bank, account(20))).body.caseId;
    const theirs = (await refer(other, account(20))).body.caseId;
    expect(theirs).not.toBe(mine);

    expect((await t.request('GET', `/v1/cases/${theirs}`, { token: bank.tokens.ANALYST })).body.code).toBe('CASE_NOT_FOUND');
    expect((await t.request('GET', `/v1/cases/00000000-0000-4000-8000-000000000000`, { token: bank.tokens.ANALYST })).body.code).toBe('CASE_NOT_FOUND');
    expect((await t.request('GET', `/v1/cases/${theirs}/timeline`, { token: bank.tokens.ANALYST })).status).toBe(404);
    expect((await t.request('POST', `/v1/cases/${theirs}/claim`, { token: bank.tokens.ANALYST })).status).toBe(404);
    expect((await t.request('POST', `/v1/cases/${theirs}/decisions`, { token: bank.tokens.ANALYST, body: { kind: 'NO_ACTION', reason: 'x' } })).status).toBe(404);

    const q = await t.request('GET', '/v1/cases?limit=500', { token: other.tokens.ANALYST });
    expect(q.body.items.every((x: { institutionId: string }) => x.institutionId === other.id)).toBe(true);
    // Another institution's id in the filter changes nothing for a bank.
    const sneaky = await t.request('GET', `/v1/cases?institutionId=${bank.id}`, { token: other.tokens.ANALYST });
    expect(sneaky.body.items.every((x: { institutionId: string }) => x.institutionId === other.id)).toBe(true);

    const admin = await t.adminToken();
    const all = await t.request('GET', '/v1/cases?limit=500', { token: admin });
    expect(new Set(all.body.items.map((x: { institutionId: string }) => x.institutionId))).toEqual(new Set([bank.id, other.id]));
    const onlyOther = await t.request('GET', `/v1/cases?institutionId=${other.id}&limit=500`, { token: admin });
    expect(onlyOther.body.total).toBe(q.body.total);
    expect((await t.request('GET', `/v1/cases/${theirs}`, { token: admin })).status).toBe(200);
    // The operator's admin holds no analyst role; the route refuses before the case is looked at.
    expect((await t.request('POST', `/v1/cases/${theirs}/notes`, { token: admin, body: { text: 'x' } })).status).toBe(403);
    // Branch systems (API keys) have no access to cases.
    expect((await t.request('GET', '/v1/cases', { apiKey: bank.apiKey })).status).toBe(403);
  });
});

describe('compliance cases: automatic assignment and time limits from the configuration', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { CASE_AUTO_ASSIGN: 'true', CASE_DUE_HOURS: 'HIGH:2' } });
    bank = await seedInstitution(t, 'AUTOBANK');
  }, 60_000);
  afterAll(async () => t?.close(), 30_000);

  it('gives each new case to the next analyst in turn and counts the due date from CASE_DUE_HOURS', async () => {
    const refer = (n: number, severity: string) =>
      t.request('POST', '/v1/cases/referrals', { token: bank.tokens.SUPERVISOR, body: { subject: { type: 'ACCOUNT', bankCode: 'B001', accountNumber: `62220200000${n}` }, severity, summary: 'x' } });
    const first = await t.request('GET', `/v1/cases/${(await refer(11111, 'HIGH')).body.caseId}`, { token: bank.tokens.ANALYST });
    const second = await t.request('GET', `/v1/cases/${(await refer(22222, 'LOW')).body.caseId}`, { token: bank.tokens.ANALYST });
    expect([first.body.assignee.name, second.body.assignee.name]).toEqual([bank.usernames.ANALYST, bank.usernames.ANALYST2]);
    expect(first.body.status).toBe('IN_REVIEW');
    expect(first.body.dueAt).toBe(new Date(clock.now().getTime() + 2 * 3_600_000).toISOString());
    // LOW keeps its default of 14 days.
    expect(second.body.dueAt).toBe(new Date(clock.now().getTime() + 336 * 3_600_000).toISOString());
    const timeline = await t.request('GET', `/v1/cases/${first.body.id}/timeline`, { token: bank.tokens.ANALYST });
    expect(timeline.body.map((e: { kind: string; actorType: string }) => `${e.kind}:${e.actorType}`)).toEqual(['OPENED:SYSTEM', 'ITEM_ATTACHED:SYSTEM', 'ASSIGNED:SYSTEM']);
  });
});

describe('compliance cases: items in batches', () => {
  let t: TestApp;
  let oneByOne: SeededInstitution;
  let batched: SeededInstitution;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({ clock });
    oneByOne = await seedInstitution(t, 'CASEBATCH1');
    batched = await seedInstitution(t, 'CASEBATCH2');
  }, 60_000);
  afterAll(async () => t?.close(), 30_000);

  it('attaches a batch of items with the outcomes, cases and timelines they get one at a time', async () => {
    const cases = t.app.get(CasesService);
    const ds = t.app.get(DataSource);
    const at = clock.now();
    // Per institution: a subject with an open case from before, one with a suppression that covers
    // FAN_IN, and two new subjects; the batch mixes them, raises a priority, repeats a source,
    // repeats an item recorded before and has an alert below the floor.
    const prepare = async (inst: SeededInstitution): Promise<AttachItemInput[]> => {
      const subject = (n: number) => ({ type: 'ACCOUNT' as const, key: `B001:62220200000770${n}`, display: `B001 622202******770${n}`, name: n === 2 ? '李四' : null });
      const item = (n: number, sourceId: string, severity: AttachItemInput['severity'], findingCodes: string[], source: AttachItemInput['source'] = 'RESCREEN'): AttachItemInput => ({
        institutionId: inst.id, subject: subject(n), source, sourceId, severity, findingCodes, summary: `${sourceId} on ${n}`, occurredAt: at, evidence: { n },
      });
      await cases.attachItem(item(1, 'before-1', 'LOW', ['LISTED_PERSON']));
      const opened = await cases.attachItem(item(3, 'before-3', 'MEDIUM', ['FAN_IN'], 'MANUAL'));
      await ds.query(
        `INSERT INTO case_suppressions (id, institution_id, subject_type, subject_key, subject_display, finding_code, finding_kind, reason, case_id, decision_id, created_by, created_by_name, created_at, expires_at, hit_count)
         VALUES (gen_random_uuid(), $1, 'ACCOUNT', $2, $3, 'FAN_IN', 'RULE', 'false positive', $4, gen_random_uuid(), gen_random_uuid(), 'analyst', $5, $6, 0)`,
        [inst.id, subject(3).key, subject(3).display, opened.caseId, at, new Date(at.getTime() + 30 * 86_400_000)],
      );
      return [
        item(1, 'b-1', 'MEDIUM', ['CROSS_BANK_VELOCITY']),
        item(2, 'b-2', 'LOW', ['LISTED_PHONE']),
        item(3, 'b-3', 'HIGH', ['FAN_IN']),
        item(2, 'b-4', 'CRITICAL', ['LISTED_PHONE', 'CARD_FARMING']),
        item(1, 'before-1', 'CRITICAL', ['LISTED_PERSON']),
        item(2, 'b-2', 'HIGH', ['LISTED_PHONE']),
        item(4, 'b-5', 'MEDIUM', ['FAN_OUT'], 'ALERT'),
        item(3, 'b-6', 'LOW', ['FAN_IN', 'NEW_CODE']),
        item(4, 'b-7', 'HIGH', []),
      ];
    };
    const single = await prepare(oneByOne);
    const expected: AttachItemResult[] = [];
    for (const input of single) expected.push(await cases.attachItem(input));
    const actual = await cases.attachItems(await prepare(batched));

    const shape = (r: AttachItemResult) => ({ outcome: r.outcome, caseCreated: r.caseCreated, suppressedCodes: r.suppressedCodes, hasItem: r.itemId !== null, hasCase: r.caseId !== null });
    expect(actual.map(shape)).toEqual(expected.map(shape));
    expect(actual.map((r) => r.outcome)).toEqual(['QUEUED', 'QUEUED', 'SUPPRESSED', 'QUEUED', 'DUPLICATE', 'DUPLICATE', 'BELOW_THRESHOLD', 'QUEUED', 'QUEUED']);
    // Same case and item identities across the outcomes, position by position.
    const sameAs = (rs: AttachItemResult[], f: (r: AttachItemResult) => string | null) => rs.map((r) => rs.findIndex((o) => f(o) !== null && f(o) === f(r)));
    expect(sameAs(actual, (r) => r.caseId)).toEqual(sameAs(expected, (r) => r.caseId));
    expect(sameAs(actual, (r) => r.itemId)).toEqual(sameAs(expected, (r) => r.itemId));

    const stateOf = async (inst: SeededInstitution) => {
      const rows: Array<Record<string, unknown>> = await ds.query(
        `SELECT c.subject_key, c.subject_name, c.status, c.priority, c.due_at, c.item_count, c.last_item_at, c.sources, c.finding_codes,
                (SELECT json_agg(json_build_object('seq', e.seq, 'kind', e.kind, 'details', e.details - 'itemId') ORDER BY e.seq) FROM case_events e WHERE e.case_id = c.id) AS timeline,
                (SELECT json_agg(json_build_object('source', i.source_id, 'severity', i.severity, 'queued', i.queued, 'suppressed', i.suppressed_codes) ORDER BY i.source_id) FROM case_items i WHERE i.case_id = c.id) AS items
         FROM cases c WHERE c.institution_id = $1 ORDER BY c.subject_key`,
        [inst.id],
      );
      const loose: Array<Record<string, unknown>> = await ds.query('SELECT source_id, queued, suppressed_codes FROM case_items WHERE institution_id = $1 AND case_id IS NULL ORDER BY source_id', [inst.id]);
      const hits: Array<Record<string, unknown>> = await ds.query('SELECT finding_code, hit_count FROM case_suppressions WHERE institution_id = $1', [inst.id]);
      return { rows, loose, hits };
    };
    const want = await stateOf(oneByOne);
    expect(await stateOf(batched)).toEqual(want);
    expect(want.rows.map((r) => [r.subject_key, r.priority, r.item_count])).toEqual([
      ['B001:622202000007701', 'MEDIUM', 2],
      ['B001:622202000007702', 'CRITICAL', 2],
      ['B001:622202000007703', 'MEDIUM', 2],
      ['B001:622202000007704', 'HIGH', 1],
    ]);
    expect(want.hits).toEqual([{ finding_code: 'FAN_IN', hit_count: 2 }]);
  });
});
