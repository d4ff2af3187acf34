/**
 * Test data for transfer events: `aTransfer().from(a).to(b).amount('4999.00').at(t0).via('ATM').build()`
 * gives the external JSON shape (issue 6, point 1: ISO time with +08:00, decimal amount string);
 * `.buildInternal()` gives the parsed event the detectors take. Event ids come from a counter,
 * so a test file always produces the same ids; nothing here is random.
 */
import { formatChinaTime } from '../../../src/domain/detection/event-time.js';
import { toInternalEvent } from '../../../src/domain/detection/to-internal-event.js';
import type {
  PartyRef,
  TerminalInfo,
  TransferChannel,
  TransferEvent,
  TransferEventJson,
  TransferType,
} from '../../../src/domain/detection/transfer-event.js';

/** A Monday, 10:00 China time. */
export const T0 = Date.parse('2025-03-03T10:00:00+08:00');

let nextId = 1;
let idPrefix = 'evt';

/** Restarts the event id counter (ids are `${prefix}-${n}` with n zero-padded to 8 digits). */
export function resetTransferIds(start = 1, prefix = 'evt'): void {
  nextId = start;
  idPrefix = prefix;
}

function takeId(): string {
  return `${idPrefix}-${String(nextId++).padStart(8, '0')}`;
}

/** Either 'bankCode:accountNumber' or a party object. */
export type AccountRef = string | PartyRef;

/** A deterministic account: anAccount(7) -> { bankCode: '102100000001', accountNumber: '6222020000000007' }. */
export function anAccount(n: number, bankCode = '102100000001', extra: Omit<PartyRef, 'bankCode' | 'accountNumber'> = {}): PartyRef {
  return { bankCode, accountNumber: `622202${String(n).padStart(10, '0')}`, ...extra };
}

function toParty(ref: AccountRef): PartyRef {
  if (typeof ref !== 'string') return ref;
  const i = ref.indexOf(':');
  if (i <= 0) throw new Error(`account ref must be 'bankCode:accountNumber', got ${ref}`);
  return { bankCode: ref.slice(0, i), accountNumber: ref.slice(i + 1) };
}

function toMs(t: Date | number | string): number {
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime();
  if (Number.isNaN(ms)) throw new Error(`not a time: ${String(t)}`);
  return ms;
}

export class TransferBuilder {
  private eventId: string | undefined;
  private occurredAtMs = T0;
  private type: TransferType = 'TRANSFER';
  private channel: TransferChannel = 'MOBILE';
  private amountText = '100.00';
  private debtor: PartyRef | undefined = anAccount(1);
  private creditor: PartyRef | undefined = anAccount(2);
  private terminal: TerminalInfo = {};
  private memoText: string | undefined;

  withId(eventId: string): this {
    this.eventId = eventId;
    return this;
  }
  from(account: AccountRef): this {
    this.debtor = toParty(account);
    return this;
  }
  to(account: AccountRef): this {
    this.creditor = toParty(account);
    return this;
  }
  /** Decimal string in CNY, e.g. '4999.00'. */
  amount(text: string): this {
    this.amountText = text;
    return this;
  }
  /** Date, epoch ms, or ISO string. */
  at(t: Date | number | string): this {
    this.occurredAtMs = toMs(t);
    return this;
  }
  via(channel: TransferChannel): this {
    this.channel = channel;
    return this;
  }
  ofType(type: TransferType): this {
    this.type = type;
    return this;
  }
  /** A TRANSFER (the default type). */
  transfer(): this {
    return this.ofType('TRANSFER');
  }
  payment(): this {
    return this.ofType('PAYMENT');
  }
  /** Cash out of the debtor's account at an ATM; no creditor. */
  withdrawal(): this {
    this.type = 'CASH_WITHDRAWAL';
    this.channel = 'ATM';
    this.creditor = undefined;
    return this;
  }
  /** Cash into the creditor's account at an ATM; no debtor. Call `.to()` after `.deposit()` or keep the default creditor. */
  deposit(): this {
    this.type = 'CASH_DEPOSIT';
    this.channel = 'ATM';
    this.debtor = undefined;
    return this;
  }
  atAtm(atmId: string): this {
    this.terminal = { ...this.terminal, atmId };
    return this;
  }
  inRegion(regionCode: string): this {
    this.terminal = { ...this.terminal, regionCode };
    return this;
  }
  onDevice(deviceId: string): this {
    this.terminal = { ...this.terminal, deviceId };
    return this;
  }
  fromIp(ip: string): this {
    this.terminal = { ...this.terminal, ip };
    return this;
  }
  memo(text: string): this {
    this.memoText = text;
    return this;
  }

  /** The external JSON event. Takes the next id from the counter unless withId() was used. */
  build(): TransferEventJson {
    const json: TransferEventJson = {
      eventId: this.eventId ?? takeId(),
      occurredAt: formatChinaTime(this.occurredAtMs),
      type: this.type,
      channel: this.channel,
      amount: this.amountText,
      currency: 'CNY',
      ...(this.debtor !== undefined ? { debtor: this.debtor } : {}),
      ...(this.creditor !== undefined ? { creditor: this.creditor } : {}),
      terminal: this.terminal,
      ...(this.memoText !== undefined ? { memo: this.memoText } : {}),
    };
    return json;
  }

  /** The parsed internal event (through the same toInternalEvent the service uses). */
  buildInternal(): TransferEvent {
    return toInternalEvent(this.build());
  }
}

export function aTransfer(): TransferBuilder {
  return new TransferBuilder();
}

/** The JSON event as the parsed internal event. */
export function toInternal(json: TransferEventJson): TransferEvent {
  return toInternalEvent(json);
}
