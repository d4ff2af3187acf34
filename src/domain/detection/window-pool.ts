/**
 * Where every window's numbers live: slabs carved out of a few large Float64Arrays (chunks), one
 * slab per window, and the per-window bookkeeping in one Int32Array indexed by window id. Reading
 * a window is then two memory accesses (its bookkeeping row, its slab) instead of the four of a
 * JS object holding a JS array (slot array, object, array, elements), and the garbage collector
 * has almost nothing to visit: each access to a random account among hundreds of thousands is a
 * cache miss, which was most of the cost of an event.
 *
 * A slab is a whole number of STRIDE-wide units: the window header in its first unit, then one
 * entry per unit. Entry indices are absolute within the chunk (entry i at HEADER + i * STRIDE,
 * the layout every detector already reads), so a window's entries are [start, end) with
 * base <= start <= end < base + units. Slabs come in size classes about 1.5x apart; a full slab
 * first moves its entries to its own front when enough of it is free, otherwise moves to a slab
 * twice its size, and a slab mostly empty moves down, so memory follows the entry count.
 */
import { HEADER, STRIDE } from './window-layout.js';

// The header is one unit, which makes entry i sit at HEADER + i * STRIDE for absolute i.
const UNIT = STRIDE;
if (HEADER !== UNIT) throw new Error('window-pool: the header must be exactly one unit');

/** Bookkeeping row of a window: Int32 slots per id. */
const ROW = 8;
const M_CHUNK = 0;
const M_BASE = 1;
const M_UNITS = 2;
const M_START = 3;
const M_END = 4;
const M_CURRENT = 5;
const M_WARNINGS = 6;
const M_FLAGS = 7;
const F_LIVE = 1;
const F_PERSON = 2;

const FIRST_CHUNK_UNITS = 1 << 12;
/** What a chunk given back is replaced with. */
const EMPTY = new Float64Array(0);
const MAX_CHUNK_UNITS = 1 << 20;
/** Chunk number and base unit packed in one free-list number. */
const LOC_SPAN = 2 ** 24;

/** Slab sizes in units (header included): 4, 6, 8, 12, 16, 24, ... */
const CLASS_UNITS: number[] = [];
for (let u = 4; u <= 1 << 24; u *= 2) CLASS_UNITS.push(u, (u * 3) / 2);

function classOf(units: number): number {
  let c = 0;
  while (CLASS_UNITS[c]! < units) c++;
  return c;
}

export class WindowPool {
  /** The chunks; a window's `data` is the chunk its slab is in. */
  readonly chunks: Float64Array[] = [];
  /** Bookkeeping rows, ROW Int32 per window id. */
  meta = new Int32Array(1024 * ROW);
  /** Unit offset of the first free unit in the newest chunk. */
  private top = 0;
  /** Free slabs per size class, as chunk * LOC_SPAN + base (entries of a reclaimed chunk are skipped). */
  private readonly free: number[][] = CLASS_UNITS.map(() => []);
  /** Units in use per chunk; a chunk that falls to none (other than the newest) is given back. */
  private readonly chunkLive: number[] = [];
  /** Largest class a window ever needs: maxEntries + 1 while an insert is in flight, plus the header. */
  private readonly maxClass: number;
  private allocChunk = 0;
  private allocBase = 0;

  constructor(maxEntriesPerWindow: number) {
    this.maxClass = classOf(maxEntriesPerWindow + 2);
  }

  /** Sets up window `id` with an empty slab and the given header. */
  open(id: number, isPerson: boolean, baseActivityMs: number, openedAtMs: number): void {
    if ((id + 1) * ROW > this.meta.length) {
      const grown = new Int32Array(Math.max(this.meta.length * 2, (id + 1) * ROW));
      grown.set(this.meta);
      this.meta = grown;
    }
    this.alloc(0);
    const m = this.meta;
    const r = id * ROW;
    m[r + M_CHUNK] = this.allocChunk;
    m[r + M_BASE] = this.allocBase;
    m[r + M_UNITS] = CLASS_UNITS[0]!;
    m[r + M_START] = this.allocBase;
    m[r + M_END] = this.allocBase;
    m[r + M_CURRENT] = -1;
    m[r + M_WARNINGS] = 0;
    m[r + M_FLAGS] = F_LIVE | (isPerson ? F_PERSON : 0);
    const d = this.chunks[this.allocChunk]!;
    const h = this.allocBase * UNIT;
    d[h] = NaN;
    d[h + 1] = baseActivityMs;
    d[h + 2] = NaN;
    d[h + 3] = NaN;
    d[h + 4] = openedAtMs;
  }

