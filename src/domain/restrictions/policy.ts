/**
 * Policies turn events into restriction order proposals, so that a listing or a strong alert
 * restricts accounts without waiting for someone to type the order.
 *
 * Defaults:
 * - a negative-list entry carrying NO_NEW_ACCOUNTS bars its person (or entity) from opening
 *   accounts, and one carrying NON_COUNTER_SUSPENDED suspends non-counter business on all the
 *   person's accounts, both for the entry's own term (the 2016/2019 central-bank notices and
 *   the joint punishment measures; the term comes from the entry);
 * - a CRITICAL rapid pass-through (快进快出) on an account opened at most 10 days ago freezes it
 *   for 48 hours pending review: new accounts that suddenly pass money through are the typical
 *   freshly bought mule, and 48 hours is the usual protective stop-payment window.
 *
 * "All the person's accounts" is one PERSON order: it reaches every account of the person at
 * every member bank, including accounts loaded or opened later. A policy can instead ask for
 * one ACCOUNT order per account known at the time (scope EACH_KNOWN_ACCOUNT).
 */
import { restrictionError } from './errors.js';
import { isPersonMeasure, isRestrictionMeasure, type RestrictionMeasure } from './ladder.js';
import { DAY_MS, assertValidDate } from './shanghai-time.js';

export const ALERT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * Where the proposed order points:
 * - SUBJECT: the entry's subject (person, entity or account) or the alert's account;
 * - HOLDER: the person or entity holding the account (an entry's person/entity subject is its
 *   own holder); the default for NO_NEW_ACCOUNTS, which only makes sense for a holder;
 * - EACH_KNOWN_ACCOUNT: one ACCOUNT order per account the event lists.
 */
export const POLICY_SCOPES = ['SUBJECT', 'HOLDER', 'EACH_KNOWN_ACCOUNT'] as const;
export type PolicyScope = (typeof POLICY_SCOPES)[number];

export type PolicyTrigger =
  | {
      kind: 'NEGATIVE_LIST_ENTRY';
      /** Fires when the entry carries at least one of these measures. */
      measures: readonly string[];
    }
  | {
      kind: 'ALERT';
      detector: string;
      /** Fires at this severity and above. */
      minSeverity: AlertSeverity;
      /** Fires only when the account was opened at most this many 24-hour days before the alert. */
      maxAccountAgeDays?: number;
    };

export interface PolicyAction {
  level: RestrictionMeasure;
  /** Term in hours from the order's start. */
  termHours?: number;
  /** Take the term from the basis (the list entry's expiry) when it has one; wins over termHours. */
  termFromBasis?: boolean;
  /** Provisional orders are pending review: the service opens a review for them. */
  provisional: boolean;
  scope?: PolicyScope;
}

export interface RestrictionPolicy {
  id: string;
  /** Defaults to true. */
  enabled?: boolean;
  trigger: PolicyTrigger;
  action: PolicyAction;
}

export interface AccountRef {
  bankCode: string;
  accountNumber: string;
}

export type HolderRef = { kind: 'PERSON'; personId: string } | { kind: 'ENTITY'; uscc: string };

export type OrderTargetRef =
  | { kind: 'ACCOUNT'; bankCode: string; accountNumber: string }
  | { kind: 'PERSON'; personId: string }
  | { kind: 'ENTITY'; uscc: string };

/** What an entry names. Phones and devices cannot carry an order: kind OTHER. */
export type EntrySubject = HolderRef | { kind: 'ACCOUNT'; account: AccountRef } | { kind: 'OTHER' };

export interface NegativeListEntryEvent {
  kind: 'NEGATIVE_LIST_ENTRY';
  /** Id of this event (e.g. the entry version that became active). */
  id: string;
  entryId: string;
  /** When the event is handled; proposals start at the later of this and effectiveFrom. */
  occurredAt: Date;
  subject: EntrySubject;
  measures: readonly string[];
  effectiveFrom: Date;
  expiresAt: Date | null;
  /** For an ACCOUNT subject, its holder when known. */
  holder?: HolderRef;
  /** Accounts known for the subject at every member bank (opening records, existing-account loads). */
  knownAccounts?: readonly AccountRef[];
}

export interface AlertEvent {
  kind: 'ALERT';
  id: string;
  alertId: string;
  occurredAt: Date;
  detector: string;
  severity: AlertSeverity;
  account: AccountRef;
  accountOpenedAt: Date | null;
  holder?: HolderRef;
  /** The holder's known accounts, for EACH_KNOWN_ACCOUNT. */
  knownAccounts?: readonly AccountRef[];
}

export type PolicyEvent = NegativeListEntryEvent | AlertEvent;

