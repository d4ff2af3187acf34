/**
 * Early warning and dissuasion (预警劝阻): a transfer to an account, a phone-linked account or a
 * person on the negative list means the *sender* is probably being defrauded right now. The
 * warning is graded by what is at stake and how vulnerable the sender is: a text message, a
 * phone call, or a visit in person. Defaults (our starting point, tune with the anti-fraud
 * centre): CALL from CNY 10,000, VISIT from CNY 50,000 (the cash large-value line reused as a
 * yardstick); senders aged 60 or over, or 22 or under (students), go one grade up, because the
 * elderly and the young are the groups most targeted; a repeat within the alert store's memory
 * goes one grade up too, because a victim who ignored a warning needs a stronger one.
 */
import { type AlertSeverity, type Finding, dayDedupKey } from './finding.js';
import { type TransferEvent, accountKey } from './transfer-event.js';

export const WARNING_GRADES = ['SMS', 'CALL', 'VISIT'] as const;
export type WarningGrade = (typeof WARNING_GRADES)[number];

export interface VictimWarningParams {
  readonly enabled: boolean;
  /** Transfers below this amount (fen) raise no warning. */
  readonly minAmountFen: number;
  /** From this amount (fen) the base grade is CALL. */
  readonly callFromFen: number;
  /** From this amount (fen) the base grade is VISIT. */
  readonly visitFromFen: number;
  /** Senders this old or older go one grade up. */
  readonly elderlyFromAge: number;
  /** Senders this young or younger go one grade up. */
  readonly youngUpToAge: number;
  /** At this many earlier warnings for the sender, one grade up. */
  readonly repeatFromWarnings: number;
}

export type WarningReason =
  | 'LISTED_COUNTERPARTY'
  | 'AMOUNT_CALL'
  | 'AMOUNT_VISIT'
  | 'ELDERLY_SENDER'
  | 'YOUNG_SENDER'
  | 'REPEATED';

export interface VictimWarningInput {
  readonly event: TransferEvent;
  /** What the negative list said about the creditor (account, phone-linked account or person). */
  readonly creditorListed: boolean | { readonly reason: string };
  /** From the sender's ID number when known. */
  readonly senderAgeYears?: number;
  readonly priorWarningsForSender: number;
  readonly params: VictimWarningParams;
}

export interface VictimWarning {
  readonly grade: WarningGrade;
  readonly reasons: WarningReason[];
  readonly senderAccount: string;
  readonly creditorAccount: string;
  readonly amountFen: number;
  readonly listedReason?: string;
  readonly senderAgeYears?: number;
  readonly priorWarnings: number;
}

/** Grades a warning for the sender of `event`, or null when none is due. */
export function victimWarning(input: VictimWarningInput): VictimWarning | null {
  const { event, creditorListed, senderAgeYears, priorWarningsForSender, params } = input;
  if (!params.enabled || creditorListed === false) return null;
  if (event.debtor === undefined || event.creditor === undefined) return null;
  if (event.amountFen < params.minAmountFen) return null;
  const reasons: WarningReason[] = ['LISTED_COUNTERPARTY'];
  let level = 0;
  if (event.amountFen >= params.visitFromFen) {
    level = 2;
    reasons.push('AMOUNT_VISIT');
  } else if (event.amountFen >= params.callFromFen) {
    level = 1;
    reasons.push('AMOUNT_CALL');
  }
  if (senderAgeYears !== undefined) {
    if (senderAgeYears >= params.elderlyFromAge) {
      level++;
      reasons.push('ELDERLY_SENDER');
    } else if (senderAgeYears <= params.youngUpToAge) {
      level++;
      reasons.push('YOUNG_SENDER');
    }
  }
  if (priorWarningsForSender >= params.repeatFromWarnings) {
    level++;
    reasons.push('REPEATED');
  }
  return {
    grade: WARNING_GRADES[Math.min(level, WARNING_GRADES.length - 1)]!,
    reasons,
    senderAccount: accountKey(event.debtor),
    creditorAccount: accountKey(event.creditor),
    amountFen: event.amountFen,
    ...(typeof creditorListed === 'object' ? { listedReason: creditorListed.reason } : {}),
    ...(senderAgeYears !== undefined ? { senderAgeYears } : {}),
    priorWarnings: priorWarningsForSender,
  };
}

const GRADE_SEVERITY: Readonly<Record<WarningGrade, AlertSeverity>> = { SMS: 'MEDIUM', CALL: 'HIGH', VISIT: 'CRITICAL' };

/**
 * The warning as an alert finding about the sender. One alert per sender per China-time day: a
 * second transfer the same day updates it (and its grade), which is what the caller should see.
 */
export function victimWarningFinding(warning: VictimWarning, event: TransferEvent): Finding {
  const aggregates: Record<string, number | string> = {
    grade: warning.grade,
    amountFen: warning.amountFen,
    creditorAccount: warning.creditorAccount,
    priorWarnings: warning.priorWarnings,
    reasons: warning.reasons.join(','),
  };
  if (warning.listedReason !== undefined) aggregates['listedReason'] = warning.listedReason;
  if (warning.senderAgeYears !== undefined) aggregates['senderAgeYears'] = warning.senderAgeYears;
  return {
    detector: 'VICTIM_WARNING',
    severity: GRADE_SEVERITY[warning.grade],
    subjectAccounts: [warning.senderAccount, warning.creditorAccount],
    eventIds: [event.eventId],
    aggregates,
    dedupKey: dayDedupKey('VICTIM_WARNING', warning.senderAccount, event.occurredAtMs),
    atMs: event.occurredAtMs,
  };
}
