/**
 * "May this operation go through on an account at this level?" — the answer core banking asks
 * for on every transaction. Pure and synchronous so the hot path can call it from memory.
 *
 * Readings of the rules (DOMAIN.md, "Restrictions on accounts and persons"):
 * - Direction matters: only FROZEN blocks inflow; every other level lets money in on every
 *   channel (a receive-only order must not block incoming money, and suspending non-counter
 *   business is there to stop money leaving through remote channels).
 * - The counter is the only counter channel; ATM, mobile, online, POS and third-party payment
 *   are non-counter (非柜面).
 * - LIMITED_NON_COUNTER caps non-counter outflow per day. Default caps follow the III-class
 *   account limit (CNY 2,000 a day) with 5 operations a day: the joint punishment measures
 *   still allow "a limited-function account", and III-class is the most limited one.
 * - Exempt purposes (tax, social security, utility withholdings) stay allowed under the two
 *   non-counter levels, and do not consume the daily cap: the measures keep them working for
 *   persons whose non-counter outflow is restricted. RECEIVE_ONLY and FROZEN are protective
 *   measures (止付 / 冻结) that keep money in the account while a case is checked; an exemption
 *   there would defeat them, so exempt purposes are refused like any other outflow.
 * - Every level flags the operation for monitoring: the ladder is cumulative, so each rung
 *   includes ENHANCED_MONITORING.
 */
import { restrictionError } from './errors.js';
import {
  isCounterChannel,
  isExemptPurpose,
  type Channel,
  type Direction,
  type RestrictionLevel,
} from './ladder.js';
import { assertUnreachable } from '../domain-error.js';

export const CHECK_REASONS = [
  /** No order in force on the account. */
  'NO_RESTRICTION',
  /** ENHANCED_MONITORING: allowed and flagged. */
  'MONITORED',
  /** Inflow under a level that only restricts outflow. */
  'INFLOW_ALLOWED',
  /** Counter outflow under a non-counter level. */
  'COUNTER_ALLOWED',
  /** Non-counter outflow for tax, social security or utilities under a non-counter level. */
  'EXEMPT_PURPOSE',
  /** Non-counter outflow that fits today's cap under LIMITED_NON_COUNTER. */
  'WITHIN_DAILY_CAP',
  'DAILY_AMOUNT_CAP_EXCEEDED',
  'DAILY_COUNT_CAP_EXCEEDED',
  'NON_COUNTER_OUTFLOW_SUSPENDED',
  'RECEIVE_ONLY_OUTFLOW_BLOCKED',
  'FROZEN',
] as const;

export type CheckReason = (typeof CHECK_REASONS)[number];

export interface DailyUsage {
  /** Non-counter outflow already counted today, in fen. */
  amountFenToday: number;
  /** Non-counter outflow operations already counted today. */
  countToday: number;
}

export interface DailyLimits {
  dailyAmountFen: number;
  dailyCount: number;
}

/** CNY 2,000 (the III-class daily limit) and 5 operations a day. */
export const DEFAULT_DAILY_LIMITS: Readonly<DailyLimits> = Object.freeze({
  dailyAmountFen: 200_000,
  dailyCount: 5,
});

export interface OperationInput {
  level: RestrictionLevel | null;
  direction: Direction;
  channel: Channel;
  amountFen: number;
  purposeCode?: string;
  /** Today's counted usage, not including this operation. Defaults to nothing used. */
  usage?: DailyUsage;
  limits?: DailyLimits;
}

export interface OperationDecision {
  allowed: boolean;
  reason: CheckReason;
  flagged: boolean;
  /**
   * True when the operation is allowed and consumes the daily cap: the caller records it
   * (DailyCapLedger.apply) under its transaction id.
   */
  countsTowardCap: boolean;
  /**
   * Under LIMITED_NON_COUNTER only: what is left today after this operation (when it counts),
   * otherwise what is left before it. Never negative.
   */
  remaining?: { amountFen: number; count: number };
}

