/**
 * Entry indices a detector collects while it scans a window (the evidence of a finding). One list
 * per detector, reused by every evaluation: a JS array emptied with `length = 0` gives up its
 * backing store in V8, so each evaluation allocated and regrew one, and that garbage was most of
 * the engine's allocation per event.
 */
export class IndexList {
  private items = new Int32Array(64);
  /** Indices held, in the order pushed. */
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(i: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = i;
  }

  /** The k-th index pushed (0 <= k < length). */
  get(k: number): number {
    return this.items[k]!;
  }
}
