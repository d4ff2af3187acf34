/**
 * In-memory fuzzy name search over up to millions of names (the negative list's person names).
 *
 * Candidate generation (blocking), then exact scoring with `compareNames`:
 * - Han names are filed under one phonetic key of their toneless pinyin (`phoneticKey`), which is
 *   shared by traditional/simplified forms, homophones and near-homophones alike.
 * - Latin-script names are filed under Soundex pair keys (`latinBlockingKeys`), and, when their
 *   letters could be pinyin, also under the phonetic key of each token order, so "Zhang Wei"
 *   finds 张伟 and the other way round.
 * What is found: every indexed name that shares a blocking key with the query and scores at
 * least the threshold. With one slip in one token of a Latin name (other than swapping its first
 * two letters) a key is always shared (property-tested). Not found although `compareNames` would
 * score them high enough: romanised Chinese with a typo against Han script ("Wang Xiaomng" vs
 * 王小明; the exact pinyin is found), a single-token Latin name whose slip changes its Soundex
 * code, and two slips in one token that change its Soundex code and its first two letters.
 * Han names that differ by a whole syllable are not looked at either; they score below 0.85.
 *
 * Birth dates: when both the query and the entry give one and they differ, the score is halved
 * (`applyBirthDates`), which excludes the entry at any sensible threshold; a name without a
 * birth date is never excluded for lack of one.
 *
 * Memory: per entry a few typed-array cells, the normalised form as one short string, and the
 * caller's id string; blocking keys live in IntMultiMaps, each posting twice (once by key, once by
 * key and birth date, which is what a query with a birth date reads). Removed entries are
 * tombstoned and the index rebuilds itself once the dead outnumber the living.
 */
import { DomainError } from '../domain-error.js';
import { parseIsoDate } from '../identity/calendar-date.js';
import { hashString, IntMultiMap } from './int-multimap.js';
import { latinBlockingKeys } from './latin-keys.js';
import {
  applyBirthDates,
  birthDateFactor,
  compareNames,
  DEFAULT_NAME_THRESHOLD,
  NAME_SCORE,
  type NameMatchExplanation,
  scoreNames,
} from './name-similarity.js';
import { type ComparableName, type NameScript, normaliseName } from './normalise-name.js';
import { phoneticKey } from './pinyin-fuzzy.js';
import { foldUmlaut, isPinyinSequence } from './pinyin-syllables.js';

export interface NameIndexHit {
  readonly id: string;
  readonly score: number;
  readonly explanation: NameMatchExplanation;
}

export interface NameSearchOptions {
  /** Minimum score, default DEFAULT_NAME_THRESHOLD. */
  readonly threshold?: number;
  /** Maximum hits, default 20. */
  readonly limit?: number;
  /** 'YYYY-MM-DD'; disambiguates namesakes when the entry has one too. */
  readonly birthDate?: string;
}

export interface NameIndexStats {
  readonly entries: number;
  readonly slots: number;
  readonly blockingKeys: number;
  readonly postings: number;
  readonly typedArrayBytes: number;
}

const SCRIPT_CODE: Readonly<Record<NameScript, number>> = { HAN: 1, LATIN: 2, MIXED: 3 };
const SCRIPTS: readonly (NameScript | undefined)[] = [undefined, 'HAN', 'LATIN', 'MIXED'];
const DEAD = 0;
const MIXED_SEPARATOR = '\u0001';
const MAX_PERMUTED_TOKENS = 4;

function birthKey(date: string | undefined): number {
  if (date === undefined) return 0;
  const d = parseIsoDate(date);
  if (d === undefined) throw new DomainError('INVALID_BIRTH_DATE', 'birth date must be a real date YYYY-MM-DD');
  return d.year * 10000 + d.month * 100 + d.day;
}

