import { DistinctCounter } from './distinct-counter.js';

/**
 * For a set of counterparty window ids, the latest entry index seen for each: the DistinctCounter
 * table with a value per slot.
 */
export class PeerLatest extends DistinctCounter {
  private values = new Int32Array(64);

  /** Records `value` for `key`, replacing an earlier one. */
  set(key: number, value: number): void {
    this.values[this.claim(key)] = value;
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const i = this.find(key);
    return i < 0 ? -1 : this.values[i]!;
  }

  protected override grow(cap: number): void {
    super.grow(cap);
    this.values = new Int32Array(cap);
  }
}
