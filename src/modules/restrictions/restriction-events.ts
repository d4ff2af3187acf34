/**
 * Messages on the change feed.
 *
 * Topic `restrictions.changes` (also the Kafka topic of that name when KAFKA_BROKERS is set):
 * - `{ type: 'ORDERS_CHANGED', orderIds }`: orders were created or moved status; every instance
 *   reloads them into its check view. Ids only (at most 100 per message).
 * - `{ type: 'ACCOUNT_EFFECTIVE_CHANGED', ... }` (EffectiveChangeMessage): an account's effective
 *   restriction changed. Published once, by the instance that recorded the change; the same
 *   payload is what the account's institution receives by webhook
 *   (event type `restriction.effective-changed`).
 * - `{ type: 'POLICIES_CHANGED', version }`: an ADMIN saved policies; instances reload them.
 *
 * Topic `restrictions.cap-usage` (internal): capped outflows counted by one instance, so the
 * others' daily ledgers agree: `{ entries: [[day, accountKey, transactionId, amountFen], ...] }`.
 *
 * Topic `accounts.changes` (listened to): `{ accounts: [{ bankCode, accountNumber, holderKey }] }`
 * from whoever records accounts (openings, loads), so a restricted person's new account is
 * restricted at once.
 */
import type { RestrictionLevel } from '../../domain/restrictions/index.js';
import type { ChangeCause } from './restriction-effective-change.entity.js';

export const RESTRICTIONS_TOPIC = 'restrictions.changes';
export const CAP_USAGE_TOPIC = 'restrictions.cap-usage';
export const ACCOUNTS_TOPIC = 'accounts.changes';
export const EFFECTIVE_CHANGED_WEBHOOK = 'restriction.effective-changed';

export interface EffectiveChangeMessage {
  type: 'ACCOUNT_EFFECTIVE_CHANGED';
  /** The change's id (also the webhook event id). */
  changeId: string;
  bankCode: string;
  accountNumber: string;
  /** Institution holding the account, when known. */
  institutionId: string | null;
  /** 1, 2, 3 ... per account: receivers can spot gaps and order. */
  sequence: number;
  previousLevel: RestrictionLevel | null;
  level: RestrictionLevel | null;
  /** The orders behind the level now in force. */
  orderIds: string[];
  cause: ChangeCause;
  causeOrderId: string | null;
  effectiveAt: string;
}

export interface OrdersChangedMessage {
  type: 'ORDERS_CHANGED';
  orderIds: string[];
}

export function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
