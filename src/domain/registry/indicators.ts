/**
 * Indicators derived from a registration record at a given time, as screening reads them: how
 * old the entity is, and whether it is on a published list now (a listing removed before now no
 * longer counts). Shell companies are typically days old; see DOMAIN.md "Patterns of abnormal
 * account opening".
 */
import { chinaCalendarDate } from '../identity/calendar-date.js';
import type { Listing } from './registry-record.js';

const DAY_MS = 86_400_000;

/** Whole days from the establishment date to today's date in China Standard Time; null when unknown. */
export function ageInDays(establishedOn: string | null, now: Date): number | null {
  if (establishedOn === null) return null;
  const today = chinaCalendarDate(now);
  const [y, m, d] = establishedOn.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(today.year, today.month - 1, today.day) - Date.UTC(y, m - 1, d)) / DAY_MS);
}

/** Listed at `now`: listed no later than now and not removed by now. */
export function listedNow(listings: readonly Listing[], now: Date): Listing | undefined {
  const t = now.getTime();
  return listings.find((l) => Date.parse(l.listedAt) <= t && (l.removedAt === null || Date.parse(l.removedAt) > t));
}
