/**
 * Cash-out across banks, ATMs or places (跨行多地取现): the "money exchange gangs" (换钱党)
 * pull victims' money out as cash at many machines, banks and cities in a short time. Defaults,
 * within 24 hours: withdrawals at 4 distinct ATMs, or in 3 distinct cities, or (person windows,
 * one ID number over all their accounts) at 3 distinct banks. Context: a debit card may take at
 * most CNY 20,000 a day from ATMs, so moving more cash needs many cards and machines.
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
import { type TransferEvent, bankCodeOfKey } from '../transfer-event.js';
import { DistinctCounter } from './distinct-counter.js';
import {
  E_AMOUNT,
  E_PACKED,
  E_PEER,
  E_TS,
  HEADER,
  STRIDE,
  T_CASH_WITHDRAWAL,
  atmOf,
  isOut,
  regionOf,
  typeOf,
} from '../window-layout.js';
import { IndexList } from './index-list.js';

export interface CashOutMultiParams {
  readonly enabled: boolean;
  readonly windowMs: number;
  readonly minDistinctAtms: number;
  readonly minDistinctRegions: number;
  /** Only on person windows: distinct banks of the accounts withdrawn from. */
  readonly minDistinctBanks: number;
  /** Compare regions by city (first 4 digits of a GB/T 2260 code) or by county (all 6). */
  readonly regionLevel: 'CITY' | 'COUNTY';
  /** Withdrawals below this amount (fen) are ignored. */
  readonly minAmountFen: number;
  readonly severity: AlertSeverity;
}

const indices = new IndexList();
const atms = new DistinctCounter();
const regions = new DistinctCounter();
const banks = new Set<string>();

function isWithdrawal(d: Float64Array, o: number, minAmountFen: number): boolean {
  const p = d[o + E_PACKED]!;
  return isOut(p) && typeOf(p) === T_CASH_WITHDRAWAL && d[o + E_AMOUNT]! >= minAmountFen;
}

/** Evaluated when the current entry is a cash withdrawal; severity rises when two measures fire. */
export function detectCashOutMulti(
  view: WindowView,
  _event: TransferEvent,
  params: CashOutMultiParams,
  graph?: GraphView,
): readonly Finding[] {
  if (!params.enabled || view.current < 0) return NO_FINDINGS;
  const d = view.data;
  const c = HEADER + view.current * STRIDE;
  if (!isWithdrawal(d, c, params.minAmountFen)) return NO_FINDINGS;
  const t = d[c + E_TS]!;
  const from = lowerBound(view, t - params.windowMs);
  const to = upperBound(view, t);
  const least = Math.min(params.minDistinctAtms, params.minDistinctRegions, view.isPerson ? params.minDistinctBanks : Infinity);
  if (to - from < least) return NO_FINDINGS;
  indices.clear();
  atms.reset(to - from);
  regions.reset(to - from);
  banks.clear();
  let totalFen = 0;
  for (let i = from; i < to; i++) {
    const o = HEADER + i * STRIDE;
    if (!isWithdrawal(d, o, params.minAmountFen)) continue;
    indices.push(i);
    totalFen += d[o + E_AMOUNT]!;
  }
  if (indices.length < least) return NO_FINDINGS;
  for (let k = 0; k < indices.length; k++) {
    const o = HEADER + indices.get(k) * STRIDE;
    const p = d[o + E_PACKED]!;
    const atm = atmOf(p);
    if (atm !== 0) atms.add(atm);
    const region = regionOf(p);
    if (region !== 0) {
      const sixDigit = region >= 100000 && region <= 999999;
      regions.add(params.regionLevel === 'CITY' && sixDigit ? Math.floor(region / 100) : region);
    }
    if (view.isPerson && graph !== undefined) {
      const account = graph.byId(d[o + E_PEER]!);
      if (account !== undefined) banks.add(bankCodeOfKey(account.key));
    }
  }
  const hits =
    (atms.size >= params.minDistinctAtms ? 1 : 0) +
    (regions.size >= params.minDistinctRegions ? 1 : 0) +
    (view.isPerson && banks.size >= params.minDistinctBanks ? 1 : 0);
  if (hits === 0) return NO_FINDINGS;
  const subjectAccounts = subjectAccountsOf(view, indices, graph);
  // A person window adds something only when money moved through two or more of their accounts;
  // with one account the account's own window has already said it.
  if (view.isPerson && subjectAccounts.length < 2) return NO_FINDINGS;
  return [
    {
      detector: 'CASH_OUT_MULTI',
      severity: hits >= 2 ? raiseSeverity(params.severity) : params.severity,
      subjectAccounts,
      eventIds: evidenceIds(view, indices),
      aggregates: {
        withdrawals: indices.length,
        withdrawnFen: totalFen,
        distinctAtms: atms.size,
        distinctRegions: regions.size,
        distinctBanks: view.isPerson ? banks.size : 1,
        regionLevel: params.regionLevel,
        windowMs: params.windowMs,
        subjectKind: view.isPerson ? 'PERSON' : 'ACCOUNT',
      },
      dedupKey: dayDedupKey('CASH_OUT_MULTI', subjectToken(view), t),
      atMs: t,
    },
  ];
}
