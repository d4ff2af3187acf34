/**
 * Turns the external JSON event into the internal one, checking what a JSON schema cannot say
 * well: amounts as exact decimals, real instants with offsets, and which side a cash event has.
 * The HTTP DTOs and the Kafka consumer both end here, so both reject the same events the same way.
 */
import { DomainError } from '../domain-error.js';
import type { DetectionErrorCode } from './detection-errors.js';
import { parseEventTime } from './event-time.js';
import { parseAmountToFen } from './money.js';
import {
  TRANSFER_CHANNELS,
  TRANSFER_TYPES,
  type PartyRef,
  type TerminalInfo,
  type TransferEvent,
  type TransferEventJson,
  type TransferType,
} from './transfer-event.js';

const MAX_ID = 128;
const MAX_TEXT = 256;

function bad(field: string, message: string): never {
  throw new DomainError<DetectionErrorCode>('INVALID_TRANSFER_EVENT', `${field}: ${message}`, { field });
}

function text(value: unknown, field: string, max: number, required: true): string;
function text(value: unknown, field: string, max: number, required: false): string | undefined;
function text(value: unknown, field: string, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) bad(field, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') bad(field, 'must be a string');
  if (value.length === 0 || value.length > max) bad(field, `must be 1..${max} characters`);
  return value;
}

function party(value: unknown, field: string): PartyRef | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) bad(field, 'must be an object');
  const v = value as Record<string, unknown>;
  const bankCode = text(v['bankCode'], `${field}.bankCode`, 32, true);
  const accountNumber = text(v['accountNumber'], `${field}.accountNumber`, 64, true);
  if (bankCode.includes(':')) bad(`${field}.bankCode`, "must not contain ':'");
  const name = text(v['name'], `${field}.name`, MAX_TEXT, false);
  const idNumber = text(v['idNumber'], `${field}.idNumber`, 32, false);
  // Optional fields assigned, not spread: no throwaway objects on a path every event takes.
  const out: { bankCode: string; accountNumber: string; name?: string; idNumber?: string } = { bankCode, accountNumber };
  if (name !== undefined) out.name = name;
  if (idNumber !== undefined) out.idNumber = idNumber;
  return out;
}

function terminal(value: unknown): TerminalInfo {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) bad('terminal', 'must be an object');
  const v = value as Record<string, unknown>;
  const atmId = text(v['atmId'], 'terminal.atmId', 64, false);
  const deviceId = text(v['deviceId'], 'terminal.deviceId', MAX_TEXT, false);
  const ip = text(v['ip'], 'terminal.ip', 64, false);
  const regionCode = text(v['regionCode'], 'terminal.regionCode', 12, false);
  const out: { atmId?: string; deviceId?: string; ip?: string; regionCode?: string } = {};
  if (atmId !== undefined) out.atmId = atmId;
  if (deviceId !== undefined) out.deviceId = deviceId;
  if (ip !== undefined) out.ip = ip;
  if (regionCode !== undefined) out.regionCode = regionCode;
  return out;
}

/**
 * Validates and converts one external event.
 * Rules: amount > 0 with at most 2 decimals; occurredAt with an offset; a cash withdrawal has a
 * debtor and no creditor, a cash deposit a creditor and no debtor, a transfer or payment both,
 * and the two are different accounts.
 * @throws DomainError INVALID_TRANSFER_EVENT (details.field), INVALID_AMOUNT, INVALID_OCCURRED_AT
 */
export function toInternalEvent(json: TransferEventJson | Record<string, unknown>): TransferEvent {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) bad('event', 'must be an object');
  const v = json as Record<string, unknown>;
  const eventId = text(v['eventId'], 'eventId', MAX_ID, true);
  const occurredAtMs = parseEventTime(text(v['occurredAt'], 'occurredAt', 40, true));
  // Keep the constant strings, not the parsed ones: later comparisons and lookups get cheaper.
  const typeIndex = (TRANSFER_TYPES as readonly unknown[]).indexOf(v['type']);
  if (typeIndex < 0) bad('type', `must be one of ${TRANSFER_TYPES.join(', ')}`);
  const channelIndex = (TRANSFER_CHANNELS as readonly unknown[]).indexOf(v['channel']);
  if (channelIndex < 0) bad('channel', `must be one of ${TRANSFER_CHANNELS.join(', ')}`);
  const channel = TRANSFER_CHANNELS[channelIndex]!;
  const amountFen = parseAmountToFen(text(v['amount'], 'amount', 24, true));
  if (amountFen === 0) bad('amount', 'must be greater than zero');
  const currency = text(v['currency'], 'currency', 3, true);
  // Thresholds are in CNY; a foreign-currency leg must be converted upstream, never guessed here.
  if (currency !== 'CNY') bad('currency', 'must be CNY');
  const debtor = party(v['debtor'], 'debtor');
  const creditor = party(v['creditor'], 'creditor');
  const t: TransferType = TRANSFER_TYPES[typeIndex]!;
  if (t === 'CASH_WITHDRAWAL') {
    if (debtor === undefined) bad('debtor', 'a cash withdrawal needs a debtor');
    if (creditor !== undefined) bad('creditor', 'a cash withdrawal has no creditor');
  } else if (t === 'CASH_DEPOSIT') {
    if (creditor === undefined) bad('creditor', 'a cash deposit needs a creditor');
    if (debtor !== undefined) bad('debtor', 'a cash deposit has no debtor');
  } else {
    if (debtor === undefined) bad('debtor', `a ${t.toLowerCase()} needs a debtor`);
    if (creditor === undefined) bad('creditor', `a ${t.toLowerCase()} needs a creditor`);
    if (debtor.bankCode === creditor.bankCode && debtor.accountNumber === creditor.accountNumber) {
      bad('creditor', 'must differ from the debtor');
    }
  }
  const memo = text(v['memo'], 'memo', MAX_TEXT, false);
  const event: { -readonly [K in keyof TransferEvent]: TransferEvent[K] } = { eventId, occurredAtMs, type: t, channel, amountFen, currency, terminal: terminal(v['terminal']) };
  if (debtor !== undefined) event.debtor = debtor;
  if (creditor !== undefined) event.creditor = creditor;
  if (memo !== undefined) event.memo = memo;
  return event;
}
