/**
 * What a detector says when it fires. The alert store keys alerts by `dedupKey`, so a pattern that
 * keeps firing (the 11th, 12th ... sender of a collection account) updates one alert. Keys are
 * built from event time only (detector, subject, China-time day), never from arrival order, so a
 * replay after a restart produces the same keys and cannot double an alert.
 */
import type { GraphView, WindowView } from './account-window.js';
import type { IndexList } from './detectors/index-list.js';
import { chinaDayKey } from './event-time.js';
import { E_PEER, HEADER, STRIDE, hash32 } from './window-layout.js';

export const DETECTOR_NAMES = [
  'RAPID_PASS_THROUGH',
  'FAN_IN',
  'FAN_OUT',
  'STRUCTURING',
  'NIGHT_BURST',
  'DORMANT_REACTIVATED',
  'NEW_ACCOUNT_LARGE',
  'CASH_OUT_MULTI',
  'HIGH_VELOCITY',
  'CYCLE',
  'SCATTER_GATHER',
  'VICTIM_WARNING',
] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

export const ALERT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface Finding {
  readonly detector: DetectorName;
  readonly severity: AlertSeverity;
  /** Account keys `${bankCode}:${accountNumber}`; the first is the main subject. */
  readonly subjectAccounts: string[];
  /** Evidence: ids of the events that made the pattern (at most MAX_EVIDENCE_IDS, newest kept). */
  readonly eventIds: string[];
  /** The figures that fired, amounts in fen (`...Fen`), durations in ms (`...Ms`). */
  readonly aggregates: Record<string, number | string>;
  readonly dedupKey: string;
  /** Event time of the event that made the detector fire. */
  readonly atMs: number;
}

/** Shared empty result; detectors return it when nothing fires, so the common case allocates nothing. */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]) as readonly Finding[];

/** Enough event ids to review a case; the aggregates carry the full counts. */
export const MAX_EVIDENCE_IDS = 50;

export function raiseSeverity(severity: AlertSeverity, steps = 1): AlertSeverity {
  const i = Math.min(ALERT_SEVERITIES.length - 1, ALERT_SEVERITIES.indexOf(severity) + steps);
  return ALERT_SEVERITIES[i]!;
}

/**
 * Subject part of a dedup key. A person window's key holds a raw ID number, which must not end
 * up in alert keys or logs, so it is replaced by a 64-bit hash.
 */
export function subjectToken(view: Pick<WindowView, 'key' | 'isPerson'>): string {
  if (!view.isPerson) return view.key;
  const id = view.key.slice(3);
  return `person#${hash32(id).toString(16).padStart(8, '0')}${hash32(`${id}#`).toString(16).padStart(8, '0')}`;
}

/** `${detector}:${subject}:${YYYYMMDD}` with the China-time day of `ms`. */
export function dayDedupKey(detector: DetectorName, subject: string, ms: number): string {
  return `${detector}:${subject}:${chinaDayKey(ms)}`;
}

/** Event ids of the given entry indices, keeping the newest MAX_EVIDENCE_IDS. */
export function evidenceIds(view: Pick<WindowView, 'eventIdAt'>, indices: IndexList): string[] {
  const from = Math.max(0, indices.length - MAX_EVIDENCE_IDS);
  const out: string[] = [];
  for (let k = from; k < indices.length; k++) out.push(view.eventIdAt(indices.get(k)));
  return out;
}

/**
 * Subject accounts of a finding on `view`: the account itself, or for a person window the
 * accounts the given entries moved money through (their peer ids), in first-seen order.
 */
export function subjectAccountsOf(
  view: WindowView,
  indices: IndexList,
  graph: GraphView | undefined,
): string[] {
  if (!view.isPerson) return [view.key];
  const keys: string[] = [];
  if (graph === undefined) return keys;
  for (let k = 0; k < indices.length; k++) {
    const i = indices.get(k);
    const peer = view.data[HEADER + i * STRIDE + E_PEER]!;
    const key = peer >= 0 ? graph.byId(peer)?.key : undefined;
    if (key !== undefined && !keys.includes(key)) keys.push(key);
  }
  return keys;
}
