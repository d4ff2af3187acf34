/**
 * Correctness of the default threshold over the hand-labelled pairs in
 * test/fixtures/name-pairs.json (issue 3 target: precision and recall both at least 0.95).
 * `npx tsx scripts/name-matching-eval.ts` prints the same figures per category.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_NAME_THRESHOLD, nameSimilarity } from './name-similarity.js';

interface LabelledPair {
  a: string;
  b: string;
  match: boolean;
  category: string;
}

const pairs = (
  JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/name-pairs.json'), 'utf8')) as { pairs: LabelledPair[] }
).pairs;

describe('labelled name pairs', () => {
  it('has enough pairs of every kind', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    const categories = new Set(pairs.map((p) => p.category));
    for (const c of ['traditional_simplified', 'homophone', 'latin_order', 'latin_typo', 'han_different_given', 'latin_shared_token']) {
      expect(categories).toContain(c);
    }
    expect(pairs.filter((p) => !p.match).length).toBeGreaterThanOrEqual(100);
  });

  it('reaches precision and recall of at least 0.95 at the default threshold', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const p of pairs) {
      const predicted = nameSimilarity(p.a, p.b).score >= DEFAULT_NAME_THRESHOLD;
      if (predicted && p.match) tp++;
      else if (predicted) fp++;
      else if (p.match) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
