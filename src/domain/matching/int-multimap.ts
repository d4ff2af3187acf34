/**
 * A compact multimap from 32-bit integer keys to integer values, for name-index blocking keys.
 * A million names with JavaScript Maps of arrays cost several hundred megabytes; here a key costs
 * two table cells (open addressing, linear probing) and a value two array cells (a linked list
 * threaded through typed arrays), about 20 bytes per posting in all. Values are never removed:
 * the index marks dead entries and rebuilds when too many accumulate.
 */
const EMPTY = -1;

export class IntMultiMap {
  private keys: Int32Array;
  private heads: Int32Array;
  private mask: number;
  private used = 0;
  private values: Int32Array;
  private next: Int32Array;
  private count = 0;

  constructor(expectedKeys = 1024) {
    let capacity = 1024;
    while (capacity < expectedKeys * 1.5) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.heads = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.values = new Int32Array(Math.max(1024, expectedKeys));
    this.next = new Int32Array(this.values.length);
  }

  get keyCount(): number {
    return this.used;
  }

  get valueCount(): number {
    return this.count;
  }

  /** Bytes held by the typed arrays. */
  get byteSize(): number {
    return this.keys.byteLength + this.heads.byteLength + this.values.byteLength + this.next.byteLength;
  }

  add(key: number, value: number): void {
    if ((this.used + 1) * 4 > (this.mask + 1) * 3) this.growTable();
    if (this.count === this.values.length) this.growValues();
    let i = mix(key) & this.mask;
    while (this.heads[i] !== EMPTY && this.keys[i] !== key) i = (i + 1) & this.mask;
    if (this.heads[i] === EMPTY) {
      this.keys[i] = key;
      this.used++;
    }
    const p = this.count++;
    this.values[p] = value;
    this.next[p] = this.heads[i]!;
    this.heads[i] = p;
  }

  /** Calls `fn` for every value under `key`, newest first. */
  forEach(key: number, fn: (value: number) => void): void {
    let i = mix(key) & this.mask;
    while (this.heads[i] !== EMPTY) {
      if (this.keys[i] === key) {
        for (let p = this.heads[i]!; p !== EMPTY; p = this.next[p]!) fn(this.values[p]!);
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  private growTable(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    const capacity = (this.mask + 1) * 2;
    this.keys = new Int32Array(capacity);
    this.heads = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let j = 0; j < oldHeads.length; j++) {
      if (oldHeads[j] === EMPTY) continue;
      const key = oldKeys[j]!;
      let i = mix(key) & this.mask;
      while (this.heads[i] !== EMPTY) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.heads[i] = oldHeads[j]!;
    }
  }

  private growValues(): void {
    const size = Math.ceil(this.values.length * 1.5);
    const values = new Int32Array(size);
    values.set(this.values);
    const next = new Int32Array(size);
    next.set(this.next);
    this.values = values;
    this.next = next;
  }
}

/** Murmur3 finaliser: spreads FNV hashes over the table. */
function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x;
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