export type ProposalBasis = { kind: 'NEGATIVE_LIST_ENTRY'; entryId: string } | { kind: 'ALERT'; alertId: string };

export interface OrderProposal {
  policyId: string;
  eventId: string;
  basis: ProposalBasis;
  target: OrderTargetRef;
  level: RestrictionMeasure;
  effectiveFrom: Date;
  expiresAt: Date | null;
  provisional: boolean;
}

export const DEFAULT_POLICIES: readonly RestrictionPolicy[] = Object.freeze([
  {
    id: 'default.entry.no-new-accounts',
    trigger: { kind: 'NEGATIVE_LIST_ENTRY', measures: ['NO_NEW_ACCOUNTS'] },
    action: { level: 'NO_NEW_ACCOUNTS', termFromBasis: true, provisional: false, scope: 'HOLDER' },
  },
  {
    id: 'default.entry.non-counter-suspended',
    trigger: { kind: 'NEGATIVE_LIST_ENTRY', measures: ['NON_COUNTER_SUSPENDED'] },
    action: { level: 'NON_COUNTER_SUSPENDED', termFromBasis: true, provisional: false, scope: 'SUBJECT' },
  },
  {
    id: 'default.alert.critical-pass-through-new-account',
    trigger: { kind: 'ALERT', detector: 'RAPID_PASS_THROUGH', minSeverity: 'CRITICAL', maxAccountAgeDays: 10 },
    action: { level: 'FROZEN', termHours: 48, provisional: true, scope: 'SUBJECT' },
  },
] satisfies RestrictionPolicy[]);

const HOUR_MS = 3_600_000;