  /** Gives the slab of window `id` back; the id may be opened again. */
  close(id: number): void {
    const r = id * ROW;
    const m = this.meta;
    this.release(m[r + M_CHUNK]!, m[r + M_BASE]!, m[r + M_UNITS]!);
    m[r + M_FLAGS] = 0;
    m[r + M_CURRENT] = -1;
  }

  isLive(id: number): boolean {
    return id >= 0 && (id + 1) * ROW <= this.meta.length && (this.meta[id * ROW + M_FLAGS]! & F_LIVE) !== 0;
  }
  isPerson(id: number): boolean {
    return (this.meta[id * ROW + M_FLAGS]! & F_PERSON) !== 0;
  }
  data(id: number): Float64Array {
    return this.chunks[this.meta[id * ROW + M_CHUNK]!]!;
  }
  /** Offset of the header in data(id). */
  header(id: number): number {
    return this.meta[id * ROW + M_BASE]! * UNIT;
  }
  start(id: number): number {
    return this.meta[id * ROW + M_START]!;
  }
  end(id: number): number {
    return this.meta[id * ROW + M_END]!;
  }
  current(id: number): number {
    return this.meta[id * ROW + M_CURRENT]!;
  }
  setCurrent(id: number, i: number): void {
    this.meta[id * ROW + M_CURRENT] = i;
  }
  warnings(id: number): number {
    return this.meta[id * ROW + M_WARNINGS]!;
  }
  addWarning(id: number): void {
    this.meta[id * ROW + M_WARNINGS]!++;
  }
  /** Time of the window's newest entry, -Infinity when it has none. */
  newestTime(id: number): number {
    const r = id * ROW;
    const m = this.meta;
    const end = m[r + M_END]!;
    return end > m[r + M_START]! ? this.chunks[m[r + M_CHUNK]!]![HEADER + (end - 1) * STRIDE]! : -Infinity;
  }
  size(id: number): number {
    const r = id * ROW;
    return this.meta[r + M_END]! - this.meta[r + M_START]!;
  }
  /** Entries the window's slab holds before it must move. */
  capacity(id: number): number {
    return this.meta[id * ROW + M_UNITS]! - 1;
  }

