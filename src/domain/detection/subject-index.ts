/**
 * Finds a window id from (prefix, identifier) without building a key string per event and
 * without touching the stored key: an open-addressing table in one Float64Array holding two
 * independent hashes (85 bits together) and the id. With a million live subjects the chance that
 * two ever share both hashes is about 1 in 10^13, so no string comparison is needed; a Map keyed
 * by strings cost a cache miss on the stored string for every lookup, which was a quarter of the
 * engine's time at 200,000 accounts.
 */

const SLOT = 3;
const EMPTY = -1;
const TWO_21 = 2 ** 21;

// Scratch outputs of hashParts: [53-bit hash, 32-bit hash]. A typed array, because writing a
// double to a module variable allocates a heap number every time.
const out = new Float64Array(2);

/** Hashes `a + ':' + b` three ways into out[0] (53 bits) and out[1] (32 bits). */
function hashParts(a: string, b: string): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  let h3 = 0x2545f491;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
    h3 = Math.imul(h3 + c, 0x27d4eb2f);
    h3 ^= h3 >>> 13;
  }
  h1 = Math.imul(h1 ^ 58, 0x01000193);
  h2 = Math.imul(h2 ^ 58, 0x5bd1e995);
  h3 = Math.imul(h3 + 58, 0x27d4eb2f);
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
    h3 = Math.imul(h3 + c, 0x27d4eb2f);
    h3 ^= h3 >>> 13;
  }
  // Final avalanche so that keys differing in the last character spread over the table.
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 ^= h2 >>> 16;
  h2 = Math.imul(h2, 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  h3 ^= h3 >>> 15;
  h3 = Math.imul(h3, 0x846ca68b);
  h3 ^= h3 >>> 16;
  out[0] = (h1 >>> 0) * TWO_21 + (h2 >>> 11);
  out[1] = h3 >>> 0;
}

export class SubjectIndex {
  private table: Float64Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.table = SubjectIndex.emptyTable(cap);
    this.mask = cap - 1;
  }

  private static emptyTable(cap: number): Float64Array {
    const t = new Float64Array(cap * SLOT);
    for (let i = 2; i < t.length; i += SLOT) t[i] = EMPTY;
    return t;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table (it lives outside the JS heap). */
  get byteLength(): number {
    return this.table.byteLength;
  }

  /** Id stored for (a, b), or -1. */
  get(a: string, b: string): number {
    hashParts(a, b);
    const hashA = out[0]!;
    const hashB = out[1]!;
    const t = this.table;
    let i = (hashA % TWO_21 ^ Math.floor(hashA / TWO_21)) & this.mask;
    for (;;) {
      const o = i * SLOT;
      const id = t[o + 2]!;
      if (id === EMPTY) return -1;
      if (t[o] === hashA && t[o + 1] === hashB) return id;
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Ids of two keys at once into ids[0] and ids[1] (-1 = absent; an undefined key is absent).
   * Both keys are hashed before either probe, so the two table slots (each a cache miss at a
   * million subjects) are fetched together instead of one after the other.
   */
  getTwo(a1: string | undefined, b1: string, a2: string | undefined, b2: string, ids: Int32Array): void {
    let h1a = 0;
    let h1b = 0;
    if (a1 !== undefined) {
      hashParts(a1, b1);
      h1a = out[0]!;
      h1b = out[1]!;
    }
    let h2a = 0;
    let h2b = 0;
    if (a2 !== undefined) {
      hashParts(a2, b2);
      h2a = out[0]!;
      h2b = out[1]!;
    }
    const t = this.table;
    const mask = this.mask;
    let i1 = (h1a % TWO_21 ^ Math.floor(h1a / TWO_21)) & mask;
    let i2 = (h2a % TWO_21 ^ Math.floor(h2a / TWO_21)) & mask;
    // Touch both home slots first; the loops below then mostly hit the cache.
    let id1 = a1 === undefined ? EMPTY : t[i1 * SLOT + 2]!;
    let id2 = a2 === undefined ? EMPTY : t[i2 * SLOT + 2]!;
    while (id1 !== EMPTY && !(t[i1 * SLOT] === h1a && t[i1 * SLOT + 1] === h1b)) {
      i1 = (i1 + 1) & mask;
      id1 = t[i1 * SLOT + 2]!;
    }
    while (id2 !== EMPTY && !(t[i2 * SLOT] === h2a && t[i2 * SLOT + 1] === h2b)) {
      i2 = (i2 + 1) & mask;
      id2 = t[i2 * SLOT + 2]!;
    }
    ids[0] = id1;
    ids[1] = id2;
  }

  /** Stores id for (a, b), which must not be present. */
  add(a: string, b: string, id: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    hashParts(a, b);
    this.place(out[0]!, out[1]!, id);
    this.count++;
  }

  private place(ha: number, hb: number, id: number): void {
    const t = this.table;
    let i = (ha % TWO_21 ^ Math.floor(ha / TWO_21)) & this.mask;
    while (t[i * SLOT + 2] !== EMPTY) i = (i + 1) & this.mask;
    const o = i * SLOT;
    t[o] = ha;
    t[o + 1] = hb;
    t[o + 2] = id;
  }

  /** Removes (a, b) if present (backward-shift deletion keeps probe chains intact). */
  delete(a: string, b: string): boolean {
    hashParts(a, b);
    const hashA = out[0]!;
    const hashB = out[1]!;
    const t = this.table;
    const mask = this.mask;
    let i = (hashA % TWO_21 ^ Math.floor(hashA / TWO_21)) & mask;
    for (;;) {
      const o = i * SLOT;
      if (t[o + 2] === EMPTY) return false;
      if (t[o] === hashA && t[o + 1] === hashB) break;
      i = (i + 1) & mask;
    }
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const o = j * SLOT;
      if (t[o + 2] === EMPTY) break;
      const home = (t[o]! % TWO_21 ^ Math.floor(t[o]! / TWO_21)) & mask;
      // Move j into the hole unless its home lies cyclically in (hole, j].
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!between) {
        const h = hole * SLOT;
        t[h] = t[o]!;
        t[h + 1] = t[o + 1]!;
        t[h + 2] = t[o + 2]!;
        hole = j;
      }
    }
    t[hole * SLOT + 2] = EMPTY;
    this.count--;
    return true;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.table = SubjectIndex.emptyTable(cap);
    this.mask = cap - 1;
    for (let o = 0; o < old.length; o += SLOT) {
      if (old[o + 2] !== EMPTY) this.place(old[o]!, old[o + 1]!, old[o + 2]!);
    }
  }
}
