/**
 * Name similarity, 0..1, with an explanation a compliance analyst can read.
 *
 * Han names have no spelling variants, so the scale is coarse and deliberate:
 *   1.00  same simplified characters (traditional/simplified, full-width and spacing ignored);
 *   0.92  homophone: different characters, same toneless pinyin (the usual IME slip, 张伟/张玮);
 *   <0.85 anything else: 0.9 x (1 - weighted syllable edit distance / length), where a
 *         near-homophone syllable (zh/z, n/l, in/ing ...) costs 0.25 and another syllable costs 1.
 *         A different given-name character with a different sound is a different person.
 * Latin-script names: tokens are aligned in the best order (order never matters). Each token pair
 * scores 1 when equal, 1 - 0.05 per edit when the edits look like a typo (0 edits allowed up to 3
 * letters, 1 up to 6, 2 up to 10, 3 beyond; transpositions count once), and at most 0.6 otherwise.
 * Pairs are weighted by length. A missing middle name costs a factor 0.9; other missing tokens
 * count as unmatched length. Short tokens get no typo allowance because "Li Wei" and "Li Wen"
 * are different people, and neither do two tokens that spell different pinyin with the same
 * number of syllables ("Liu Yang" / "Liu Yan", "Kevin Zhang" / "Kevin Zhong").
 * Han against Latin: 0.9 when the letters are the pinyin of the characters in some token order
 * (Zhang Wei / Wei Zhang / 张伟), otherwise the Latin score against the pinyin, times 0.9.
 *
 * DEFAULT_NAME_THRESHOLD (0.85) sits above every "different person" score of the labelled pairs
 * in test/fixtures/name-pairs.json and below homophones and typos; scripts/name-matching-eval.ts
 * prints precision and recall at it.
 */
import { type ComparableName, type NormalisationStep, normaliseName, stepsFromMask } from './normalise-name.js';
import { syllableDistance } from './pinyin-fuzzy.js';
import { foldUmlaut, segmentPinyin } from './pinyin-syllables.js';
import { osaDistance } from './string-distance.js';

export const DEFAULT_NAME_THRESHOLD = 0.85;

export const NAME_SCORE = {
  HOMOPHONE: 0.92,
  TRANSLITERATION: 0.9,
  /** Ceiling factor for Han names that are neither equal nor homophones. */
  SIMILAR_PINYIN_FACTOR: 0.9,
  MIDDLE_NAME_MISSING_FACTOR: 0.9,
  /** Same letters, different split into tokens ("Jean-Luc" / "Jeanluc"). */
  MERGED_TOKENS: 0.97,
  /** A name that mixes Han characters and letters is compared part by part. */
  MIXED_SCRIPT_FACTOR: 0.95,
  /** Both sides give a birth date and they differ. */
  BIRTH_DATE_MISMATCH_FACTOR: 0.5,
} as const;

export type NameMatchReason =
  | 'SAME_NAME'
  | 'HOMOPHONE'
  | 'SIMILAR_PINYIN'
  | 'PINYIN_TRANSLITERATION'
  | 'LATIN_TOKENS'
  | 'DIFFERENT';

export interface NameMatchExplanation {
  readonly reason: NameMatchReason;
  /** The normalised forms that were compared (query side first). */
  readonly compared: readonly [string, string];
  /** Toneless pinyin compared, when Han characters took part. */
  readonly pinyin?: readonly [string, string];
  /** Letter edits (Latin) or weighted syllable edits (Han) between the compared forms. */
  readonly distance?: number;
  readonly notes: readonly string[];
  readonly text: string;
}

export interface NameSimilarity {
  readonly score: number;
  readonly explanation: NameMatchExplanation;
}

const STEP_NOTES: Readonly<Record<NormalisationStep, string>> = {
  FULL_WIDTH: 'full-width characters',
  WHITESPACE: 'spacing',
  PUNCTUATION: 'punctuation',
  TRADITIONAL: 'traditional/simplified',
  CASE: 'letter case',
  DIACRITICS: 'diacritics',
};

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function display(n: ComparableName): string {
  return n.simplified.length > 0 && n.orderedTokens.length > 0
    ? `${n.simplified} ${n.orderedTokens.join(' ')}`
    : n.simplified.length > 0
      ? n.simplified
      : n.orderedTokens.join(' ');
}

