import { BatchPump } from './batch-pump.js';

/** A batch function whose calls the test finishes by hand. */
function controlled(): { run: (items: number[]) => Promise<string[]>; calls: Array<{ items: number[]; finish: () => void; fail: (e: Error) => void }> } {
  const calls: Array<{ items: number[]; finish: () => void; fail: (e: Error) => void }> = [];
  const run = (items: number[]): Promise<string[]> =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({ items, finish: () => resolve(items.map((i) => `r${i}`)), fail: reject });
    });
  return { run, calls };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('BatchPump', () => {
  it('sends the calls of one turn of the event loop together, at the end of that turn', async () => {
    const { run, calls } = controlled();
    const pump = new BatchPump(run, 2, 10);
    const results = [pump.call(1), pump.call(2), pump.call(3)];
    // Nothing is sent while the turn that made the calls still runs.
    expect(calls).toEqual([]);
    await settle();
    // One batch for the three, though a second slot is free.
    expect(calls.map((c) => c.items)).toEqual([[1, 2, 3]]);
    // A call of a later turn takes the free slot at the end of its own turn.
    const later = pump.call(4);
    await settle();
    expect(calls.map((c) => c.items)).toEqual([[1, 2, 3], [4]]);
    calls[0]!.finish();
    calls[1]!.finish();
    expect(await Promise.all([...results, later])).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it('groups the calls that arrive while every slot is busy, at most maxBatch to a batch', async () => {
    const { run, calls } = controlled();
    const pump = new BatchPump(run, 2, 3);
    const results: Array<Promise<string>> = [];
    // Two calls in two turns fill the two slots; the rest wait.
    results.push(pump.call(1));
    await settle();
    results.push(pump.call(2));
    await settle();
    results.push(...[3, 4, 5, 6, 7].map((i) => pump.call(i)));
    await settle();
    expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
    calls[0]!.finish();
    await settle();
    // A freed slot takes at most three waiting calls, in arrival order.
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4, 5]]);
    calls[1]!.finish();
    await settle();
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    calls[2]!.finish();
    calls[3]!.finish();
    // Every caller gets the result of its own item.
    expect(await Promise.all(results)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
  });

  it('rejects every call of a failed batch, and only those', async () => {
    const { run, calls } = controlled();
    const pump = new BatchPump(run, 1, 10);
    const first = pump.call(1);
    await settle();
    const grouped = [pump.call(2), pump.call(3)];
    calls[0]!.finish();
    await settle();
    calls[1]!.fail(new Error('down'));
    expect(await first).toBe('r1');
    for (const g of grouped) await expect(g).rejects.toThrow('down');
    // The pump keeps working after a failure.
    const later = pump.call(4);
    await settle();
    calls[2]!.finish();
    expect(await later).toBe('r4');
  });
});
