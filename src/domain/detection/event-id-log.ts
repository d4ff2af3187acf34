/**
 * Event ids, stored once per accepted event in arrival order, and named in window entries by
 * their sequence number. Keeping the id in each window instead cost a pointer per side, an array
 * per window and two cache misses per side on every event; appending to one log is sequential.
 * Whole chunks are released once every event in them is older than the retention cutoff, after
 * which no detector can ask for them (detectors only read entries at or after the cutoff).
 */

const CHUNK = 4096;

export class EventIdLog {
  /** chunks[k] holds sequence numbers [(base + k) * CHUNK, (base + k + 1) * CHUNK). */
  private chunks: string[][] = [];
  private chunkMaxMs: number[] = [];
  private base = 0;
  private next = 0;

  /** Stores an id and returns its sequence number. */
  append(eventId: string, occurredAtMs: number): number {
    const seq = this.next++;
    const k = Math.floor(seq / CHUNK) - this.base;
    if (k === this.chunks.length) {
      this.chunks.push([]);
      this.chunkMaxMs.push(occurredAtMs);
    } else if (occurredAtMs > this.chunkMaxMs[k]!) {
      this.chunkMaxMs[k] = occurredAtMs;
    }
    this.chunks[k]!.push(eventId);
    return seq;
  }

  /** The id of a sequence number, or '' once released. */
  get(seq: number): string {
    const k = Math.floor(seq / CHUNK) - this.base;
    if (k < 0) return '';
    return this.chunks[k]?.[seq % CHUNK] ?? '';
  }

  /** Releases leading full chunks whose events are all older than `cutoffMs`. */
  release(cutoffMs: number): void {
    let n = 0;
    while (n < this.chunks.length - 1 && this.chunkMaxMs[n]! < cutoffMs) n++;
    if (n === 0) return;
    this.chunks.splice(0, n);
    this.chunkMaxMs.splice(0, n);
    this.base += n;
  }

  /** Ids currently held. */
  get size(): number {
    return this.next - this.base * CHUNK;
  }
}