function severityRank(severity: AlertSeverity): number {
  return ALERT_SEVERITIES.indexOf(severity);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Problems that make a policy unusable; empty when it is fine. For ADMIN edits and at load. */
export function policyProblems(policy: RestrictionPolicy): string[] {
  const problems: string[] = [];
  if (!nonEmptyString(policy.id)) problems.push('id must be a non-empty string');
  if (policy.enabled !== undefined && typeof policy.enabled !== 'boolean') problems.push('enabled must be a boolean');
  const trigger = policy.trigger as PolicyTrigger | undefined;
  if (trigger?.kind === 'NEGATIVE_LIST_ENTRY') {
    if (!Array.isArray(trigger.measures) || trigger.measures.length === 0 || !trigger.measures.every(nonEmptyString)) {
      problems.push('trigger.measures must list at least one measure');
    }
  } else if (trigger?.kind === 'ALERT') {
    if (!nonEmptyString(trigger.detector)) problems.push('trigger.detector must be a non-empty string');
    if (!(ALERT_SEVERITIES as readonly string[]).includes(trigger.minSeverity)) problems.push('trigger.minSeverity is unknown');
    const age = trigger.maxAccountAgeDays;
    if (age !== undefined && (!Number.isSafeInteger(age) || age < 0)) {
      problems.push('trigger.maxAccountAgeDays must be a non-negative integer');
    }
  } else {
    problems.push('trigger.kind must be NEGATIVE_LIST_ENTRY or ALERT');
  }
  const action = policy.action as PolicyAction | undefined;
  if (!action || !isRestrictionMeasure(action.level)) {
    problems.push('action.level must be a restriction level or NO_NEW_ACCOUNTS');
  } else {
    if (action.termHours !== undefined && (!Number.isSafeInteger(action.termHours) || action.termHours <= 0)) {
      problems.push('action.termHours must be a positive integer');
    }
    if (action.termFromBasis !== undefined && typeof action.termFromBasis !== 'boolean') {
      problems.push('action.termFromBasis must be a boolean');
    }
    if (typeof action.provisional !== 'boolean') problems.push('action.provisional must be a boolean');
    if (action.scope !== undefined && !(POLICY_SCOPES as readonly string[]).includes(action.scope)) {
      problems.push('action.scope is unknown');
    }
    if (isPersonMeasure(action.level) && action.scope !== undefined && action.scope !== 'HOLDER') {
      problems.push('NO_NEW_ACCOUNTS applies to a holder: scope must be HOLDER');
    }
  }
  return problems;
}

export function assertValidPolicy(policy: RestrictionPolicy): void {
  const problems = policyProblems(policy);
  if (problems.length > 0) {
    throw restrictionError('INVALID_POLICY', `policy ${String(policy.id)} is invalid`, { policyId: policy.id, problems });
  }
}

function triggerFires(trigger: PolicyTrigger, event: PolicyEvent): boolean {
  if (trigger.kind === 'NEGATIVE_LIST_ENTRY') {
    return event.kind === 'NEGATIVE_LIST_ENTRY' && trigger.measures.some((m) => event.measures.includes(m));
  }
  if (event.kind !== 'ALERT') return false;
  if (event.detector !== trigger.detector) return false;
  if (severityRank(event.severity) < severityRank(trigger.minSeverity)) return false;
  if (trigger.maxAccountAgeDays !== undefined) {
    if (event.accountOpenedAt === null) return false;
    const ageMs = event.occurredAt.getTime() - event.accountOpenedAt.getTime();
    if (ageMs > trigger.maxAccountAgeDays * DAY_MS) return false;
  }
  return true;
}

function accountTarget(account: AccountRef): OrderTargetRef {
  return { kind: 'ACCOUNT', bankCode: account.bankCode, accountNumber: account.accountNumber };
}

function holderOf(event: PolicyEvent): HolderRef | undefined {
  if (event.kind === 'NEGATIVE_LIST_ENTRY' && (event.subject.kind === 'PERSON' || event.subject.kind === 'ENTITY')) {
    return event.subject;
  }
  return event.holder;
}

function targetsFor(action: PolicyAction, event: PolicyEvent): OrderTargetRef[] {
  const scope = action.scope ?? (isPersonMeasure(action.level) ? 'HOLDER' : 'SUBJECT');
  switch (scope) {
    case 'HOLDER': {
      const holder = holderOf(event);
      return holder ? [{ ...holder }] : [];
    }
    case 'SUBJECT':
      if (event.kind === 'ALERT') return [accountTarget(event.account)];
      if (event.subject.kind === 'ACCOUNT') return [accountTarget(event.subject.account)];
      if (event.subject.kind === 'OTHER') return [];
      return [{ ...event.subject }];
    case 'EACH_KNOWN_ACCOUNT': {
      const own = event.kind === 'ALERT' ? [event.account] : event.subject.kind === 'ACCOUNT' ? [event.subject.account] : [];
      const seen = new Set<string>();
      const targets: OrderTargetRef[] = [];
      for (const account of [...own, ...(event.knownAccounts ?? [])]) {
        const key = `${account.bankCode}\u0000${account.accountNumber}`;
        if (seen.has(key)) continue;
        seen.add(key);
        targets.push(accountTarget(account));
      }
      return targets;
    }
  }
}

/**
 * Proposals for every enabled policy the event triggers, in policy order, each naming the
 * policy and the event. Nothing is proposed for an entry whose term is already over when the
 * event is handled, or for a target the event does not identify (a phone or device entry, an
 * alert without a known holder for a holder-scoped policy).
 */
export function proposeOrders(policies: readonly RestrictionPolicy[], event: PolicyEvent): OrderProposal[] {
  assertValidDate(event.occurredAt, 'occurredAt');
  const basis: ProposalBasis =
    event.kind === 'ALERT' ? { kind: 'ALERT', alertId: event.alertId } : { kind: 'NEGATIVE_LIST_ENTRY', entryId: event.entryId };
  let effectiveFrom = event.occurredAt;
  let basisExpiresAt: Date | null = null;
  if (event.kind === 'NEGATIVE_LIST_ENTRY') {
    assertValidDate(event.effectiveFrom, 'effectiveFrom');
    if (event.expiresAt !== null) {
      assertValidDate(event.expiresAt, 'expiresAt');
      if (event.expiresAt.getTime() <= event.occurredAt.getTime()) return [];
    }
    // An order cannot have been in force before it was made: a listing that started earlier
    // (a bulk load, a late event) restricts from the moment the event is handled.
    effectiveFrom = new Date(Math.max(event.effectiveFrom.getTime(), event.occurredAt.getTime()));
    basisExpiresAt = event.expiresAt;
  }

  const proposals: OrderProposal[] = [];
  for (const policy of policies) {
    assertValidPolicy(policy);
    if (policy.enabled === false || !triggerFires(policy.trigger, event)) continue;
    const { action } = policy;
    let expiresAt: Date | null = null;
    if (action.termFromBasis && basisExpiresAt !== null) expiresAt = new Date(basisExpiresAt.getTime());
    else if (action.termHours !== undefined) expiresAt = new Date(effectiveFrom.getTime() + action.termHours * HOUR_MS);
    for (const target of targetsFor(action, event)) {
      proposals.push({
        policyId: policy.id,
        eventId: event.id,
        basis: { ...basis },
        target,
        level: action.level,
        effectiveFrom: new Date(effectiveFrom.getTime()),
        expiresAt: expiresAt && new Date(expiresAt.getTime()),
        provisional: action.provisional,
      });
    }
  }
  return proposals;
}
