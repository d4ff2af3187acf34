import { parseAmountToFen } from '../../domain/detection/money.js';
import type { PartyRef, TransferEventJson } from '../../domain/detection/transfer-event.js';
import { maskAccount } from '../../domain/identity/bank-card.js';

export interface ProfileTransfer {
  at: string;
  direction: 'IN' | 'OUT';
  type: string;
  channel: string;
  amount: string;
  counterparty: string;
}

export interface ProfileCounterparty {
  label: string;
  inFen: number;
  outFen: number;
  count: number;
}

function label(p: PartyRef | undefined, fallback: string): string {
  return p ? `${p.bankCode} ${maskAccount(p.accountNumber)}` : fallback;
}

/**
 * The account's side of each transfer (in or out) and its counterparties with the sums both ways.
 * Names and ID numbers in the events are never copied out: counterparties appear as masked accounts.
 */
export function summariseTransfers(events: readonly TransferEventJson[], account: { bankCode: string; accountNumber: string }, limit = 50): { transfers: ProfileTransfer[]; counterparties: ProfileCounterparty[] } {
  const isMe = (p?: PartyRef): boolean => p !== undefined && p.bankCode === account.bankCode && p.accountNumber === account.accountNumber;
  const sorted = [...events].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  const transfers: ProfileTransfer[] = [];
  const parties = new Map<string, ProfileCounterparty>();
  for (const e of sorted) {
    const out = isMe(e.debtor);
    if (!out && !isMe(e.creditor)) continue;
    const other = out ? e.creditor : e.debtor;
    const name = label(other, e.type === 'CASH_WITHDRAWAL' || e.type === 'CASH_DEPOSIT' ? 'CASH' : '—');
    let fen = 0;
    try {
      fen = parseAmountToFen(e.amount);
    } catch {
      continue;
    }
    if (transfers.length < limit) transfers.push({ at: e.occurredAt, direction: out ? 'OUT' : 'IN', type: e.type, channel: e.channel, amount: e.amount, counterparty: name });
    const c = parties.get(name) ?? { label: name, inFen: 0, outFen: 0, count: 0 };
    if (out) c.outFen += fen;
    else c.inFen += fen;
    c.count += 1;
    parties.set(name, c);
  }
  const counterparties = [...parties.values()].sort((a, b) => b.inFen + b.outFen - (a.inFen + a.outFen)).slice(0, 16);
  return { transfers, counterparties };
}
