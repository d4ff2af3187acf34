/**
 * Date arithmetic the service needs to gather facts (age, document expiry) on the calendar of
 * the branch, not of the server: a screening at 23:30 UTC is already the next day in China.
 * Dates are ISO 'YYYY-MM-DD' strings; `now` is always passed in.
 */
import { DomainError } from '../domain-error.js';

/** China Standard Time, UTC+8, no daylight saving. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function parseDate(value: string, field: string): Ymd {
  const match = ISO_DATE.exec(value);
  if (match !== null) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (
      year >= 1 &&
      probe.getUTCFullYear() === year &&
      probe.getUTCMonth() === month - 1 &&
      probe.getUTCDate() === day
    ) {
      return { year, month, day };
    }
  }
  throw new DomainError('INVALID_DATE', `${field} must be a real date in the form YYYY-MM-DD`, { field, value });
}

/** The calendar date at `now` in a fixed UTC offset (default China Standard Time). */
export function calendarDate(now: Date, utcOffsetMinutes: number = CHINA_UTC_OFFSET_MINUTES): string {
  const shifted = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  if (Number.isNaN(shifted.getTime())) throw new DomainError('INVALID_DATE', 'now must be a valid date');
  return shifted.toISOString().slice(0, 10);
}

/**
 * Completed years (周岁) on `onDate`. A year completes on the anniversary; for a 29 February
 * birth in a common year, on 1 March (28 February is still before the anniversary).
 * Throws INVALID_DATE for malformed dates or a birth date after `onDate`.
 */
export function ageInYears(birthDate: string, onDate: string): number {
  const birth = parseDate(birthDate, 'birthDate');
  const on = parseDate(onDate, 'onDate');
  if (birthDate > onDate) {
    throw new DomainError('INVALID_DATE', 'birthDate is after the screening date', { birthDate, onDate });
  }
  const beforeAnniversary = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (beforeAnniversary ? 1 : 0);
}

/**
 * A document is valid through its expiry date and expired from the day after. `null` is a
 * long-term document (长期), which never expires.
 */
export function isDocumentExpired(expiryDate: string | null, onDate: string): boolean {
  parseDate(onDate, 'onDate');
  if (expiryDate === null) return false;
  parseDate(expiryDate, 'expiryDate');
  return onDate > expiryDate;
}
