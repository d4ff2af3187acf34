/**
 * The worker side of parse-thread.ts: reads the upload's bytes as the importing thread passes
 * them on, parses NDJSON or CSV, validates each row with the import's parser and sends the rows
 * back in chunks (values packed by the parser's `encode`, refusals as row errors).
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../domain/domain-error.js';
import { PARSED_CHUNK_ROWS, parseSourceRow, type RowError } from './parsed-rows.js';
import { type FromWorker, type ThreadRowParser, type ToWorker, WORKER_AHEAD_CHUNKS, type WorkerSetup } from './parse-thread.js';
import { readRecords } from './record-stream.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const send = (m: FromWorker): void => port.postMessage(m);

let unacknowledged = 0;
let resume: (() => void) | null = null;

const input = new Readable({
  read(): void {
    send({ t: 'pull' });
  },
});

port.on('message', (m: ToWorker) => {
  if (m.t === 'chunk') input.push(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
  else if (m.t === 'end') input.push(null);
  else if (m.t === 'ack') {
    unacknowledged--;
    const r = resume;
    resume = null;
    r?.();
  }
});

async function run(): Promise<void> {
  const mod = (await import(setup.parserModule)) as { createThreadRowParser(options: unknown): ThreadRowParser<unknown> };
  const parser = mod.createThreadRowParser(setup.options);
  const parse = (record: Record<string, unknown>, row: number): unknown => parser.parse(record, row);
  let rows: number[] = [];
  let values: unknown[] = [];
  let errors: RowError[] = [];
  const flush = async (): Promise<void> => {
    if (rows.length === 0 && errors.length === 0) return;
    send({ t: 'rows', rows, data: parser.encode(values), errors });
    rows = [];
    values = [];
    errors = [];
    if (++unacknowledged >= WORKER_AHEAD_CHUNKS) await new Promise<void>((resolve) => (resume = resolve));
  };
  const records = readRecords(input, setup.format, {
    ...(setup.knownColumns ? { knownColumns: new Set(setup.knownColumns) } : {}),
    ...(setup.requiredColumns ? { requiredColumns: setup.requiredColumns } : {}),
    ...(setup.maxLineLength !== undefined ? { maxLineLength: setup.maxLineLength } : {}),
  });
  for await (const source of records) {
    const parsed = parseSourceRow(source, parse);
    if (parsed.error) errors.push(parsed.error);
    else {
      rows.push(parsed.row);
      values.push(parsed.value);
    }
    if (rows.length + errors.length >= PARSED_CHUNK_ROWS) await flush();
  }
  await flush();
  send({ t: 'done' });
}

run().catch((e: unknown) => {
  if (e instanceof DomainError) send({ t: 'fail', code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) });
  else send({ t: 'fail', message: e instanceof Error ? e.message : String(e) });
});
