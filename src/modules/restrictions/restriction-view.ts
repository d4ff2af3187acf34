/**
 * The in-memory picture the check is answered from: active orders by account and by holder,
 * and for restricted holders which accounts they hold. Only accounts that some order reaches
 * are here (an account absent from the view is unrestricted), so memory follows the number of
 * restricted accounts, not the size of the account registry.
 *
 * Each account caches its effective restriction until the next instant the clock alone could
 * change it (effectiveRestriction's nextChangeAt), so expiry and start take effect on time
 * without a job, and a check costs two map lookups in the common case.
 *
 * Plain TypeScript with no I/O: the view service feeds it from the database and the change feed.
 */
import {
  DEFAULT_DAILY_LIMITS,
  effectiveRestriction,
  type DailyLimits,
  type OrderStatus,
  type RestrictionLevel,
  type RestrictionOrderView,
} from '../../domain/restrictions/index.js';

export interface ViewOrder extends RestrictionOrderView {
  version: number;
  /** ACCOUNT orders: accountKeyOf(bankCode, accountNumber). */
  accountKey: string | null;
  /** PERSON / ENTITY orders: the holder's blind index. */
  holderKey: string | null;
  /** LIMITED_NON_COUNTER orders with their own caps. */
  limits: DailyLimits | null;
}

export interface ViewEffective {
  level: RestrictionLevel | null;
  orderIds: readonly string[];
  limits: DailyLimits;
}

interface Cached extends ViewEffective {
  computedAt: number;
  validUntil: number;
}

interface AccountSlot {
  own: ViewOrder[];
  /** Set when the holder has orders in the view. */
  holderKey: string | null;
  cache: Cached | null;
}

export const UNRESTRICTED: ViewEffective = Object.freeze({ level: null, orderIds: Object.freeze([]) as readonly string[], limits: DEFAULT_DAILY_LIMITS });

export function accountKeyOf(bankCode: string, accountNumber: string): string {
  return `${bankCode}|${accountNumber}`;
}

export function splitAccountKey(key: string): { bankCode: string; accountNumber: string } {
  const i = key.indexOf('|');
  return { bankCode: key.slice(0, i), accountNumber: key.slice(i + 1) };
}

/** Orders that can be in force now or later; everything else leaves the view. */
function kept(status: OrderStatus): boolean {
  return status === 'ACTIVE';
}

export interface ViewStats {
  orders: number;
  accounts: number;
  holders: number;
  holderAccounts: number;
}

export class RestrictionView {
  private readonly orders = new Map<string, ViewOrder>();
  private readonly accounts = new Map<string, AccountSlot>();
  private readonly holders = new Map<string, ViewOrder[]>();
  private readonly holderAccounts = new Map<string, Set<string>>();
  /** Versions of orders that left the view, so a late, older copy cannot bring them back. */
  private readonly gone = new Map<string, number>();

  /** The effective restriction of an account at `nowMs`. */
  effective(accountKey: string, nowMs: number): ViewEffective {
    const slot = this.accounts.get(accountKey);
    if (!slot) return UNRESTRICTED;
    const c = slot.cache;
    if (c && c.computedAt <= nowMs && nowMs < c.validUntil) return c;
    const holderOrders = slot.holderKey ? this.holders.get(slot.holderKey) : undefined;
    const orders = holderOrders && holderOrders.length > 0 ? slot.own.concat(holderOrders) : slot.own;
    const eff = effectiveRestriction(orders, new Date(nowMs));
    let limits = DEFAULT_DAILY_LIMITS;
    if (eff.level === 'LIMITED_NON_COUNTER') {
      for (const id of eff.orderIds) {
        const l = this.orders.get(id)?.limits;
        if (!l) continue;
        // Several limiting orders: the strictest cap of each kind applies.
        limits = limits === DEFAULT_DAILY_LIMITS ? { ...l } : { dailyAmountFen: Math.min(limits.dailyAmountFen, l.dailyAmountFen), dailyCount: Math.min(limits.dailyCount, l.dailyCount) };
      }
    }
    const cached: Cached = {
      level: eff.level,
      orderIds: eff.orderIds,
      limits,
      computedAt: nowMs,
      validUntil: eff.nextChangeAt ? eff.nextChangeAt.getTime() : Number.POSITIVE_INFINITY,
    };
    slot.cache = cached;
    return cached;
  }

  /** NO_NEW_ACCOUNTS orders in force on a holder (person or entity). */
  personMeasures(holderKey: string, nowMs: number): { noNewAccounts: boolean; orderIds: string[] } {
    const orders = this.holders.get(holderKey);
    if (!orders || orders.length === 0) return { noNewAccounts: false, orderIds: [] };
    const eff = effectiveRestriction(orders, new Date(nowMs));
    return { noNewAccounts: eff.noNewAccounts, orderIds: eff.noNewAccountsOrderIds };
  }

  get orderCount(): number {
    return this.orders.size;
  }

