/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition): "smiht" is one
 * slip away from "smith", not two, which is how typists actually err. Names are short, so a
 * plain dynamic programme over reused buffers is fast enough and allocation-free.
 */
let prev2 = new Int32Array(64);
let prev = new Int32Array(64);
let curr = new Int32Array(64);

export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  if (m + 1 > curr.length) {
    prev2 = new Int32Array(m + 1);
    prev = new Int32Array(m + 1);
    curr = new Int32Array(m + 1);
  }
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    curr[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      curr[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = curr;
    curr = t;
  }
  return prev[m]!;
}
