/**
 * The vocabulary of restriction orders shared by the effective-restriction view, expiry and
 * policies. Orders are never edited in place; a new status is a new history row.
 */

export const ORDER_STATUSES = ['PENDING_APPROVAL', 'ACTIVE', 'LIFTED', 'EXPIRED', 'SUPERSEDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * ACCOUNT: one account (bank code + account number). PERSON: every account of the person at
 * every member bank, present and future. ENTITY: every account of a company (by USCC).
 */
export const ORDER_TARGETS = ['ACCOUNT', 'PERSON', 'ENTITY'] as const;
export type OrderTarget = (typeof ORDER_TARGETS)[number];

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}
