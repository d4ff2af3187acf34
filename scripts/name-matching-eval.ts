/**
 * Precision and recall of name matching over the labelled pairs in test/fixtures/name-pairs.json.
 *
 *   npx tsx scripts/name-matching-eval.ts                 # at DEFAULT_NAME_THRESHOLD
 *   npx tsx scripts/name-matching-eval.ts 0.8             # at another threshold
 *   npx tsx scripts/name-matching-eval.ts --errors        # also list the misclassified pairs
 *   npx tsx scripts/name-matching-eval.ts --sweep         # precision/recall over a range of thresholds
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_NAME_THRESHOLD, nameSimilarity } from '../src/domain/matching/name-similarity.js';

interface LabelledPair {
  a: string;
  b: string;
  match: boolean;
  category: string;
}

export interface EvalResult {
  threshold: number;
  n: number;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  categories: { category: string; match: boolean; n: number; correct: number }[];
  errors: { pair: LabelledPair; score: number; text: string }[];
}

export function loadPairs(): LabelledPair[] {
  const path = fileURLToPath(new URL('../test/fixtures/name-pairs.json', import.meta.url));
  return (JSON.parse(readFileSync(path, 'utf8')) as { pairs: LabelledPair[] }).pairs;
}

export function evaluate(pairs: readonly LabelledPair[], threshold: number): EvalResult {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byCategory = new Map<string, { category: string; match: boolean; n: number; correct: number }>();
  const errors: EvalResult['errors'] = [];
  for (const pair of pairs) {
    const similarity = nameSimilarity(pair.a, pair.b);
    const predicted = similarity.score >= threshold;
    if (predicted && pair.match) tp++;
    else if (predicted && !pair.match) fp++;
    else if (!predicted && pair.match) fn++;
    const c = byCategory.get(pair.category) ?? { category: pair.category, match: pair.match, n: 0, correct: 0 };
    c.n++;
    if (predicted === pair.match) c.correct++;
    else errors.push({ pair, score: similarity.score, text: similarity.explanation.text });
    byCategory.set(pair.category, c);
  }
  return {
    threshold,
    n: pairs.length,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    categories: [...byCategory.values()],
    errors,
  };
}

function main(argv: readonly string[]): void {
  const pairs = loadPairs();
  const numeric = argv.find((a) => /^\d*\.?\d+$/.test(a));
  const threshold = numeric !== undefined ? Number(numeric) : DEFAULT_NAME_THRESHOLD;
  if (argv.includes('--sweep')) {
    for (let t = 0.7; t <= 0.981; t += 0.01) {
      const r = evaluate(pairs, Math.round(t * 100) / 100);
      console.log(`threshold ${r.threshold.toFixed(2)}: precision=${r.precision.toFixed(3)} recall=${r.recall.toFixed(3)}`);
    }
    return;
  }
  const r = evaluate(pairs, threshold);
  console.log(
    `name matching @ threshold ${threshold}: precision=${r.precision.toFixed(3)} recall=${r.recall.toFixed(3)} (${r.n} pairs)`,
  );
  for (const c of r.categories) {
    const figure = c.match ? `recall=${(c.correct / c.n).toFixed(3)}` : `correctly rejected=${(c.correct / c.n).toFixed(3)}`;
    console.log(`  ${c.category.padEnd(26)} ${c.match ? 'match   ' : 'no match'} n=${String(c.n).padStart(3)}  ${figure}`);
  }
  if (argv.includes('--errors')) {
    for (const e of r.errors) {
      console.log(`  ${e.pair.match ? 'MISSED ' : 'FALSE  '} ${e.score.toFixed(3)}  ${e.pair.a} | ${e.pair.b}  (${e.text})`);
    }
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2));
}