function stepNotes(a: ComparableName, b: ComparableName): string[] {
  return stepsFromMask(a.stepMask | b.stepMask).map((s) => STEP_NOTES[s]);
}

const NO_EXPLANATION: NameMatchExplanation = { reason: 'DIFFERENT', compared: ['', ''], notes: [], text: '' };

// ---------------------------------------------------------------- Han names

function compareHan(a: ComparableName, b: ComparableName, explain: boolean): NameSimilarity {
  if (a.simplified === b.simplified) {
    if (!explain) return { score: 1, explanation: NO_EXPLANATION };
    const notes = stepNotes(a, b);
    return {
      score: 1,
      explanation: {
        reason: 'SAME_NAME',
        compared: [a.simplified, b.simplified],
        pinyin: [a.pinyin.join(' '), b.pinyin.join(' ')],
        distance: 0,
        notes,
        text: `same name ${a.simplified}${notes.length > 0 ? ` after normalising ${notes.join(', ')}` : ''}`,
      },
    };
  }
  let samePinyin = a.pinyin.length === b.pinyin.length;
  for (let i = 0; samePinyin && i < a.pinyin.length; i++) samePinyin = a.pinyin[i] === b.pinyin[i];
  if (samePinyin) {
    if (!explain) return { score: NAME_SCORE.HOMOPHONE, explanation: NO_EXPLANATION };
    const reading = a.pinyin.join(' ');
    return {
      score: NAME_SCORE.HOMOPHONE,
      explanation: {
        reason: 'HOMOPHONE',
        compared: [a.simplified, b.simplified],
        pinyin: [reading, reading],
        distance: 0,
        notes: ['homophone'],
        text: `homophone: ${a.simplified} and ${b.simplified} both read "${reading}"`,
      },
    };
  }
  const distance = syllableDistance(a.pinyin, b.pinyin);
  const length = Math.max(a.pinyin.length, b.pinyin.length);
  const score = round(NAME_SCORE.SIMILAR_PINYIN_FACTOR * Math.max(0, 1 - distance / length));
  if (!explain) return { score, explanation: NO_EXPLANATION };
  const near = distance > 0 && distance < 1;
  const pinyin = [a.pinyin.join(' '), b.pinyin.join(' ')] as const;
  return {
    score,
    explanation: {
      reason: near ? 'SIMILAR_PINYIN' : 'DIFFERENT',
      compared: [a.simplified, b.simplified],
      pinyin,
      distance,
      notes: near ? ['near-homophone (fuzzy pinyin)'] : [],
      text: `${near ? 'similar sound' : 'different name'}: "${pinyin[0]}" vs "${pinyin[1]}" (syllable distance ${distance})`,
    },
  };
}

// ---------------------------------------------------------------- Latin names

const MAX_TOKENS = 6;

function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  if (length <= 10) return 2;
  return 3;
}

const segmentCache = new Map<string, readonly string[] | null>();

function pinyinOf(token: string): readonly string[] | null {
  let seg = segmentCache.get(token);
  if (seg === undefined) {
    if (segmentCache.size > 50_000) segmentCache.clear();
    seg = segmentPinyin(token) ?? null;
    segmentCache.set(token, seg);
  }
  return seg;
}

export interface TokenSimilarity {
  readonly sim: number;
  readonly edits: number;
}

const SAME_TOKEN: TokenSimilarity = { sim: 1, edits: 0 };

function computeTokenSimilarity(a: string, b: string): TokenSimilarity {
  const edits = osaDistance(a, b);
  // Two spellings of different pinyin with the same number of syllables are different names
  // (yang/yan, zhang/zhong, xiaoming/xiaomin), not typos; a slip that breaks the syllables
  // (xiaomng, xioaming) is still treated as a typo below.
  const pa = pinyinOf(a);
  const pb = pinyinOf(b);
  if (pa !== null && pb !== null && pa.length === pb.length) {
    return { sim: 0.6 * Math.max(0, 1 - syllableDistance(pa, pb) / pa.length), edits };
  }
  const length = Math.max(a.length, b.length);
  if (edits <= allowedEdits(length)) return { sim: 1 - 0.05 * edits, edits };
  return { sim: 0.6 * Math.max(0, 1 - edits / length), edits };
}

// Candidates of one query share most tokens (surnames repeat), so token pairs are memoised.
const tokenMemo = new Map<string, Map<string, TokenSimilarity>>();
let tokenMemoSize = 0;
const TOKEN_MEMO_LIMIT = 200_000;