  hasHolder(holderKey: string): boolean {
    return this.holderAccounts.has(holderKey);
  }

  holderAccountKeys(holderKey: string): string[] {
    return [...(this.holderAccounts.get(holderKey) ?? [])];
  }

  /** Holders with orders in the view (for reconciliation with the account registry). */
  holderKeys(): string[] {
    return [...this.holders.keys()];
  }

  getOrder(id: string): ViewOrder | undefined {
    return this.orders.get(id);
  }

  knownVersion(id: string): number | undefined {
    return this.orders.get(id)?.version ?? this.gone.get(id);
  }

  /**
   * Puts an order's current state in the view (or takes it out when it is no longer active).
   * Returns false, changing nothing, for a version older than the one already seen.
   */
  apply(order: ViewOrder): boolean {
    const known = this.knownVersion(order.id);
    if (known !== undefined && known > order.version) return false;
    const previous = this.orders.get(order.id);
    if (previous) this.detach(previous);
    if (kept(order.status)) {
      this.gone.delete(order.id);
      this.orders.set(order.id, order);
      this.attach(order);
    } else {
      this.orders.delete(order.id);
      this.gone.set(order.id, order.version);
      if (this.gone.size > 1_000_000) this.gone.clear();
    }
    return true;
  }

  /** The accounts a holder holds (replaces what was known). Only kept while the holder has orders. */
  setHolderAccounts(holderKey: string, accountKeys: Iterable<string>): void {
    const old = this.holderAccounts.get(holderKey);
    if (old) {
      for (const key of old) this.unlinkHolder(key, holderKey);
    }
    const set = new Set(accountKeys);
    this.holderAccounts.set(holderKey, set);
    for (const key of set) this.linkHolder(key, holderKey);
    this.dropHolderIfUnused(holderKey);
  }

  /** A newly recorded account: restricted at once if its holder has orders. */
  addAccount(accountKey: string, holderKey: string): boolean {
    const set = this.holderAccounts.get(holderKey);
    if (!set || !this.holders.has(holderKey)) return false;
    if (set.has(accountKey)) return false;
    set.add(accountKey);
    this.linkHolder(accountKey, holderKey);
    return true;
  }

  stats(): ViewStats {
    let holderAccounts = 0;
    for (const s of this.holderAccounts.values()) holderAccounts += s.size;
    return { orders: this.orders.size, accounts: this.accounts.size, holders: this.holders.size, holderAccounts };
  }

  private slot(accountKey: string): AccountSlot {
    let s = this.accounts.get(accountKey);
    if (!s) {
      s = { own: [], holderKey: null, cache: null };
      this.accounts.set(accountKey, s);
    }
    return s;
  }

  private attach(order: ViewOrder): void {
    if (order.target === 'ACCOUNT' && order.accountKey) {
      const s = this.slot(order.accountKey);
      s.own.push(order);
      s.cache = null;
      return;
    }
    if (order.holderKey) {
      const list = this.holders.get(order.holderKey);
      if (list) list.push(order);
      else this.holders.set(order.holderKey, [order]);
      this.invalidateHolder(order.holderKey);
    }
  }

  private detach(order: ViewOrder): void {
    if (order.target === 'ACCOUNT' && order.accountKey) {
      const s = this.accounts.get(order.accountKey);
      if (!s) return;
      s.own = s.own.filter((o) => o.id !== order.id);
      s.cache = null;
      if (s.own.length === 0 && s.holderKey === null) this.accounts.delete(order.accountKey);
      return;
    }
    if (order.holderKey) {
      const list = this.holders.get(order.holderKey)?.filter((o) => o.id !== order.id) ?? [];
      if (list.length > 0) this.holders.set(order.holderKey, list);
      else this.holders.delete(order.holderKey);
      this.invalidateHolder(order.holderKey);
      this.dropHolderIfUnused(order.holderKey);
    }
  }

  private invalidateHolder(holderKey: string): void {
    for (const key of this.holderAccounts.get(holderKey) ?? []) {
      const s = this.accounts.get(key);
      if (s) s.cache = null;
    }
  }

  private linkHolder(accountKey: string, holderKey: string): void {
    const s = this.slot(accountKey);
    s.holderKey = holderKey;
    s.cache = null;
  }

  private unlinkHolder(accountKey: string, holderKey: string): void {
    const s = this.accounts.get(accountKey);
    if (!s || s.holderKey !== holderKey) return;
    s.holderKey = null;
    s.cache = null;
    if (s.own.length === 0) this.accounts.delete(accountKey);
  }

  /** A holder with no orders left needs no account list: forget it (reloaded if an order comes). */
  private dropHolderIfUnused(holderKey: string): void {
    if (this.holders.has(holderKey)) return;
    const set = this.holderAccounts.get(holderKey);
    if (!set) return;
    for (const key of set) this.unlinkHolder(key, holderKey);
    this.holderAccounts.delete(holderKey);
  }
}

