/**
 * Fan-out (分散转出): an account sending to many distinct receivers in a short time, the
 * dispersal step of laundering (splitting a victim's money over many next-layer accounts).
 * Default 10 distinct receivers of at least CNY 500 in 24 hours mirrors fan-in; a payroll
 * account also fans out, so reviewers see the amounts and counts in the aggregates.
 */
import type { WindowView } from '../account-window.js';
import { type AlertSeverity, type Finding, NO_FINDINGS, dayDedupKey, evidenceIds, raiseSeverity } from '../finding.js';
import type { TransferEvent } from '../transfer-event.js';
import { counterpartySpread } from './counterparty-spread.js';
import { IndexList } from './index-list.js';

export interface FanOutParams {
  readonly enabled: boolean;
  readonly windowMs: number;
  /** Fires at this many distinct receivers. */
  readonly minDistinctReceivers: number;
  /** Legs below this amount (fen) are ignored. */
  readonly minAmountFen: number;
  /** Count PAYMENT outflows as well as TRANSFER. */
  readonly countPayments: boolean;
  readonly severity: AlertSeverity;
}

const indices = new IndexList();

/** Evaluated when the current entry is a counted outflow; severity rises one step at twice the threshold. */
export function detectFanOut(view: WindowView, _event: TransferEvent, params: FanOutParams): readonly Finding[] {
  if (!params.enabled) return NO_FINDINGS;
  const s = counterpartySpread(view, true, params, params.minDistinctReceivers, indices);
  if (s === undefined || s.distinct < params.minDistinctReceivers) return NO_FINDINGS;
  return [
    {
      detector: 'FAN_OUT',
      severity: s.distinct >= 2 * params.minDistinctReceivers ? raiseSeverity(params.severity) : params.severity,
      subjectAccounts: [view.key],
      eventIds: evidenceIds(view, indices),
      aggregates: { distinctReceivers: s.distinct, outflows: s.count, outflowFen: s.totalFen, windowMs: params.windowMs },
      dedupKey: dayDedupKey('FAN_OUT', view.key, s.atMs),
      atMs: s.atMs,
    },
  ];
}
