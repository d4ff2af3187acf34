/**
 * Structuring (拆分交易): repeated amounts just under a reporting line, to stay out of the
 * large-value reports. Default line: cash of CNY 50,000 or more in a day must be reported as a
 * large-value transaction (PBoC Order [2016] No. 3, art. 5); three cash amounts in
 * [45,000, 50,000) within 24 hours fire. Runs on account windows and on person windows (one ID
 * number's cash across all their accounts and banks), because splitting over banks is the point.
 */
import { type GraphView, type WindowView, lowerBound, upperBound } from '../account-window.js';
import {
  type AlertSeverity,
  type Finding,
  NO_FINDINGS,
  dayDedupKey,
  evidenceIds,
  raiseSeverity,
  subjectAccountsOf,
  subjectToken,
} from '../finding.js';
import type { TransferEvent, TransferType } from '../transfer-event.js';
import { E_AMOUNT, E_PACKED, E_TS, HEADER, STRIDE, typeMask, typeOf } from '../window-layout.js';
import { IndexList } from './index-list.js';

export interface StructuringParams {
  readonly enabled: boolean;
  /** The reporting line, fen. Amounts at or above it are reported anyway and do not count. */
  readonly thresholdFen: number;
  /** Lowest amount (fen) that counts as "just under"; brief: threshold * 0.9. */
  readonly bandLowFen: number;
  /** Fires at this many amounts in the band. */
  readonly minCount: number;
  readonly windowMs: number;
  /** Transfer types that count (both directions). */
  readonly types: readonly TransferType[];
  readonly severity: AlertSeverity;
}

const indices = new IndexList();

function inBand(d: Float64Array, o: number, params: StructuringParams, mask: number): boolean {
  const a = d[o + E_AMOUNT]!;
  return a >= params.bandLowFen && a < params.thresholdFen && (mask & (1 << typeOf(d[o + E_PACKED]!))) !== 0;
}

/** Evaluated when the current entry is itself in the band; severity rises one step at twice minCount. */
export function detectStructuring(
  view: WindowView,
  _event: TransferEvent,
  params: StructuringParams,
  graph?: GraphView,
): readonly Finding[] {
  if (!params.enabled || view.current < 0) return NO_FINDINGS;
  const d = view.data;
  const c = HEADER + view.current * STRIDE;
  const a = d[c + E_AMOUNT]!;
  if (a < params.bandLowFen || a >= params.thresholdFen) return NO_FINDINGS;
  const mask = typeMask(params.types);
  if (!inBand(d, c, params, mask)) return NO_FINDINGS;
  const t = d[c + E_TS]!;
  const from = lowerBound(view, t - params.windowMs);
  const to = upperBound(view, t);
  if (to - from < params.minCount) return NO_FINDINGS;
  indices.clear();
  let totalFen = 0;
  for (let i = from; i < to; i++) {
    const o = HEADER + i * STRIDE;
    if (inBand(d, o, params, mask)) {
      indices.push(i);
      totalFen += d[o + E_AMOUNT]!;
    }
  }
  if (indices.length < params.minCount) return NO_FINDINGS;
  const subjectAccounts = subjectAccountsOf(view, indices, graph);
  // A person window adds something only when money moved through two or more of their accounts;
  // with one account the account's own window has already said it.
  if (view.isPerson && subjectAccounts.length < 2) return NO_FINDINGS;
  return [
    {
      detector: 'STRUCTURING',
      severity: indices.length >= 2 * params.minCount ? raiseSeverity(params.severity) : params.severity,
      subjectAccounts,
      eventIds: evidenceIds(view, indices),
      aggregates: {
        amountsInBand: indices.length,
        totalFen,
        thresholdFen: params.thresholdFen,
        bandLowFen: params.bandLowFen,
        windowMs: params.windowMs,
        subjectKind: view.isPerson ? 'PERSON' : 'ACCOUNT',
      },
      dedupKey: dayDedupKey('STRUCTURING', subjectToken(view), t),
      atMs: t,
    },
  ];
}
