/**
 * Event time. Transfers carry ISO 8601 timestamps with an explicit offset; inside the service an
 * instant is epoch milliseconds. Calendar questions (which night, which day an alert belongs to)
 * are answered in China Standard Time (UTC+8, no daylight saving), whatever the server's zone.
 */
import { DomainError } from '../domain-error.js';
import type { DetectionErrorCode } from './detection-errors.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function invalid(text: unknown, reason: string): never {
  throw new DomainError<DetectionErrorCode>('INVALID_OCCURRED_AT', `occurredAt ${JSON.stringify(text)}: ${reason}`, {
    reason,
  });
}

/**
 * '2025-03-01T10:00:00+08:00' -> epoch ms. The offset (or 'Z') is required because a bank
 * timestamp without one is ambiguous; fractions beyond milliseconds are truncated; impossible
 * dates ('02-30'), hours above 23 and leap seconds are rejected.
 * @throws DomainError INVALID_OCCURRED_AT
 */
export function parseEventTime(text: string): number {
  if (typeof text !== 'string') invalid(text, 'must be a string');
  const fields = scanIso(text) ?? matchIso(text);
  const [year, month, day, hour, minute, second, ms, offsetSign, oh, om] = fields;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) invalid(text, 'not a real date');
  if (hour > 23 || minute > 59 || second > 59) invalid(text, 'not a real time of day');
  if (oh > 14 || om > 59) invalid(text, 'offset out of range');
  const offsetMs = offsetSign * (oh * HOUR_MS + om * MINUTE_MS);
  // Also keeps Date.UTC away from years 0-99, which it maps to 1900-1999.
  if (year < 1970) invalid(text, 'before 1970');
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs;
}

/** year, month, day, hour, minute, second, ms, offset sign (0 for Z), offset hours, offset minutes. */
export type IsoFields = [number, number, number, number, number, number, number, number, number, number];

/** The grammar of ISO_WITH_OFFSET by regular expression; throws when the text does not follow it. */
export function matchIso(text: string): IsoFields {
  const m = ISO_WITH_OFFSET.exec(text);
  if (m === null) invalid(text, 'must be ISO 8601 with seconds and an offset, e.g. 2025-03-01T10:00:00+08:00');
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const zone = m[8] === 'Z' ? [0, 0, 0] : [m[9] === '-' ? -1 : 1, Number(m[10]), Number(m[11])];
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms, zone[0]!, zone[1]!, zone[2]!];
}

/** `n` decimal digits of `s` from `at` as a number, or -1 when one is not a digit. */
function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The same grammar read character by character, without the regular expression's allocations
 * (every event passes here); undefined when the text does not follow it, and matchIso decides.
 */
export function scanIso(s: string): IsoFields | undefined {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let at = 19;
  let ms = 0;
  if (s.charCodeAt(at) === 46) {
    const start = ++at;
    while (at < n && at - start < 10 && s.charCodeAt(at) >= 48 && s.charCodeAt(at) <= 57) at++;
    const count = at - start;
    if (count < 1 || count > 9) return undefined;
    // Fractions beyond milliseconds are truncated; fewer digits are tenths or hundredths.
    ms = digitsAt(s, start, Math.min(3, count)) * (count === 1 ? 100 : count === 2 ? 10 : 1);
  }
  if (at === n - 1 && s.charCodeAt(at) === 90) return [year, month, day, hour, minute, second, ms, 0, 0, 0];
  const sign = s.charCodeAt(at);
  if (at !== n - 6 || (sign !== 43 && sign !== 45) || s.charCodeAt(at + 3) !== 58) return undefined;
  const oh = digitsAt(s, at + 1, 2);
  const om = digitsAt(s, at + 4, 2);
  if (oh < 0 || om < 0) return undefined;
  return [year, month, day, hour, minute, second, ms, sign === 45 ? -1 : 1, oh, om];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Epoch ms -> '2025-03-01T10:00:00.000+08:00' (China Standard Time, millisecond precision). */
export function formatChinaTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}` +
    `.${pad(d.getUTCMilliseconds(), 3)}+08:00`
  );
}

/** Milliseconds since the China Standard Time midnight that starts the day of `ms`. */
export function msIntoChinaDay(ms: number): number {
  const r = (ms + CHINA_OFFSET_MS) % DAY_MS;
  return r < 0 ? r + DAY_MS : r;
}

/** Epoch ms of the China Standard Time midnight starting the day of `ms`. */
export function chinaDayStart(ms: number): number {
  return ms - msIntoChinaDay(ms);
}

/** 'YYYYMMDD' of the China Standard Time calendar day of `ms`; used in alert dedup keys. */
export function chinaDayKey(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
}
