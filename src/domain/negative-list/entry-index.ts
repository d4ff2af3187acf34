/**
 * The negative list in memory, for matching without a database round trip: exact lookups by the
 * blind index of an identifier, and fuzzy person-name search through the matching domain's
 * NameIndex. Every member bank's screening reads it, so it holds every entry in force, whoever
 * contributed it, and nothing that identifies the contributor.
 *
 * Layout: one slot per entry, columns in typed arrays (UUID as four 32-bit words, codes as bytes,
 * instants as float64 milliseconds) so that a million entries cost tens of megabytes rather than
 * a million objects. Entries sharing an identifier (a phone listed by two banks) are chained
 * through `next`. Slots of removed entries are reused.
 *
 * Whether an entry is in force is decided at query time from `now`: ACTIVE or UNDER_APPEAL,
 * started, and not past its expiry (LIST_ENTRY_EXPIRY), so expiry takes effect on time even when
 * the sweeper has not yet removed the entry.
 */
import { hashString } from '../matching/int-multimap.js';
import { NameIndex } from '../matching/name-index.js';
import type { NameMatchExplanation } from '../matching/name-similarity.js';
import { deriveStatus, LIST_ENTRY_EXPIRY } from '../restrictions/terms.js';
import { KeyTable, type SplitKey, splitHexKey } from './key-table.js';
import {
  ENTRY_CATEGORIES,
  ENTRY_STATUSES,
  type EntryCategory,
  type EntryMeasure,
  type EntryStatus,
  FRAUD_TYPES,
  type FraudType,
  IDENTIFIER_KINDS,
  type IdentifierKind,
  maskToMeasures,
  measuresToMask,
  SUBJECT_TYPES,
  type SubjectType,
  TERM_BASES,
  type TermBasis,
} from './taxonomy.js';

export const MATCH_TYPES = ['EXACT_ID', 'EXACT_USCC', 'EXACT_PHONE', 'EXACT_ACCOUNT', 'EXACT_DEVICE', 'NAME_FUZZY'] as const;
export type MatchType = (typeof MATCH_TYPES)[number];

const EXACT_TYPE: Readonly<Record<IdentifierKind, MatchType>> = {
  RESIDENT_ID: 'EXACT_ID',
  FOREIGN_DOC: 'EXACT_ID',
  USCC: 'EXACT_USCC',
  PHONE: 'EXACT_PHONE',
  ACCOUNT: 'EXACT_ACCOUNT',
  DEVICE: 'EXACT_DEVICE',
};

const EXACT_TEXT: Readonly<Record<IdentifierKind, string>> = {
  RESIDENT_ID: 'resident ID number equal after normalisation',
  FOREIGN_DOC: 'nationality and document number equal after normalisation',
  USCC: 'unified social credit code equal after normalisation',
  PHONE: 'mobile number equal after reduction to 11 national digits',
  ACCOUNT: 'bank code and account number equal after normalisation',
  DEVICE: 'device fingerprint equal after normalisation',
};

/** What the index needs of an entry. `key` is the blind index (hex) of the identifier. */
export interface IndexedEntry {
  readonly id: string;
  readonly version: number;
  readonly subjectType: SubjectType;
  readonly idKind: IdentifierKind;
  readonly key: string;
  /** Shown in hits; the full identifier is never held in memory. */
  readonly identifierMasked: string;
  readonly name: string | null;
  readonly birthDate: string | null;
  readonly category: EntryCategory;
  readonly fraudType: FraudType;
  readonly measures: readonly EntryMeasure[];
  readonly status: EntryStatus;
  readonly effectiveFrom: Date;
  readonly expiresAt: Date | null;
  readonly termBasis: TermBasis;
}

/** An entry as matching reports it: the identifier masked, nothing about the contributor. */
export interface EntryView {
  readonly id: string;
  readonly version: number;
  readonly subjectType: SubjectType;
  readonly idKind: IdentifierKind;
  readonly identifierMasked: string;
  readonly subjectName: string | null;
  readonly category: EntryCategory;
  readonly fraudType: FraudType;
  readonly measures: EntryMeasure[];
  /** Derived from the clock at the time of the query. */
  readonly status: EntryStatus;
  readonly effectiveFrom: Date;
  readonly expiresAt: Date | null;
  readonly termBasis: TermBasis;
}

