/**
 * What a viewer may see of an alert. The operator, regulators and police see everything. A bank
 * sees alerts that touch one of its accounts; accounts held elsewhere are shown masked (bank code
 * and first six / last four digits), in the subject list and in the aggregates (a victim
 * warning names the listed receiver), and the dedup key, which spells account numbers out, is
 * left out.
 */
import { maskAccount } from '../../domain/identity/bank-card.js';
import type { AlertEntity } from './alert.entity.js';

export interface AlertViewer {
  seesAll: boolean;
  institutionId: string;
}

export interface AlertSubjectView {
  bankCode: string;
  accountNumber: string;
  /** Held by the viewer's institution. */
  own: boolean;
  masked: boolean;
}

export function splitAccountKey(key: string): { bankCode: string; accountNumber: string } {
  const i = key.indexOf(':');
  return i < 0 ? { bankCode: key, accountNumber: '' } : { bankCode: key.slice(0, i), accountNumber: key.slice(i + 1) };
}

/** True when the viewer sees the account number in full. */
export function seesAccount(alert: Pick<AlertEntity, 'subjectOwners'>, key: string, viewer: AlertViewer): boolean {
  return viewer.seesAll || alert.subjectOwners[key] === viewer.institutionId;
}

export function maskedKey(key: string): string {
  const { bankCode, accountNumber } = splitAccountKey(key);
  return `${bankCode}:${maskAccount(accountNumber)}`;
}

export function subjectViews(alert: Pick<AlertEntity, 'subjectAccounts' | 'subjectOwners'>, viewer: AlertViewer): AlertSubjectView[] {
  return alert.subjectAccounts.map((key) => {
    const { bankCode, accountNumber } = splitAccountKey(key);
    const own = alert.subjectOwners[key] === viewer.institutionId;
    const full = viewer.seesAll || own;
    return { bankCode, accountNumber: full ? accountNumber : maskAccount(accountNumber), own, masked: !full };
  });
}

/** Aggregates with account keys of other institutions masked. */
export function visibleAggregates(
  alert: Pick<AlertEntity, 'aggregates' | 'subjectAccounts' | 'subjectOwners'>,
  viewer: AlertViewer,
): Record<string, number | string> {
  if (viewer.seesAll) return alert.aggregates;
  const hidden = new Set(alert.subjectAccounts.filter((k) => !seesAccount(alert, k, viewer)));
  if (hidden.size === 0) return alert.aggregates;
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(alert.aggregates)) out[k] = typeof v === 'string' && hidden.has(v) ? maskedKey(v) : v;
  return out;
}
