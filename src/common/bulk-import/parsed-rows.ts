import { DomainError } from '../../domain/domain-error.js';
import { RowRejection } from '../../domain/records/record-fields.js';
import type { SourceRow } from './record-stream.js';

export interface RowError {
  readonly row: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/** A row of an upload after validation: its value, or why it was refused. Rows keep file order. */
export type ParsedRow<T> = { readonly row: number; readonly value: T; readonly error?: undefined } | { readonly row: number; readonly value?: undefined; readonly error: RowError };

/** Validates one record; throws RowRejection or DomainError for a bad row. */
export type RowParser<T> = (record: Record<string, unknown>, row: number) => T;

/** Rows handed over together: one await per chunk, not per row. */
export const PARSED_CHUNK_ROWS = 500;

/** The row error for a refusal by a parser, or undefined for any other failure (a bug, not bad data). */
export function rowError(row: number, e: unknown): RowError | undefined {
  if (e instanceof RowRejection) return { row, code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
  if (e instanceof DomainError) return { row, code: e.code, message: e.message };
  return undefined;
}

/** Validates one source row; a refusal becomes the row's error, anything else is thrown. */
export function parseSourceRow<T>(source: SourceRow, parse: RowParser<T>): ParsedRow<T> {
  if (source.error) return { row: source.row, error: { row: source.row, code: source.error.code, message: source.error.message } };
  try {
    return { row: source.row, value: parse(source.record, source.row) };
  } catch (e) {
    const error = rowError(source.row, e);
    if (!error) throw e;
    return { row: source.row, error };
  }
}

/** Validates rows on this thread, in chunks. */
export async function* parseInThread<T>(rows: AsyncIterable<SourceRow>, parse: RowParser<T>, chunkRows = PARSED_CHUNK_ROWS): AsyncGenerator<ParsedRow<T>[]> {
  let chunk: ParsedRow<T>[] = [];
  for await (const source of rows) {
    chunk.push(parseSourceRow(source, parse));
    if (chunk.length >= chunkRows) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
