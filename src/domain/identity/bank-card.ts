/**
 * Bank card and account numbers. Cards carry a Luhn check digit (ISO/IEC 7812); plain settlement
 * accounts often do not, so Luhn is reported as a signal and never used to reject an account.
 * Numbers are compared and blind-indexed after removing spaces and dashes.
 */
import { DomainError } from '../domain-error.js';

export const MIN_ACCOUNT_DIGITS = 6;
export const MAX_ACCOUNT_DIGITS = 32;

/** Strips spaces and dashes (and folds full-width digits); the result must be 6-32 digits. */
export function normaliseAccountNumber(raw: string): string {
  const digits = raw.normalize('NFKC').replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) {
    throw new DomainError('INVALID_ACCOUNT_NUMBER', 'an account number holds digits, spaces and dashes only', {
      reason: 'FORMAT',
    });
  }
  if (digits.length < MIN_ACCOUNT_DIGITS || digits.length > MAX_ACCOUNT_DIGITS) {
    throw new DomainError('INVALID_ACCOUNT_NUMBER', `an account number has ${MIN_ACCOUNT_DIGITS}-${MAX_ACCOUNT_DIGITS} digits`, {
      reason: 'LENGTH',
    });
  }
  return digits;
}

export function isAccountNumber(raw: string): boolean {
  try {
    normaliseAccountNumber(raw);
    return true;
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
}

/** Luhn (mod 10) check over a digit string; false for anything that is not 2+ digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Computes the Luhn digit to append to `partial` (for test data). */
export function luhnCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + String(d))) return String(d);
  throw new DomainError('INVALID_ACCOUNT_NUMBER', 'partial number must be digits', { reason: 'FORMAT' });
}

export interface BankCardSignals {
  readonly normalised: string;
  readonly luhnValid: boolean;
  /** 16-19 digits with a valid Luhn digit: the shape of a bank card rather than a plain account. */
  readonly looksLikeCard: boolean;
}

export function bankCardSignals(raw: string): BankCardSignals {
  const normalised = normaliseAccountNumber(raw);
  const luhn = luhnValid(normalised);
  return { normalised, luhnValid: luhn, looksLikeCard: luhn && normalised.length >= 16 && normalised.length <= 19 };
}

/** Masks for logs and responses: first 6 (issuer) and last 4 kept when 12+ digits, else last 4 only. */
export function maskAccount(raw: string): string {
  const s = raw.normalize('NFKC').replace(/[\s-]/g, '');
  if (s.length >= 12) return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
  if (s.length > 4) return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
  return '*'.repeat(s.length);
}