export interface MatchExplanation {
  readonly text: string;
  /** NAME_FUZZY only: the name comparison as the matching domain explains it. */
  readonly name?: NameMatchExplanation;
  readonly identifierKind?: IdentifierKind;
}

export interface IndexHit {
  readonly entryId: string;
  readonly matchType: MatchType;
  /** 0..1; 1 for exact identifier matches. */
  readonly score: number;
  readonly entry: EntryView;
  readonly explanation: MatchExplanation;
}

export interface IndexQuery {
  /** Blind indexes of the identifiers given, by kind. */
  readonly identifiers: readonly { readonly kind: IdentifierKind; readonly key: string }[];
  readonly name?: string;
  /** 'YYYY-MM-DD'; from the query or read from its resident ID. */
  readonly birthDate?: string;
}

export interface IndexMatchOptions {
  readonly threshold: number;
  readonly limit: number;
  /** Drops a hit (known non-matches). */
  readonly exclude?: (entryId: string) => boolean;
}

export interface EntryIndexStats {
  readonly entries: number;
  readonly slots: number;
  readonly distinctKeys: number;
  readonly typedArrayBytes: number;
  readonly names: ReturnType<NameIndex['stats']>;
}

const NONE = -1;
const IN_FORCE: readonly EntryStatus[] = ['ACTIVE', 'UNDER_APPEAL'];
const ACTIVE_CODE = ENTRY_STATUSES.indexOf('ACTIVE');
const UNDER_APPEAL_CODE = ENTRY_STATUSES.indexOf('UNDER_APPEAL');

const HEX32 = /^[0-9a-f]{32}$/;

