import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { formatFen, parseAmountToFen } from '../../domain/detection/money.js';
import { normaliseAccountNumber } from '../../domain/identity/bank-card.js';
import { evaluateOperation, isChannel, isDirection, shanghaiDay, type Channel, type CheckReason, type Direction, type RestrictionLevel } from '../../domain/restrictions/index.js';
import { CapUsageStore } from './cap-usage.store.js';
import { RestrictionViewService } from './restriction-view.service.js';
import { accountKeyOf } from './restriction-view.js';

export interface CheckInput {
  bankCode: string;
  accountNumber: string;
  direction: string;
  channel: string;
  amount: string;
  transactionId: string;
  purposeCode?: string;
}

export interface CheckResult {
  allowed: boolean;
  effectiveLevel: RestrictionLevel | null;
  /** Why, as a stable code (e.g. FROZEN, WITHIN_DAILY_CAP). */
  code: CheckReason;
  /** The orders behind the effective level. */
  reasons: readonly string[];
  flagged: boolean;
  transactionId: string;
  /** LIMITED_NON_COUNTER only: what is left today. */
  remainingDailyAmount?: string;
  remainingDailyCount?: number;
}

const BANK_CODE = /^[A-Za-z0-9-]{1,20}$/;
const DIGITS = /^\d{6,32}$/;
const TX_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const CHECK_FIELDS = new Set(['bankCode', 'accountNumber', 'direction', 'channel', 'amount', 'transactionId', 'purposeCode']);

function invalid(field: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', message, { errors: [{ field, constraints: { invalid: message } }] });
}

/**
 * The check core banking makes on every transaction. Answered from memory: the view gives
 * the account's effective level (two map lookups, cached until the clock could change it),
 * the pure ladder decides, and a capped outflow is counted in the in-memory ledger. No
 * database query, no audit write (a check changes nothing; it is counted in a metric).
 */
@Injectable()
export class RestrictionCheckService {
  private readonly checks: Counter<string>;

  constructor(
    private readonly views: RestrictionViewService,
    private readonly caps: CapUsageStore,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.checks = metrics.counter('restriction_checks_total', 'Restriction checks answered, by outcome and effective level', ['allowed', 'level']);
  }

  /**
   * Validation is done here by hand rather than by class-validator: this is the hottest route,
   * and a handful of typeof checks and regexes cost a fraction of a decorated DTO. Errors have
   * the same problem shape (VALIDATION_FAILED with the field named).
   */
  check(body: unknown): CheckResult {
    if (!this.views.ready) throw new DomainError('SERVICE_UNAVAILABLE', 'The restrictions view is still loading.');
    if (typeof body !== 'object' || body === null || Array.isArray(body)) invalid('body', 'the body must be a JSON object');
    for (const k in body) {
      if (!CHECK_FIELDS.has(k)) invalid(k, `property ${k} should not exist`);
    }
    const input = body as Partial<Record<keyof CheckInput, unknown>>;
    const { bankCode, transactionId, purposeCode } = input;
    if (typeof bankCode !== 'string' || !BANK_CODE.test(bankCode)) invalid('bankCode', 'bankCode must be 1-20 letters, digits or dashes');
    if (typeof transactionId !== 'string' || !TX_ID.test(transactionId)) invalid('transactionId', 'transactionId must be 1-100 letters, digits, dot, dash, underscore or colon');
    if (purposeCode !== undefined && (typeof purposeCode !== 'string' || purposeCode.length > 32)) invalid('purposeCode', 'purposeCode must be a string of at most 32 characters');
    if (typeof input.accountNumber !== 'string') invalid('accountNumber', 'accountNumber must be 6-32 digits');
    if (typeof input.amount !== 'string') invalid('amount', 'amount must be a decimal string in CNY with at most 2 decimals');
    let accountNumber = input.accountNumber;
    if (!DIGITS.test(accountNumber)) {
      try {
        accountNumber = normaliseAccountNumber(accountNumber);
      } catch {
        invalid('accountNumber', 'accountNumber must be 6-32 digits');
      }
    }
    if (!isDirection(input.direction)) invalid('direction', 'direction must be IN or OUT');
    if (!isChannel(input.channel)) invalid('channel', 'channel must be COUNTER, ATM, MOBILE, ONLINE, POS or THIRD_PARTY');
    let amountFen: number;
    try {
      amountFen = parseAmountToFen(input.amount);
    } catch {
      invalid('amount', 'amount must be a decimal string in CNY with at most 2 decimals');
    }
    if (amountFen <= 0) invalid('amount', 'amount must be greater than zero');
    const direction: Direction = input.direction;
    const channel: Channel = input.channel;

    const now = this.clock.now();
    const key = accountKeyOf(bankCode, accountNumber);
    const eff = this.views.view.effective(key, now.getTime());
    let day: string | undefined;
    let usage;
    if (eff.level === 'LIMITED_NON_COUNTER') {
      day = shanghaiDay(now);
      usage = this.caps.usageExcluding(key, day, transactionId);
    }
    const d = evaluateOperation({ level: eff.level, direction, channel, amountFen, purposeCode, usage, limits: eff.limits });
    if (d.countsTowardCap && day !== undefined) this.caps.count(key, transactionId, amountFen, day, now);
    this.checks.inc({ allowed: d.allowed ? 'true' : 'false', level: eff.level ?? 'NONE' });
    const result: CheckResult = { allowed: d.allowed, effectiveLevel: eff.level, code: d.reason, reasons: eff.orderIds, flagged: d.flagged, transactionId };
    if (d.remaining) {
      result.remainingDailyAmount = formatFen(d.remaining.amountFen);
      result.remainingDailyCount = d.remaining.count;
    }
    return result;
  }
}
