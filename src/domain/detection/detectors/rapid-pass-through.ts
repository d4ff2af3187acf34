/**
 * Rapid pass-through (快进快出): money arrives and nearly all of it leaves within minutes, the
 * signature of a mule account relaying victims' money. Defaults (of what came in during the last
 * 60 minutes, >= 90% left within 30 minutes of arriving, at least CNY 5,000 in) are our starting
 * point: the PBoC suspicious-transaction guidance names the pattern without figures, and the
 * simulator's precision/recall is the place to tune them.
 */
import { type WindowView, lowerBound, upperBound } from '../account-window.js';
import type { TransferEvent } from '../transfer-event.js';
import { type AlertSeverity, type Finding, NO_FINDINGS, dayDedupKey, evidenceIds, raiseSeverity } from '../finding.js';
import { E_AMOUNT, E_PACKED, E_TS, HEADER, STRIDE, isOut } from '../window-layout.js';
import { IndexList } from './index-list.js';

export interface RapidPassThroughParams {
  readonly enabled: boolean;
  /** N: inflows of the last N ms before the outflow are considered. */
  readonly inflowWindowMs: number;
  /** M: money counts as passed through if it left within M ms of arriving (FIFO matching). */
  readonly leaveWithinMs: number;
  /** Share of that inflow that must have left in time, 0..1. */
  readonly minShare: number;
  /** Minimum inflow in the N window, fen. */
  readonly minInflowFen: number;
  readonly severity: AlertSeverity;
}

// Scratch FIFO reused across calls (the detectors run synchronously, one at a time); typed, so
// that an evaluation allocates nothing.
let queueTs = new Float64Array(64);
let queueLeft = new Float64Array(64);
const used = new IndexList();

/**
 * Evaluated when the current entry is an outflow of an account. Inflows and outflows in
 * [t - N, t] are matched first-in first-out; an outflow before any inflow in the window is
 * spending an older balance and is ignored.
 */
export function detectRapidPassThrough(view: WindowView, _event: TransferEvent, params: RapidPassThroughParams): readonly Finding[] {
  if (!params.enabled || view.isPerson || view.current < 0) return NO_FINDINGS;
  const d = view.data;
  const c = HEADER + view.current * STRIDE;
  if (!isOut(d[c + E_PACKED]!)) return NO_FINDINGS;
  const t = d[c + E_TS]!;
  const from = lowerBound(view, t - params.inflowWindowMs);
  const to = upperBound(view, t);
  if (queueTs.length < to - from) {
    queueTs = new Float64Array(2 * (to - from));
    queueLeft = new Float64Array(2 * (to - from));
  }
  used.clear();
  let queued = 0;
  let head = 0;
  let inflow = 0;
  let inflows = 0;
  let outflows = 0;
  let leftInTime = 0;
  for (let i = from; i < to; i++) {
    const o = HEADER + i * STRIDE;
    const ts = d[o + E_TS]!;
    const amount = d[o + E_AMOUNT]!;
    if (!isOut(d[o + E_PACKED]!)) {
      queueTs[queued] = ts;
      queueLeft[queued] = amount;
      queued++;
      inflow += amount;
      inflows++;
      used.push(i);
      continue;
    }
    if (head === queued) continue;
    outflows++;
    used.push(i);
    let rest = amount;
    while (rest > 0 && head < queued) {
      const take = Math.min(rest, queueLeft[head]!);
      if (ts - queueTs[head]! <= params.leaveWithinMs) leftInTime += take;
      rest -= take;
      queueLeft[head] = queueLeft[head]! - take;
      if (queueLeft[head] === 0) head++;
    }
  }
  if (inflow < params.minInflowFen || inflow === 0 || leftInTime < params.minShare * inflow) return NO_FINDINGS;
  const severity = inflow >= 10 * params.minInflowFen ? raiseSeverity(params.severity) : params.severity;
  return [
    {
      detector: 'RAPID_PASS_THROUGH',
      severity,
      subjectAccounts: [view.key],
      eventIds: evidenceIds(view, used),
      aggregates: {
        inflowFen: inflow,
        leftInTimeFen: leftInTime,
        sharePercent: Math.floor((leftInTime * 100) / inflow),
        inflows,
        outflows,
        inflowWindowMs: params.inflowWindowMs,
        leaveWithinMs: params.leaveWithinMs,
      },
      dedupKey: dayDedupKey('RAPID_PASS_THROUGH', view.key, t),
      atMs: t,
    },
  ];
}