/** The 32 hex digits of a UUID (hot on loads: no regex replace for the canonical form). */
function uuidHex(id: string): string {
  let hex =
    id.length === 36 && id.charCodeAt(8) === 45 && id.charCodeAt(13) === 45 && id.charCodeAt(18) === 45 && id.charCodeAt(23) === 45
      ? id.slice(0, 8) + id.slice(9, 13) + id.slice(14, 18) + id.slice(19, 23) + id.slice(24)
      : id.replace(/-/g, '');
  if (!HEX32.test(hex)) {
    hex = hex.toLowerCase();
    if (!HEX32.test(hex)) throw new Error(`not a UUID: ${id.slice(0, 40)}`);
  }
  return hex;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

export class NegativeListIndex {
  private cap = 0;
  private slots = 0;
  private live = 0;
  private free: number[] = [];
  private idWords = new Uint32Array(0);
  private keyHi = new Float64Array(0);
  private keyLo = new Uint32Array(0);
  private next = new Int32Array(0);
  private version = new Int32Array(0);
  private nameHash = new Int32Array(0);
  private subjectType = new Uint8Array(0);
  private idKind = new Uint8Array(0);
  private category = new Uint8Array(0);
  private fraudType = new Uint8Array(0);
  private measures = new Uint8Array(0);
  private status = new Uint8Array(0);
  private used = new Uint8Array(0);
  private from = new Float64Array(0);
  private to = new Float64Array(0);
  private termBasis = new Uint8Array(0);
  private masked: (string | undefined)[] = [];
  private displayName: (string | null | undefined)[] = [];
  private readonly byId: KeyTable;
  private readonly byKey: KeyTable;
  private readonly names = new NameIndex();

  constructor(expected = 0) {
    this.byId = new KeyTable(expected);
    this.byKey = new KeyTable(expected);
    this.ensure(Math.max(1024, expected));
  }

  /** Entries held (in force or not yet swept). */
  get size(): number {
    return this.live;
  }

  /** The version held for an entry, or undefined. */
  versionOf(id: string): number | undefined {
    const slot = this.slotOf(id);
    return slot === NONE ? undefined : this.version[slot];
  }

  /**
   * Adds, replaces or (when the status no longer puts it in force) removes an entry. A version
   * older than the one held is ignored, so replays and out-of-order notices are harmless.
   */
  upsert(e: IndexedEntry): void {
    const hex = uuidHex(e.id);
    const existing = this.slotOfHex(hex);
    if (existing !== NONE && this.version[existing]! > e.version) return;
    if (!IN_FORCE.includes(e.status)) {
      if (existing !== NONE) this.removeSlot(existing);
      return;
    }
    const key = splitHexKey(e.key);
    let slot = existing;
    if (slot !== NONE && (this.keyHi[slot] !== key.hi || this.keyLo[slot] !== key.lo)) {
      this.removeSlot(slot);
      slot = NONE;
    }
    // 0 means "no name filed"; a real hash of 0 is folded to 1.
    const nameHash = e.subjectType === 'PERSON' && e.name ? hashString(`${e.name}\u0000${e.birthDate ?? ''}`) || 1 : 0;
    if (slot === NONE) {
      slot = this.allocate(hex);
      this.keyHi[slot] = key.hi;
      this.keyLo[slot] = key.lo;
      const head = this.byKey.get(key);
      this.next[slot] = head;
      this.byKey.set(key, slot);
      this.nameHash[slot] = 0;
    }
    this.version[slot] = e.version;
    this.subjectType[slot] = SUBJECT_TYPES.indexOf(e.subjectType);
    this.idKind[slot] = IDENTIFIER_KINDS.indexOf(e.idKind);
    this.category[slot] = ENTRY_CATEGORIES.indexOf(e.category);
    this.fraudType[slot] = FRAUD_TYPES.indexOf(e.fraudType);
    this.measures[slot] = measuresToMask(e.measures);
    this.status[slot] = ENTRY_STATUSES.indexOf(e.status);
    this.from[slot] = e.effectiveFrom.getTime();
    this.to[slot] = e.expiresAt === null ? NaN : e.expiresAt.getTime();
    this.termBasis[slot] = TERM_BASES.indexOf(e.termBasis);
    this.masked[slot] = e.identifierMasked;
    this.displayName[slot] = e.name;
    if (this.nameHash[slot] !== nameHash) {
      const nameId = slot.toString(36);
      if (this.nameHash[slot] !== 0) this.names.remove(nameId);
      this.nameHash[slot] = 0;
      if (nameHash !== 0) {
        try {
          // A slot's name is filed exactly when its nameHash is not 0, and it was just removed.
          this.names.addNew(nameId, e.name!, e.birthDate ? { birthDate: e.birthDate } : {});
          this.nameHash[slot] = nameHash;
        } catch {
          // Names are validated when an entry is written; one that still fails stays findable by identifier.
        }
      }
    }
  }

  remove(id: string): boolean {
    const slot = this.slotOf(id);
    if (slot === NONE) return false;
    this.removeSlot(slot);
    return true;
  }

  /** Drops everything (before a full reload). */
  clear(): void {
    for (let slot = 0; slot < this.slots; slot++) if (this.used[slot]) this.removeSlot(slot);
  }

  /** The entry as held, whether or not in force at `now`. */
  get(id: string, now: Date): EntryView | undefined {
    const slot = this.slotOf(id);
    return slot === NONE ? undefined : this.view(slot, now);
  }

  /** Entries in force at `now` listed under the identifier with this blind index. */
  entriesByKey(kind: IdentifierKind, key: string, now: Date): EntryView[] {
    const out: EntryView[] = [];
    const kindCode = IDENTIFIER_KINDS.indexOf(kind);
    const t = now.getTime();
    for (let slot = this.byKey.get(splitHexKey(key)); slot !== NONE; slot = this.next[slot]!) {
      if (this.idKind[slot] === kindCode && this.inForce(slot, t)) out.push(this.view(slot, now));
    }
    return out;
  }

  /** True when some entry in force at `now` is listed under the key: the cheapest probe. */
  hasKey(kind: IdentifierKind, key: SplitKey, now: number): boolean {
    const kindCode = IDENTIFIER_KINDS.indexOf(kind);
    for (let slot = this.byKey.get(key); slot !== NONE; slot = this.next[slot]!) {
      if (this.idKind[slot] === kindCode && this.inForce(slot, now)) return true;
    }
    return false;
  }

  /**
   * Exact hits for every identifier given, fuzzy hits for the name, one hit per entry (exact
   * wins over fuzzy), ranked by score, exact before fuzzy at equal score, then by entry id.
   */
  match(q: IndexQuery, now: Date, o: IndexMatchOptions): IndexHit[] {
    const t = now.getTime();
    const best = new Map<number, IndexHit>();
    let queryResidentKey: SplitKey | undefined;
    for (const { kind, key } of q.identifiers) {
      const split = splitHexKey(key);
      if (kind === 'RESIDENT_ID') queryResidentKey = split;
      const kindCode = IDENTIFIER_KINDS.indexOf(kind);
      for (let slot = this.byKey.get(split); slot !== NONE; slot = this.next[slot]!) {
        if (this.idKind[slot] !== kindCode || !this.inForce(slot, t) || best.has(slot)) continue;
        const entry = this.view(slot, now);
        best.set(slot, { entryId: entry.id, matchType: EXACT_TYPE[kind], score: 1, entry, explanation: { text: EXACT_TEXT[kind], identifierKind: kind } });
      }
    }
    if (q.name !== undefined) {
      const residentCode = IDENTIFIER_KINDS.indexOf('RESIDENT_ID');
      const found = this.names.search(q.name, { threshold: o.threshold, limit: Math.max(o.limit * 2, 20), ...(q.birthDate ? { birthDate: q.birthDate } : {}) });
      for (const h of found) {
        const slot = parseInt(h.id, 36);
        if (best.has(slot) || !this.used[slot] || !this.inForce(slot, t)) continue;
        // Resident ID numbers are lifelong and unique: the same name under another number is
        // another person. (Foreign documents are renewed under new numbers, so they do not exclude.)
        if (queryResidentKey && this.idKind[slot] === residentCode && (this.keyHi[slot] !== queryResidentKey.hi || this.keyLo[slot] !== queryResidentKey.lo)) continue;
        const entry = this.view(slot, now);
        best.set(slot, { entryId: entry.id, matchType: 'NAME_FUZZY', score: h.score, entry, explanation: { text: h.explanation.text, name: h.explanation } });
      }
    }
    let hits = [...best.values()];
    if (o.exclude) hits = hits.filter((h) => !o.exclude!(h.entryId));
    hits.sort(
      (a, b) =>
        b.score - a.score ||
        Number(a.matchType === 'NAME_FUZZY') - Number(b.matchType === 'NAME_FUZZY') ||
        (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0),
    );
    return hits.length > o.limit ? hits.slice(0, o.limit) : hits;
  }

  stats(): EntryIndexStats {
    const arrays = [this.idWords, this.keyHi, this.keyLo, this.next, this.version, this.nameHash, this.subjectType, this.idKind, this.category, this.fraudType, this.measures, this.status, this.used, this.from, this.to, this.termBasis];
    return {
      entries: this.live,
      slots: this.slots,
      distinctKeys: this.byKey.size,
      typedArrayBytes: arrays.reduce((s, a) => s + a.byteLength, 0) + this.byId.byteSize + this.byKey.byteSize,
      names: this.names.stats(),
    };
  }

  private inForce(slot: number, t: number): boolean {
    const status = this.status[slot]!;
    if (status !== ACTIVE_CODE && status !== UNDER_APPEAL_CODE) return false;
    if (this.from[slot]! > t) return false;
    const to = this.to[slot]!;
    return Number.isNaN(to) || t < to;
  }

  private view(slot: number, now: Date): EntryView {
    const to = this.to[slot]!;
    const expiresAt = Number.isNaN(to) ? null : new Date(to);
    const stored = ENTRY_STATUSES[this.status[slot]!]!;
    return {
      id: this.idOf(slot),
      version: this.version[slot]!,
      subjectType: SUBJECT_TYPES[this.subjectType[slot]!]!,
      idKind: IDENTIFIER_KINDS[this.idKind[slot]!]!,
      identifierMasked: this.masked[slot] ?? '',
      subjectName: this.displayName[slot] ?? null,
      category: ENTRY_CATEGORIES[this.category[slot]!]!,
      fraudType: FRAUD_TYPES[this.fraudType[slot]!]!,
      measures: maskToMeasures(this.measures[slot]!),
      status: deriveStatus({ status: stored, expiresAt }, now, LIST_ENTRY_EXPIRY),
      effectiveFrom: new Date(this.from[slot]!),
      expiresAt,
      termBasis: TERM_BASES[this.termBasis[slot]!]!,
    };
  }

  private idOf(slot: number): string {
    const w = this.idWords;
    const h = hex8(w[slot * 4]!) + hex8(w[slot * 4 + 1]!) + hex8(w[slot * 4 + 2]!) + hex8(w[slot * 4 + 3]!);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  private slotOf(id: string): number {
    return this.slotOfHex(uuidHex(id));
  }

  private slotOfHex(hex: string): number {
    const slot = this.byId.get(splitHexKey(hex));
    if (slot === NONE) return NONE;
    const w = this.idWords;
    for (let i = 0; i < 4; i++) if (w[slot * 4 + i] !== parseInt(hex.slice(i * 8, i * 8 + 8), 16)) return NONE;
    return slot;
  }

  private allocate(hex: string): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.slots++;
    this.ensure(slot + 1);
    for (let i = 0; i < 4; i++) this.idWords[slot * 4 + i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
    this.byId.set(splitHexKey(hex), slot);
    this.used[slot] = 1;
    this.live++;
    return slot;
  }

  private removeSlot(slot: number): void {
    const key: SplitKey = { hi: this.keyHi[slot]!, lo: this.keyLo[slot]! };
    const head = this.byKey.get(key);
    if (head === slot) {
      if (this.next[slot] === NONE) this.byKey.delete(key);
      else this.byKey.set(key, this.next[slot]!);
    } else {
      for (let s = head; s !== NONE; s = this.next[s]!) {
        if (this.next[s] === slot) {
          this.next[s] = this.next[slot]!;
          break;
        }
      }
    }
    if (this.nameHash[slot] !== 0) this.names.remove(slot.toString(36));
    this.byId.delete(splitHexKey(uuidHex(this.idOf(slot))));
    this.nameHash[slot] = 0;
    this.masked[slot] = undefined;
    this.displayName[slot] = undefined;
    this.used[slot] = 0;
    this.status[slot] = ENTRY_STATUSES.indexOf('REVOKED');
    this.next[slot] = NONE;
    this.free.push(slot);
    this.live--;
  }

  private ensure(needed: number): void {
    if (needed <= this.cap) return;
    const cap = Math.max(needed, Math.ceil(this.cap * 1.5), 1024);
    const grow = <T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(old: T, make: (n: number) => T, per = 1): T => {
      const next = make(cap * per);
      next.set(old);
      return next;
    };
    this.idWords = grow(this.idWords, (n) => new Uint32Array(n), 4);
    this.keyHi = grow(this.keyHi, (n) => new Float64Array(n));
    this.keyLo = grow(this.keyLo, (n) => new Uint32Array(n));
    this.next = grow(this.next, (n) => new Int32Array(n));
    this.version = grow(this.version, (n) => new Int32Array(n));
    this.nameHash = grow(this.nameHash, (n) => new Int32Array(n));
    this.subjectType = grow(this.subjectType, (n) => new Uint8Array(n));
    this.idKind = grow(this.idKind, (n) => new Uint8Array(n));
    this.category = grow(this.category, (n) => new Uint8Array(n));
    this.fraudType = grow(this.fraudType, (n) => new Uint8Array(n));
    this.measures = grow(this.measures, (n) => new Uint8Array(n));
    this.status = grow(this.status, (n) => new Uint8Array(n));
    this.used = grow(this.used, (n) => new Uint8Array(n));
    this.from = grow(this.from, (n) => new Float64Array(n));
    this.to = grow(this.to, (n) => new Float64Array(n));
    this.termBasis = grow(this.termBasis, (n) => new Uint8Array(n));
    this.cap = cap;
  }
}
