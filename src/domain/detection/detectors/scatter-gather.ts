/**
 * Scatter-gather (分散-归集): A splits money over several intermediaries which each pass it on
 * to the same C within hours, two hops of layering that hide the A -> C link. Evaluated when an
 * intermediary forwards to C. Defaults: 3 intermediaries, legs of at least CNY 1,000, each
 * forwarding at least 80% of what it got from A within 2 hours, all within 24 hours (our
 * starting point; a payroll whose employees later pay the same shop fails the 80% test).
 */
import { type GraphView, type WindowView, lowerBound, upperBound } from '../account-window.js';
import { type AlertSeverity, type Finding, MAX_EVIDENCE_IDS, NO_FINDINGS, dayDedupKey } from '../finding.js';
import type { TransferEvent } from '../transfer-event.js';
import { E_AMOUNT, E_PACKED, E_PEER, E_TS, HEADER, STRIDE, isOut } from '../window-layout.js';

export interface ScatterGatherParams {
  readonly enabled: boolean;
  readonly windowMs: number;
  /** An intermediary must forward within this long after receiving. */
  readonly maxHopDelayMs: number;
  /** Fires at this many distinct intermediaries. */
  readonly minIntermediaries: number;
  /** Legs below this amount (fen) are ignored. */
  readonly minLegFen: number;
  /** Share of the received leg an intermediary must forward, 0..1. */
  readonly minForwardShare: number;
  /** Upper bound on entries examined per evaluation. */
  readonly maxVisits: number;
  readonly severity: AlertSeverity;
}

const triedSources: number[] = [];
/** Window ids of the intermediaries found for the current source, and their two legs. */
const intermediaries: number[] = [];
const eventIds: string[] = [];

/**
 * Evaluated on a transfer `from` (an intermediary M) -> `to` (the gatherer C). Looks back at who
 * paid M shortly before (candidate sources A), then at A's other recipients that also forwarded
 * to C in time.
 */
export function detectScatterGather(
  graph: GraphView,
  from: WindowView,
  to: WindowView,
  event: TransferEvent,
  params: ScatterGatherParams,
): readonly Finding[] {
  if (!params.enabled || from.current < 0 || from.isPerson || to.isPerson) return NO_FINDINGS;
  const f = event.amountFen;
  if (f < params.minLegFen) return NO_FINDINGS;
  const t = event.occurredAtMs;
  let budget = params.maxVisits;
  const md = from.data;
  const mTo = upperBound(from, t);
  triedSources.length = 0;
  for (let i = lowerBound(from, t - params.maxHopDelayMs); i < mTo; i++) {
    if (--budget < 0) return NO_FINDINGS;
    const o = HEADER + i * STRIDE;
    const sourceId = md[o + E_PEER]!;
    const r = md[o + E_AMOUNT]!;
    if (sourceId < 0 || isOut(md[o + E_PACKED]!) || sourceId === to.id || r < params.minLegFen) continue;
    if (f < params.minForwardShare * r || triedSources.includes(sourceId)) continue;
    triedSources.push(sourceId);
    const source = graph.byId(sourceId);
    if (source === undefined || source.isPerson) continue;

    // A's outflows in the window: each is a leg to a possible intermediary.
    intermediaries.length = 0;
    eventIds.length = 0;
    let scatteredFen = 0;
    let gatheredFen = 0;
    const ad = source.data;
    const aTo = upperBound(source, t);
    for (let j = lowerBound(source, t - params.windowMs); j < aTo; j++) {
      if (--budget < 0) return NO_FINDINGS;
      const ao = HEADER + j * STRIDE;
      const midId = ad[ao + E_PEER]!;
      const leg = ad[ao + E_AMOUNT]!;
      if (midId < 0 || midId === to.id || !isOut(ad[ao + E_PACKED]!) || leg < params.minLegFen) continue;
      if (intermediaries.includes(midId)) continue;
      const mid = graph.byId(midId);
      if (mid === undefined || mid.isPerson) continue;
      const legMs = ad[ao + E_TS]!;
      const fd = mid.data;
      const fTo = upperBound(mid, Math.min(t, legMs + params.maxHopDelayMs));
      for (let k = lowerBound(mid, legMs); k < fTo; k++) {
        if (--budget < 0) return NO_FINDINGS;
        const fo = HEADER + k * STRIDE;
        if (fd[fo + E_PEER] !== to.id || !isOut(fd[fo + E_PACKED]!)) continue;
        if (fd[fo + E_AMOUNT]! < params.minForwardShare * leg) continue;
        intermediaries.push(midId);
        eventIds.push(source.eventIdAt(j), mid.eventIdAt(k));
        scatteredFen += leg;
        gatheredFen += fd[fo + E_AMOUNT]!;
        break;
      }
    }
    if (intermediaries.length >= params.minIntermediaries) {
      return [
        {
          detector: 'SCATTER_GATHER',
          severity: params.severity,
          subjectAccounts: [source.key, to.key, ...intermediaries.map((id) => graph.byId(id)!.key)],
          eventIds: eventIds.slice(-MAX_EVIDENCE_IDS),
          aggregates: { intermediaries: intermediaries.length, scatteredFen, gatheredFen, windowMs: params.windowMs },
          dedupKey: dayDedupKey('SCATTER_GATHER', `${source.key}|${to.key}`, t),
          atMs: t,
        },
      ];
    }
  }
  return NO_FINDINGS;
}
