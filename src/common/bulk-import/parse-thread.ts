import type { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/domain-error.js';
import type { ImportFormat } from './import-job.entity.js';
import type { ParsedRow, RowError } from './parsed-rows.js';
import type { ReadOptions } from './record-stream.js';
import { siblingModule, spawnModuleWorker } from '../background/module-worker.js';

/**
 * What a module must export to validate rows on a worker thread: `createThreadRowParser(options)`
 * returning one of these. `encode` packs a chunk's values for the trip back (columns of strings
 * and numbers cross between threads far cheaper than objects); the importing side unpacks them
 * with the `decode` it names in its ThreadParse.
 */
export interface ThreadRowParser<T> {
  parse(record: Record<string, unknown>, row: number): T;
  encode(values: readonly T[]): unknown;
}

/** How an import validates its rows on a worker thread. */
export interface ThreadParse<T> {
  /** The module exporting `createThreadRowParser`. */
  readonly module: URL;
  /** Passed to `createThreadRowParser` (cloned: plain data only). */
  readonly options: unknown;
  decode(data: unknown): T[];
}

/** Messages between the importing thread and the worker. */
export type ToWorker = { readonly t: 'chunk'; readonly bytes: Uint8Array } | { readonly t: 'end' } | { readonly t: 'ack' };
export type FromWorker =
  | { readonly t: 'pull' }
  | { readonly t: 'rows'; readonly rows: readonly number[]; readonly data: unknown; readonly errors: readonly RowError[] }
  | { readonly t: 'done' }
  | { readonly t: 'fail'; readonly message: string; readonly code?: string; readonly details?: Record<string, unknown> };

export interface WorkerSetup {
  readonly parserModule: string;
  readonly options: unknown;
  readonly format: ImportFormat;
  readonly knownColumns?: readonly string[];
  readonly requiredColumns?: readonly string[];
  readonly maxLineLength?: number;
}

/** Chunks the worker may run ahead of the import before it waits. */
export const WORKER_AHEAD_CHUNKS = 6;

function spawn(setup: WorkerSetup): Worker {
  return spawnModuleWorker(siblingModule(import.meta.url, './parse-thread.worker'), setup);
}

/**
 * Reads and validates an upload on a worker thread: this thread passes the body's bytes on as the
 * worker asks for them and receives validated rows in chunks, file order kept. The worker reads
 * only while the import keeps up (WORKER_AHEAD_CHUNKS), so a slow database still slows the
 * upload down. A header the reader refuses comes back as its DomainError; the worker is stopped
 * however the import ends.
 */
export async function* parseInWorker<T>(body: Readable, format: ImportFormat, read: ReadOptions, thread: ThreadParse<T>): AsyncGenerator<ParsedRow<T>[]> {
  const setup: WorkerSetup = {
    parserModule: thread.module.href,
    options: thread.options,
    format,
    ...(read.knownColumns ? { knownColumns: [...read.knownColumns] } : {}),
    ...(read.requiredColumns ? { requiredColumns: read.requiredColumns } : {}),
    ...(read.maxLineLength !== undefined ? { maxLineLength: read.maxLineLength } : {}),
  };
  const worker = spawn(setup);
  const source = body[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const inbox: FromWorker[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  let sending = Promise.resolve();
  const sendNext = async (): Promise<void> => {
    try {
      const next = await source.next();
      if (next.done) {
        worker.postMessage({ t: 'end' } satisfies ToWorker);
      } else {
        // A copy of exactly the chunk's bytes, moved (not cloned) to the worker: a Buffer may be a
        // view of a larger pooled block, which cloning would copy whole.
        const bytes = typeof next.value === 'string' ? new Uint8Array(Buffer.from(next.value, 'utf8')) : new Uint8Array(next.value);
        worker.postMessage({ t: 'chunk', bytes } satisfies ToWorker, [bytes.buffer]);
      }
    } catch (e) {
      failure ??= e instanceof Error ? e : new Error(String(e));
      notify();
    }
  };
  worker.on('message', (m: FromWorker) => {
    if (m.t === 'pull') {
      // One pull at a time: the worker asks again only after the previous chunk arrived.
      sending = sending.then(sendNext);
      return;
    }
    inbox.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure ??= e;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the import's reader thread stopped (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      const m = inbox.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (m.t === 'done') return;
      if (m.t === 'fail') throw m.code ? new DomainError(m.code, m.message, m.details) : new Error(m.message);
      if (m.t !== 'rows') continue;
      const values = thread.decode(m.data);
      const chunk: ParsedRow<T>[] = new Array<ParsedRow<T>>(values.length + m.errors.length);
      // Merge values and errors back into file order.
      let v = 0;
      let e = 0;
      for (let i = 0; i < chunk.length; i++) {
        const error = m.errors[e];
        if (error !== undefined && (v >= values.length || error.row < m.rows[v]!)) {
          chunk[i] = { row: error.row, error };
          e++;
        } else {
          chunk[i] = { row: m.rows[v]!, value: values[v]! };
          v++;
        }
      }
      worker.postMessage({ t: 'ack' } satisfies ToWorker);
      yield chunk;
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
    // A body not read to its end (the import stopped early) is let go, as a for-await would.
    await sending;
    await source.return?.();
  }
}
