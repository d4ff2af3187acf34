import type { ParsedRow, RowError } from './parsed-rows.js';

export type { RowError } from './parsed-rows.js';

export interface BatchItem<T> {
  readonly row: number;
  readonly value: T;
}

/** What a batch write did. Rows the writer itself refuses (a conflict found in the database) come back as errors. */
export interface BatchResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly errors?: readonly RowError[];
}

export interface ImportProgress {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface BulkImportOptions<T, P = undefined> {
  /** The upload's rows, validated (on this thread or a worker: parsed-rows.ts, parse-thread.ts), in chunks. */
  readonly rows: AsyncIterable<readonly ParsedRow<T>[]>;
  /**
   * An optional first stage of a batch's write, run as soon as the batch is cut while the batch
   * before it is still being written (never earlier: every batch before that one is written).
   * Preparations run one at a time, in file order. Whatever it reads from the database may or may
   * not show the batch still being written yet, so it must account for that batch itself.
   */
  prepare?(batch: readonly BatchItem<T>[]): Promise<P>;
  /** Writes a batch (in one transaction), with what `prepare` made of it; writes run one at a time, in file order. */
  write(batch: readonly BatchItem<T>[], prepared: P): Promise<BatchResult>;
  /** Called after every batch with the totals so far and the rows rejected since the last call. */
  progress(totals: Readonly<ImportProgress>, newErrors: readonly RowError[]): Promise<void>;
  readonly batchSize?: number;
  /**
   * A key under which a row updates an earlier one (an external reference): a batch never holds
   * two rows with the same key, because one INSERT ... ON CONFLICT cannot touch a row twice.
   */
  key?(value: T): string | null;
}

export const DEFAULT_BATCH_SIZE = 1000;

/**
 * Batches after which a loader should refresh the planner's statistics of the table it fills:
 * a table that grows from empty to millions of rows within minutes outruns autovacuum, and
 * lookups planned on stale statistics turn into sequential scans.
 */
export function isStatisticsPoint(batchNumber: number): boolean {
  return batchNumber === 2 || batchNumber === 8 || batchNumber === 32 || batchNumber === 128 || batchNumber === 512;
}

/**
 * Reads rows, validates each, writes good rows in batches and reports bad ones, with the next
 * batch being read and validated while the previous one is written (one write in flight: the
 * database works while this process parses, and a slow database slows the reading down instead
 * of filling memory). With a `prepare` stage, a batch is also prepared while the one before it
 * is written. Rows land in file order.
 */
export async function runBulkImport<T, P = undefined>(o: BulkImportOptions<T, P>): Promise<ImportProgress> {
  const size = o.batchSize ?? DEFAULT_BATCH_SIZE;
  const totals: ImportProgress = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, inserted: 0, updated: 0, unchanged: 0 };
  let errors: RowError[] = [];
  let batch: BatchItem<T>[] = [];
  let keys = new Set<string>();
  // Batches past the parser, oldest first: one being written, and with a prepare stage one being
  // prepared and one parsed ahead (so this process has work while the database writes).
  // A batch's progress report does not hold up the next batch's write.
  const inFlight: Array<Promise<void>> = [];
  const depth = o.prepare ? 3 : 1;
  let lastPrepared: Promise<unknown> = Promise.resolve();
  let lastWritten: Promise<unknown> = Promise.resolve();
  let writtenBefore: Promise<unknown> = Promise.resolve();
  let lastReported: Promise<void> = Promise.resolve();

  const report = async (items: BatchItem<T>[], pendingErrors: RowError[], result: BatchResult): Promise<void> => {
    const refused = result.errors ?? [];
    totals.inserted += result.inserted;
    totals.updated += result.updated;
    totals.unchanged += result.unchanged;
    totals.rowsAccepted += items.length - refused.length;
    totals.rowsRejected += pendingErrors.length + refused.length;
    await o.progress(totals, [...pendingErrors, ...refused]);
  };
  const cut = async (): Promise<void> => {
    if (inFlight.length >= depth) await inFlight.shift();
    const items = batch;
    const pendingErrors = errors;
    batch = [];
    errors = [];
    keys = new Set();
    const prepare = o.prepare;
    // Prepared in order, once every batch but the one just before this is written.
    const prepared = prepare ? Promise.all([lastPrepared, writtenBefore]).then(() => (items.length > 0 ? prepare(items) : (undefined as P))) : Promise.resolve(undefined as P);
    const written = Promise.all([prepared, lastWritten]).then(([p]): Promise<BatchResult> | BatchResult => (items.length > 0 ? o.write(items, p) : { inserted: 0, updated: 0, unchanged: 0 }));
    const reported = Promise.all([written, lastReported]).then(([result]) => report(items, pendingErrors, result));
    lastPrepared = prepared;
    writtenBefore = lastWritten;
    lastWritten = written;
    lastReported = reported;
    inFlight.push(reported);
    // Surface a failure at the next cut or at the end, not as an unhandled rejection.
    for (const stage of [prepared, written, reported]) stage.catch(() => undefined);
  };

  for await (const chunk of o.rows) {
    for (const parsed of chunk) {
      totals.rowsRead++;
      if (parsed.error) {
        errors.push(parsed.error);
      } else {
        const key = o.key?.(parsed.value) ?? null;
        if (key !== null) {
          if (keys.has(key)) await cut();
          keys.add(key);
        }
        batch.push({ row: parsed.row, value: parsed.value });
      }
      if (batch.length >= size || errors.length >= size) await cut();
    }
  }
  await cut();
  await lastReported;
  return totals;
}
