/**
 * Precision and recall of the alerts against the scenario's labels.
 *
 * - Recall of a pattern: the share of its injected instances for which an alert of the matching
 *   detector names one of the instance's key accounts.
 * - Precision of a detector: the share of its alerts (on this run's accounts) that name an
 *   account some injected instance put under suspicion. A mule caught by another detector than
 *   the one its pattern was built for is still a right alert; an alert on an account of
 *   ordinary life is a false one.
 */
import { DETECTOR_NAMES, type DetectorName } from '../../src/domain/detection/finding.js';
import type { PatternInstance } from './scenario.js';

export interface SeenAlert {
  detector: DetectorName;
  /** `${bankCode}:${accountNumber}` of every subject. */
  subjects: string[];
}

export interface PatternScore {
  detector: DetectorName;
  injected: number;
  found: number;
  recall: number;
  alerts: number;
  truePositives: number;
  precision: number;
  /** Instances not found and alerts on ordinary accounts, for the curious. */
  missed: string[];
  falseAlerts: SeenAlert[];
}

export function evaluate(instances: readonly PatternInstance[], alerts: readonly SeenAlert[]): PatternScore[] {
  const suspicious = new Set(instances.flatMap((i) => i.involved));
  return DETECTOR_NAMES.map((detector) => {
    const mine = instances.filter((i) => i.pattern === detector);
    const own = alerts.filter((a) => a.detector === detector);
    const named = new Set(own.flatMap((a) => a.subjects));
    const found = mine.filter((i) => i.keys.some((k) => named.has(k)));
    const falseAlerts = own.filter((a) => !a.subjects.some((s) => suspicious.has(s)));
    return {
      detector,
      injected: mine.length,
      found: found.length,
      recall: mine.length === 0 ? NaN : found.length / mine.length,
      alerts: own.length,
      truePositives: own.length - falseAlerts.length,
      precision: own.length === 0 ? NaN : (own.length - falseAlerts.length) / own.length,
      missed: mine.filter((i) => !found.includes(i)).map((i) => i.id),
      falseAlerts,
    };
  });
}

function pct(x: number): string {
  return Number.isNaN(x) ? '   -  ' : x.toFixed(3).padStart(6);
}

/** The table the simulator prints, and whether every pattern met recall >= 0.95 at precision >= 0.9. */
export function report(scores: readonly PatternScore[]): { text: string; met: boolean } {
  const lines = ['detector               injected  found  recall   alerts  right  precision', '-'.repeat(74)];
  let met = true;
  for (const s of scores) {
    lines.push(
      `${s.detector.padEnd(22)} ${String(s.injected).padStart(8)} ${String(s.found).padStart(6)}  ${pct(s.recall)}  ${String(s.alerts).padStart(7)} ${String(s.truePositives).padStart(6)}     ${pct(s.precision)}`,
    );
    if (s.injected > 0 && !(s.recall >= 0.95 && (s.alerts === 0 || s.precision >= 0.9))) met = false;
  }
  const all = scores.reduce((a, s) => ({ injected: a.injected + s.injected, found: a.found + s.found, alerts: a.alerts + s.alerts, right: a.right + s.truePositives }), { injected: 0, found: 0, alerts: 0, right: 0 });
  lines.push('-'.repeat(74));
  lines.push(`${'all'.padEnd(22)} ${String(all.injected).padStart(8)} ${String(all.found).padStart(6)}  ${pct(all.found / all.injected)}  ${String(all.alerts).padStart(7)} ${String(all.right).padStart(6)}     ${pct(all.right / all.alerts)}`);
  return { text: lines.join('\n'), met };
}
