/**
 * Mainland China mobile numbers. People write them with +86 / 0086 / 86 prefixes, spaces, dashes,
 * dots and parentheses; two spellings of one number must compare equal, so everything is reduced to
 * the 11 national digits before comparison or blind indexing. Only mobile numbers are accepted
 * (1, then 3-9, then 9 digits): landlines and foreign numbers are rejected, not guessed at.
 */
import { DomainError } from '../domain-error.js';

const MOBILE = /^1[3-9]\d{9}$/;

export type PhoneRejection = 'FORMAT' | 'NOT_CN_MOBILE';

function reject(reason: PhoneRejection, message: string): never {
  throw new DomainError('INVALID_PHONE', message, { reason });
}

/**
 * Returns the 11-digit national number.
 * @throws DomainError INVALID_PHONE with details.reason FORMAT | NOT_CN_MOBILE
 */
export function normaliseCnMobile(raw: string): string {
  const compact = raw.normalize('NFKC').replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) reject('FORMAT', 'a phone number holds digits, an optional +, spaces, dashes and parentheses');
  let digits: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+86')) reject('NOT_CN_MOBILE', 'only +86 numbers are accepted');
    digits = compact.slice(3);
  } else if (compact.startsWith('0086')) {
    digits = compact.slice(4);
  } else if (compact.length === 13 && compact.startsWith('86')) {
    digits = compact.slice(2);
  } else {
    digits = compact;
  }
  if (!MOBILE.test(digits)) reject('NOT_CN_MOBILE', 'a mainland mobile number is 11 digits starting 13-19');
  return digits;
}

export function isCnMobile(raw: string): boolean {
  try {
    normaliseCnMobile(raw);
    return true;
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
}

/**
 * Masks for logs and responses: '138****8000'. Input that is not a valid mobile number keeps at most
 * its last 4 digits.
 */
export function maskPhone(raw: string): string {
  if (isCnMobile(raw)) {
    const digits = normaliseCnMobile(raw);
    return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  }
  const digits = raw.replace(/\D/g, '');
  return digits.length > 4 ? `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` : '*'.repeat(digits.length);
}
