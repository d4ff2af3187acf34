/**
 * Counts non-counter outflow against LIMITED_NON_COUNTER daily caps, once per transaction id:
 * core banking retries a check when it times out, and a retry must neither be counted again
 * nor be refused because its own first attempt used up the cap.
 *
 * Days are Shanghai calendar days (caps reset at 00:00 UTC+8). Memory stays bounded: the ledger
 * keeps the latest day it has seen ("today") and the day before, so that a retry sent just
 * after midnight is still recognised; anything older is dropped as soon as a later day arrives.
 *
 * Usage for the hot path:
 *   const usage = ledger.usageExcluding(account, day, txId);
 *   const decision = evaluateOperation({ ...op, usage });
 *   if (decision.countsTowardCap) ledger.apply(account, txId, amountFen, day);
 * A retry then sees the same usage as its first attempt and gets the same answer.
 */
import type { DailyUsage } from './check.js';
import { restrictionError } from './errors.js';
import { DAY_MS, isDayKey } from './shanghai-time.js';

export { shanghaiDay } from './shanghai-time.js';

interface AccountDay {
  amountFen: number;
  count: number;
  /** transaction id -> amount counted, in fen */
  transactions: Map<string, number>;
}

export interface CapApplyResult {
  /** False for a repeated transaction id, or for a day the ledger no longer keeps. */
  counted: boolean;
  /** The account's usage on that day after this call. */
  usage: DailyUsage;
}

export interface CapLedgerStats {
  days: number;
  accounts: number;
  transactions: number;
}

const NO_USAGE: Readonly<DailyUsage> = Object.freeze({ amountFenToday: 0, countToday: 0 });

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

function assertKey(value: string, field: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw restrictionError('INVALID_TRANSACTION_ID', `${field} must be a non-empty string`, { field });
  }
}

function assertDay(day: string): void {
  if (typeof day !== 'string' || !isDayKey(day)) throw restrictionError('INVALID_DAY', 'day must be YYYY-MM-DD', { day });
}

export class DailyCapLedger {
  /** day -> account key -> usage */
  private readonly days = new Map<string, Map<string, AccountDay>>();
  private today: string | null = null;

  /**
   * Counts an allowed outflow. A transaction id already counted for the account on that day
   * (or on the day before, for a retry across midnight) is not counted again.
   */
  apply(accountKey: string, transactionId: string, amountFen: number, day: string): CapApplyResult {
    assertKey(accountKey, 'accountKey');
    assertKey(transactionId, 'transactionId');
    assertDay(day);
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
      throw restrictionError('INVALID_AMOUNT', 'amountFen must be a safe positive integer', { amountFen });
    }
    this.prune(day);
    if (!this.keeps(day)) return { counted: false, usage: { ...NO_USAGE } };
    if (this.seen(accountKey, transactionId, day) || this.seen(accountKey, transactionId, previousDay(day))) {
      return { counted: false, usage: this.usage(accountKey, day) };
    }

    let accounts = this.days.get(day);
    if (!accounts) {
      accounts = new Map();
      this.days.set(day, accounts);
    }
    let entry = accounts.get(accountKey);
    if (!entry) {
      entry = { amountFen: 0, count: 0, transactions: new Map() };
      accounts.set(accountKey, entry);
    }
    const total = entry.amountFen + amountFen;
    if (!Number.isSafeInteger(total)) throw restrictionError('INVALID_AMOUNT', 'daily total overflows', { accountKey, day });
    entry.amountFen = total;
    entry.count += 1;
    entry.transactions.set(transactionId, amountFen);
    return { counted: true, usage: { amountFenToday: entry.amountFen, countToday: entry.count } };
  }

  usage(accountKey: string, day: string): DailyUsage {
    const entry = this.days.get(day)?.get(accountKey);
    return entry ? { amountFenToday: entry.amountFen, countToday: entry.count } : { ...NO_USAGE };
  }

  /** The usage as it was before `transactionId` was counted (the usage itself if it never was). */
  usageExcluding(accountKey: string, day: string, transactionId: string): DailyUsage {
    const entry = this.days.get(day)?.get(accountKey);
    if (!entry) return { ...NO_USAGE };
    const own = entry.transactions.get(transactionId);
    if (own === undefined) return { amountFenToday: entry.amountFen, countToday: entry.count };
    return { amountFenToday: entry.amountFen - own, countToday: entry.count - 1 };
  }

  hasCounted(accountKey: string, transactionId: string, day: string): boolean {
    return this.seen(accountKey, transactionId, day);
  }

  /** Advances "today" (never backwards) and drops every day before the previous one. */
  prune(today: string): void {
    assertDay(today);
    if (this.today !== null && today <= this.today) return;
    this.today = today;
    const keepFrom = previousDay(today);
    for (const day of this.days.keys()) {
      if (day < keepFrom) this.days.delete(day);
    }
  }

  stats(): CapLedgerStats {
    let accounts = 0;
    let transactions = 0;
    for (const byAccount of this.days.values()) {
      accounts += byAccount.size;
      for (const entry of byAccount.values()) transactions += entry.transactions.size;
    }
    return { days: this.days.size, accounts, transactions };
  }

  private keeps(day: string): boolean {
    return this.today === null || day >= previousDay(this.today);
  }

  private seen(accountKey: string, transactionId: string, day: string): boolean {
    return this.days.get(day)?.get(accountKey)?.transactions.has(transactionId) ?? false;
  }
}