function birthString(key: number): string | undefined {
  if (key === 0) return undefined;
  const y = Math.floor(key / 10000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A blocking key combined with a birth date (yyyymmdd), for the postings split by birth date. */
function datedKey(key: number, birth: number): number {
  return (Math.imul(key ^ Math.imul(birth, 0x9e3779b1), 0x01000193) ^ birth) | 0;
}

function permutations(tokens: readonly string[]): string[] {
  if (tokens.length <= 1) return [tokens.join('')];
  const out: string[] = [];
  tokens.forEach((t, i) => {
    for (const rest of permutations([...tokens.slice(0, i), ...tokens.slice(i + 1)])) out.push(t + rest);
  });
  return out;
}

/** Keys under which a name is filed (and, for a query, looked up). */
function blockingKeys(name: ComparableName, forQuery: boolean): number[] {
  const keys = new Set<number>();
  if (name.pinyin.length > 0) keys.add(hashString(`p${phoneticKey(foldUmlaut(name.pinyin.join('')))}`));
  const tokens = name.orderedTokens;
  if (tokens.length > 0) {
    for (const k of latinBlockingKeys(tokens)) keys.add(hashString(k));
    if (tokens.length <= MAX_PERMUTED_TOKENS) {
      const folded = tokens.map(foldUmlaut);
      // Entries are filed under transliteration keys only when their letters could be pinyin;
      // a query looks them up anyway (a key nobody filed costs one probe).
      if (forQuery || isPinyinSequence(folded.join(''))) {
        for (const joined of permutations(folded)) keys.add(hashString(`p${phoneticKey(joined)}`));
      }
    }
  }
  return [...keys];
}

export interface NameIndexOptions {
  /** Rebuild once this many removed entries are waiting and they outnumber the living (default 65,536). */
  readonly minDeadForRebuild?: number;
}

export class NameIndex {
  private readonly minDeadForRebuild: number;
  private readonly slotOf = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private meta = new Uint8Array(1024);
  private birth = new Int32Array(1024);
  private forms: string[] = [];
  private sylStart = new Uint32Array(1024);
  private sylCount = new Uint8Array(1024);
  private sylPool = new Uint16Array(4096);
  private sylUsed = 0;
  private readonly syllableId = new Map<string, number>();
  private readonly syllables: string[] = [];
  private slots = 0;
  private live = 0;
  private keys = new IntMultiMap();
  /**
   * The same postings again, split by birth date: an entry with one under (key, birth date),
   * one without under its key alone. A query with a birth date that passes namesakes born on
   * other days over reads these two lists only, instead of every namesake's posting (a common
   * name has thousands); a mixed hash that collides costs a candidate, never a hit.
   */
  private dated = new IntMultiMap();
  private undated = new IntMultiMap();
  private seen = new Int32Array(1024);
  private generation = 0;

  constructor(options: NameIndexOptions = {}) {
    this.minDeadForRebuild = options.minDeadForRebuild ?? 65_536;
  }

  /** Number of live entries. */
  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /**
   * Adds or replaces the name filed under `id`.
   * @throws DomainError INVALID_NAME, INVALID_BIRTH_DATE
   */
  add(id: string, name: string, extra: { birthDate?: string } = {}): void {
    const normalised = normaliseName(name);
    const birth = birthKey(extra.birthDate);
    this.remove(id);
    this.insert(id, normalised, birth);
  }

  /**
   * `add` for an id the caller knows has no name filed (it keeps its own record of that): skips
   * looking for one to replace, which among millions of names is a cache miss per call.
   * @throws DomainError INVALID_NAME, INVALID_BIRTH_DATE (nothing is filed then)
   */
  addNew(id: string, name: string, extra: { birthDate?: string } = {}): void {
    this.insert(id, normaliseName(name), birthKey(extra.birthDate));
  }

  /** Removes the entry; returns whether it existed. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.meta[slot] = DEAD;
    this.ids[slot] = undefined;
    this.forms[slot] = '';
    this.live--;
    if (this.slots - this.live > Math.max(this.minDeadForRebuild, this.live)) this.rebuild();
    return true;
  }

  search(name: string, options: NameSearchOptions = {}): NameIndexHit[] {
    return this.searchNormalised(normaliseName(name), options);
  }

  searchNormalised(query: ComparableName, options: NameSearchOptions = {}): NameIndexHit[] {
    const threshold = options.threshold ?? DEFAULT_NAME_THRESHOLD;
    const limit = options.limit ?? 20;
    const queryBirthKey = birthKey(options.birthDate); // validates
    // Namesakes born on another day score at most the mismatch factor: when that is below the
    // threshold they are passed over unscored (a common name can have thousands of holders).
    const skipOtherBirthDates = queryBirthKey !== 0 && NAME_SCORE.BIRTH_DATE_MISMATCH_FACTOR < threshold;
    const generation = ++this.generation;
    if (generation === 0x7fffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    const hits: NameIndexHit[] = [];
    const queryBirth = options.birthDate;
    const visit = (slot: number): void => {
      if (this.seen[slot] === this.generation) return;
      this.seen[slot] = this.generation;
      if (this.meta[slot] === DEAD) return;
      const candidateBirthKey = this.birth[slot]!;
      if (skipOtherBirthDates && candidateBirthKey !== 0 && candidateBirthKey !== queryBirthKey) return;
      const candidate = this.comparable(slot);
      const candidateBirth = birthString(candidateBirthKey);
      // Score first; build the explanation only for the few that pass.
      const factor = birthDateFactor(queryBirth, candidateBirth);
      const score = scoreNames(query, candidate);
      if ((factor === 1 ? score : Math.round(score * factor * 1000) / 1000) < threshold) return;
      const similarity = applyBirthDates(compareNames(query, candidate), queryBirth, candidateBirth);
      hits.push({ id: this.ids[slot]!, score: similarity.score, explanation: similarity.explanation });
    };
    for (const key of blockingKeys(query, true)) {
      if (skipOtherBirthDates) {
        this.dated.forEach(datedKey(key, queryBirthKey), visit);
        this.undated.forEach(key, visit);
      } else {
        this.keys.forEach(key, visit);
      }
    }
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }

  stats(): NameIndexStats {
    return {
      entries: this.live,
      slots: this.slots,
      blockingKeys: this.keys.keyCount,
      postings: this.keys.valueCount,
      typedArrayBytes:
        this.keys.byteSize +
        this.dated.byteSize +
        this.undated.byteSize +
        this.meta.byteLength +
        this.birth.byteLength +
        this.sylStart.byteLength +
        this.sylCount.byteLength +
        this.sylPool.byteLength +
        this.seen.byteLength,
    };
  }

  private insert(id: string, name: ComparableName, birth: number): void {
    const slot = this.slots++;
    this.ensureSlotCapacity(this.slots);
    this.ids[slot] = id;
    this.slotOf.set(id, slot);
    this.meta[slot] = (SCRIPT_CODE[name.script] << 6) | (name.stepMask & 0x3f);
    this.birth[slot] = birth;
    this.forms[slot] =
      name.script === 'HAN'
        ? name.simplified
        : name.script === 'LATIN'
          ? name.orderedTokens.join(' ')
          : `${name.simplified}${MIXED_SEPARATOR}${name.orderedTokens.join(' ')}`;
    this.sylStart[slot] = this.sylUsed;
    const count = Math.min(name.pinyin.length, 255);
    this.sylCount[slot] = count;
    if (this.sylUsed + count > this.sylPool.length) {
      const pool = new Uint16Array(Math.max(this.sylPool.length * 2, this.sylUsed + count));
      pool.set(this.sylPool);
      this.sylPool = pool;
    }
    for (let i = 0; i < count; i++) this.sylPool[this.sylUsed++] = this.internSyllable(name.pinyin[i]!);
    for (const key of blockingKeys(name, false)) {
      this.keys.add(key, slot);
      if (birth === 0) this.undated.add(key, slot);
      else this.dated.add(datedKey(key, birth), slot);
    }
    this.live++;
  }

  private internSyllable(s: string): number {
    let id = this.syllableId.get(s);
    if (id === undefined) {
      id = this.syllables.length;
      if (id > 0xffff) throw new DomainError('NAME_INDEX_FULL', 'too many distinct pinyin syllables');
      this.syllables.push(s);
      this.syllableId.set(s, id);
    }
    return id;
  }

  private comparable(slot: number): ComparableName {
    const meta = this.meta[slot]!;
    const script = SCRIPTS[meta >> 6]!;
    const form = this.forms[slot]!;
    let simplified = '';
    let tokens = '';
    if (script === 'HAN') simplified = form;
    else if (script === 'LATIN') tokens = form;
    else {
      const cut = form.indexOf(MIXED_SEPARATOR);
      simplified = form.slice(0, cut);
      tokens = form.slice(cut + 1);
    }
    const start = this.sylStart[slot]!;
    const count = this.sylCount[slot]!;
    const pinyin: string[] = new Array<string>(count);
    for (let i = 0; i < count; i++) pinyin[i] = this.syllables[this.sylPool[start + i]!]!;
    return {
      script,
      simplified,
      pinyin,
      orderedTokens: tokens.length > 0 ? tokens.split(' ') : [],
      stepMask: meta & 0x3f,
    };
  }

  private ensureSlotCapacity(needed: number): void {
    if (needed <= this.meta.length) return;
    const size = Math.max(needed, Math.ceil(this.meta.length * 1.5));
    const grow = <T extends Uint8Array | Int32Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.meta = grow(this.meta, (n) => new Uint8Array(n));
    this.birth = grow(this.birth, (n) => new Int32Array(n));
    this.sylStart = grow(this.sylStart, (n) => new Uint32Array(n));
    this.sylCount = grow(this.sylCount, (n) => new Uint8Array(n));
    this.seen = grow(this.seen, (n) => new Int32Array(n));
  }

  /** Drops tombstones: re-files every live entry in fresh structures. */
  private rebuild(): void {
    const entries: { id: string; name: ComparableName; birth: number }[] = [];
    for (let slot = 0; slot < this.slots; slot++) {
      if (this.meta[slot] === DEAD) continue;
      entries.push({ id: this.ids[slot]!, name: this.comparable(slot), birth: this.birth[slot]! });
    }
    this.slotOf.clear();
    this.ids = [];
    this.forms = [];
    this.meta = new Uint8Array(Math.max(1024, entries.length));
    this.birth = new Int32Array(this.meta.length);
    this.sylStart = new Uint32Array(this.meta.length);
    this.sylCount = new Uint8Array(this.meta.length);
    this.seen = new Int32Array(this.meta.length);
    this.sylPool = new Uint16Array(4096);
    this.sylUsed = 0;
    this.slots = 0;
    this.live = 0;
    this.generation = 0;
    this.keys = new IntMultiMap(entries.length);
    this.dated = new IntMultiMap(entries.length);
    this.undated = new IntMultiMap();
    for (const e of entries) this.insert(e.id, e.name, e.birth);
  }
}