  /**
   * Inserts an entry in event-time order (after any entries with the same time) and drops the
   * oldest entries beyond `cap`. Returns the new entry's index, or -1 if it was itself the oldest
   * and fell to the cap.
   */
  insert(id: number, ms: number, amount: number, peer: number, packed: number, eventSeq: number, cap: number): number {
    const m = this.meta;
    const r = id * ROW;
    if (m[r + M_END]! === m[r + M_BASE]! + m[r + M_UNITS]! - 1) this.makeRoom(id);
    const d = this.chunks[m[r + M_CHUNK]!]!;
    const start = m[r + M_START]!;
    const end = m[r + M_END]!;
    let p = end;
    if (p > start && d[HEADER + (p - 1) * STRIDE]! > ms) {
      // upperBound over [start, end): first entry with time > ms.
      let lo = start;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (d[HEADER + mid * STRIDE]! <= ms) lo = mid + 1;
        else hi = mid;
      }
      p = lo;
      d.copyWithin(HEADER + (p + 1) * STRIDE, HEADER + p * STRIDE, HEADER + end * STRIDE);
    }
    const o = HEADER + p * STRIDE;
    d[o] = ms;
    d[o + 1] = amount;
    d[o + 2] = peer;
    d[o + 3] = packed;
    d[o + 4] = eventSeq;
    m[r + M_END] = end + 1;
    if (end + 1 - start > cap) {
      const drop = end + 1 - start - cap;
      this.dropFront(id, drop);
      if (p < start + drop) return -1;
      // dropFront may have moved the slab: the entry is where it was relative to the start.
      return m[r + M_START]! + (p - start - drop);
    }
    return p;
  }

  /** Removes entries older than `cutoffMs`; returns how many. */
  expireBefore(id: number, cutoffMs: number): number {
    const r = id * ROW;
    const m = this.meta;
    const d = this.chunks[m[r + M_CHUNK]!]!;
    const start = m[r + M_START]!;
    const end = m[r + M_END]!;
    let i = start;
    while (i < end && d[HEADER + i * STRIDE]! < cutoffMs) i++;
    const n = i - start;
    if (n > 0) this.dropFront(id, n);
    return n;
  }

  private dropFront(id: number, n: number): void {
    const r = id * ROW;
    const m = this.meta;
    const start = m[r + M_START]! + n;
    const end = m[r + M_END]!;
    m[r + M_START] = start;
    const units = m[r + M_UNITS]!;
    if (start === end) {
      m[r + M_START] = m[r + M_END] = m[r + M_BASE]!;
      if (units !== CLASS_UNITS[0]) this.move(id, 0);
    } else if (units > CLASS_UNITS[0]! && (end - start) * 4 < units - 1) {
      // Mostly empty: a slab half full of the live entries is enough.
      this.move(id, classOf((end - start) * 2 + 1));
    }
  }

  /** The slab is full at the back: slide the entries to its front, or move to a larger slab. */
  private makeRoom(id: number): void {
    const r = id * ROW;
    const m = this.meta;
    const base = m[r + M_BASE]!;
    const start = m[r + M_START]!;
    const live = m[r + M_END]! - start;
    const units = m[r + M_UNITS]!;
    const c = classOf(units);
    if (start > base && ((live + 1) * 4 <= (units - 1) * 3 || c >= this.maxClass)) {
      const d = this.chunks[m[r + M_CHUNK]!]!;
      d.copyWithin(HEADER + base * STRIDE, HEADER + start * STRIDE, HEADER + (start + live) * STRIDE);
      m[r + M_START] = base;
      m[r + M_END] = base + live;
      const cur = m[r + M_CURRENT]!;
      if (cur >= 0) m[r + M_CURRENT] = cur - start + base;
      return;
    }
    // Two classes up (twice the size): a window that grows at all usually keeps growing for a
    // while, and each move copies the slab into memory not in any cache.
    this.move(id, Math.min(c + 2, this.maxClass));
  }

  /** Moves window `id` to a fresh slab of class `c`, its entries at the slab's front. */
  private move(id: number, c: number): void {
    const r = id * ROW;
    const m = this.meta;
    const oldChunk = m[r + M_CHUNK]!;
    const oldBase = m[r + M_BASE]!;
    const oldUnits = m[r + M_UNITS]!;
    const start = m[r + M_START]!;
    const live = m[r + M_END]! - start;
    this.alloc(c);
    const src = this.chunks[oldChunk]!;
    const dst = this.chunks[this.allocChunk]!;
    const base = this.allocBase;
    // Plain loops: slabs are small, and subarray() + set() cost two allocations per move.
    const from = oldBase * UNIT;
    const to = base * UNIT;
    for (let k = 0; k < HEADER; k++) dst[to + k] = src[from + k]!;
    const n = live * STRIDE;
    const s0 = HEADER + start * STRIDE;
    const d0 = HEADER + base * STRIDE;
    for (let k = 0; k < n; k++) dst[d0 + k] = src[s0 + k]!;
    m[r + M_CHUNK] = this.allocChunk;
    m[r + M_BASE] = base;
    m[r + M_UNITS] = CLASS_UNITS[c]!;
    m[r + M_START] = base;
    m[r + M_END] = base + live;
    const cur = m[r + M_CURRENT]!;
    if (cur >= 0) m[r + M_CURRENT] = cur - start + base;
    this.release(oldChunk, oldBase, oldUnits);
  }

  /** A slab of class `c` into allocChunk / allocBase. */
  private alloc(c: number): void {
    const units = CLASS_UNITS[c]!;
    const list = this.free[c]!;
    while (list.length > 0) {
      const loc = list.pop()!;
      const chunk = Math.floor(loc / LOC_SPAN);
      if (this.chunks[chunk]!.length === 0) continue; // the chunk was given back
      this.allocChunk = chunk;
      this.allocBase = loc % LOC_SPAN;
      this.chunkLive[chunk]! += units;
      return;
    }
    let k = this.chunks.length - 1;
    if (k < 0 || this.top + units > this.chunks[k]!.length / UNIT) {
      const size = Math.max(units, Math.min(MAX_CHUNK_UNITS, FIRST_CHUNK_UNITS * 2 ** this.chunks.length));
      this.chunks.push(new Float64Array(size * UNIT));
      this.chunkLive.push(0);
      k++;
      this.top = 0;
      // The chunk bumped until now may hold nothing any more (its windows all moved on).
      if (k > 0 && this.chunkLive[k - 1] === 0) this.chunks[k - 1] = EMPTY;
    }
    this.allocChunk = k;
    this.allocBase = this.top;
    this.top += units;
    this.chunkLive[k]! += units;
  }

  /**
   * Gives a slab back: to its class's free list, or, when it was the last slab in use in a chunk
   * other than the newest, the whole chunk to the garbage collector. Windows that grow in step
   * (every account of a busy day) leave whole chunks of outgrown small slabs behind that no window
   * would take again.
   */
  private release(chunk: number, base: number, units: number): void {
    const live = (this.chunkLive[chunk]! -= units);
    if (live === 0 && chunk !== this.chunks.length - 1) {
      this.chunks[chunk] = EMPTY;
      return;
    }
    this.free[classOf(units)]!.push(chunk * LOC_SPAN + base);
  }

  /** Bytes held by the chunks and the bookkeeping rows (all outside the JS heap). */
  get byteLength(): number {
    let n = this.meta.byteLength;
    for (const c of this.chunks) n += c.byteLength;
    return n;
  }
}
