/**
 * Name normalisation for matching. Two spellings of one name must reduce to the same form:
 * - full-width and other compatibility characters fold to their plain forms (NFKC);
 * - Han names lose every space and separator ("张 伟", "买买提·艾力") and traditional characters
 *   become simplified through OpenCC (opencc-js, Hong Kong variants included: 陳 -> 陈, 衞 -> 卫);
 * - Han characters also get toneless pinyin from pinyin-pro in surname mode, so that polyphonic
 *   surnames read as surnames (单 shan, 曾 zeng, 解 xie, 区 ou) and homophones can be found;
 * - Latin-script names are case-folded, lose diacritics (NFD minus combining marks, plus ß æ œ ø
 *   ł đ þ folds) and punctuation, and split into tokens; token order is kept in `orderedTokens` and
 *   sorted in `tokens`. Letters of other alphabets are treated like Latin ones.
 * A name mixing Han characters and letters ("王小明 Wang Xiaoming") keeps both parts.
 */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { DomainError } from '../domain-error.js';

export type NameScript = 'HAN' | 'LATIN' | 'MIXED';

export const NORMALISATION_STEPS = [
  'FULL_WIDTH',
  'WHITESPACE',
  'PUNCTUATION',
  'TRADITIONAL',
  'CASE',
  'DIACRITICS',
] as const;
export type NormalisationStep = (typeof NORMALISATION_STEPS)[number];

/** Bit per step, in NORMALISATION_STEPS order; lets an index keep the steps in one small integer. */
export const STEP_BIT: Readonly<Record<NormalisationStep, number>> = {
  FULL_WIDTH: 1,
  WHITESPACE: 2,
  PUNCTUATION: 4,
  TRADITIONAL: 8,
  CASE: 16,
  DIACRITICS: 32,
};

/** The parts of a normalised name that comparison needs; an index can rebuild it from compact storage. */
export interface ComparableName {
  readonly script: NameScript;
  /** Han characters in simplified form, no spaces ('' when there are none). */
  readonly simplified: string;
  /** Toneless pinyin syllables of `simplified` (ü written v), first syllable read as a surname. */
  readonly pinyin: readonly string[];
  /** Letter tokens in written order, lower-case, without diacritics ([] for a Han-only name). */
  readonly orderedTokens: readonly string[];
  /** STEP_BIT flags of the normalisation steps that changed the input. */
  readonly stepMask: number;
}

export interface NormalisedName extends ComparableName {
  readonly original: string;
  /** Letter tokens sorted, so that token order does not matter. */
  readonly tokens: readonly string[];
  readonly steps: readonly NormalisationStep[];
  /** One display form: simplified Han characters, then the tokens in written order. */
  readonly display: string;
}

export const MAX_NAME_LENGTH = 200;

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const WHITESPACE_CHAR = /\s/u;
const COMBINING_MARK = /\p{M}/gu;
const APOSTROPHES = /['’‘`´ʻʼ]/g;
const LATIN_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŀ: 'l',
};
const LATIN_FOLD_PATTERN = /[ßæœøłđðþıŀ]/g;

function foldToken(token: string): { folded: string; caseChanged: boolean; diacritics: boolean } {
  const lower = token.toLowerCase();
  const special = lower.replace(LATIN_FOLD_PATTERN, (c) => LATIN_FOLDS[c] ?? c);
  const stripped = special.normalize('NFD').replace(COMBINING_MARK, '').normalize('NFC');
  return { folded: stripped, caseChanged: lower !== token, diacritics: stripped !== lower };
}

/**
 * The one toneless reading of each Han character that has only one, or null for a polyphonic
 * one (单 dan/shan, 乐 le/yue). A name of such characters reads the same whatever the phrase or
 * surname around them, so its pinyin is looked up character by character; only names with a
 * polyphonic character go through pinyin-pro's phrase and surname dictionaries. Bounded by the
 * number of Han characters.
 */
const soleReadings = new Map<string, string | null>();

function soleReading(ch: string): string | null {
  let reading = soleReadings.get(ch);
  if (reading === undefined) {
    const readings = new Set(pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }));
    reading = readings.size === 1 ? [...readings][0]! : null;
    soleReadings.set(ch, reading);
  }
  return reading;
}

/** Syllables of a name whose every character has one reading, or null. */
function readCharByChar(simplified: string): string[] | null {
  const syllables: string[] = [];
  for (const ch of simplified) {
    const reading = soleReading(ch);
    if (reading === null) return null;
    syllables.push(reading);
  }
  return syllables;
}