export function tokenSimilarity(a: string, b: string): TokenSimilarity {
  if (a === b) return SAME_TOKEN;
  const [x, y] = a < b ? [a, b] : [b, a];
  let inner = tokenMemo.get(x);
  let result = inner?.get(y);
  if (result !== undefined) return result;
  result = computeTokenSimilarity(x, y);
  if (tokenMemoSize >= TOKEN_MEMO_LIMIT) {
    tokenMemo.clear();
    tokenMemoSize = 0;
    inner = undefined;
  }
  if (inner === undefined) {
    inner = new Map();
    tokenMemo.set(x, inner);
  }
  inner.set(y, result);
  tokenMemoSize++;
  return result;
}

// Scratch buffers for the alignment (at most 6 x 6 tokens); scoring allocates nothing per pair.
const simMatrix = new Float64Array(MAX_TOKENS * MAX_TOKENS);
const editMatrix = new Int32Array(MAX_TOKENS * MAX_TOKENS);
const best = new Float64Array(1 << MAX_TOKENS);
const choice = new Int8Array(1 << MAX_TOKENS);
const pairsOut = new Int8Array(MAX_TOKENS);
const POPCOUNT = Uint8Array.from({ length: 1 << MAX_TOKENS }, (_, mask) => {
  let bits = 0;
  for (let x = mask; x !== 0; x &= x - 1) bits++;
  return bits;
});

/**
 * Best one-to-one alignment of every token of `short` to a distinct token of `long`
 * (|short| <= |long| <= 6), maximising the length-weighted similarity. Leaves the pairs in
 * `pairsOut` and returns the weighted sum.
 */
function align(short: readonly string[], long: readonly string[]): number {
  const n = short.length;
  const m = long.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const t = tokenSimilarity(short[i]!, long[j]!);
      simMatrix[i * MAX_TOKENS + j] = t.sim * (short[i]!.length + long[j]!.length);
      editMatrix[i * MAX_TOKENS + j] = t.edits;
    }
  }
  const size = 1 << m;
  best.fill(-1, 0, size);
  best[0] = 0;
  let bestMask = -1;
  for (let mask = 0; mask < size; mask++) {
    const current = best[mask]!;
    if (current < 0) continue;
    const i = POPCOUNT[mask]!;
    if (i === n) {
      if (bestMask < 0 || current > best[bestMask]!) bestMask = mask;
      continue;
    }
    for (let j = 0; j < m; j++) {
      if ((mask & (1 << j)) !== 0) continue;
      const next = mask | (1 << j);
      const value = current + simMatrix[i * MAX_TOKENS + j]!;
      if (value > best[next]!) {
        best[next] = value;
        choice[next] = j;
      }
    }
  }
  for (let mask = bestMask, i = n - 1; i >= 0; i--) {
    const j = choice[mask]!;
    pairsOut[i] = j;
    mask &= ~(1 << j);
  }
  return best[bestMask]!;
}

interface TokenComparison {
  readonly score: number;
  readonly distance: number;
  readonly notes: string[];
}

