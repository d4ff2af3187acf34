/**
 * Cycle (循环转账): money that goes A -> B -> ... -> A within a day, a layering trick that makes
 * funds look like ordinary two-way business. Evaluated when a transfer closes a cycle: a
 * time-respecting path from the receiver back to the sender, each hop later than the previous
 * one and within the window, up to 4 accounts. Defaults: at least 3 accounts (two-way transfers
 * between two people are everyday life), hops of at least CNY 1,000 whose amounts stay within a
 * factor of 2 of the closing transfer (laundered money keeps its size, less fees).
 *
 * The search meets in the middle: the sender's own recent inflows (already in memory with its
 * window) say which accounts could be the last hop, so the walk from the receiver stops one hop
 * early and visits far fewer windows of other accounts.
 */
import { type GraphView, type WindowView, lowerBound, upperBound } from '../account-window.js';
import { type AlertSeverity, type Finding, NO_FINDINGS, dayDedupKey } from '../finding.js';
import type { TransferEvent } from '../transfer-event.js';
import { E_AMOUNT, E_PACKED, E_PEER, E_TS, HEADER, STRIDE, isOut } from '../window-layout.js';
import { PeerLatest } from './peer-latest.js';

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

/** Last-hop candidates: for each account that paid the sender in range, its latest such entry. */
const lastHops = new PeerLatest();

interface Search {
  readonly graph: GraphView;
  readonly params: CycleParams;
  readonly sender: WindowView;
  readonly t: number;
  readonly lo: number;
  readonly hi: number;
  budget: number;
  /** Windows on the path, starting at the receiver of the closing transfer. */
  readonly nodes: WindowView[];
  /** Entry index, in nodes[k], of the hop nodes[k] -> nodes[k+1] (or to the last-hop account). */
  readonly hops: number[];
  /** Entry index in the sender's window of the last hop into it, or -1 if the path reached it directly. */
  lastHop: number;
}

function onPath(nodes: readonly WindowView[], id: number): boolean {
  for (let k = 0; k < nodes.length; k++) if (nodes[k]!.id === id) return true;
  return false;
}

/** Depth-first from the last node of s.nodes; `length` counts accounts on the path plus the sender. */
function extend(s: Search, sinceMs: number): boolean {
  const node = s.nodes[s.nodes.length - 1]!;
  const length = s.nodes.length + 1;
  const d = node.data;
  const to = upperBound(node, s.t);
  for (let i = lowerBound(node, sinceMs); i < to; i++) {
    if (--s.budget < 0) return false;
    const o = HEADER + i * STRIDE;
    const peer = d[o + E_PEER]!;
    const amount = d[o + E_AMOUNT]!;
    if (peer < 0 || !isOut(d[o + E_PACKED]!) || amount < s.lo || amount > s.hi) continue;
    const hopMs = d[o + E_TS]!;
    if (peer === s.sender.id) {
      // node -> sender directly: a cycle of `length` accounts.
      if (length >= s.params.minLength) {
        s.hops.push(i);
        s.lastHop = -1;
        return true;
      }
      continue;
    }
    if (onPath(s.nodes, peer)) continue;
    // node -> peer -> sender, with peer's hop to the sender taken from the sender's window.
    if (length + 1 <= s.params.maxLength && length + 1 >= s.params.minLength) {
      const j = lastHops.get(peer);
      if (j >= 0 && s.sender.data[HEADER + j * STRIDE + E_TS]! >= hopMs) {
        s.hops.push(i);
        s.lastHop = j;
        return true;
      }
    }
    // Walk on only if there is room for peer, one more account and the sender.
    if (length + 2 > s.params.maxLength) continue;
    const next = s.graph.byId(peer);
    if (next === undefined || next.isPerson) continue;
    s.nodes.push(next);
    s.hops.push(i);
    if (extend(s, hopMs)) return true;
    s.nodes.pop();
    s.hops.pop();
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
  const since = t - params.windowMs;

  // Who paid the sender in range within the window? No one: no cycle can close here.
  const sd = from.data;
  const sTo = upperBound(from, t);
  const sFrom = lowerBound(from, since);
  lastHops.reset(sTo - sFrom);
  for (let i = sFrom; i < sTo; i++) {
    const o = HEADER + i * STRIDE;
    const amount = sd[o + E_AMOUNT]!;
    if (amount >= lo && amount <= hi && sd[o + E_PEER]! >= 0 && !isOut(sd[o + E_PACKED]!)) lastHops.set(sd[o + E_PEER]!, i);
  }
  if (lastHops.size === 0) return NO_FINDINGS;

  const s: Search = { graph, params, sender: from, t, lo, hi, budget: params.maxVisits, nodes: [to], hops: [], lastHop: -1 };
  if (!extend(s, since)) return NO_FINDINGS;

  const accounts = s.nodes.map((n) => n.key);
  const eventIds: string[] = [];
  let totalFen = a;
  let firstMs = t;
  s.nodes.forEach((n, k) => {
    const i = s.hops[k]!;
    eventIds.push(n.eventIdAt(i));
    totalFen += n.data[HEADER + i * STRIDE + E_AMOUNT]!;
    firstMs = Math.min(firstMs, n.data[HEADER + i * STRIDE + E_TS]!);
  });
  if (s.lastHop >= 0) {
    const o = HEADER + s.lastHop * STRIDE;
    accounts.push(graph.byId(sd[o + E_PEER]!)!.key);
    eventIds.push(from.eventIdAt(s.lastHop));
    totalFen += sd[o + E_AMOUNT]!;
  }
  accounts.push(from.key);
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
