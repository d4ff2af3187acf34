/**
 * Newly opened account moving large sums: accounts opened to be sold are used at once. Defaults:
 * opened 30 days ago or less (our choice: the first month, when an account opened to be sold is
 * put to use and before the bank's follow-up second verification catches up), moving CNY 50,000 or more within 24 hours, five times the CNY 10,000 daily limit of
 * a class II account. The opening date comes from an injected lookup of account records.
 */
import type { WindowView } from '../account-window.js';
import { DAY_MS } from '../event-time.js';
import { type AlertSeverity, type Finding, NO_FINDINGS, dayDedupKey, evidenceIds } from '../finding.js';
import type { TransferEvent } from '../transfer-event.js';
import { E_TS, HEADER, STRIDE } from '../window-layout.js';
import { movementBetween } from './movement.js';
import { IndexList } from './index-list.js';

export interface NewAccountLargeParams {
  readonly enabled: boolean;
  /** An account is new for this long after opening. */
  readonly maxAccountAgeMs: number;
  readonly windowMs: number;
  /** Fires when the movement in the window reaches this, fen. */
  readonly minAmountFen: number;
  readonly severity: AlertSeverity;
}

const indices = new IndexList();

export function detectNewAccountLarge(view: WindowView, _event: TransferEvent, params: NewAccountLargeParams): readonly Finding[] {
  if (!params.enabled || view.isPerson || view.current < 0) return NO_FINDINGS;
  const opened = view.openedAtMs;
  if (Number.isNaN(opened)) return NO_FINDINGS;
  const t = view.data[HEADER + view.current * STRIDE + E_TS]!;
  if (t < opened || t - opened > params.maxAccountAgeMs) return NO_FINDINGS;
  const m = movementBetween(view, t - params.windowMs, t, indices);
  if (m.movedFen < params.minAmountFen) return NO_FINDINGS;
  return [
    {
      detector: 'NEW_ACCOUNT_LARGE',
      severity: params.severity,
      subjectAccounts: [view.key],
      eventIds: evidenceIds(view, indices),
      aggregates: {
        accountAgeDays: Math.floor((t - opened) / DAY_MS),
        movedFen: m.movedFen,
        inflowFen: m.inFen,
        outflowFen: m.outFen,
        windowMs: params.windowMs,
      },
      dedupKey: dayDedupKey('NEW_ACCOUNT_LARGE', view.key, t),
      atMs: t,
    },
  ];
}