function compareTokens(aTokens: readonly string[], bTokens: readonly string[], explain: boolean): TokenComparison {
  const a = aTokens.length > MAX_TOKENS ? aTokens.slice(0, MAX_TOKENS) : aTokens;
  const b = bTokens.length > MAX_TOKENS ? bTokens.slice(0, MAX_TOKENS) : bTokens;
  const swap = a.length > b.length;
  const short = swap ? b : a;
  const long = swap ? a : b;
  const n = short.length;
  const weighted = align(short, long);
  let weight = 0;
  let distance = 0;
  let allClose = true;
  let usedMask = 0;
  for (let i = 0; i < n; i++) {
    const j = pairsOut[i]!;
    const w = short[i]!.length + long[j]!.length;
    weight += w;
    distance += editMatrix[i * MAX_TOKENS + j]!;
    if (simMatrix[i * MAX_TOKENS + j]! / w < 0.9) allClose = false;
    usedMask |= 1 << j;
  }
  let score: number;
  let middleMissing = false;
  let unmatchedCount = 0;
  let merged = false;
  if (n === long.length) {
    score = weighted / weight;
  } else {
    let unmatchedWeight = 0;
    let inMiddle = true;
    for (let j = 0; j < long.length; j++) {
      if ((usedMask & (1 << j)) !== 0) continue;
      unmatchedCount++;
      unmatchedWeight += long[j]!.length;
      if (j === 0 || j === long.length - 1) inMiddle = false;
    }
    if (n >= 2 && inMiddle && allClose) {
      score = (weighted / weight) * NAME_SCORE.MIDDLE_NAME_MISSING_FACTOR;
      middleMissing = true;
    } else {
      score = weighted / (weight + unmatchedWeight);
    }
    if (score < NAME_SCORE.MERGED_TOKENS && short.join('') === long.join('')) {
      score = NAME_SCORE.MERGED_TOKENS;
      merged = true;
    }
  }
  if (!explain) return { score, distance, notes: [] };
  const notes: string[] = [];
  if (merged) notes.push('tokens split differently');
  else if (middleMissing) notes.push('middle name missing');
  else if (unmatchedCount > 0) notes.push(`${unmatchedCount} unmatched token(s)`);
  for (let i = 0; i < n; i++) {
    const j = pairsOut[i]!;
    const e = editMatrix[i * MAX_TOKENS + j]!;
    const sim = simMatrix[i * MAX_TOKENS + j]! / (short[i]!.length + long[j]!.length);
    if (e > 0 && sim >= 0.85) {
      const [x, y] = swap ? [long[j]!, short[i]!] : [short[i]!, long[j]!];
      notes.push(`spelling ${x}~${y} (${e} edit${e > 1 ? 's' : ''})`);
    }
  }
  for (let i = 1; i < n; i++) {
    if (pairsOut[i]! < pairsOut[i - 1]!) {
      notes.push('token order');
      break;
    }
  }
  return { score, distance, notes };
}

function compareLatin(a: ComparableName, b: ComparableName, explain: boolean): NameSimilarity {
  const { score, distance, notes } = compareTokens(a.orderedTokens, b.orderedTokens, explain);
  const rounded = round(score);
  if (!explain) return { score: rounded, explanation: NO_EXPLANATION };
  const all = [...stepNotes(a, b).filter((n) => n !== 'traditional/simplified'), ...notes];
  const sameTokens = distance === 0 && score === 1;
  return {
    score: rounded,
    explanation: {
      reason: sameTokens ? 'SAME_NAME' : rounded >= DEFAULT_NAME_THRESHOLD ? 'LATIN_TOKENS' : 'DIFFERENT',
      compared: [a.orderedTokens.join(' '), b.orderedTokens.join(' ')],
      distance,
      notes: all,
      text: `${sameTokens ? 'same name' : 'latin tokens compared'}${all.length > 0 ? `: ${all.join('; ')}` : ''}`,
    },
  };
}

// ---------------------------------------------------------------- Han against letters

function permutationsJoin(tokens: readonly string[], target: string, offset = 0, used = 0): boolean {
  if (offset === target.length) return used === (1 << tokens.length) - 1;
  for (let i = 0; i < tokens.length; i++) {
    if ((used & (1 << i)) !== 0) continue;
    const t = tokens[i]!;
    if (target.startsWith(t, offset) && permutationsJoin(tokens, target, offset + t.length, used | (1 << i))) return true;
  }
  return false;
}

