/**
 * What a reviewer may learn about a person subject without seeing the ID number: age, sex and
 * the region of household registration, derived from the number once, when the item arrives.
 */
import { chinaCalendarDate, fullYearsBetween, parseIsoDate } from '../identity/calendar-date.js';
import { lookupDivision } from '../identity/division-table.js';
import { parseResidentId, type Sex } from '../identity/national-id.js';

export interface PersonAttributes {
  /** YYYY-MM-DD */
  readonly birthDate?: string;
  readonly sex?: Sex;
  /** GB/T 2260 code of household registration. */
  readonly divisionCode?: string;
}

export interface PersonProfile {
  readonly age: number | null;
  readonly sex: Sex | null;
  readonly region: { code: string; province: string; city?: string; county?: string } | null;
}

/** Attributes worth keeping from a resident ID number; undefined when the number does not parse. */
export function attributesFromResidentId(idNumber: string, now: Date): PersonAttributes | undefined {
  try {
    const p = parseResidentId(idNumber, now);
    return { birthDate: p.birthDate, sex: p.sex, divisionCode: p.divisionCode };
  } catch {
    return undefined;
  }
}

export function personProfile(a: PersonAttributes | null | undefined, now: Date): PersonProfile {
  const birth = a?.birthDate ? parseIsoDate(a.birthDate) : undefined;
  const division = a?.divisionCode ? lookupDivision(a.divisionCode) : undefined;
  return {
    age: birth ? fullYearsBetween(birth, chinaCalendarDate(now)) : null,
    sex: a?.sex ?? null,
    region: division ? { code: division.code, province: division.province, ...(division.city ? { city: division.city } : {}), ...(division.county ? { county: division.county } : {}) } : null,
  };
}
