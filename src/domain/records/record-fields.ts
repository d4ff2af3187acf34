/**
 * Reading loosely typed rows (a CSV line, an NDJSON object, a flattened HTTP body) field by field.
 * A CSV cell is always a string and an empty cell means "not given"; NDJSON may carry numbers,
 * arrays and null. Each reader either returns the value or throws a RowRejection naming the field,
 * so a bulk import reports exactly which column of which row was wrong.
 */
import { parseIsoDate } from '../identity/calendar-date.js';

export class RowRejection extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RowRejection';
  }
}

export type LooseRecord = Readonly<Record<string, unknown>>;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function present(v: unknown): boolean {
  return !(v === undefined || v === null || (typeof v === 'string' && v.trim() === ''));
}

export function optionalString(r: LooseRecord, field: string, max: number): string | undefined {
  const v = r[field];
  if (!present(v)) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw new RowRejection('INVALID_FIELD', `${field} must be text`, field);
  const s = String(v).trim();
  if (s.length > max) throw new RowRejection('INVALID_FIELD', `${field} has at most ${max} characters`, field);
  return s;
}

export function requiredString(r: LooseRecord, field: string, max: number): string {
  const s = optionalString(r, field, max);
  if (s === undefined) throw new RowRejection('MISSING_FIELD', `${field} is required`, field);
  return s;
}

export function requiredCode<T extends string>(r: LooseRecord, field: string, allowed: readonly T[]): T {
  const s = requiredString(r, field, 64).toUpperCase();
  if (!(allowed as readonly string[]).includes(s)) {
    throw new RowRejection('INVALID_FIELD', `${field} must be one of ${allowed.join(', ')}`, field);
  }
  return s as T;
}

/** A list given as a JSON array or as text separated by ';', '|' or ','. */
export function codeList<T extends string>(r: LooseRecord, field: string, allowed: readonly T[]): T[] {
  const v = r[field];
  if (!present(v)) return [];
  let items: unknown[];
  if (Array.isArray(v)) items = v;
  else if (typeof v === 'string') items = v.split(/[;|,]/);
  else throw new RowRejection('INVALID_FIELD', `${field} must be a list`, field);
  const out: T[] = [];
  for (const item of items) {
    if (typeof item !== 'string') throw new RowRejection('INVALID_FIELD', `${field} must list codes`, field);
    const code = item.trim().toUpperCase();
    if (code === '') continue;
    if (!(allowed as readonly string[]).includes(code)) {
      throw new RowRejection('INVALID_FIELD', `${field} may hold ${allowed.join(', ')}; got ${code.slice(0, 40)}`, field);
    }
    if (!out.includes(code as T)) out.push(code as T);
  }
  return out;
}

/**
 * An instant: an ISO 8601 date-time with an offset or Z, or a calendar date 'YYYY-MM-DD' read as
 * 00:00 China Standard Time (the day a decision takes effect).
 */
export function parseInstant(text: string): Date | undefined {
  const t = text.trim();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(t) ? parseIsoDate(t) : undefined;
  if (day) return new Date(Date.UTC(day.year, day.month - 1, day.day) - SHANGHAI_OFFSET_MS);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return undefined;
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return undefined;
  // Date accepts 2026-02-30T00:00Z by rolling over; a real date must survive the round trip.
  const datePart = parseIsoDate(t.slice(0, 10));
  return datePart ? d : undefined;
}

export function optionalInstant(r: LooseRecord, field: string): Date | undefined {
  const s = optionalString(r, field, 40);
  if (s === undefined) return undefined;
  const d = parseInstant(s);
  if (!d) throw new RowRejection('INVALID_DATE', `${field} must be YYYY-MM-DD or an ISO 8601 date-time with offset`, field);
  return d;
}

/** 'YYYY-MM-DD' (or 'YYYYMMDD'), returned as 'YYYY-MM-DD'. */
export function optionalDate(r: LooseRecord, field: string): string | undefined {
  const s = optionalString(r, field, 10);
  if (s === undefined) return undefined;
  const d = parseIsoDate(s);
  if (!d) throw new RowRejection('INVALID_DATE', `${field} must be a real date YYYY-MM-DD`, field);
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function rejectUnknownFields(r: LooseRecord, known: ReadonlySet<string>): void {
  for (const k of Object.keys(r)) {
    if (!known.has(k)) throw new RowRejection('UNKNOWN_FIELD', `unknown field ${k.slice(0, 60)}`, k.slice(0, 60));
  }
}
