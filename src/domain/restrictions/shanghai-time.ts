/**
 * Calendar arithmetic in China Standard Time. Daily caps reset and year terms end at local
 * midnight in Asia/Shanghai, which is UTC+8 all year (no daylight saving since 1991), so a fixed
 * offset is exact and needs no time-zone database.
 */
import { restrictionError } from './errors.js';

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

export function assertValidDate(value: Date, field: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw restrictionError('INVALID_DATE', `${field} must be a valid date`, { field });
  }
}

/** The Shanghai calendar day of an instant, as 'YYYY-MM-DD'. */
export function shanghaiDay(date: Date): string {
  assertValidDate(date, 'date');
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of 00:00 Shanghai time on the day that contains `date`. */
export function startOfShanghaiDay(date: Date): Date {
  assertValidDate(date, 'date');
  const local = date.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS);
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written 'YYYY-MM-DD'. */
export function isDayKey(value: string): boolean {
  const m = DAY_PATTERN.exec(value);
  if (!m) return false;
  const probe = new Date(0);
  probe.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return probe.toISOString().slice(0, 10) === value;
}
