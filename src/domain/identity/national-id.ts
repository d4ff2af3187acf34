/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999).
 *
 * Layout: 6-digit household-registration division (GB/T 2260), 8-digit birth date YYYYMMDD,
 * 3-digit sequence (odd = male, even = female), 1 check character (ISO 7064 MOD 11-2).
 * MOD 11-2 catches every single-character substitution and every adjacent transposition, which is
 * why a one-character typo is always rejected.
 *
 * Leniency: surrounding and inner whitespace and full-width digits are removed, and a lower-case
 * check character `x` is accepted and stored as `X`. Nothing else is corrected.
 *
 * Division rule: the province (first two digits) must exist; an unknown city or county within a
 * known province is accepted, because numbers issued under since-abolished codes stay valid for life.
 */
import { DomainError } from '../domain-error.js';
import {
  type CalendarDate,
  chinaCalendarDate,
  compareDates,
  formatIsoDate,
  fullYearsBetween,
  isRealDate,
} from './calendar-date.js';
import { type DivisionNames, lookupDivision } from './division-table.js';

export type Sex = 'MALE' | 'FEMALE';

export type ResidentIdRejection = 'FORMAT' | 'CHECKSUM' | 'BIRTH_DATE' | 'DIVISION';

export interface ParsedResidentId {
  /** Normalised 18-character number, check character upper-case. */
  readonly number: string;
  readonly divisionCode: string;
  readonly division: DivisionNames;
  /** 'YYYY-MM-DD' */
  readonly birthDate: string;
  readonly birth: CalendarDate;
  readonly sequence: string;
  readonly sex: Sex;
  readonly checkChar: string;
}

/** Earliest birth date accepted; anything older is treated as a data-entry error. */
export const EARLIEST_BIRTH_DATE: CalendarDate = { year: 1850, month: 1, day: 1 };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new DomainError('INVALID_RESIDENT_ID', 'the body of a resident ID number is 17 digits', { reason: 'FORMAT' });
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Trims, removes whitespace, folds full-width characters and upper-cases the check character. */
export function normaliseResidentId(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function reject(reason: ResidentIdRejection, message: string): never {
  throw new DomainError('INVALID_RESIDENT_ID', message, { reason });
}

/**
 * Parses and validates a resident ID number. `now` decides what "in the future" means (China
 * Standard Time calendar date); callers inject their clock, the default is the system clock.
 * @throws DomainError INVALID_RESIDENT_ID with details.reason FORMAT | CHECKSUM | BIRTH_DATE | DIVISION
 */
export function parseResidentId(raw: string, now: Date = new Date()): ParsedResidentId {
  const number = normaliseResidentId(raw);
  if (!/^\d{17}[\dX]$/.test(number)) reject('FORMAT', 'a resident ID number is 17 digits and a check digit or X');
  const checkChar = number[17]!;
  if (residentIdCheckChar(number.slice(0, 17)) !== checkChar) reject('CHECKSUM', 'the check character does not match');

  const birth: CalendarDate = {
    year: Number(number.slice(6, 10)),
    month: Number(number.slice(10, 12)),
    day: Number(number.slice(12, 14)),
  };
  if (!isRealDate(birth.year, birth.month, birth.day)) reject('BIRTH_DATE', 'the birth date does not exist');
  if (compareDates(birth, EARLIEST_BIRTH_DATE) < 0) reject('BIRTH_DATE', 'the birth date is implausibly early');
  if (compareDates(birth, chinaCalendarDate(now)) > 0) reject('BIRTH_DATE', 'the birth date is in the future');

  const divisionCode = number.slice(0, 6);
  const division = lookupDivision(divisionCode);
  if (division === undefined) reject('DIVISION', 'the province code is unknown');

  const sequence = number.slice(14, 17);
  return {
    number,
    divisionCode,
    division,
    birthDate: formatIsoDate(birth),
    birth,
    sequence,
    sex: Number(sequence[2]) % 2 === 1 ? 'MALE' : 'FEMALE',
    checkChar,
  };
}

export function isValidResidentId(raw: string, now: Date = new Date()): boolean {
  try {
    parseResidentId(raw, now);
    return true;
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
}

/** Age in whole years on the China Standard Time calendar date of `date`. */
export function ageOn(parsed: Pick<ParsedResidentId, 'birth'>, date: Date): number {
  return fullYearsBetween(parsed.birth, chinaCalendarDate(date));
}

/**
 * Masks a resident ID for logs and responses: first 6 and last 4 characters kept
 * ('110105********002X'). Works on anything, valid or not, and never reveals more than 10 characters.
 */
export function maskResidentId(raw: string): string {
  const s = normaliseResidentId(raw);
  if (s.length >= 14) return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
  if (s.length > 4) return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
  return '*'.repeat(s.length);
}
