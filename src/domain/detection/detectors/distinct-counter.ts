/**
 * Counts distinct small integers (window ids, ATM hashes, region codes) for the detectors that
 * ask "how many different ...". A Set<number> per evaluation was the largest cost of the fan-in
 * and fan-out detectors; this reuses one open-addressing table and clears it by bumping a
 * generation stamp instead of writing every slot. Subclasses keep a value per key in slots of
 * their own (PeerLatest).
 */

export class DistinctCounter {
  private keys = new Int32Array(64);
  private stamps = new Uint32Array(64);
  private mask = 63;
  private shift = 26;
  private generation = 0;
  /** Distinct values added since the last reset. */
  size = 0;

  /** Starts a new count sized for up to `expected` values. */
  reset(expected: number): void {
    if (expected * 2 > this.keys.length) {
      let cap = this.keys.length;
      while (cap < expected * 2) cap *= 2;
      this.grow(cap);
      this.mask = cap - 1;
      this.shift = 32 - Math.log2(cap);
      this.generation = 0;
    }
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    this.size = 0;
  }

  /** Adds an integer in [-2^31, 2^31); true if it was new. */
  add(value: number): boolean {
    const before = this.size;
    this.claim(value);
    return this.size !== before;
  }

  /** Replaces the table with an empty one of `cap` slots (a power of two). */
  protected grow(cap: number): void {
    this.keys = new Int32Array(cap);
    this.stamps = new Uint32Array(cap);
  }

  /** The slot holding `value`, taking a free one (and counting it) when the value is new. */
  protected claim(value: number): number {
    const v = value | 0;
    let i = Math.imul(v, 0x9e3779b1) >>> this.shift;
    const gen = this.generation;
    for (;;) {
      if (this.stamps[i] !== gen) {
        this.stamps[i] = gen;
        this.keys[i] = v;
        this.size++;
        return i;
      }
      if (this.keys[i] === v) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** The slot holding `value`, or -1. */
  protected find(value: number): number {
    const v = value | 0;
    let i = Math.imul(v, 0x9e3779b1) >>> this.shift;
    const gen = this.generation;
    for (;;) {
      if (this.stamps[i] !== gen) return -1;
      if (this.keys[i] === v) return i;
      i = (i + 1) & this.mask;
    }
  }
}
