/**
 * High velocity: many transactions in a few minutes, the rhythm of scripted transfers through a
 * controlled account rather than a person tapping a phone. Default: 20 or more in 10 minutes
 * (our starting point). Incoming merchant payments are left out by default, since a busy shop's
 * till legitimately receives faster than that.
 */
import { type WindowView, lowerBound, upperBound } from '../account-window.js';
import { type AlertSeverity, type Finding, NO_FINDINGS, dayDedupKey, evidenceIds, raiseSeverity } from '../finding.js';
import type { TransferEvent } from '../transfer-event.js';
import { E_PACKED, E_TS, HEADER, STRIDE, T_PAYMENT, isOut, typeOf } from '../window-layout.js';
import { IndexList } from './index-list.js';

export interface HighVelocityParams {
  readonly enabled: boolean;
  readonly windowMs: number;
  /** Fires at this many transactions in the window. */
  readonly minCount: number;
  /** Count PAYMENT inflows (merchant receipts) too. */
  readonly countInboundPayments: boolean;
  readonly severity: AlertSeverity;
}

const indices = new IndexList();

function counted(packed: number, countInboundPayments: boolean): boolean {
  return countInboundPayments || isOut(packed) || typeOf(packed) !== T_PAYMENT;
}

export function detectHighVelocity(view: WindowView, _event: TransferEvent, params: HighVelocityParams): readonly Finding[] {
  if (!params.enabled || view.isPerson || view.current < 0) return NO_FINDINGS;
  const d = view.data;
  const c = HEADER + view.current * STRIDE;
  if (!counted(d[c + E_PACKED]!, params.countInboundPayments)) return NO_FINDINGS;
  const t = d[c + E_TS]!;
  const from = lowerBound(view, t - params.windowMs);
  const to = upperBound(view, t);
  if (to - from < params.minCount) return NO_FINDINGS;
  indices.clear();
  for (let i = from; i < to; i++) {
    if (counted(d[HEADER + i * STRIDE + E_PACKED]!, params.countInboundPayments)) indices.push(i);
  }
  if (indices.length < params.minCount) return NO_FINDINGS;
  return [
    {
      detector: 'HIGH_VELOCITY',
      severity: indices.length >= 2 * params.minCount ? raiseSeverity(params.severity) : params.severity,
      subjectAccounts: [view.key],
      eventIds: evidenceIds(view, indices),
      aggregates: { transactions: indices.length, windowMs: params.windowMs },
      dedupKey: dayDedupKey('HIGH_VELOCITY', view.key, t),
      atMs: t,
    },
  ];
}
