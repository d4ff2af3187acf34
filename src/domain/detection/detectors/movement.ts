/**
 * How much an account "moved" over a span: the larger of what came in and what went out, so a
 * pass-through of X counts as X, not 2X.
 */
import { type WindowView, lowerBound, upperBound } from '../account-window.js';
import { E_AMOUNT, E_PACKED, HEADER, STRIDE, isOut } from '../window-layout.js';
import type { IndexList } from './index-list.js';

export interface Movement {
  inFen: number;
  outFen: number;
  movedFen: number;
}

/** Movement over entries with time in [fromMs, toMs]; `indices` receives the entries. */
export function movementBetween(view: WindowView, fromMs: number, toMs: number, indices: IndexList): Movement {
  const d = view.data;
  indices.clear();
  let inFen = 0;
  let outFen = 0;
  const to = upperBound(view, toMs);
  for (let i = lowerBound(view, fromMs); i < to; i++) {
    const o = HEADER + i * STRIDE;
    if (isOut(d[o + E_PACKED]!)) outFen += d[o + E_AMOUNT]!;
    else inFen += d[o + E_AMOUNT]!;
    indices.push(i);
  }
  return { inFen, outFen, movedFen: Math.max(inFen, outFen) };
}
