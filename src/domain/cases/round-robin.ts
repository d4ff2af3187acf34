/**
 * Round-robin assignment: the next analyst after the one who got the last case, in a stable
 * order (by username), wrapping around. When the last one left (deactivated), the order still
 * continues from where that name would have stood, so nobody is skipped twice in a row.
 */
export interface Candidate {
  readonly id: string;
  readonly sortKey: string;
}

export function nextInRotation(candidates: readonly Candidate[], last: Candidate | null): Candidate | null {
  if (candidates.length === 0) return null;
  const sorted = [...candidates].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : 1));
  if (last === null) return sorted[0]!;
  const after = sorted.find((c) => c.sortKey > last.sortKey || (c.sortKey === last.sortKey && c.id > last.id));
  return after ?? sorted[0]!;
}
