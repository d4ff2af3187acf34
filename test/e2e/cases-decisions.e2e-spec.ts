import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/domain/audit/hash-chain.js';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { CasesService } from '../../src/modules/cases/cases.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

const DAY = 86_400_000;

describe('compliance cases: decisions, four eyes, suppressions, packages', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  let analyst2: string;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  let n = 0;

  const account = (k: number) => ({ type: 'ACCOUNT' as const, key: `B001:62220200001${String(k).padStart(5, '0')}`, display: `B001 622202******${String(k).padStart(4, '0')}` });
  const attach = (subject: ReturnType<typeof account> | { type: 'PERSON'; key: string; display: string }, findingCodes: string[], source: 'SCREENING' | 'ALERT' = 'ALERT', severity: 'HIGH' | 'CRITICAL' = 'HIGH') =>
    t.app.get(CasesService).attachItem({ institutionId: bank.id, subject, source, sourceId: `src-${++n}`, severity, findingCodes, summary: `${findingCodes.join('+')} fired`, occurredAt: clock.now(), evidence: { n } });
  const decide = (caseId: string, body: Record<string, unknown>, token = bank.tokens.ANALYST, headers?: Record<string, string>) =>
    t.request('POST', `/v1/cases/${caseId}/decisions`, { token, body, headers });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    bank = await seedInstitution(t, 'DECIDEBANK');
    analyst2 = await t.login(bank.usernames.ANALYST2, bank.password);
  }, 60_000);
  afterAll(async () => t?.close(), 30_000);

  it('closes a case with NO_ACTION at once and counts the disposition per detector and rule', async () => {
    const a = await attach(account(1), ['FAN_IN']);
    await attach(account(1), ['CROSS_BANK_VELOCITY'], 'SCREENING');
    const d = await decide(a.caseId!, { kind: 'NO_ACTION', reason: 'Payroll account of a small shop; senders are its customers.' });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ kind: 'NO_ACTION', status: 'APPLIED', needsApproval: false, decidedByName: bank.usernames.ANALYST });

    const c = await t.request('GET', `/v1/cases/${a.caseId}`, { token: bank.tokens.ANALYST });
    expect(c.body).toMatchObject({ status: 'CLOSED', resolution: 'NO_ACTION', assignee: { name: bank.usernames.ANALYST } });
    const kinds = (await t.request('GET', `/v1/cases/${a.caseId}/timeline`, { token: bank.tokens.ANALYST })).body.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['OPENED', 'ITEM_ATTACHED', 'ITEM_ATTACHED', 'CLAIMED', 'DECISION_PROPOSED', 'DECISION_APPLIED', 'CLOSED']);

    const rows = await t.database.dataSource.query('SELECT finding_code, finding_kind, disposition FROM case_dispositions WHERE case_id = $1 ORDER BY finding_code', [a.caseId]);
    expect(rows).toEqual([
      { finding_code: 'CROSS_BANK_VELOCITY', finding_kind: 'RULE', disposition: 'NO_ACTION' },
      { finding_code: 'FAN_IN', finding_kind: 'DETECTOR', disposition: 'NO_ACTION' },
    ]);
    // A closed case takes no second decision; a new item opens a new case.
    expect((await decide(a.caseId!, { kind: 'NO_ACTION', reason: 'again' })).body.code).toBe('CASE_INVALID_TRANSITION');
    const next = await attach(account(1), ['FAN_IN']);
    expect(next).toMatchObject({ outcome: 'QUEUED', caseCreated: true });
    expect(next.caseId).not.toBe(a.caseId);
  });

  it('suppresses a false positive for a period: the finding is recorded but not queued, until revoked or expired', async () => {
    const a = await attach(account(2), ['FAN_IN']);
    expect((await decide(a.caseId!, { kind: 'FALSE_POSITIVE', reason: 'x', suppress: { days: 181, reason: 'too long' } })).status).toBe(400);
    expect((await decide(a.caseId!, { kind: 'NO_ACTION', reason: 'x', suppress: { days: 30, reason: 'r' } })).body.code).toBe('CASE_DECISION_INVALID');
    const d = await decide(a.caseId!, { kind: 'FALSE_POSITIVE', reason: 'Market stall collecting small payments.', suppress: { days: 90, reason: 'Known merchant collection account' } });
    expect(d.body).toMatchObject({ kind: 'FALSE_POSITIVE', status: 'APPLIED' });
    const suppressionId: string = d.body.outcome.suppressionIds[0];
    expect(d.body.outcome.suppressedUntil).toBe(new Date(clock.now().getTime() + 90 * DAY).toISOString());

    const again = await attach(account(2), ['FAN_IN']);
    expect(again).toMatchObject({ outcome: 'SUPPRESSED', caseId: null, suppressedCodes: ['FAN_IN'] });
    expect(again.itemId).not.toBeNull();
    const stored = await t.database.dataSource.query('SELECT queued, case_id FROM case_items WHERE id = $1', [again.itemId]);
    expect(stored).toEqual([{ queued: false, case_id: null }]);
    // Another finding on the same subject still queues, and says what was suppressed with it.
    const mixed = await attach(account(2), ['FAN_IN', 'RAPID_PASS_THROUGH']);
    expect(mixed).toMatchObject({ outcome: 'QUEUED', caseCreated: true, suppressedCodes: ['FAN_IN'] });
    // The same finding on another subject is not suppressed.
    expect((await attach(account(3), ['FAN_IN'])).outcome).toBe('QUEUED');

    const list = await t.request('GET', '/v1/cases/suppressions?active=true', { token: bank.tokens.ANALYST });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: suppressionId, findingCode: 'FAN_IN', findingKind: 'DETECTOR', active: true, hitCount: 2, subjectDisplay: account(2).display, createdByName: bank.usernames.ANALYST });

    expect((await t.request('POST', `/v1/cases/suppressions/${suppressionId}/revoke`, { token: bank.tokens.ANALYST, body: { reason: 'x' } })).status).toBe(403);
    const revoked = await t.request('POST', `/v1/cases/suppressions/${suppressionId}/revoke`, { token: bank.tokens.SUPERVISOR, body: { reason: 'Merchant changed hands' } });
    expect(revoked.body).toMatchObject({ active: false, revokeReason: 'Merchant changed hands' });
    expect((await t.request('POST', `/v1/cases/suppressions/${suppressionId}/revoke`, { token: bank.tokens.SUPERVISOR, body: { reason: 'again' } })).body.code).toBe('CASE_SUPPRESSION_REVOKED');
    const after = await attach(account(2), ['FAN_IN']);
    expect(after).toMatchObject({ outcome: 'QUEUED', caseId: mixed.caseId });

    const audit = await t.request('GET', `/v1/audit?action=case.suppression_revoked`, { token: bank.tokens.SUPERVISOR });
    expect(audit.body.items[0]).toMatchObject({ subjectId: suppressionId, details: { reason: 'Merchant changed hands' } });
    expect((await t.request('GET', '/v1/audit?action=case.suppression_created', { token: bank.tokens.SUPERVISOR })).body.items).toHaveLength(1);
  });

  it('lets a suppression lapse on time', async () => {
    const a = await attach(account(4), ['NIGHT_BURST']);
    await decide(a.caseId!, { kind: 'FALSE_POSITIVE', reason: 'Night-shift worker', suppress: { days: 1, reason: 'Works nights' } });
    expect((await attach(account(4), ['NIGHT_BURST'])).outcome).toBe('SUPPRESSED');
    clock.advance(DAY);
    expect((await attach(account(4), ['NIGHT_BURST'])).outcome).toBe('QUEUED');
  });

  it('produces a police package of the subject, items, evidence and timeline', async () => {
    const a = await attach(account(5), ['CASH_OUT_MULTI'], 'ALERT', 'CRITICAL');
    await t.request('POST', `/v1/cases/${a.caseId}/notes`, { token: bank.tokens.ANALYST, body: { text: 'Withdrawals at 6 banks in 2 hours; matches the cash-out pattern police asked about.' } });
    const d = await decide(a.caseId!, { kind: 'REPORT_TO_POLICE', reason: 'Suspected cash-out mule.' });
    expect(d.body).toMatchObject({ status: 'APPLIED', outcome: { packageId: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const c = await t.request('GET', `/v1/cases/${a.caseId}`, { token: bank.tokens.ANALYST });
    expect(c.body.packages).toEqual([{ id: d.body.outcome.packageId, decisionId: d.body.id, createdAt: expect.any(String), sha256: d.body.outcome.sha256 }]);

    const pkg = await t.request('GET', `/v1/cases/${a.caseId}/packages/${d.body.outcome.packageId}`, { token: bank.tokens.SUPERVISOR });
    expect(pkg.status).toBe(200);
    expect(pkg.body.content).toMatchObject({
      format: 'case-package/1',
      subject: { type: 'ACCOUNT', display: account(5).display },
      report: { reason: 'Suspected cash-out mule.', decidedBy: bank.usernames.ANALYST },
      items: [{ source: 'ALERT', findingCodes: ['CASH_OUT_MULTI'], evidence: { n: expect.any(Number) } }],
    });
    expect(pkg.body.content.timeline.map((e: { kind: string }) => e.kind)).toEqual(['OPENED', 'ITEM_ATTACHED', 'NOTE', 'CLAIMED', 'DECISION_PROPOSED']);
    // Anyone holding the package can check it: SHA-256 of its canonical JSON (keys sorted).
    expect(createHash('sha256').update(canonicalJson(pkg.body.content)).digest('hex')).toBe(pkg.body.sha256);
    const kinds = (await t.request('GET', `/v1/cases/${a.caseId}/timeline`, { token: bank.tokens.ANALYST })).body.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(-3)).toEqual(['DECISION_APPLIED', 'PACKAGE_CREATED', 'CLOSED']);
    expect((await t.request('GET', '/v1/audit?action=case.package_read', { token: bank.tokens.SUPERVISOR })).body.items).toHaveLength(1);
  });

  it('lists a person only after a supervisor who did not decide approves, and the entry appears on the negative list', async () => {
    const idNumber = makeResidentId({ divisionCode: '110105', birthDate: '1999-02-03', sequence: 7, sex: 'MALE' });
    const referral = await t.request('POST', '/v1/cases/referrals', { token: bank.tokens.ANALYST, body: { subject: { type: 'PERSON', idNumber, name: '赵六' }, severity: 'HIGH', summary: 'Admitted selling his card to a recruiter.' } });
    const caseId: string = referral.body.caseId;
    const other = makeResidentId({ divisionCode: '110105', birthDate: '1999-02-03', sequence: 8, sex: 'MALE' });
    const listing = { category: 'ACCOUNT_SELLER', fraudType: 'ORDER_BRUSHING' };

    expect((await decide(caseId, { kind: 'ADD_TO_NEGATIVE_LIST', reason: 'Card seller', listing })).body.code).toBe('CASE_DECISION_INVALID');
    expect((await decide(caseId, { kind: 'ADD_TO_NEGATIVE_LIST', reason: 'Card seller', listing, identifier: { idNumber: other } })).body.code).toBe('CASE_SUBJECT_MISMATCH');
    const key = { 'idempotency-key': 'decide-listing-1' };
    const d = await decide(caseId, { kind: 'ADD_TO_NEGATIVE_LIST', reason: 'Card seller', listing, identifier: { idNumber } }, bank.tokens.ANALYST, key);
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ status: 'PENDING_APPROVAL', needsApproval: true, params: { category: 'ACCOUNT_SELLER', identifierProvided: true } });
    expect(JSON.stringify(d.body)).not.toContain(idNumber);
    const retry = await decide(caseId, { kind: 'ADD_TO_NEGATIVE_LIST', reason: 'Card seller', listing, identifier: { idNumber } }, bank.tokens.ANALYST, key);
    expect(retry.body.id).toBe(d.body.id);
    expect((await t.request('GET', `/v1/cases/${caseId}`, { token: bank.tokens.ANALYST })).body.status).toBe('PENDING_APPROVAL');
    // While it waits, nobody decides again.
    expect((await decide(caseId, { kind: 'NO_ACTION', reason: 'x' }, bank.tokens.SUPERVISOR)).body.code).toBe('CASE_INVALID_TRANSITION');

    const approveUrl = `/v1/cases/${caseId}/decisions/${d.body.id}/approve`;
    expect((await t.request('POST', approveUrl, { token: bank.tokens.ANALYST, body: {} })).status).toBe(403);
    expect((await t.request('POST', approveUrl, { token: analyst2, body: {} })).status).toBe(403);
    const approved = await t.request('POST', approveUrl, { token: bank.tokens.SUPERVISOR, body: { comment: 'Confession on file.' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'APPLIED', reviewedByName: bank.usernames.SUPERVISOR, outcome: { listEntry: { entryId: expect.any(String), status: 'ACTIVE' } } });
    expect(approved.body.params.identifierProvided).toBeUndefined();
    const stored = await t.database.dataSource.query('SELECT params::text AS p FROM case_decisions WHERE id = $1', [d.body.id]);
    expect(stored[0].p).not.toContain(idNumber);

    const entry = await t.request('GET', `/v1/negative-list/entries/${approved.body.outcome.listEntry.entryId}`, { token: bank.tokens.SUPERVISOR });
    expect(entry.status).toBe(200);
    expect(JSON.stringify(entry.body)).toContain('ACCOUNT_SELLER');
    const match = await t.request('POST', '/v1/negative-list/match', { apiKey: bank.apiKey, body: { idNumber } });
    expect(match.body.hits.length).toBeGreaterThan(0);

    const timeline = (await t.request('GET', `/v1/cases/${caseId}/timeline`, { token: bank.tokens.ANALYST })).body;
    expect(timeline.map((e: { kind: string }) => e.kind).slice(-5)).toEqual(['DECISION_PROPOSED', 'DECISION_APPROVED', 'DECISION_APPLIED', 'LIST_ENTRY_CREATED', 'CLOSED']);
    expect(timeline.find((e: { kind: string }) => e.kind === 'DECISION_APPROVED')).toMatchObject({ actorName: bank.usernames.SUPERVISOR, details: { comment: 'Confession on file.' } });
    expect(timeline.find((e: { kind: string }) => e.kind === 'LIST_ENTRY_CREATED').details.entryId).toBe(approved.body.outcome.listEntry.entryId);
    expect((await t.request('POST', approveUrl, { token: bank.tokens.SUPERVISOR, body: {} })).body.code).toBe('CASE_DECISION_NOT_PENDING');
  });

  it('sends a decision back when the supervisor rejects it, and the analyst decides again', async () => {
    const a = await attach(account(6), ['FAN_OUT']);
    const d = await decide(a.caseId!, { kind: 'ADD_TO_NEGATIVE_LIST', reason: 'Dispersal account', listing: { category: 'MONEY_MULE' } });
    expect(d.body.status).toBe('PENDING_APPROVAL');
    expect((await t.request('POST', `/v1/cases/${a.caseId}/decisions/${d.body.id}/reject`, { token: bank.tokens.SUPERVISOR, body: {} })).status).toBe(400);
    const rejected = await t.request('POST', `/v1/cases/${a.caseId}/decisions/${d.body.id}/reject`, { token: bank.tokens.SUPERVISOR, body: { comment: 'Evidence is one afternoon of transfers; keep watching.' } });
    expect(rejected.body).toMatchObject({ status: 'REJECTED', reviewComment: 'Evidence is one afternoon of transfers; keep watching.' });
    expect((await t.request('GET', `/v1/cases/${a.caseId}`, { token: bank.tokens.ANALYST })).body.status).toBe('IN_REVIEW');
    clock.advance(60_000);
    // Only the assignee (or a supervisor) decides an assigned case.
    expect((await decide(a.caseId!, { kind: 'NO_ACTION', reason: 'x' }, analyst2)).body.code).toBe('CASE_NOT_ASSIGNEE');
    const second = await decide(a.caseId!, { kind: 'NO_ACTION', reason: 'Keep watching through alerts.' });
    expect(second.body.status).toBe('APPLIED');
    const decisions = await t.request('GET', `/v1/cases/${a.caseId}/decisions`, { token: bank.tokens.ANALYST });
    expect(decisions.body.map((x: { status: string }) => x.status)).toEqual(['REJECTED', 'APPLIED']);
  });

  it('reopens a closed case unless the subject has another open case, and counts only the latest outcome', async () => {
    const a = await attach(account(7), ['STRUCTURING']);
    await decide(a.caseId!, { kind: 'FALSE_POSITIVE', reason: 'Rent paid in instalments.' });
    expect((await t.request('POST', `/v1/cases/${a.caseId}/reopen`, { token: bank.tokens.ANALYST, body: { reason: 'x' } })).status).toBe(403);
    const reopened = await t.request('POST', `/v1/cases/${a.caseId}/reopen`, { token: bank.tokens.SUPERVISOR, body: { reason: 'Landlord denies any rent arrangement.' } });
    expect(reopened.body).toMatchObject({ status: 'IN_REVIEW', reopenCount: 1, resolution: null, closedAt: null });
    const current = await t.database.dataSource.query('SELECT disposition, current FROM case_dispositions WHERE case_id = $1', [a.caseId]);
    expect(current).toEqual([{ disposition: 'FALSE_POSITIVE', current: false }]);
    await decide(a.caseId!, { kind: 'REPORT_TO_POLICE', reason: 'Structuring confirmed.' });
    const rows = await t.database.dataSource.query('SELECT disposition FROM case_dispositions WHERE case_id = $1 AND current', [a.caseId]);
    expect(rows).toEqual([{ disposition: 'REPORT_TO_POLICE' }]);

    // Closed, then a new item opens a second case: the first may not reopen beside it.
    const b = await attach(account(7), ['STRUCTURING']);
    expect(b.caseCreated).toBe(true);
    const blocked = await t.request('POST', `/v1/cases/${a.caseId}/reopen`, { token: bank.tokens.SUPERVISOR, body: { reason: 'x' } });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'CASE_SUBJECT_HAS_OPEN_CASE', caseId: b.caseId });
  });

  it('restricts an account the bank holds, at once below NON_COUNTER_SUSPENDED, and records a refused order as a failed decision', async () => {
    const accountNumber = '6228483000000001';
    const opened = await t.request('POST', '/v1/account-openings', {
      apiKey: bank.apiKey,
      body: { bankCode: 'DECIDEBANK', branchCode: '0101', accountNumber, accountClass: 'I', holderType: 'PERSON', idNumber: makeResidentId({ divisionCode: '440305', birthDate: '1990-01-01', sequence: 1 }), holderName: '钱七', openedAt: clock.now().toISOString() },
    });
    expect(opened.status).toBe(201);
    const a = await attach({ type: 'ACCOUNT', key: `DECIDEBANK:${accountNumber}`, display: 'DECIDEBANK 622848******0001' }, ['RAPID_PASS_THROUGH']);
    expect((await decide(a.caseId!, { kind: 'RESTRICT', reason: 'x', restriction: { level: 'LIMITED_NON_COUNTER' } })).body.code).toBe('CASE_DECISION_INVALID');
    const d = await decide(a.caseId!, { kind: 'RESTRICT', reason: 'Pass-through; cap outflows while we talk to the customer.', restriction: { level: 'LIMITED_NON_COUNTER', termDays: 30 } });
    expect(d.body).toMatchObject({ status: 'APPLIED', needsApproval: false, outcome: { restriction: { level: 'LIMITED_NON_COUNTER', status: 'ACTIVE', orderIds: [expect.any(String)] } } });
    const r = await t.request('GET', `/v1/accounts/DECIDEBANK/${accountNumber}/restrictions`, { token: bank.tokens.ANALYST });
    expect(r.body.current.level).toBe('LIMITED_NON_COUNTER');
    expect(r.body.orders[0]).toMatchObject({ id: d.body.outcome.restriction.orderIds[0], basis: { type: 'CASE', reference: a.caseId }, expiresAt: new Date(clock.now().getTime() + 30 * DAY).toISOString() });
    const profile = await t.request('GET', `/v1/cases/${a.caseId}/profile`, { token: bank.tokens.ANALYST });
    expect(profile.body.restrictions).toMatchObject({ available: true, current: 'LIMITED_NON_COUNTER' });

    // At NON_COUNTER_SUSPENDED the decision waits for a supervisor; the order is issued by the
    // analyst and approved by that supervisor, so it is in force when the case closes.
    const second = '6228483000000002';
    await t.request('POST', '/v1/account-openings', {
      apiKey: bank.apiKey,
      body: { bankCode: 'DECIDEBANK', branchCode: '0101', accountNumber: second, accountClass: 'I', holderType: 'PERSON', idNumber: makeResidentId({ divisionCode: '440305', birthDate: '1990-01-02', sequence: 3 }), holderName: '孙八', openedAt: clock.now().toISOString() },
    });
    const c2 = await attach({ type: 'ACCOUNT', key: `DECIDEBANK:${second}`, display: 'DECIDEBANK 622848******0002' }, ['FAN_OUT']);
    const pending = await decide(c2.caseId!, { kind: 'RESTRICT', reason: 'Dispersal to 30 accounts.', restriction: { level: 'NON_COUNTER_SUSPENDED', termDays: 90 } });
    expect(pending.body).toMatchObject({ status: 'PENDING_APPROVAL', needsApproval: true });
    expect((await t.request('GET', `/v1/accounts/DECIDEBANK/${second}/restrictions`, { token: bank.tokens.ANALYST })).body.current.level).toBeNull();
    const users = await t.request('GET', '/v1/cases/assignees', { token: bank.tokens.SUPERVISOR });
    const supervisorId = users.body.find((u: { username: string }) => u.username === bank.usernames.SUPERVISOR).id;
    const approved = await t.request('POST', `/v1/cases/${c2.caseId}/decisions/${pending.body.id}/approve`, { token: bank.tokens.SUPERVISOR, body: {} });
    expect(approved.body).toMatchObject({ status: 'APPLIED', outcome: { restriction: { level: 'NON_COUNTER_SUSPENDED', status: 'ACTIVE' } } });
    const order = await t.request('GET', `/v1/restrictions/orders/${approved.body.outcome.restriction.orderIds[0]}`, { token: bank.tokens.SUPERVISOR });
    expect(order.body).toMatchObject({ status: 'ACTIVE', approvedBy: supervisorId, basis: { type: 'CASE', reference: c2.caseId } });
    expect(order.body.history.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'APPROVED']);
    expect((await t.request('GET', `/v1/accounts/DECIDEBANK/${second}/restrictions`, { token: bank.tokens.ANALYST })).body.current.level).toBe('NON_COUNTER_SUSPENDED');

    // An account the bank does not hold: the restrictions module refuses the order, the decision
    // is marked FAILED with its reason, and the case goes back to review.
    const b = await attach(account(8), ['FAN_IN']);
    const refused = await decide(b.caseId!, { kind: 'RESTRICT', reason: 'Monitor', restriction: { level: 'ENHANCED_MONITORING', termDays: 10 } });
    expect(refused.body.code).toBe('RESTRICTION_TARGET_NOT_ALLOWED');
    const after = await t.request('GET', `/v1/cases/${b.caseId}`, { token: bank.tokens.ANALYST });
    expect(after.body).toMatchObject({ status: 'IN_REVIEW', decisions: [{ status: 'FAILED', outcome: { error: { code: 'RESTRICTION_TARGET_NOT_ALLOWED' } } }] });
    const kinds = (await t.request('GET', `/v1/cases/${b.caseId}/timeline`, { token: bank.tokens.ANALYST })).body.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(-2)).toEqual(['DECISION_PROPOSED', 'DECISION_FAILED']);

    // A person's accounts at every bank are for the operator, regulators and police to restrict.
    const idNumber = makeResidentId({ divisionCode: '440305', birthDate: '1991-01-01', sequence: 2 });
    const p = await t.request('POST', '/v1/cases/referrals', { token: bank.tokens.ANALYST, body: { subject: { type: 'PERSON', idNumber }, severity: 'HIGH', summary: 'x' } });
    expect((await decide(p.body.caseId, { kind: 'RESTRICT', reason: 'x', restriction: { level: 'FROZEN' }, identifier: { idNumber } })).body.code).toBe('CASE_DECISION_INVALID');
  });
});
