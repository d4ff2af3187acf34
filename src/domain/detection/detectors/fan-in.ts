/**
 * Fan-in (分散转入): a collection account receiving from many distinct senders in a short
 * time, typically victims paying into a mule. Default 10 distinct senders of at least CNY 500 in
 * 24 hours is our starting point (the PBoC guidance names the pattern without figures); merchant
 * payments are left out by default because shops legitimately receive from many payers.
 */
import type { WindowView } from '../account-window.js';
import { type AlertSeverity, type Finding, NO_FINDINGS, dayDedupKey, evidenceIds, raiseSeverity } from '../finding.js';
import type { TransferEvent } from '../transfer-event.js';
import { counterpartySpread } from './counterparty-spread.js';
import { IndexList } from './index-list.js';

export interface FanInParams {
  readonly enabled: boolean;
  readonly windowMs: number;
  /** Fires at this many distinct senders. */
  readonly minDistinctSenders: number;
  /** Legs below this amount (fen) are ignored. */
  readonly minAmountFen: number;
  /** Count PAYMENT inflows as well as TRANSFER. */
  readonly countPayments: boolean;
  readonly severity: AlertSeverity;
}

const indices = new IndexList();

/** Evaluated when the current entry is a counted inflow; severity rises one step at twice the threshold. */
export function detectFanIn(view: WindowView, _event: TransferEvent, params: FanInParams): readonly Finding[] {
  if (!params.enabled) return NO_FINDINGS;
  const s = counterpartySpread(view, false, params, params.minDistinctSenders, indices);
  if (s === undefined || s.distinct < params.minDistinctSenders) return NO_FINDINGS;
  const t = s.atMs;
  return [
    {
      detector: 'FAN_IN',
      severity: s.distinct >= 2 * params.minDistinctSenders ? raiseSeverity(params.severity) : params.severity,
      subjectAccounts: [view.key],
      eventIds: evidenceIds(view, indices),
      aggregates: { distinctSenders: s.distinct, inflows: s.count, inflowFen: s.totalFen, windowMs: params.windowMs },
      dedupKey: dayDedupKey('FAN_IN', view.key, t),
      atMs: t,
    },
  ];
}
