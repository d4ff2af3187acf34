/**
 * The recent openings and applications the velocity and card-farming rules count, held in
 * memory: accounts opened (the account registry) and account-opening applications screened,
 * each with its holder, institution, time and the phone, device and address used.
 *
 * The counts are those of the database query they replace, to the letter:
 * - cross-bank: accounts of the holder opened at other institutions in the window, plus the other
 *   institutions the holder applied to in the window without an account opened there in it;
 * - shared phone, device or address: distinct other holders who used it in the window, in
 *   accounts or applications.
 * Windows are closed at both ends ([since, until]); what happened after `until` is not counted.
 * An event is replaced by a later one with the same key (an account re-reported); counting a
 * window older than what is held is the caller's to avoid (`coversSince`).
 *
 * Memory: hundreds of thousands of events as JavaScript objects would cost the garbage collector
 * dearly on every full collection of a process that answers screenings. Events live in typed
 * arrays instead, identifiers as 64-bit hashes of their strings (blind indexes are HMACs: two
 * distinct ones share a 64-bit hash with odds of about one in 10^19 a pair), and the lookups go
 * through IntMultiMaps; about 140 bytes an event. Dropped events are marked dead and the arrays
 * compacted once the dead outnumber the living.
 */
import { hashString, IntMultiMap } from '../matching/int-multimap.js';

export type ActivityKind = 'ACCOUNT' | 'APPLICATION';

export interface ActivityEvent {
  /** Identity: one event per account (`A:<bank code>:<account number>`) or application (`S:<screening id>`). */
  readonly key: string;
  readonly kind: ActivityKind;
  readonly institutionId: string;
  readonly holderKey: string;
  readonly phoneKey: string | null;
  readonly deviceKey: string | null;
  readonly addressKey: string | null;
  /** Opened or screened at, epoch milliseconds. */
  readonly at: number;
}

export interface ActivityWindowQuery {
  institutionId: string;
  holderKey: string;
  phoneKey: string | null;
  deviceKey: string | null;
  addressKey: string | null;
  /** Epoch milliseconds. */
  crossBankSince: number;
  sharedSince: number;
  until: number;
}

export interface ActivityCounts {
  openedOrAppliedElsewhere: number;
  phoneApplicants: number;
  deviceApplicants: number;
  addressApplicants: number;
}

/**
 * Events as columns of hashes, the form they travel in from a loading thread (typed arrays move
 * between threads without copying or per-event objects). `FIELDS` cells an event in `lo`, `hi`
 * and `given`: its key, holder, phone, device, address.
 */
export interface ActivityChunk {
  size: number;
  lo: Int32Array;
  hi: Int32Array;
  given: Uint8Array;
  /** 1 account, 2 application. */
  kind: Uint8Array;
  /** Index into `institutions`. */
  institution: Uint16Array;
  institutions: string[];
  at: Float64Array;
}

