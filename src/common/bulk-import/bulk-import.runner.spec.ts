import { RowRejection } from '../../domain/records/record-fields.js';
import { type BatchItem, type ImportProgress, type RowError, runBulkImport } from './bulk-import.runner.js';
import { parseInThread } from './parsed-rows.js';
import type { SourceRow } from './record-stream.js';

async function* rows(n: number, bad: (i: number) => boolean, key: (i: number) => string = (i) => `k${i}`): AsyncGenerator<SourceRow> {
  for (let i = 1; i <= n; i++) yield bad(i) ? { row: i, error: { code: 'BROKEN', message: 'broken' } } : { row: i, record: { key: key(i), n: i } };
}

describe('runBulkImport', () => {
  it('writes good rows in order in batches, reports every bad one, and reports progress per batch', async () => {
    const written: number[][] = [];
    const progress: ImportProgress[] = [];
    const errors: RowError[] = [];
    const totals = await runBulkImport<number>({
      rows: parseInThread(rows(2500, (i) => i % 500 === 0), (r) => {
        if (r.n === 7) throw new RowRejection('INVALID_FIELD', 'seven', 'n');
        return r.n as number;
      }),
      write: async (batch: readonly BatchItem<number>[]) => {
        written.push(batch.map((b) => b.value));
        return { inserted: batch.length, updated: 0, unchanged: 0 };
      },
      progress: async (t, e) => {
        progress.push({ ...t });
        errors.push(...e);
      },
      batchSize: 1000,
    });
    expect(totals).toEqual({ rowsRead: 2500, rowsAccepted: 2494, rowsRejected: 6, inserted: 2494, updated: 0, unchanged: 0 });
    expect(written.flat()).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1).filter((i) => i !== 7 && i % 500 !== 0));
    expect(errors.map((e) => [e.row, e.code])).toEqual([[7, 'INVALID_FIELD'], [500, 'BROKEN'], [1000, 'BROKEN'], [1500, 'BROKEN'], [2000, 'BROKEN'], [2500, 'BROKEN']]);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.map((p) => p.rowsAccepted)).toEqual([...progress.map((p) => p.rowsAccepted)].sort((a, b) => a - b));
  });

  it('never puts two rows with the same key in one batch', async () => {
    const batches: string[][] = [];
    await runBulkImport<string>({
      rows: parseInThread(rows(10, () => false, (i) => (i % 3 === 0 ? 'same' : `k${i}`)), (r) => r.key as string),
      key: (v) => v,
      write: async (batch) => {
        batches.push(batch.map((b) => b.value));
        return { inserted: batch.length, updated: 0, unchanged: 0 };
      },
      progress: async () => undefined,
    });
    for (const b of batches) expect(new Set(b).size).toBe(b.length);
    expect(batches.flat()).toHaveLength(10);
  });

  it('prepares a batch while the one before it is written, never earlier, and writes in order', async () => {
    const events: string[] = [];
    const release: Array<() => void> = [];
    let writing = 0;
    const done = runBulkImport<number, string>({
      rows: parseInThread(rows(4000, () => false), (r) => r.n as number),
      batchSize: 1000,
      prepare: async (batch) => {
        events.push(`prepare ${batch[0]!.value}`);
        await Promise.resolve();
        return `p${batch[0]!.value}`;
      },
      write: async (batch, prepared) => {
        writing++;
        expect(writing).toBe(1);
        events.push(`write ${batch[0]!.value} ${prepared}`);
        await new Promise<void>((resolve) => release.push(resolve));
        events.push(`written ${batch[0]!.value}`);
        writing--;
        return { inserted: batch.length, updated: 0, unchanged: 0 };
      },
      progress: async () => undefined,
    });
    // Let the pipeline settle, then release one write at a time.
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    for (let i = 0; i < 4; i++) {
      await settle();
      release.shift()!();
    }
    await done;
    // Batch 2 is prepared while batch 1 is written; batch 3 only once batch 1 is written.
    expect(events.indexOf('prepare 1001')).toBeLessThan(events.indexOf('written 1'));
    expect(events.indexOf('prepare 2001')).toBeGreaterThan(events.indexOf('written 1'));
    expect(events.indexOf('prepare 2001')).toBeLessThan(events.indexOf('written 1001'));
    expect(events.indexOf('prepare 3001')).toBeGreaterThan(events.indexOf('written 1001'));
    expect(events.filter((e) => e.startsWith('write '))).toEqual(['write 1 p1', 'write 1001 p1001', 'write 2001 p2001', 'write 3001 p3001']);
  });

  it('stops with the error of a failed preparation and writes nothing after it', async () => {
    const written: number[] = [];
    await expect(
      runBulkImport<number, null>({
        rows: parseInThread(rows(5000, () => false), (r) => r.n as number),
        batchSize: 1000,
        prepare: async (batch) => {
          if (batch[0]!.value === 2001) throw new Error('read failed');
          return null;
        },
        write: async (batch) => {
          written.push(batch[0]!.value);
          return { inserted: batch.length, updated: 0, unchanged: 0 };
        },
        progress: async () => undefined,
      }),
    ).rejects.toThrow('read failed');
    expect(written).toEqual([1, 1001]);
  });

  it('stops with the write error', async () => {
    await expect(
      runBulkImport<number>({
        rows: parseInThread(rows(3000, () => false), (r) => r.n as number),
        write: async () => {
          throw new Error('database down');
        },
        progress: async () => undefined,
        batchSize: 1000,
      }),
    ).rejects.toThrow('database down');
  });
});
