/**
 * One subject's event-time window: an account, or a person (by ID number) for cash movements
 * across their accounts. Detectors read it through WindowView; only AccountWindows mutates it.
 */
import type { EventIdLog } from './event-id-log.js';
import { E_EVENT, E_TS, H_BASE, H_DORMANT_SINCE, H_LAST, H_OPENED, H_WAKE, HEADER, STRIDE } from './window-layout.js';

/** Read-only view a detector gets. Entries [start, end) are in event-time order. */
export interface WindowView {
  /** Account key `${bankCode}:${accountNumber}`, or `id:${idNumber}` for a person window. */
  readonly key: string;
  /** Small integer naming this window while it lives; other windows refer to it by this id. */
  readonly id: number;
  readonly isPerson: boolean;
  /** Header (see window-layout.ts) then STRIDE numbers per entry. */
  readonly data: readonly number[];
  /** The event id of entry i (within [start, end)). */
  eventIdAt(i: number): string;
  readonly start: number;
  readonly end: number;
  /** Index of the entry of the event being evaluated, or -1. */
  readonly current: number;
  /** Latest event time seen, NaN if none. */
  readonly lastActivityMs: number;
  /** Event time at which the subject woke from dormancy, NaN if it has not. */
  readonly wakeMs: number;
  /** Last activity before the wake, NaN if no wake. */
  readonly dormantSinceMs: number;
  /** Account opening time, NaN if unknown. */
  readonly openedAtMs: number;
}

/** Lets the graph detectors follow counterparties from window to window. */
export interface GraphView {
  byId(id: number): WindowView | undefined;
}

/** Offset in `data` of entry i. */
export function at(i: number): number {
  return HEADER + i * STRIDE;
}

/** Event time of entry i. */
export function timeAt(view: Pick<WindowView, 'data'>, i: number): number {
  return view.data[HEADER + i * STRIDE + E_TS]!;
}

/** First entry index in [view.start, view.end) whose time is >= ms (view.end if none). */
export function lowerBound(view: Pick<WindowView, 'data' | 'start' | 'end'>, ms: number): number {
  const d = view.data;
  let lo = view.start;
  let hi = view.end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d[HEADER + mid * STRIDE + E_TS]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First entry index whose time is > ms. */
export function upperBound(view: Pick<WindowView, 'data' | 'start' | 'end'>, ms: number): number {
  const d = view.data;
  let lo = view.start;
  let hi = view.end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d[HEADER + mid * STRIDE + E_TS]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const COMPACT_MIN = 16;

export class AccountWindow implements WindowView {
  readonly data: number[];
  start = 0;
  end = 0;
  current = -1;
  /** Victim warnings raised for this account as a sender while its window lived. */
  warnings = 0;

  constructor(
    private readonly log: EventIdLog,
    readonly key: string,
    public id: number,
    readonly isPerson: boolean,
    baseActivityMs: number,
    openedAtMs: number,
  ) {
    // All doubles from the start, so V8 picks unboxed double elements for the whole array.
    this.data = [NaN, baseActivityMs, NaN, NaN, openedAtMs];
  }

  get lastActivityMs(): number {
    return this.data[H_LAST]!;
  }
  get baseActivityMs(): number {
    return this.data[H_BASE]!;
  }
  get wakeMs(): number {
    return this.data[H_WAKE]!;
  }
  get dormantSinceMs(): number {
    return this.data[H_DORMANT_SINCE]!;
  }
  get openedAtMs(): number {
    return this.data[H_OPENED]!;
  }
  eventIdAt(i: number): string {
    return this.log.get(this.data[HEADER + i * STRIDE + E_EVENT]!);
  }

  get size(): number {
    return this.end - this.start;
  }

  setLastActivity(ms: number): void {
    this.data[H_LAST] = ms;
  }

  markWake(wakeMs: number, dormantSinceMs: number): void {
    this.data[H_WAKE] = wakeMs;
    this.data[H_DORMANT_SINCE] = dormantSinceMs;
  }

  /** Index of the entry with this time and event id, or -1. */
  indexOfEvent(ms: number, eventId: string): number {
    const d = this.data;
    for (let i = lowerBound(this, ms); i < this.end && d[HEADER + i * STRIDE + E_TS] === ms; i++) {
      if (this.eventIdAt(i) === eventId) return i;
    }
    return -1;
  }

  /**
   * Inserts an entry in event-time order (after any entries with the same time) and drops the
   * oldest entries beyond `cap`. Returns the new entry's index, or -1 if it was itself the oldest
   * and fell to the cap.
   */
  insert(ms: number, amount: number, peer: number, packed: number, eventSeq: number, cap: number): number {
    const d = this.data;
    let p = this.end;
    if (p > this.start && d[HEADER + (p - 1) * STRIDE + E_TS]! > ms) p = upperBound(this, ms);
    d.push(ms, amount, peer, packed, eventSeq);
    if (p !== this.end) {
      d.copyWithin(HEADER + (p + 1) * STRIDE, HEADER + p * STRIDE, HEADER + this.end * STRIDE);
      const o = HEADER + p * STRIDE;
      d[o] = ms;
      d[o + 1] = amount;
      d[o + 2] = peer;
      d[o + 3] = packed;
      d[o + 4] = eventSeq;
    }
    this.end++;
    if (this.end - this.start > cap) {
      const keptFrom = this.start + (this.end - this.start - cap);
      this.dropFront(keptFrom - this.start);
      if (p < keptFrom) return -1;
      // dropFront may have compacted: indices moved down by keptFrom - start.
      return p - (keptFrom - this.start);
    }
    return p;
  }

  /** Removes entries older than `cutoffMs`; returns how many. */
  expireBefore(cutoffMs: number): number {
    const d = this.data;
    let i = this.start;
    while (i < this.end && d[HEADER + i * STRIDE + E_TS]! < cutoffMs) i++;
    const n = i - this.start;
    if (n > 0) this.dropFront(n);
    return n;
  }

  private dropFront(n: number): void {
    this.start += n;
    if (this.start === this.end) {
      this.data.length = HEADER;
      this.start = this.end = 0;
    } else if (this.start >= COMPACT_MIN && this.start * 2 >= this.end) {
      this.compact();
    }
  }

  /** Moves live entries to the front and lets the arrays shrink. */
  compact(): void {
    if (this.start === 0) return;
    const live = this.end - this.start;
    this.data.copyWithin(HEADER, HEADER + this.start * STRIDE, HEADER + this.end * STRIDE);
    this.data.length = HEADER + live * STRIDE;
    if (this.current >= 0) this.current -= this.start;
    this.start = 0;
    this.end = live;
  }
}
