/**
 * How one subject's window is laid out in memory: a slab of doubles in a shared Float64Array
 * (see window-pool.ts) holding a small header and then one fixed-width record per event, oldest
 * first. A million active accounts must fit in well under 1.5 GB, so nothing per event is an
 * object: even the event id is named by its number in a shared log.
 */
import type { TransferChannel, TransferEvent, TransferType } from './transfer-event.js';

/** Header slots at the start of every window slab (all epoch ms, NaN = unknown / none). */
export const HEADER = 5;
/** Latest event time seen for the subject. */
export const H_LAST = 0;
/** Last activity before the engine first saw the subject (from the injected lookup). */
export const H_BASE = 1;
/** Event time at which the subject woke after a dormant spell. */
export const H_WAKE = 2;
/** The last activity before that wake. */
export const H_DORMANT_SINCE = 3;
/** Account opening time (from the injected lookup). */
export const H_OPENED = 4;

/** Numbers per event record. */
export const STRIDE = 5;
/** Event time, epoch ms. */
export const E_TS = 0;
/** Amount in fen (integer). */
export const E_AMOUNT = 1;
/** Window id of the counterparty account (for a person window: the person's account), or -1. */
export const E_PEER = 2;
/** flags (8 bits) + region (20 bits) * 2^8 + ATM hash (25 bits) * 2^28; exact below 2^53. */
export const E_PACKED = 3;
/** Sequence number of the event id in the EventIdLog. */
export const E_EVENT = 4;

/** Flag bit 0: money left the subject. */
export const F_OUT = 1;
const TYPE_SHIFT = 1;
const CHANNEL_SHIFT = 3;

export const TYPE_CODE: Readonly<Record<TransferType, number>> = {
  TRANSFER: 0,
  CASH_WITHDRAWAL: 1,
  CASH_DEPOSIT: 2,
  PAYMENT: 3,
};
export const T_TRANSFER = 0;
export const T_CASH_WITHDRAWAL = 1;
export const T_CASH_DEPOSIT = 2;
export const T_PAYMENT = 3;

export const CHANNEL_CODE: Readonly<Record<TransferChannel, number>> = {
  COUNTER: 0,
  ATM: 1,
  MOBILE: 2,
  ONLINE: 3,
  POS: 4,
  THIRD_PARTY: 5,
};

const REGION_SPAN = 2 ** 20;
const ATM_SPAN = 2 ** 25;
const REGION_UNIT = 2 ** 8;
const ATM_UNIT = 2 ** 28;

/** The 8 flag bits of a packed slot. ToInt32 keeps the low 32 bits of the exact integer. */
export function flagsOf(packed: number): number {
  return packed & 0xff;
}
export function isOut(packed: number): boolean {
  return (packed & F_OUT) !== 0;
}
export function typeOf(packed: number): number {
  return (packed >> TYPE_SHIFT) & 0x3;
}
export function channelOf(packed: number): number {
  return (packed >> CHANNEL_SHIFT) & 0x7;
}
/** Region code as a number (a six-digit GB/T 2260 code is kept as is), 0 = unknown. */
export function regionOf(packed: number): number {
  return (packed / REGION_UNIT) & (REGION_SPAN - 1);
}
/** 25-bit hash of the ATM id, 0 = unknown. */
export function atmOf(packed: number): number {
  return Math.floor(packed / ATM_UNIT);
}

export function packEntry(out: boolean, type: number, channel: number, region: number, atm: number): number {
  return (out ? F_OUT : 0) + (type << TYPE_SHIFT) + (channel << CHANNEL_SHIFT) + region * REGION_UNIT + atm * ATM_UNIT;
}

/** FNV-1a over UTF-16 code units; deterministic across processes (windows are rebuilt on restart). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Region code -> 20-bit number: a six-digit code is its own value (999999 < 2^20), anything else
 * is hashed (a collision could only merge two odd codes, never split one region).
 */
export function regionNumber(code: string | undefined): number {
  if (code === undefined) return 0;
  if (code.length === 6) {
    let n = 0;
    for (let i = 0; i < 6; i++) {
      const c = code.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return (hash32(code) % (REGION_SPAN - 1)) + 1;
      n = n * 10 + c;
    }
    if (n !== 0) return n;
  }
  return (hash32(code) % (REGION_SPAN - 1)) + 1;
}

/**
 * ATM id -> 25-bit hash, 0 = none. Distinct ATMs are counted among a handful of withdrawals, where
 * two ids colliding (about 1 in 3 million per pair) would only undercount by one.
 */
export function atmNumber(atmId: string | undefined): number {
  if (atmId === undefined) return 0;
  return (hash32(atmId) % (ATM_SPAN - 1)) + 1;
}

/** Encodes one side of an event as its packed slot. */
export function packEvent(event: TransferEvent, out: boolean): number {
  const type = TYPE_CODE[event.type];
  const cash = type === T_CASH_WITHDRAWAL || type === T_CASH_DEPOSIT;
  // Terminal data only matters to the cash-out detector; skip the hashing on other events.
  return packEntry(
    out,
    type,
    CHANNEL_CODE[event.channel],
    cash ? regionNumber(event.terminal.regionCode) : 0,
    cash ? atmNumber(event.terminal.atmId) : 0,
  );
}

/** Bit set of type codes, for detectors that count only some transfer types. */
export function typeMask(types: readonly TransferType[]): number {
  let mask = 0;
  for (const t of types) mask |= 1 << TYPE_CODE[t];
  return mask;
}
