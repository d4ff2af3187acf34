/**
 * The restriction that applies to an account right now: the most severe order in force among
 * the account's own orders, its holder person's and its entity's. Evaluated against the clock
 * so that an order takes effect and expires on time even when no job has updated its stored
 * status. The caller picks the orders (account + holder + entity); target is carried only so
 * that the answer can say where a restriction came from.
 */
import { compareLevels, isPersonMeasure, type RestrictionLevel, type RestrictionMeasure } from './ladder.js';
import type { OrderStatus, OrderTarget } from './order-status.js';
import { assertValidDate } from './shanghai-time.js';
import { ORDER_EXPIRY, deriveStatus } from './terms.js';

export interface RestrictionOrderView {
  id: string;
  level: RestrictionMeasure;
  status: OrderStatus;
  effectiveFrom: Date;
  expiresAt: Date | null;
  target: OrderTarget;
}

export interface EffectiveRestriction {
  /** The most severe ladder level in force, or null when none is. */
  level: RestrictionLevel | null;
  /** Ids of the orders in force at that level (sorted), i.e. the reasons for it. */
  orderIds: string[];
  /** Operations are flagged for monitoring whenever any level is in force. */
  flagged: boolean;
  /** A NO_NEW_ACCOUNTS order is in force (it does not change the ladder level). */
  noNewAccounts: boolean;
  noNewAccountsOrderIds: string[];
  /**
   * The next instant at which the answer can change with the clock alone: an order in force
   * expires or an approved order starts. null when nothing is scheduled. Lets an in-memory view
   * publish the change on time without polling.
   */
  nextChangeAt: Date | null;
}

/** Approved (ACTIVE), already effective and not yet expired by the clock. */
export function isOrderInForce(order: Pick<RestrictionOrderView, 'status' | 'effectiveFrom' | 'expiresAt'>, now: Date): boolean {
  assertValidDate(order.effectiveFrom, 'effectiveFrom');
  return deriveStatus(order, now, ORDER_EXPIRY) === 'ACTIVE' && order.effectiveFrom.getTime() <= now.getTime();
}

export function effectiveRestriction(orders: readonly RestrictionOrderView[], now: Date): EffectiveRestriction {
  assertValidDate(now, 'now');
  let level: RestrictionLevel | null = null;
  let orderIds: string[] = [];
  const noNewAccountsOrderIds: string[] = [];
  let next = Number.POSITIVE_INFINITY;

  for (const order of orders) {
    if (!isOrderInForce(order, now)) {
      // An approved order that has not started yet changes the answer when it does.
      const start = order.effectiveFrom.getTime();
      if (deriveStatus(order, now, ORDER_EXPIRY) === 'ACTIVE' && start > now.getTime()) next = Math.min(next, start);
      continue;
    }
    if (order.expiresAt !== null) next = Math.min(next, order.expiresAt.getTime());
    if (isPersonMeasure(order.level)) {
      noNewAccountsOrderIds.push(order.id);
      continue;
    }
    const cmp = compareLevels(order.level, level);
    if (cmp > 0) {
      level = order.level;
      orderIds = [order.id];
    } else if (cmp === 0) {
      orderIds.push(order.id);
    }
  }

  return {
    level,
    orderIds: orderIds.sort(),
    flagged: level !== null,
    noNewAccounts: noNewAccountsOrderIds.length > 0,
    noNewAccountsOrderIds: noNewAccountsOrderIds.sort(),
    nextChangeAt: Number.isFinite(next) ? new Date(next) : null,
  };
}
