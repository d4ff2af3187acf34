/**
 * For a set of counterparty window ids, the latest entry index seen for each: a reusable
 * open-addressing table cleared by a generation stamp (see DistinctCounter for why not a Map).
 */
export class PeerLatest {
  private keys = new Int32Array(64);
  private values = new Int32Array(64);
  private stamps = new Uint32Array(64);
  private mask = 63;
  private shift = 26;
  private generation = 0;
  size = 0;

  reset(expected: number): void {
    if (expected * 2 > this.keys.length) {
      let cap = this.keys.length;
      while (cap < expected * 2) cap *= 2;
      this.keys = new Int32Array(cap);
      this.values = new Int32Array(cap);
      this.stamps = new Uint32Array(cap);
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

  /** Records `value` for `key`, replacing an earlier one. */
  set(key: number, value: number): void {
    const k = key | 0;
    let i = Math.imul(k, 0x9e3779b1) >>> this.shift;
    for (;;) {
      if (this.stamps[i] !== this.generation) {
        this.stamps[i] = this.generation;
        this.keys[i] = k;
        this.values[i] = value;
        this.size++;
        return;
      }
      if (this.keys[i] === k) {
        this.values[i] = value;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const k = key | 0;
    let i = Math.imul(k, 0x9e3779b1) >>> this.shift;
    for (;;) {
      if (this.stamps[i] !== this.generation) return -1;
      if (this.keys[i] === k) return this.values[i]!;
      i = (i + 1) & this.mask;
    }
  }
}
