/**
 * Near-homophones in pinyin. Speakers of many dialects (and IME users) confuse the retroflex and
 * flat initials (zh/z, ch/c, sh/s), n and l, and the front and back nasal finals (in/ing, en/eng,
 * an/ang). These are the classic "fuzzy pinyin" pairs of Chinese input methods. Names that differ
 * only this way are similar but not the same: they score below the default threshold and surface
 * only when a caller lowers it.
 */
export function foldSyllable(syllable: string): string {
  let s = syllable;
  if (s.startsWith('zh') || s.startsWith('ch') || s.startsWith('sh')) s = s[0] + s.slice(2);
  else if (s.startsWith('n') && s !== 'ng') s = `l${s.slice(1)}`;
  if (s.endsWith('ng') && s.length > 2) s = s.slice(0, -1);
  return s;
}

/** Cost of replacing one syllable by another: 0 equal, 0.25 near-homophone, 1 different. */
export function syllableCost(a: string, b: string): number {
  if (a === b) return 0;
  return foldSyllable(a) === foldSyllable(b) ? NEAR_HOMOPHONE_COST : 1;
}

export const NEAR_HOMOPHONE_COST = 0.25;

/** Weighted edit distance over syllable sequences (insert/delete 1, substitution per syllableCost). */
export function syllableDistance(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const m = b.length;
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const curr: number[] = [i];
    for (let j = 1; j <= m; j++) {
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + syllableCost(a[i - 1]!, b[j - 1]!));
    }
    prev = curr;
  }
  return prev[m]!;
}

/**
 * A blocking key for a run of pinyin written without separators, equal for all near-homophones:
 * it drops h after z/c/s, g after n, and writes every n as l. It over-merges on purpose (it is only
 * used to find candidates, which are then scored), but never separates two near-homophones,
 * because every syllable-level fold above is one of these string operations.
 */
export function phoneticKey(joinedPinyin: string): string {
  return joinedPinyin.replace(/([zcs])h/g, '$1').replace(/ng+/g, 'n').replace(/n/g, 'l');
}
