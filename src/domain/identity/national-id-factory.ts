/**
 * Builds valid resident ID numbers for tests, fixtures and the traffic simulator. The check
 * character is computed, never guessed, so generated numbers pass `parseResidentId`.
 */
import { DomainError } from '../domain-error.js';
import { parseIsoDate } from './calendar-date.js';
import { residentIdCheckChar, type Sex } from './national-id.js';

export interface ResidentIdSpec {
  /** 6-digit division code, e.g. '110105'. */
  readonly divisionCode: string;
  /** 'YYYY-MM-DD' or 'YYYYMMDD'. */
  readonly birthDate: string;
  /** 0..99: the first two digits of the 3-digit sequence code. Default 0. */
  readonly sequence?: number;
  /** Decides the parity of the third sequence digit. Default 'MALE'. */
  readonly sex?: Sex;
}

export function makeResidentId(spec: ResidentIdSpec): string {
  if (!/^\d{6}$/.test(spec.divisionCode)) {
    throw new DomainError('INVALID_RESIDENT_ID', 'division code must be 6 digits', { reason: 'FORMAT' });
  }
  const birth = parseIsoDate(spec.birthDate);
  if (birth === undefined) {
    throw new DomainError('INVALID_RESIDENT_ID', 'birth date must be a real date', { reason: 'BIRTH_DATE' });
  }
  const sequence = spec.sequence ?? 0;
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 99) {
    throw new DomainError('INVALID_RESIDENT_ID', 'sequence must be an integer 0..99', { reason: 'FORMAT' });
  }
  // The third digit carries the sex; vary it with the sequence so numbers differ more.
  const sexDigit = (spec.sex ?? 'MALE') === 'MALE' ? 1 + 2 * (sequence % 5) : 2 * (sequence % 5);
  const body =
    spec.divisionCode +
    String(birth.year).padStart(4, '0') +
    String(birth.month).padStart(2, '0') +
    String(birth.day).padStart(2, '0') +
    String(sequence).padStart(2, '0') +
    String(sexDigit);
  return body + residentIdCheckChar(body);
}
