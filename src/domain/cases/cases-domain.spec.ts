import { DomainError } from '../domain-error.js';
import { makeResidentId } from '../identity/national-id-factory.js';
import {
  assertCanPerform,
  assertMayApprove,
  dueAtAfterRaise,
  dueAtFor,
  DEFAULT_DUE_HOURS,
  falsePositiveRates,
  fullySuppressed,
  isOverdue,
  MAX_CASE_FINDING_CODES,
  maxSeverity,
  needsApproval,
  nextInRotation,
  parseDueHours,
  personProfile,
  attributesFromResidentId,
  splitSuppressed,
  statusAfterAssignment,
  suppressionWindow,
  takeIn,
} from './index.js';

const now = new Date('2026-11-21T02:00:00Z');

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('severity and priority', () => {
  it('takes the higher severity', () => {
    expect(maxSeverity('LOW', 'HIGH')).toBe('HIGH');
    expect(maxSeverity('CRITICAL', 'MEDIUM')).toBe('CRITICAL');
    expect(maxSeverity('MEDIUM', 'MEDIUM')).toBe('MEDIUM');
  });
});

describe('due dates', () => {
  it('parses limits and keeps defaults for priorities not named', () => {
    expect(parseDueHours('CRITICAL:4, HIGH:48')).toEqual({ ...DEFAULT_DUE_HOURS, CRITICAL: 4, HIGH: 48 });
    expect(parseDueHours(undefined)).toEqual(DEFAULT_DUE_HOURS);
  });

  it.each(['URGENT:4', 'HIGH:0', 'HIGH', 'HIGH:-1'])('rejects %s', (text) => {
    expect(code(() => parseDueHours(text))).toBe('CASE_INVALID_DUE_HOURS');
  });

  it('counts the limit from the start and flags a case one millisecond after its due date', () => {
    const due = dueAtFor('HIGH', now, DEFAULT_DUE_HOURS);
    expect(due.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(isOverdue(due, false, due)).toBe(false);
    expect(isOverdue(due, false, new Date(due.getTime() + 1))).toBe(true);
    expect(isOverdue(due, true, new Date(due.getTime() + 1))).toBe(false);
  });

  it('moves the due date earlier when priority rises, never later', () => {
    const lowDue = dueAtFor('LOW', now, DEFAULT_DUE_HOURS);
    const later = new Date(now.getTime() + 3_600_000);
    expect(dueAtAfterRaise(lowDue, 'CRITICAL', later, DEFAULT_DUE_HOURS).toISOString()).toBe('2026-11-22T03:00:00.000Z');
    const criticalDue = dueAtFor('CRITICAL', now, DEFAULT_DUE_HOURS);
    expect(dueAtAfterRaise(criticalDue, 'HIGH', later, DEFAULT_DUE_HOURS)).toBe(criticalDue);
  });
});

describe('an item joining a case', () => {
  const later = new Date(now.getTime() + 3_600_000);
  const open = { priority: 'MEDIUM' as const, dueAt: dueAtFor('MEDIUM', now, DEFAULT_DUE_HOURS), itemCount: 2, lastItemAt: now, sources: ['ALERT'], findingCodes: ['FAN_IN'] };

  it('raises the priority and brings the due date forward for a more severe item, not for an equal one', () => {
    const raised = takeIn(open, { severity: 'HIGH', source: 'SCREENING', findingCodes: ['LISTED_PHONE'] }, false, later, DEFAULT_DUE_HOURS);
    expect(raised.priorityRaisedTo).toBe('HIGH');
    expect(raised.tally).toEqual({ priority: 'HIGH', dueAt: dueAtFor('HIGH', later, DEFAULT_DUE_HOURS), itemCount: 3, lastItemAt: later, sources: ['ALERT', 'SCREENING'], findingCodes: ['FAN_IN', 'LISTED_PHONE'] });
    const equal = takeIn(open, { severity: 'MEDIUM', source: 'ALERT', findingCodes: ['FAN_IN'] }, false, later, DEFAULT_DUE_HOURS);
    expect(equal.priorityRaisedTo).toBeNull();
    expect(equal.tally).toEqual({ ...open, itemCount: 3, lastItemAt: later });
  });

  it('counts the item that opened the case once, and keeps the first 50 finding codes', () => {
    const fresh = { ...open, priority: 'LOW' as const, itemCount: 1, findingCodes: Array.from({ length: 49 }, (_, i) => `C${i}`) };
    const opened = takeIn(fresh, { severity: 'LOW', source: 'ALERT', findingCodes: ['X', 'Y'] }, true, later, DEFAULT_DUE_HOURS);
    expect(opened.tally.itemCount).toBe(1);
    expect(opened.priorityRaisedTo).toBeNull();
    expect(opened.tally.findingCodes).toHaveLength(MAX_CASE_FINDING_CODES);
    expect(opened.tally.findingCodes.at(-1)).toBe('X');
  });
});

describe('status transitions', () => {
  it('allows deciding only before approval and reopening only closed cases', () => {
    expect(code(() => assertCanPerform('DECIDE', 'IN_REVIEW'))).toBeUndefined();
    expect(code(() => assertCanPerform('DECIDE', 'PENDING_APPROVAL'))).toBe('CASE_INVALID_TRANSITION');
    expect(code(() => assertCanPerform('APPROVE', 'IN_REVIEW'))).toBe('CASE_INVALID_TRANSITION');
    expect(code(() => assertCanPerform('REOPEN', 'OPEN'))).toBe('CASE_INVALID_TRANSITION');
    expect(code(() => assertCanPerform('REOPEN', 'CLOSED'))).toBeUndefined();
  });

  it('moves between OPEN and IN_REVIEW with the assignee and leaves other statuses alone', () => {
    expect(statusAfterAssignment('OPEN', true)).toBe('IN_REVIEW');
    expect(statusAfterAssignment('IN_REVIEW', false)).toBe('OPEN');
    expect(statusAfterAssignment('PENDING_APPROVAL', false)).toBe('PENDING_APPROVAL');
  });
});

describe('four eyes', () => {
  it('needs approval from NON_COUNTER_SUSPENDED up and for every listing', () => {
    expect(needsApproval('RESTRICT', 'LIMITED_NON_COUNTER')).toBe(false);
    expect(needsApproval('RESTRICT', 'NON_COUNTER_SUSPENDED')).toBe(true);
    expect(needsApproval('RESTRICT', 'FROZEN')).toBe(true);
    expect(needsApproval('ADD_TO_NEGATIVE_LIST')).toBe(true);
    expect(needsApproval('FALSE_POSITIVE')).toBe(false);
    expect(needsApproval('REPORT_TO_POLICE')).toBe(false);
    expect(code(() => needsApproval('RESTRICT', null))).toBe('CASE_DECISION_INVALID');
  });

  it('refuses the decider, analysts and supervisors of other institutions', () => {
    const sup = { userId: 'u2', roles: ['SUPERVISOR'], institutionId: 'i1' };
    expect(code(() => assertMayApprove(sup, 'u1', 'i1'))).toBeUndefined();
    expect(code(() => assertMayApprove(sup, 'u2', 'i1'))).toBe('CASE_APPROVAL_FORBIDDEN');
    expect(code(() => assertMayApprove({ ...sup, roles: ['ANALYST'] }, 'u1', 'i1'))).toBe('CASE_APPROVAL_FORBIDDEN');
    expect(code(() => assertMayApprove(sup, 'u1', 'i2'))).toBe('CASE_APPROVAL_FORBIDDEN');
  });
});

describe('round robin', () => {
  const a = { id: 'a', sortKey: 'alice' };
  const b = { id: 'b', sortKey: 'bob' };
  const c = { id: 'c', sortKey: 'carol' };

  it('goes round in name order and wraps', () => {
    expect(nextInRotation([c, a, b], null)).toBe(a);
    expect(nextInRotation([c, a, b], a)).toBe(b);
    expect(nextInRotation([c, a, b], c)).toBe(a);
  });

  it('continues after a departed analyst from where the name stood', () => {
    expect(nextInRotation([a, c], b)).toBe(c);
    expect(nextInRotation([], a)).toBeNull();
  });
});

describe('suppressions', () => {
  it('accepts 1 and 180 days, refuses 0 and 181 and an empty reason', () => {
    expect(suppressionWindow(180, 'known payroll account', now).until.toISOString()).toBe('2027-05-20T02:00:00.000Z');
    expect(suppressionWindow(1, 'x', now).until.toISOString()).toBe('2026-11-22T02:00:00.000Z');
    expect(code(() => suppressionWindow(181, 'x', now))).toBe('CASE_SUPPRESSION_INVALID');
    expect(code(() => suppressionWindow(0, 'x', now))).toBe('CASE_SUPPRESSION_INVALID');
    expect(code(() => suppressionWindow(30, '  ', now))).toBe('CASE_SUPPRESSION_INVALID');
  });

  it('keeps an item out of the queue only when every finding is suppressed and the suppression is live', () => {
    const s = [{ findingCode: 'FAN_IN', expiresAt: new Date(now.getTime() + 1000), revokedAt: null }];
    expect(fullySuppressed(['FAN_IN'], s, now)).toBe(true);
    expect(fullySuppressed(['FAN_IN', 'FAN_OUT'], s, now)).toBe(false);
    expect(splitSuppressed(['FAN_IN', 'FAN_OUT'], s, now)).toEqual({ suppressed: ['FAN_IN'], open: ['FAN_OUT'] });
    expect(fullySuppressed([], s, now)).toBe(false);
    expect(fullySuppressed(['FAN_IN'], s, new Date(now.getTime() + 1000))).toBe(false);
    expect(fullySuppressed(['FAN_IN'], [{ ...s[0]!, revokedAt: now }], now)).toBe(false);
  });
});

describe('false-positive rates', () => {
  it('divides false positives by decisions per rule and detector', () => {
    const rates = falsePositiveRates([
      { findingCode: 'FAN_IN', kind: 'DETECTOR', disposition: 'FALSE_POSITIVE', count: 3 },
      { findingCode: 'FAN_IN', kind: 'DETECTOR', disposition: 'RESTRICT', count: 1 },
      { findingCode: 'YOUNG_REMOTE', kind: 'RULE', disposition: 'NO_ACTION', count: 2 },
    ]);
    expect(rates).toEqual([
      { findingCode: 'FAN_IN', kind: 'DETECTOR', decided: 4, falsePositives: 3, rate: 0.75 },
      { findingCode: 'YOUNG_REMOTE', kind: 'RULE', decided: 2, falsePositives: 0, rate: 0 },
    ]);
  });
});

describe('person profile', () => {
  it('derives age, sex and region from the ID number and nothing else', () => {
    const id = makeResidentId({ divisionCode: '110105', birthDate: '1990-06-15', sequence: 0, sex: 'MALE' });
    const attrs = attributesFromResidentId(id, now)!;
    expect(attrs).toEqual({ birthDate: '1990-06-15', sex: 'MALE', divisionCode: '110105' });
    const p = personProfile(attrs, now);
    expect(p.age).toBe(36);
    expect(p.sex).toBe('MALE');
    expect(p.region?.province).toBe('北京市');
    expect(personProfile(null, now)).toEqual({ age: null, sex: null, region: null });
    expect(attributesFromResidentId('110105199006150010', now)).toBeUndefined();
  });
});

