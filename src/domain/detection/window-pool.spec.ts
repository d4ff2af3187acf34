import { WindowPool } from './window-pool.js';
import { HEADER, STRIDE } from './window-layout.js';

/** Grows `windows` windows in step to `entries` entries each, round-robin, as a busy day does. */
function growInStep(pool: WindowPool, windows: number, entries: number): void {
  for (let id = 0; id < windows; id++) pool.open(id, false, 0, 0);
  for (let e = 0; e < entries; e++) {
    for (let id = 0; id < windows; id++) pool.insert(id, e * 1000, 100 + e, id, 0, id * entries + e, 2000);
  }
}

describe('WindowPool', () => {
  it('keeps every entry of windows that grow in step, in order', () => {
    const pool = new WindowPool(2000);
    growInStep(pool, 3000, 10);
    for (const id of [0, 1, 1499, 2999]) {
      expect(pool.size(id)).toBe(10);
      const d = pool.data(id);
      const amounts: number[] = [];
      for (let i = pool.start(id); i < pool.end(id); i++) amounts.push(d[HEADER + i * STRIDE + 1]!);
      expect(amounts).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    }
  });

  it('gives back chunks of outgrown slabs, so memory follows the live slabs', () => {
    const windows = 100_000;
    const pool = new WindowPool(2000);
    growInStep(pool, windows, 10);
    // Ten entries, the header and one in flight live in a 16-unit slab. Kept, the chunks of the
    // outgrown 4- and 8-unit slabs would add about three quarters again (126 MB here); given
    // back, what remains beyond the live slabs is at most the newest, partly used chunk.
    const liveBytes = windows * 16 * STRIDE * 8;
    const largestChunkBytes = Math.max(...pool.chunks.map((c) => c.byteLength));
    const chunkBytes = pool.byteLength - pool.meta.byteLength;
    expect(chunkBytes).toBeGreaterThanOrEqual(liveBytes);
    expect(chunkBytes).toBeLessThanOrEqual(liveBytes + largestChunkBytes);
    expect(pool.chunks.filter((c) => c.length === 0).length).toBeGreaterThan(0);
  });

  it('reuses the slabs of closed windows for new ones', () => {
    const pool = new WindowPool(2000);
    growInStep(pool, 1000, 3);
    const before = pool.byteLength;
    for (let id = 0; id < 1000; id++) pool.close(id);
    growInStep(pool, 1000, 3);
    expect(pool.byteLength).toBe(before);
    expect(pool.size(999)).toBe(3);
  });
});
