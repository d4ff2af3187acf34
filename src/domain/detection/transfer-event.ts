/**
 * Transfer events: the versioned JSON shape that arrives over HTTP and Kafka (strings only, as a
 * bank sends it) and the parsed internal shape the detectors work on (epoch ms, integer fen).
 */

export const TRANSFER_TYPES = ['TRANSFER', 'CASH_WITHDRAWAL', 'CASH_DEPOSIT', 'PAYMENT'] as const;
export type TransferType = (typeof TRANSFER_TYPES)[number];

export const TRANSFER_CHANNELS = ['COUNTER', 'ATM', 'MOBILE', 'ONLINE', 'POS', 'THIRD_PARTY'] as const;
export type TransferChannel = (typeof TRANSFER_CHANNELS)[number];

/** Version of the JSON event shape; bumped on any incompatible change. */
export const TRANSFER_EVENT_SCHEMA_VERSION = 1;

export interface PartyRef {
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly name?: string;
  readonly idNumber?: string;
}

export interface TerminalInfo {
  readonly atmId?: string;
  readonly deviceId?: string;
  readonly ip?: string;
  /** GB/T 2260 division code of where the transaction happened, e.g. '440305'. */
  readonly regionCode?: string;
}

/** The external JSON event (issue 6, point 1). */
export interface TransferEventJson {
  readonly eventId: string;
  /** ISO 8601 with an offset, e.g. '2025-03-01T10:00:00+08:00'. */
  readonly occurredAt: string;
  readonly type: TransferType;
  readonly channel: TransferChannel;
  /** Decimal string in CNY, at most two decimals, e.g. '4999.00'. */
  readonly amount: string;
  readonly currency: string;
  readonly debtor?: PartyRef;
  readonly creditor?: PartyRef;
  readonly terminal?: TerminalInfo;
  readonly memo?: string;
}

/** The parsed event the detectors see. */
export interface TransferEvent {
  readonly eventId: string;
  readonly occurredAtMs: number;
  readonly type: TransferType;
  readonly channel: TransferChannel;
  /** Integer fen, > 0. */
  readonly amountFen: number;
  readonly currency: string;
  /** Absent only on a cash deposit. */
  readonly debtor?: PartyRef;
  /** Absent only on a cash withdrawal. */
  readonly creditor?: PartyRef;
  readonly terminal: TerminalInfo;
  readonly memo?: string;
}

/** The key every window, alert and lookup uses for an account: `${bankCode}:${accountNumber}`. */
export function accountKey(party: Pick<PartyRef, 'bankCode' | 'accountNumber'>): string {
  return `${party.bankCode}:${party.accountNumber}`;
}

/** Inverse of accountKey: the bank code is everything before the first ':'. */
export function bankCodeOfKey(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? key : key.slice(0, i);
}
