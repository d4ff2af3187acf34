/**
 * Active person-level restriction orders that forbid opening new accounts (联合惩戒), from the
 * restrictions module.
 */
export const PERSON_RESTRICTIONS_PORT = Symbol('PERSON_RESTRICTIONS_PORT');

export interface NoNewAccountsOrder {
  orderId: string;
}

export interface PersonRestrictionsPort {
  readonly ready: boolean;
  /** The active order forbidding new accounts for this holder (blind-index key), if any. */
  noNewAccountsOrder(holderKey: string, at: Date): Promise<NoNewAccountsOrder | null>;
}
