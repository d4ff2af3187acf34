/**
 * Cycle (循环转账): money that goes A -> B -> ... -> A within a day, a layering trick that makes
 * funds look like ordinary two-way business. Evaluated when a transfer closes a cycle: a
 * time-respecting path from the receiver back to the sender, each hop later than the previous
 * one and within the window, up to 4 accounts. Defaults: at least 3 accounts (two-way transfers
 * between two people are everyday life), hops of at least CNY 1,000 whose amounts stay within a
 * factor of 2 of the closing transfer (laundered money keeps its size, less fees).
 */
import { type GraphView, type WindowView, lowerBound, upperBound } from '../account-window.js';
import { type AlertSeverity, type Finding, NO_FINDINGS, dayDedupKey } from '../finding.js';
import type { TransferEvent } from '../transfer-event.js';
import { E_AMOUNT, E_PACKED, E_PEER, E_TS, HEADER, STRIDE, isOut } from '../window-layout.js';

export interface CycleParams {
  readonly enabled: boolean;
  readonly windowMs: number;
  /** Fewest accounts in a cycle that fires (2 would flag A->B->A). */
  readonly minLength: number;
  /** Most accounts searched (the search is exponential in this; 4 is the bound). */
  readonly maxLength: number;
  /** Hops below this amount (fen) are not followed. */
  readonly minEdgeFen: number;
  /** Each hop must lie within [closing * ratio, closing / ratio]. */
  readonly minAmountRatio: number;
  /** Upper bound on entries examined per evaluation, so a hub account cannot stall the stream. */
  readonly maxVisits: number;
  readonly severity: AlertSeverity;
}

interface Search {
  readonly graph: GraphView;
  readonly params: CycleParams;
  readonly targetId: number;
  readonly t: number;
  readonly lo: number;
  readonly hi: number;
  budget: number;
  /** Windows on the path, starting at the receiver of the closing transfer. */
  readonly nodes: WindowView[];
  /** Entry index, in nodes[k], of the hop nodes[k] -> nodes[k+1]. */
  readonly hops: number[];
}

function onPath(nodes: readonly WindowView[], id: number): boolean {
  for (let k = 0; k < nodes.length; k++) if (nodes[k]!.id === id) return true;
  return false;
}

/** Depth-first search for a path from the last node of s.nodes back to the target. */
function extend(s: Search, sinceMs: number): boolean {
  const node = s.nodes[s.nodes.length - 1]!;
  const d = node.data;
  const to = upperBound(node, s.t);
  for (let i = lowerBound(node, sinceMs); i < to; i++) {
    if (--s.budget < 0) return false;
    const o = HEADER + i * STRIDE;
    const peer = d[o + E_PEER]!;
    const amount = d[o + E_AMOUNT]!;
    if (peer < 0 || !isOut(d[o + E_PACKED]!) || amount < s.lo || amount > s.hi) continue;
    const length = s.nodes.length + 1;
    if (peer === s.targetId) {
      if (length >= s.params.minLength) {
        s.hops.push(i);
        return true;
      }
      continue;
    }
    if (length >= s.params.maxLength) continue;
    if (onPath(s.nodes, peer)) continue;
    const next = s.graph.byId(peer);
    if (next === undefined || next.isPerson) continue;
    s.nodes.push(next);
    s.hops.push(i);
    if (extend(s, d[o + E_TS]!)) return true;
    s.nodes.pop();
    s.hops.pop();
  }
  return false;
}

function hasOutflowBetween(view: WindowView, fromMs: number, toMs: number, lo: number, hi: number): boolean {
  const d = view.data;
  const to = upperBound(view, toMs);
  for (let i = lowerBound(view, fromMs); i < to; i++) {
    const o = HEADER + i * STRIDE;
    const amount = d[o + E_AMOUNT]!;
    if (amount >= lo && amount <= hi && d[o + E_PEER]! >= 0 && isOut(d[o + E_PACKED]!)) return true;
  }
  return false;
}

/**
 * Evaluated on a transfer between two accounts, `from` -> `to`, whose current entries are the
 * two sides of `event`.
 */
export function detectCycle(
  graph: GraphView,
  from: WindowView,
  to: WindowView,
  event: TransferEvent,
  params: CycleParams,
): readonly Finding[] {
  if (!params.enabled || from.current < 0 || from.isPerson || to.isPerson) return NO_FINDINGS;
  const a = event.amountFen;
  if (a < params.minEdgeFen) return NO_FINDINGS;
  const t = event.occurredAtMs;
  const lo = Math.max(params.minEdgeFen, a * params.minAmountRatio);
  const hi = a / params.minAmountRatio;
  // Most receivers sent nothing comparable in the window: answer that without allocating.
  if (!hasOutflowBetween(to, t - params.windowMs, t, lo, hi)) return NO_FINDINGS;
  const s: Search = { graph, params, targetId: from.id, t, lo, hi, budget: params.maxVisits, nodes: [to], hops: [] };
  if (!extend(s, t - params.windowMs)) return NO_FINDINGS;
  const accounts = [...s.nodes.map((n) => n.key), from.key];
  const eventIds: string[] = [];
  let totalFen = a;
  let firstMs = t;
  s.nodes.forEach((n, k) => {
    const i = s.hops[k]!;
    eventIds.push(n.eventIdAt(i));
    totalFen += n.data[HEADER + i * STRIDE + E_AMOUNT]!;
    firstMs = Math.min(firstMs, n.data[HEADER + i * STRIDE + E_TS]!);
  });
  eventIds.push(event.eventId);
  return [
    {
      detector: 'CYCLE',
      severity: params.severity,
      subjectAccounts: accounts,
      eventIds,
      aggregates: { length: accounts.length, cycleFen: totalFen, closingFen: a, spanMs: t - firstMs },
      dedupKey: dayDedupKey('CYCLE', [...accounts].sort().join('|'), t),
      atMs: t,
    },
  ];
}