/** A second, independent 32-bit hash (murmur-style mixing with another seed), for the high half. */
function hashHigh(s: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

/** The identifiers an event is found by: [0] its own key, [1] holder, [2] phone, [3] device, [4] address. */
const FIELDS = 5;
const HOLDER = 1;
const SHARED = { phoneKey: 2, deviceKey: 3, addressKey: 4 } as const;
type SharedColumn = keyof typeof SHARED;
const ABSENT = 0;
const ALIVE = 1;
const DEAD = 2;
const KIND_ACCOUNT = 1;
const KIND_APPLICATION = 2;

/** Hashes events into a chunk (what `ActivityWindow.add` does one at a time). */
export function encodeActivity(events: readonly ActivityEvent[]): ActivityChunk {
  const n = events.length;
  const chunk: ActivityChunk = {
    size: n,
    lo: new Int32Array(n * FIELDS),
    hi: new Int32Array(n * FIELDS),
    given: new Uint8Array(n * FIELDS),
    kind: new Uint8Array(n),
    institution: new Uint16Array(n),
    institutions: [],
    at: new Float64Array(n),
  };
  const institutions = new Map<string, number>();
  events.forEach((e, i) => {
    let institution = institutions.get(e.institutionId);
    if (institution === undefined) {
      institution = chunk.institutions.push(e.institutionId) - 1;
      institutions.set(e.institutionId, institution);
    }
    chunk.institution[i] = institution;
    chunk.kind[i] = e.kind === 'ACCOUNT' ? KIND_ACCOUNT : KIND_APPLICATION;
    chunk.at[i] = e.at;
    const values = [e.key, e.holderKey, e.phoneKey, e.deviceKey, e.addressKey];
    for (let f = 0; f < FIELDS; f++) {
      const v = values[f];
      if (v === null || v === undefined) continue;
      chunk.given[i * FIELDS + f] = 1;
      chunk.lo[i * FIELDS + f] = hashString(v);
      chunk.hi[i * FIELDS + f] = hashHigh(v);
    }
  });
  return chunk;
}

export class ActivityWindow {
  private capacity = 1024;
  private slots = 0;
  private live = 0;
  private state = new Uint8Array(this.capacity);
  private kind = new Uint8Array(this.capacity);
  private institution = new Uint16Array(this.capacity);
  private at = new Float64Array(this.capacity);
  /** Per slot and field: low and high hash halves; `given` is 0 for a field without a value. */
  private lo = new Int32Array(this.capacity * FIELDS);
  private hi = new Int32Array(this.capacity * FIELDS);
  private given = new Uint8Array(this.capacity * FIELDS);
  private maps: IntMultiMap[] = ActivityWindow.emptyMaps();
  private readonly institutionIndex = new Map<string, number>();
  private heldSince: number;

  /** @param heldSince epoch ms: every event at or after it is (to be) held */
  constructor(heldSince: number) {
    this.heldSince = heldSince;
  }

  get size(): number {
    return this.live;
  }

  /** The earliest instant from which every event is held. */
  get since(): number {
    return this.heldSince;
  }

  /** Whether a window starting at `since` can be counted from what is held. */
  coversSince(since: number): boolean {
    return since >= this.heldSince;
  }

  /** Adds an event, or replaces the one with its key; events before the held span are ignored. */
  add(e: ActivityEvent): void {
    this.addChunk(encodeActivity([e]));
  }

  /** Adds (or replaces) the events of a chunk, in order. */
  addChunk(c: ActivityChunk): void {
    const institutions = c.institutions.map((id) => this.institutionOf(id));
    for (let i = 0; i < c.size; i++) this.put(c, i, institutions[c.institution[i]!]!);
  }

  private put(c: ActivityChunk, i: number, institution: number): void {
    const base = i * FIELDS;
    const kind = c.kind[i]!;
    const at = c.at[i]!;
    const old = this.find(0, c.lo[base]!, c.hi[base]!);
    if (old >= 0) {
      if (this.kind[old] === kind && this.institution[old] === institution && this.at[old] === at && this.sameCells(old, c, base)) return;
      this.kill(old);
      this.compactIfWorthIt();
    }
    if (at < this.heldSince) return;
    if (this.slots === this.capacity) this.grow();
    const s = this.slots++;
    this.state[s] = ALIVE;
    this.kind[s] = kind;
    this.institution[s] = institution;
    this.at[s] = at;
    this.live += 1;
    for (let f = 0; f < FIELDS; f++) {
      const cell = s * FIELDS + f;
      this.given[cell] = c.given[base + f]!;
      if (this.given[cell] !== 1) continue;
      this.lo[cell] = c.lo[base + f]!;
      this.hi[cell] = c.hi[base + f]!;
      this.maps[f]!.add(this.lo[cell]!, s);
    }
  }

  private sameCells(s: number, c: ActivityChunk, base: number): boolean {
    for (let f = 1; f < FIELDS; f++) {
      const cell = s * FIELDS + f;
      if (this.given[cell] !== c.given[base + f]) return false;
      if (this.given[cell] === 1 && (this.lo[cell] !== c.lo[base + f] || this.hi[cell] !== c.hi[base + f])) return false;
    }
    return true;
  }

  /** Drops the events before `since` and stops holding that span; returns how many were dropped. */
  evictBefore(since: number): number {
    if (since <= this.heldSince) return 0;
    this.heldSince = since;
    let dropped = 0;
    for (let s = 0; s < this.slots; s++) {
      if (this.state[s] === ALIVE && this.at[s]! < since) {
        this.kill(s);
        dropped += 1;
      }
    }
    this.compactIfWorthIt();
    return dropped;
  }

  counts(q: ActivityWindowQuery): ActivityCounts {
    return {
      openedOrAppliedElsewhere: this.crossBank(q),
      phoneApplicants: this.shared('phoneKey', q.phoneKey, q.holderKey, q.sharedSince, q.until),
      deviceApplicants: this.shared('deviceKey', q.deviceKey, q.holderKey, q.sharedSince, q.until),
      addressApplicants: this.shared('addressKey', q.addressKey, q.holderKey, q.sharedSince, q.until),
    };
  }

  private static emptyMaps(expected = 1024): IntMultiMap[] {
    return Array.from({ length: FIELDS }, () => new IntMultiMap(expected));
  }

  private institutionOf(id: string): number {
    let n = this.institutionIndex.get(id);
    if (n === undefined) {
      n = this.institutionIndex.size;
      if (n > 0xffff) throw new RangeError('more than 65,536 institutions');
      this.institutionIndex.set(id, n);
    }
    return n;
  }

  private matches(s: number, field: number, lo: number, hi: number): boolean {
    const cell = s * FIELDS + field;
    return this.state[s] === ALIVE && this.given[cell] === 1 && this.lo[cell] === lo && this.hi[cell] === hi;
  }

  /** The live slot whose field has this hash, or -1 (used for the events' own keys). */
  private find(field: number, lo: number, hi: number): number {
    let found = -1;
    this.maps[field]!.forEach(lo, (s) => {
      if (found < 0 && this.matches(s, field, lo, hi)) found = s;
    });
    return found;
  }

  private kill(s: number): void {
    this.state[s] = DEAD;
    this.live -= 1;
  }

  /** Slots of live events whose field has this value. */
  private forEachWith(field: number, value: string, fn: (s: number) => void): void {
    const lo = hashString(value);
    const hi = hashHigh(value);
    this.maps[field]!.forEach(lo, (s) => {
      if (this.matches(s, field, lo, hi)) fn(s);
    });
  }

  private crossBank(q: ActivityWindowQuery): number {
    const mine = this.institutionIndex.get(q.institutionId) ?? -1;
    let accounts = 0;
    let openedAt: Set<number> | null = null;
    let appliedTo: Set<number> | null = null;
    this.forEachWith(HOLDER, q.holderKey, (s) => {
      const at = this.at[s]!;
      if (at < q.crossBankSince || at > q.until) return;
      const institution = this.institution[s]!;
      if (this.kind[s] === KIND_ACCOUNT) {
        (openedAt ??= new Set()).add(institution);
        if (institution !== mine) accounts += 1;
      } else if (institution !== mine) {
        (appliedTo ??= new Set()).add(institution);
      }
    });
    let applications = 0;
    for (const institution of (appliedTo as Set<number> | null) ?? []) if (!(openedAt as Set<number> | null)?.has(institution)) applications += 1;
    return accounts + applications;
  }

  private shared(column: SharedColumn, key: string | null, holderKey: string, since: number, until: number): number {
    if (key === null) return 0;
    const holderLo = hashString(holderKey);
    const holderHi = hashHigh(holderKey);
    let holders: Set<number> | null = null;
    this.forEachWith(SHARED[column], key, (s) => {
      const at = this.at[s]!;
      if (at < since || at > until) return;
      const cell = s * FIELDS + HOLDER;
      const lo = this.lo[cell]!;
      const hi = this.hi[cell]!;
      if (lo === holderLo && hi === holderHi) return;
      // 53 bits of the holder's hash identify it among the few who share one identifier.
      (holders ??= new Set()).add((hi & 0x1fffff) * 0x100000000 + (lo >>> 0));
    });
    return (holders as Set<number> | null)?.size ?? 0;
  }

  private grow(): void {
    this.resize(this.capacity * 2);
  }

  private resize(capacity: number): void {
    const copy = <A extends Uint8Array | Uint16Array | Int32Array | Float64Array>(from: A, make: (n: number) => A, width = 1): A => {
      const to = make(capacity * width);
      to.set(from.subarray(0, Math.min(from.length, capacity * width)));
      return to;
    };
    this.state = copy(this.state, (n) => new Uint8Array(n));
    this.kind = copy(this.kind, (n) => new Uint8Array(n));
    this.institution = copy(this.institution, (n) => new Uint16Array(n));
    this.at = copy(this.at, (n) => new Float64Array(n));
    this.lo = copy(this.lo, (n) => new Int32Array(n), FIELDS);
    this.hi = copy(this.hi, (n) => new Int32Array(n), FIELDS);
    this.given = copy(this.given, (n) => new Uint8Array(n), FIELDS);
    this.capacity = capacity;
  }

  /** Moves the live events to the front and refiles them once the dead outnumber the living. */
  private compactIfWorthIt(): void {
    const dead = this.slots - this.live;
    if (dead < Math.max(1024, this.live)) return;
    let to = 0;
    for (let from = 0; from < this.slots; from++) {
      if (this.state[from] !== ALIVE) continue;
      if (to !== from) {
        this.state[to] = ALIVE;
        this.kind[to] = this.kind[from]!;
        this.institution[to] = this.institution[from]!;
        this.at[to] = this.at[from]!;
        this.lo.copyWithin(to * FIELDS, from * FIELDS, (from + 1) * FIELDS);
        this.hi.copyWithin(to * FIELDS, from * FIELDS, (from + 1) * FIELDS);
        this.given.copyWithin(to * FIELDS, from * FIELDS, (from + 1) * FIELDS);
      }
      to += 1;
    }
    this.state.fill(ABSENT, to, this.slots);
    this.slots = to;
    this.maps = ActivityWindow.emptyMaps(to);
    for (let s = 0; s < to; s++) {
      for (let field = 0; field < FIELDS; field++) {
        const cell = s * FIELDS + field;
        if (this.given[cell] === 1) this.maps[field]!.add(this.lo[cell]!, s);
      }
    }
  }
}
