/**
 * Folds the findings of one batch into one row per dedup key before they reach the store (one
 * INSERT ... ON CONFLICT cannot touch a row twice). The same rules as the store's merge: the
 * highest severity wins, subject accounts are a union in first-seen order, evidence and
 * aggregates follow the latest firing in event time, and each firing counts once.
 */
import { ALERT_SEVERITIES, type AlertSeverity, type Finding } from '../../domain/detection/finding.js';

/** A finding with the holder institution of each subject account (null when unknown). */
export interface OwnedFinding extends Finding {
  readonly owners: Readonly<Record<string, string | null>>;
}

export interface MergedFinding {
  dedupKey: string;
  detector: Finding['detector'];
  severity: AlertSeverity;
  subjectAccounts: string[];
  subjectOwners: Record<string, string | null>;
  institutionIds: string[];
  eventIds: string[];
  aggregates: Record<string, number | string>;
  firstMs: number;
  lastMs: number;
  fireCount: number;
}

export function severityRank(s: AlertSeverity): number {
  return ALERT_SEVERITIES.indexOf(s);
}

export function mergeFindings(findings: readonly OwnedFinding[]): MergedFinding[] {
  const byKey = new Map<string, MergedFinding>();
  for (const f of findings) {
    let m = byKey.get(f.dedupKey);
    if (m === undefined) {
      m = {
        dedupKey: f.dedupKey,
        detector: f.detector,
        severity: f.severity,
        subjectAccounts: [],
        subjectOwners: {},
        institutionIds: [],
        eventIds: f.eventIds,
        aggregates: f.aggregates,
        firstMs: f.atMs,
        lastMs: f.atMs,
        fireCount: 0,
      };
      byKey.set(f.dedupKey, m);
    } else {
      if (severityRank(f.severity) > severityRank(m.severity)) m.severity = f.severity;
      if (f.atMs >= m.lastMs) {
        m.eventIds = f.eventIds;
        m.aggregates = f.aggregates;
      }
      m.firstMs = Math.min(m.firstMs, f.atMs);
      m.lastMs = Math.max(m.lastMs, f.atMs);
    }
    m.fireCount++;
    for (const key of f.subjectAccounts) {
      if (!m.subjectAccounts.includes(key)) m.subjectAccounts.push(key);
      const owner = f.owners[key] ?? null;
      if (owner !== null || !(key in m.subjectOwners)) m.subjectOwners[key] = owner;
      if (owner !== null && !m.institutionIds.includes(owner)) m.institutionIds.push(owner);
    }
  }
  return [...byKey.values()];
}
