/**
 * An open-addressing hash table from hex keys (blind indexes, UUIDs without dashes) to a 32-bit
 * value, in typed arrays: about 16 bytes per slot where a Map<string, number> of 64-character
 * keys costs well over 100. A key is reduced to 84 bits (52 + 32) and a value is found only when
 * all 84 match, so two distinct HMAC-SHA256 keys collide with probability about n^2 / 2^85.
 * Callers that need certainty verify the value against what they stored (the entry index
 * compares UUID words).
 *
 * Linear probing at load factor at most 1/2, backward-shift deletion (no tombstones).
 */

const EMPTY = 0;
const MIN_CAPACITY = 1024;

export interface SplitKey {
  /** First 52 bits, plus one so that 0 can mark an empty cell. */
  readonly hi: number;
  /** Next 32 bits. */
  readonly lo: number;
}

/** @throws Error when the key has fewer than 21 hex digits. */
export function splitHexKey(hex: string): SplitKey {
  const hi = parseInt(hex.slice(0, 13), 16);
  const lo = parseInt(hex.slice(13, 21), 16);
  if (hex.length < 21 || Number.isNaN(hi) || Number.isNaN(lo)) throw new Error('a table key is at least 21 hex digits');
  return { hi: hi + 1, lo: lo >>> 0 };
}

function mix(hi: number, lo: number): number {
  const a = hi % 0x1_0000_0000;
  const b = Math.floor(hi / 0x1_0000_0000);
  let h = Math.imul(a ^ Math.imul(b ^ lo, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class KeyTable {
  private his: Float64Array;
  private los: Uint32Array;
  private vals: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 0) {
    let cap = MIN_CAPACITY;
    while (cap < expected * 2) cap *= 2;
    this.his = new Float64Array(cap);
    this.los = new Uint32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  get byteSize(): number {
    return this.his.byteLength + this.los.byteLength + this.vals.byteLength;
  }

  /** The value stored under the key, or -1. */
  get(key: SplitKey): number {
    const { hi, lo } = key;
    let i = mix(hi, lo) & this.mask;
    for (;;) {
      const h = this.his[i]!;
      if (h === EMPTY) return -1;
      if (h === hi && this.los[i] === lo) return this.vals[i]!;
      i = (i + 1) & this.mask;
    }
  }

  set(key: SplitKey, value: number): void {
    if ((this.count + 1) * 2 > this.his.length) this.grow();
    const { hi, lo } = key;
    let i = mix(hi, lo) & this.mask;
    for (;;) {
      const h = this.his[i]!;
      if (h === EMPTY) {
        this.his[i] = hi;
        this.los[i] = lo;
        this.vals[i] = value;
        this.count++;
        return;
      }
      if (h === hi && this.los[i] === lo) {
        this.vals[i] = value;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Removes the key; returns whether it was there. */
  delete(key: SplitKey): boolean {
    const { hi, lo } = key;
    let i = mix(hi, lo) & this.mask;
    for (;;) {
      const h = this.his[i]!;
      if (h === EMPTY) return false;
      if (h === hi && this.los[i] === lo) break;
      i = (i + 1) & this.mask;
    }
    // Backward-shift: move later members of the probe run into the hole when their home allows.
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & this.mask;
      const h = this.his[j]!;
      if (h === EMPTY) break;
      const home = mix(h, this.los[j]!) & this.mask;
      const between = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (between) continue;
      this.his[hole] = h;
      this.los[hole] = this.los[j]!;
      this.vals[hole] = this.vals[j]!;
      hole = j;
    }
    this.his[hole] = EMPTY;
    this.los[hole] = 0;
    this.vals[hole] = 0;
    this.count--;
    return true;
  }

  private grow(): void {
    const his = this.his;
    const los = this.los;
    const vals = this.vals;
    const cap = his.length * 2;
    this.his = new Float64Array(cap);
    this.los = new Uint32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.count = 0;
    for (let i = 0; i < his.length; i++) {
      if (his[i] !== EMPTY) this.set({ hi: his[i]!, lo: los[i]! }, vals[i]!);
    }
  }
}