/** Letters as tokens against Han characters through their pinyin. */
function compareTransliteration(latin: ComparableName, han: ComparableName, latinFirst: boolean, explain: boolean): NameSimilarity {
  const joined = foldUmlaut(han.pinyin.join(''));
  const tokens = latin.orderedTokens;
  const exact = tokens.length <= MAX_TOKENS && permutationsJoin(tokens.map(foldUmlaut), joined);
  if (exact && !explain) return { score: NAME_SCORE.TRANSLITERATION, explanation: NO_EXPLANATION };
  const compared = (latinFirst ? [tokens.join(' '), han.simplified] : [han.simplified, tokens.join(' ')]) as [string, string];
  const pinyin = (latinFirst ? [tokens.join(' '), han.pinyin.join(' ')] : [han.pinyin.join(' '), tokens.join(' ')]) as [
    string,
    string,
  ];
  if (exact) {
    return {
      score: NAME_SCORE.TRANSLITERATION,
      explanation: {
        reason: 'PINYIN_TRANSLITERATION',
        compared,
        pinyin,
        distance: 0,
        notes: ['pinyin transliteration'],
        text: `"${tokens.join(' ')}" is the pinyin of ${han.simplified} (${han.pinyin.join(' ')})`,
      },
    };
  }
  // Romanised forms of the Han name: all syllables in one token, surname + given name, and a
  // two-syllable surname + given name.
  const p = han.pinyin;
  const forms: string[][] = [[joined]];
  if (p.length >= 2) forms.push([p[0]!, p.slice(1).join('')]);
  if (p.length >= 3) forms.push([p.slice(0, 2).join(''), p.slice(2).join('')]);
  let bestForm: string[] = forms[0]!;
  let bestScore = -1;
  for (const form of forms) {
    const r = compareTokens(tokens, form, false);
    if (r.score > bestScore) {
      bestScore = r.score;
      bestForm = form;
    }
  }
  const score = round(bestScore * NAME_SCORE.TRANSLITERATION);
  if (!explain) return { score, explanation: NO_EXPLANATION };
  const detail = compareTokens(tokens, bestForm, true);
  return {
    score,
    explanation: {
      reason: score >= DEFAULT_NAME_THRESHOLD ? 'PINYIN_TRANSLITERATION' : 'DIFFERENT',
      compared,
      pinyin,
      distance: detail.distance,
      notes: ['compared through pinyin', ...detail.notes],
      text: `letters compared with the pinyin of ${han.simplified}${detail.notes.length > 0 ? `: ${detail.notes.join('; ')}` : ''}`,
    },
  };
}

// ---------------------------------------------------------------- entry points

function compare(a: ComparableName, b: ComparableName, explain: boolean): NameSimilarity {
  const aHan = a.simplified.length > 0;
  const bHan = b.simplified.length > 0;
  const aLatin = a.orderedTokens.length > 0;
  const bLatin = b.orderedTokens.length > 0;
  let best: NameSimilarity | undefined;
  const consider = (o: NameSimilarity): void => {
    if (best === undefined || o.score > best.score) best = o;
  };
  if (aHan && bHan) consider(compareHan(a, b, explain));
  if (aLatin && bLatin) consider(compareLatin(a, b, explain));
  if (aLatin && bHan) consider(compareTransliteration(a, b, true, explain));
  if (aHan && bLatin) consider(compareTransliteration(b, a, false, explain));
  let result = best!;
  if (a.script === 'MIXED' || b.script === 'MIXED') {
    const score = round(result.score * NAME_SCORE.MIXED_SCRIPT_FACTOR);
    result = explain
      ? {
          score,
          explanation: {
            ...result.explanation,
            compared: [display(a), display(b)],
            notes: [...result.explanation.notes, 'mixed script: compared part by part'],
          },
        }
      : { score, explanation: NO_EXPLANATION };
  }
  return result;
}

/** Compares two normalised names; `a` is the query side in explanations. Symmetric in score. */
export function compareNames(a: ComparableName, b: ComparableName): NameSimilarity {
  return compare(a, b, true);
}

/** The score of `compareNames` without building the explanation (for scanning many candidates). */
export function scoreNames(a: ComparableName, b: ComparableName): number {
  return compare(a, b, false).score;
}

/** Normalises both names and compares them. @throws DomainError INVALID_NAME */
export function nameSimilarity(a: string, b: string): NameSimilarity {
  return compareNames(normaliseName(a), normaliseName(b));
}

/** The score factor applied for birth dates: 1 unless both are given and differ. */
export function birthDateFactor(a?: string, b?: string): number {
  return a !== undefined && b !== undefined && a !== b ? NAME_SCORE.BIRTH_DATE_MISMATCH_FACTOR : 1;
}

/**
 * Birth dates disambiguate namesakes: when both sides give one and they differ, the score is
 * halved, which drops it below any sensible threshold; when they agree, a note says so.
 * Dates are compared as given ('YYYY-MM-DD').
 */
export function applyBirthDates(similarity: NameSimilarity, a?: string, b?: string): NameSimilarity {
  if (a === undefined || b === undefined) return similarity;
  if (a === b) {
    return {
      score: similarity.score,
      explanation: { ...similarity.explanation, notes: [...similarity.explanation.notes, 'birth date equal'] },
    };
  }
  return {
    score: round(similarity.score * birthDateFactor(a, b)),
    explanation: {
      ...similarity.explanation,
      notes: [...similarity.explanation.notes, 'birth date differs'],
      text: `${similarity.explanation.text}; birth dates differ`,
    },
  };
}
