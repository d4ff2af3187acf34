import { RowRejection } from '../../domain/records/record-fields.js';
import { type BatchItem, type ImportProgress, type RowError, runBulkImport } from './bulk-import.runner.js';
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
      rows: rows(2500, (i) => i % 500 === 0),
      parse: (r) => {
        if (r.n === 7) throw new RowRejection('INVALID_FIELD', 'seven', 'n');
        return r.n as number;
      },
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
      rows: rows(10, () => false, (i) => (i % 3 === 0 ? 'same' : `k${i}`)),
      parse: (r) => r.key as string,
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

  it('stops with the write error', async () => {
    await expect(
      runBulkImport<number>({
        rows: rows(3000, () => false),
        parse: (r) => r.n as number,
        write: async () => {
          throw new Error('database down');
        },
        progress: async () => undefined,
        batchSize: 1000,
      }),
    ).rejects.toThrow('database down');
  });
});
