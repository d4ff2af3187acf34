import type { TransferEvent } from '../../domain/detection/transfer-event.js';

/** Transfer events in (key: the debtor account, the creditor's for a cash deposit). */
export const TRANSFERS_TOPIC = 'transfers';
/** Messages of `transfers` that are not valid JSON or not a valid event, with headers naming the error. */
export const TRANSFERS_DLQ_TOPIC = 'transfers.dlq';

/** `${bankCode}:${accountNumber}` of the debtor, or of the creditor when there is no debtor. */
export function transferMessageKey(e: Pick<TransferEvent, 'debtor' | 'creditor'>): string {
  const p = e.debtor ?? e.creditor;
  return p === undefined ? '' : `${p.bankCode}:${p.accountNumber}`;
}
