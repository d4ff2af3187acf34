/**
 * Night-time burst: many outflows in the small hours, when account owners sleep and mule
 * operators work scripted transfer runs. Default: 5 or more outflows of at least CNY 100 between
 * 00:00 and 05:00 China time in the same night (the hours the issue names; counts are our
 * starting point).
 */
import { type WindowView, lowerBound, upperBound } from '../account-window.js';
import { DAY_MS, HOUR_MS, chinaDayStart, msIntoChinaDay } from '../event-time.js';
import { type AlertSeverity, type Finding, NO_FINDINGS, dayDedupKey, evidenceIds, raiseSeverity } from '../finding.js';
import type { TransferEvent } from '../transfer-event.js';
import { E_AMOUNT, E_PACKED, E_TS, HEADER, STRIDE, isOut } from '../window-layout.js';
import { IndexList } from './index-list.js';

export interface NightBurstParams {
  readonly enabled: boolean;
  /** Night starts at this China-time hour (0..23). */
  readonly startHour: number;
  /** Night ends at this China-time hour, exclusive; may be below startHour (e.g. 23 -> 5). */
  readonly endHour: number;
  /** Fires at this many outflows in one night. */
  readonly minCount: number;
  readonly minAmountFen: number;
  readonly severity: AlertSeverity;
}

/** Start (epoch ms) of the night containing `ms`, or NaN if `ms` is not at night. */
export function nightStartOf(ms: number, startHour: number, endHour: number): number {
  const into = msIntoChinaDay(ms);
  const day = chinaDayStart(ms);
  const s = startHour * HOUR_MS;
  const e = endHour * HOUR_MS;
  if (s < e) return into >= s && into < e ? day + s : NaN;
  if (into >= s) return day + s;
  if (into < e) return day - DAY_MS + s;
  return NaN;
}

const indices = new IndexList();

/** Evaluated when the current entry is a night outflow of an account. */
export function detectNightBurst(view: WindowView, _event: TransferEvent, params: NightBurstParams): readonly Finding[] {
  if (!params.enabled || view.isPerson || view.current < 0) return NO_FINDINGS;
  const d = view.data;
  const c = HEADER + view.current * STRIDE;
  if (!isOut(d[c + E_PACKED]!) || d[c + E_AMOUNT]! < params.minAmountFen) return NO_FINDINGS;
  const t = d[c + E_TS]!;
  const night = nightStartOf(t, params.startHour, params.endHour);
  if (Number.isNaN(night)) return NO_FINDINGS;
  const from = lowerBound(view, night);
  const to = upperBound(view, t);
  if (to - from < params.minCount) return NO_FINDINGS;
  indices.clear();
  let totalFen = 0;
  for (let i = from; i < to; i++) {
    const o = HEADER + i * STRIDE;
    if (isOut(d[o + E_PACKED]!) && d[o + E_AMOUNT]! >= params.minAmountFen) {
      indices.push(i);
      totalFen += d[o + E_AMOUNT]!;
    }
  }
  if (indices.length < params.minCount) return NO_FINDINGS;
  return [
    {
      detector: 'NIGHT_BURST',
      severity: indices.length >= 2 * params.minCount ? raiseSeverity(params.severity) : params.severity,
      subjectAccounts: [view.key],
      eventIds: evidenceIds(view, indices),
      aggregates: {
        nightOutflows: indices.length,
        outflowFen: totalFen,
        nightStartHour: params.startHour,
        nightEndHour: params.endHour,
      },
      dedupKey: dayDedupKey('NIGHT_BURST', view.key, night),
      atMs: t,
    },
  ];
}