/**
 * Names with a polyphonic character whose pinyin was worked out lately (names repeat: a list of
 * a million persons holds far fewer distinct names), in two generations: a reading is looked up
 * in the current one, then in the one before it (and carried over); when the current one is full
 * it becomes the one before.
 */
const PINYIN_GENERATION_SIZE = 50_000;
let pinyinNow = new Map<string, readonly string[]>();
let pinyinBefore = new Map<string, readonly string[]>();

/** Toneless pinyin, surname reading for the first character. The array is shared: do not change it. */
export function hanToPinyin(simplified: string): readonly string[] {
  if (simplified.length === 0) return [];
  const known = pinyinNow.get(simplified);
  if (known) return known;
  const plain = readCharByChar(simplified);
  if (plain) return plain;
  const syllables = pinyinBefore.get(simplified) ?? Object.freeze(pinyin(simplified, { toneType: 'none', type: 'array', mode: 'surname', surname: 'head', v: true }));
  if (pinyinNow.size >= PINYIN_GENERATION_SIZE) {
    pinyinBefore = pinyinNow;
    pinyinNow = new Map();
  }
  pinyinNow.set(simplified, syllables);
  return syllables;
}

/**
 * Normalises a personal name.
 * @throws DomainError INVALID_NAME when the input has no letters or is longer than MAX_NAME_LENGTH
 */
export function normaliseName(raw: string): NormalisedName {
  if (raw.length > MAX_NAME_LENGTH) {
    throw new DomainError('INVALID_NAME', `a name has at most ${MAX_NAME_LENGTH} characters`, { reason: 'LENGTH' });
  }
  let stepMask = 0;
  const nfkc = raw.normalize('NFKC');
  if (nfkc !== raw) stepMask |= STEP_BIT.FULL_WIDTH;

  const text = nfkc.replace(APOSTROPHES, '');
  let sawPunctuation = text !== nfkc;
  let sawWhitespaceInHan = false;
  let han = '';
  const tokens: string[] = [];
  let current = '';
  let whitespaceSinceHan = false;
  const flush = (): void => {
    if (current.length > 0) {
      tokens.push(current);
      current = '';
    }
  };
  for (const ch of text) {
    if (HAN.test(ch)) {
      flush();
      if (whitespaceSinceHan && han.length > 0) sawWhitespaceInHan = true;
      han += ch;
      whitespaceSinceHan = false;
    } else if (WORD_CHAR.test(ch)) {
      current += ch;
      whitespaceSinceHan = false;
    } else {
      flush();
      if (WHITESPACE_CHAR.test(ch)) whitespaceSinceHan = true;
      else sawPunctuation = true;
    }
  }
  flush();

  if (han.length === 0 && tokens.length === 0) {
    throw new DomainError('INVALID_NAME', 'a name needs at least one letter', { reason: 'EMPTY' });
  }

  const simplified = han.length > 0 ? toSimplified(han) : '';
  if (simplified !== han) stepMask |= STEP_BIT.TRADITIONAL;

  const orderedTokens: string[] = [];
  for (const token of tokens) {
    const { folded, caseChanged, diacritics } = foldToken(token);
    if (caseChanged) stepMask |= STEP_BIT.CASE;
    if (diacritics) stepMask |= STEP_BIT.DIACRITICS;
    if (folded.length > 0) orderedTokens.push(folded);
  }

  // Whitespace that matters: inside a Han name, or anything but single spaces between tokens.
  if (sawWhitespaceInHan || text.trim().replace(/\s+/gu, ' ') !== text) stepMask |= STEP_BIT.WHITESPACE;
  if (sawPunctuation) stepMask |= STEP_BIT.PUNCTUATION;

  const script: NameScript = simplified.length === 0 ? 'LATIN' : orderedTokens.length === 0 ? 'HAN' : 'MIXED';
  const pinyinSyllables = hanToPinyin(simplified);
  const sorted = [...orderedTokens].sort();
  return {
    original: raw,
    script,
    simplified,
    pinyin: pinyinSyllables,
    orderedTokens,
    tokens: sorted,
    stepMask,
    steps: stepsFromMask(stepMask),
    display: [simplified, ...orderedTokens].filter((s) => s.length > 0).join(' '),
  };
}

export function stepsFromMask(mask: number): NormalisationStep[] {
  return NORMALISATION_STEPS.filter((step) => (mask & STEP_BIT[step]) !== 0);
}
