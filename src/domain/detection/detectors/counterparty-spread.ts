/**
 * Shared scan for fan-in and fan-out: distinct counterparties on one side of an account within
 * a window. Kept apart so both detectors count the same way.
 */
import { type WindowView, lowerBound, upperBound } from '../account-window.js';
import { E_AMOUNT, E_PACKED, E_PEER, E_TS, HEADER, STRIDE, T_PAYMENT, T_TRANSFER, isOut, typeOf } from '../window-layout.js';
import { DistinctCounter } from './distinct-counter.js';
import type { IndexList } from './index-list.js';

export interface SpreadOptions {
  readonly windowMs: number;
  readonly minAmountFen: number;
  readonly countPayments: boolean;
}

export interface Spread {
  distinct: number;
  count: number;
  totalFen: number;
  /** Time of the current entry. */
  atMs: number;
}

const peers = new DistinctCounter();
const result: Spread = { distinct: 0, count: 0, totalFen: 0, atMs: 0 };

/** True if the entry at offset `o` is a counted leg on the wanted side. */
function counted(d: Float64Array, o: number, out: boolean, opts: SpreadOptions): boolean {
  const packed = d[o + E_PACKED]!;
  if (isOut(packed) !== out || d[o + E_PEER]! < 0 || d[o + E_AMOUNT]! < opts.minAmountFen) return false;
  const type = typeOf(packed);
  return type === T_TRANSFER || (opts.countPayments && type === T_PAYMENT);
}

/**
 * Counts distinct peers of counted legs in [t - windowMs, t] where t is the current entry's time,
 * provided the current entry is itself a counted leg. Returns undefined (cheaply) when fewer than
 * `minDistinct` legs exist, the common case, since then fewer distinct peers do too. `indices`
 * receives the counted entries. The returned object is reused by the next call.
 */
export function counterpartySpread(
  view: WindowView,
  out: boolean,
  opts: SpreadOptions,
  minDistinct: number,
  indices: IndexList,
): Spread | undefined {
  if (view.isPerson || view.current < 0) return undefined;
  const d = view.data;
  if (!counted(d, HEADER + view.current * STRIDE, out, opts)) return undefined;
  const t = d[HEADER + view.current * STRIDE + E_TS]!;
  const from = lowerBound(view, t - opts.windowMs);
  const to = upperBound(view, t);
  if (to - from < minDistinct) return undefined;
  // Most evaluations fall short: count the legs first, giving up as soon as the entries left
  // cannot make up the difference, and only then count distinct peers.
  let legs = 0;
  for (let i = from; i < to && legs + (to - i) >= minDistinct; i++) {
    if (counted(d, HEADER + i * STRIDE, out, opts)) legs++;
  }
  if (legs < minDistinct) return undefined;
  indices.clear();
  peers.reset(to - from);
  let totalFen = 0;
  for (let i = from; i < to; i++) {
    const o = HEADER + i * STRIDE;
    if (counted(d, o, out, opts)) {
      indices.push(i);
      totalFen += d[o + E_AMOUNT]!;
      peers.add(d[o + E_PEER]!);
    }
  }
  result.distinct = peers.size;
  result.count = indices.length;
  result.totalFen = totalFen;
  result.atMs = t;
  return result;
}
