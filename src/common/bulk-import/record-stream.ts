import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DomainError } from '../../domain/domain-error.js';
import type { ImportFormat } from './import-job.entity.js';

/** One row of an uploaded file: a record to validate, or a row the reader could not read. */
export type SourceRow =
  | { readonly row: number; readonly record: Record<string, unknown>; readonly error?: undefined }
  | { readonly row: number; readonly record?: undefined; readonly error: { readonly code: string; readonly message: string } };

export interface ReadOptions {
  /** CSV: the columns a header may name; an unknown column fails the whole import at once. */
  readonly knownColumns?: ReadonlySet<string>;
  /** CSV: columns the header must name. */
  readonly requiredColumns?: readonly string[];
  /** NDJSON: the longest line accepted, in characters (default 1 MiB). */
  readonly maxLineLength?: number;
}

const DEFAULT_MAX_LINE = 1 << 20;

/**
 * NDJSON, one object per line. The stream is decoded chunk by chunk and only the current line is
 * held, so a file of any size passes in constant memory. Rows are numbered by line (from 1);
 * blank lines count but yield nothing.
 */
export async function* readNdjson(stream: Readable, o: ReadOptions = {}): AsyncGenerator<SourceRow> {
  const max = o.maxLineLength ?? DEFAULT_MAX_LINE;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  let skipping = false;
  const parseLine = (text: string, row: number): SourceRow | undefined => {
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (t.trim() === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(row === 1 && t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
    } catch {
      return { row, error: { code: 'MALFORMED_JSON_LINE', message: 'the line is not valid JSON' } };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { row, error: { code: 'NOT_AN_OBJECT', message: 'each line must be one JSON object' } };
    }
    return { row, record: value as Record<string, unknown> };
  };
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      line++;
      if (skipping) {
        skipping = false;
      } else {
        const r = parseLine(pending + text.slice(start, nl), line);
        if (r) yield r;
      }
      pending = '';
      start = nl + 1;
    }
    if (!skipping) {
      pending += text.slice(start);
      if (pending.length > max) {
        skipping = true;
        pending = '';
        yield { row: line + 1, error: { code: 'LINE_TOO_LONG', message: `a line may hold at most ${max} characters` } };
      }
    }
  }
  pending += decoder.end();
  if (!skipping && pending.length > 0) {
    const r = parseLine(pending, line + 1);
    if (r) yield r;
  }
}

/**
 * CSV with a header line (column names as in the NDJSON keys). Parsed by csv-parse as a stream;
 * a record that cannot be read (wrong number of fields, a broken quote) becomes a row error and
 * reading goes on. Rows are numbered by the file line the record ends on (the header is line 1).
 * @throws DomainError IMPORT_BAD_HEADER before any row when the header names unknown columns or
 *   misses required ones.
 */
export async function* readCsv(stream: Readable, o: ReadOptions = {}): AsyncGenerator<SourceRow> {
  const skipped: SourceRow[] = [];
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    columns: (header: string[]) => {
      const names = header.map((h) => String(h).trim());
      const unknown = o.knownColumns ? names.filter((n) => !o.knownColumns!.has(n)) : [];
      const missing = (o.requiredColumns ?? []).filter((c) => !names.includes(c));
      if (unknown.length > 0 || missing.length > 0) {
        throw new DomainError('IMPORT_BAD_HEADER', [unknown.length > 0 ? `unknown columns: ${unknown.slice(0, 10).join(', ')}` : '', missing.length > 0 ? `missing columns: ${missing.join(', ')}` : ''].filter(Boolean).join('; '), { unknown, missing });
      }
      return names;
    },
    on_skip: (err) => {
      const lines = (err as { lines?: number } | undefined)?.lines ?? 0;
      skipped.push({ row: lines, error: { code: 'MALFORMED_CSV_ROW', message: err?.message.slice(0, 300) ?? 'the record could not be read' } });
      return undefined;
    },
  });
  stream.on('error', (e) => parser.destroy(e));
  stream.pipe(parser);
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    // Skips are reported as the parser meets them, ahead of records it has buffered: keep file order.
    while (skipped.length > 0 && skipped[0]!.row < item.info.lines) yield skipped.shift()!;
    yield { row: item.info.lines, record: item.record };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}

export function readRecords(stream: Readable, format: ImportFormat, o: ReadOptions = {}): AsyncGenerator<SourceRow> {
  return format === 'CSV' ? readCsv(stream, o) : readNdjson(stream, o);
}

/** The import format named by a Content-Type header, or undefined. */
export function formatOfContentType(contentType: string | undefined): ImportFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv') return 'CSV';
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return 'NDJSON';
  return undefined;
}
