/**
 * Error codes raised by the restrictions domain. The HTTP layer maps each code to a problem
 * response in one place; keeping the list as a const array lets it switch exhaustively.
 */
import { DomainError } from '../domain-error.js';

export const RESTRICTION_ERROR_CODES = [
  /** An amount in fen that is not a safe positive integer. */
  'INVALID_AMOUNT',
  /** Today's usage (amount or count) is not a safe non-negative integer. */
  'INVALID_CAP_USAGE',
  /** A daily cap (amount or count) is not a safe non-negative integer. */
  'INVALID_CAP_LIMITS',
  /** A Date that is not a valid instant. */
  'INVALID_DATE',
  /** A term interval whose end lies before its start. */
  'INVALID_TERM_INTERVAL',
  /** A term length (years or hours) that is not a positive integer. */
  'INVALID_TERM_LENGTH',
  /** A day key that is not YYYY-MM-DD. */
  'INVALID_DAY',
  /** A transaction id or account key that is empty. */
  'INVALID_TRANSACTION_ID',
  /** A policy that cannot be evaluated (bad trigger, action or scope). */
  'INVALID_POLICY',
  /** A chained term was refused: the consecutive run already reached the cap. */
  'TERM_CAP_REACHED',
] as const;

export type RestrictionErrorCode = (typeof RESTRICTION_ERROR_CODES)[number];

export function restrictionError(
  code: RestrictionErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError<RestrictionErrorCode> {
  return new DomainError(code, message, details);
}
