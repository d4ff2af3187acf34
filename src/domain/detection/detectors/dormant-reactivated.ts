/**
 * Dormant account suddenly active: an account unused for half a year that starts moving large
 * sums, typical of bought or rented accounts (a seller often parts with a card they no longer use). Defaults:
 * 180 days without activity (the figure), then CNY 50,000 moved within 24 hours of waking
 * (the cash large-value line, reused as a "large sum" yardstick).
 *
 * The engine remembers when an account woke (via `wakesFromDormancy`), because the large movement
 * often follows a small test transfer; the last activity before the engine saw an account comes
 * from an injected lookup, since windows are evicted long before 180 days pass.
 */
import type { WindowView } from '../account-window.js';
import { DAY_MS, formatChinaTime } from '../event-time.js';
import { type AlertSeverity, type Finding, NO_FINDINGS, dayDedupKey, evidenceIds } from '../finding.js';
import type { TransferEvent } from '../transfer-event.js';
import { E_TS, HEADER, STRIDE } from '../window-layout.js';
import { movementBetween } from './movement.js';
import { IndexList } from './index-list.js';

export interface DormantReactivatedParams {
  readonly enabled: boolean;
  /** A gap of at least this long without activity makes an account dormant. */
  readonly dormantMs: number;
  /** Movement is summed over this long after waking. */
  readonly activeWindowMs: number;
  /** Fires when the movement since waking reaches this, fen. */
  readonly minAmountFen: number;
  readonly severity: AlertSeverity;
}

/** Does an event at `ms` wake an account whose previous activity was at `priorMs` (NaN = unknown)? */
export function wakesFromDormancy(priorMs: number, ms: number, params: Pick<DormantReactivatedParams, 'dormantMs'>): boolean {
  return !Number.isNaN(priorMs) && ms - priorMs >= params.dormantMs;
}

const indices = new IndexList();

/** Evaluated on any entry of a woken account within the active window after waking. */
export function detectDormantReactivated(
  view: WindowView,
  _event: TransferEvent,
  params: DormantReactivatedParams,
): readonly Finding[] {
  if (!params.enabled || view.isPerson || view.current < 0) return NO_FINDINGS;
  const wake = view.wakeMs;
  if (Number.isNaN(wake)) return NO_FINDINGS;
  const t = view.data[HEADER + view.current * STRIDE + E_TS]!;
  if (t < wake || t - wake > params.activeWindowMs) return NO_FINDINGS;
  const m = movementBetween(view, wake, t, indices);
  if (m.movedFen < params.minAmountFen) return NO_FINDINGS;
  return [
    {
      detector: 'DORMANT_REACTIVATED',
      severity: params.severity,
      subjectAccounts: [view.key],
      eventIds: evidenceIds(view, indices),
      aggregates: {
        dormantDays: Math.floor((wake - view.dormantSinceMs) / DAY_MS),
        wokeAt: formatChinaTime(wake),
        movedFen: m.movedFen,
        inflowFen: m.inFen,
        outflowFen: m.outFen,
      },
      dedupKey: dayDedupKey('DORMANT_REACTIVATED', view.key, wake),
      atMs: t,
    },
  ];
}
