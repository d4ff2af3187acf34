/**
 * Money inside the service is an integer number of fen (1 CNY = 100 fen) held in a `number` and
 * checked with Number.isSafeInteger. Amounts arrive as decimal strings; a float never touches them.
 */
import { DomainError } from '../domain-error.js';
import type { DetectionErrorCode } from './detection-errors.js';

/** Plain decimal, no sign, no exponent, no thousands separators, at most two decimals. */
const AMOUNT = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

function invalid(text: unknown, reason: string): never {
  throw new DomainError<DetectionErrorCode>('INVALID_AMOUNT', `amount ${JSON.stringify(text)} ${reason}`, { reason });
}

/**
 * '4999.00' -> 499900, '0.5' -> 50, '12' -> 1200.
 * Rejects negatives, a leading '+', exponent notation, more than two decimals, leading zeros
 * ('007'), empty fraction ('5.'), whitespace and values beyond Number.MAX_SAFE_INTEGER fen.
 * @throws DomainError INVALID_AMOUNT
 */
export function parseAmountToFen(text: string): number {
  if (typeof text !== 'string') invalid(text, 'must be a decimal string');
  const m = AMOUNT.exec(text);
  if (m === null) invalid(text, 'must be a non-negative decimal with at most 2 decimals');
  const whole = m[1]!;
  const frac = (m[2] ?? '').padEnd(2, '0');
  // Digits beyond 15 cannot be represented exactly, so refuse before multiplying.
  if (whole.length > 14) invalid(text, 'is too large');
  const fen = Number(whole) * 100 + Number(frac);
  if (!Number.isSafeInteger(fen)) invalid(text, 'is too large');
  return fen;
}

/** 499900 -> '4999.00', -5 -> '-0.05'. The inverse of parseAmountToFen for non-negative values. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new DomainError<DetectionErrorCode>('INVALID_AMOUNT', `fen ${fen} is not a safe integer`, { reason: 'NOT_INTEGER' });
  }
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}