type FenErrorCode = 'INVALID_AMOUNT' | 'INVALID_CAP_USAGE' | 'INVALID_CAP_LIMITS';

function assertFen(value: number, code: FenErrorCode, field: string, allowZero: boolean): void {
  if (!Number.isSafeInteger(value) || value < 0 || (!allowZero && value === 0)) {
    throw restrictionError(code, `${field} must be a safe ${allowZero ? 'non-negative' : 'positive'} integer`, { field, value });
  }
}

function remainingOf(usage: DailyUsage, limits: DailyLimits): { amountFen: number; count: number } {
  return {
    amountFen: Math.max(0, limits.dailyAmountFen - usage.amountFenToday),
    count: Math.max(0, limits.dailyCount - usage.countToday),
  };
}

function decision(
  allowed: boolean,
  reason: CheckReason,
  flagged: boolean,
  remaining?: { amountFen: number; count: number },
  countsTowardCap = false,
): OperationDecision {
  return remaining === undefined
    ? { allowed, reason, flagged, countsTowardCap }
    : { allowed, reason, flagged, countsTowardCap, remaining };
}

export function evaluateOperation(input: OperationInput): OperationDecision {
  const { level, direction, channel, amountFen, purposeCode } = input;
  assertFen(amountFen, 'INVALID_AMOUNT', 'amountFen', false);
  // Plain returns rather than closures: this runs on every transaction core banking sends.
  switch (level) {
    case null:
      return decision(true, 'NO_RESTRICTION', false);
    case 'ENHANCED_MONITORING':
      return decision(true, 'MONITORED', true);
    case 'LIMITED_NON_COUNTER': {
      const usage = input.usage ?? { amountFenToday: 0, countToday: 0 };
      const limits = input.limits ?? DEFAULT_DAILY_LIMITS;
      assertFen(usage.amountFenToday, 'INVALID_CAP_USAGE', 'usage.amountFenToday', true);
      assertFen(usage.countToday, 'INVALID_CAP_USAGE', 'usage.countToday', true);
      assertFen(limits.dailyAmountFen, 'INVALID_CAP_LIMITS', 'limits.dailyAmountFen', true);
      assertFen(limits.dailyCount, 'INVALID_CAP_LIMITS', 'limits.dailyCount', true);
      const before = remainingOf(usage, limits);
      if (direction === 'IN') return decision(true, 'INFLOW_ALLOWED', true, before);
      if (isCounterChannel(channel)) return decision(true, 'COUNTER_ALLOWED', true, before);
      if (isExemptPurpose(purposeCode)) return decision(true, 'EXEMPT_PURPOSE', true, before);
      // Count is checked first: when both caps are spent, "no operations left" is the
      // more useful answer for a teller or an app.
      if (usage.countToday + 1 > limits.dailyCount) return decision(false, 'DAILY_COUNT_CAP_EXCEEDED', true, before);
      if (usage.amountFenToday + amountFen > limits.dailyAmountFen) {
        return decision(false, 'DAILY_AMOUNT_CAP_EXCEEDED', true, before);
      }
      const after = remainingOf({ amountFenToday: usage.amountFenToday + amountFen, countToday: usage.countToday + 1 }, limits);
      return decision(true, 'WITHIN_DAILY_CAP', true, after, true);
    }
    case 'NON_COUNTER_SUSPENDED':
      if (direction === 'IN') return decision(true, 'INFLOW_ALLOWED', true);
      if (isCounterChannel(channel)) return decision(true, 'COUNTER_ALLOWED', true);
      if (isExemptPurpose(purposeCode)) return decision(true, 'EXEMPT_PURPOSE', true);
      return decision(false, 'NON_COUNTER_OUTFLOW_SUSPENDED', true);
    case 'RECEIVE_ONLY':
      return direction === 'IN' ? decision(true, 'INFLOW_ALLOWED', true) : decision(false, 'RECEIVE_ONLY_OUTFLOW_BLOCKED', true);
    case 'FROZEN':
      return decision(false, 'FROZEN', true);
    default:
      return assertUnreachable(level);
  }
}
