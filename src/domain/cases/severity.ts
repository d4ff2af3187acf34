/**
 * Severity of a case item, shared by screening findings and detector alerts. A case's priority is
 * the highest severity among its items: one CRITICAL alert outweighs any number of LOW hints.
 */
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: ReadonlyMap<string, number> = new Map(SEVERITIES.map((s, i) => [s, i]));

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && RANK.has(value);
}

/** 0 for LOW up to 3 for CRITICAL. */
export function severityRank(s: Severity): number {
  return RANK.get(s) as number;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** True when `s` is at least `floor` (an alert of HIGH meets a floor of HIGH). */
export function atLeast(s: Severity, floor: Severity): boolean {
  return severityRank(s) >= severityRank(floor);
}
