/**
 * One subject's event-time window: an account, or a person (by ID number) for cash movements
 * across their accounts. Detectors read it through WindowView; only AccountWindows mutates it.
 */
import type { EventIdLog } from './event-id-log.js';
import { E_EVENT, E_TS, H_BASE, H_DORMANT_SINCE, H_LAST, H_OPENED, H_WAKE, HEADER, STRIDE } from './window-layout.js';
import type { WindowPool } from './window-pool.js';

/** Read-only view a detector gets. Entries [start, end) are in event-time order. */
export interface WindowView {
  /** Account key `${bankCode}:${accountNumber}`, or `id:${idNumber}` for a person window. */
  readonly key: string;
  /** Small integer naming this window while it lives; other windows refer to it by this id. */
  readonly id: number;
  readonly isPerson: boolean;
  /**
   * The numbers the window lives in: entry i (within [start, end)) at HEADER + i * STRIDE (see
   * window-layout.ts). Shared with other windows: read only the window's own entries.
   */
  readonly data: Float64Array;
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

/**
 * A window seen through its id: a small object made on demand, holding no state of its own, so
 * it reads whatever the pool holds now (a slab may move as the window grows or shrinks).
 */
export class AccountWindow implements WindowView {
  constructor(
    private readonly pool: WindowPool,
    private readonly log: EventIdLog,
    private readonly keys: readonly (string | undefined)[],
    readonly id: number,
  ) {}

  get key(): string {
    return this.keys[this.id]!;
  }

  get isPerson(): boolean {
    return this.pool.isPerson(this.id);
  }
  get data(): Float64Array {
    return this.pool.data(this.id);
  }
  get start(): number {
    return this.pool.start(this.id);
  }
  get end(): number {
    return this.pool.end(this.id);
  }
  get current(): number {
    return this.pool.current(this.id);
  }
  get size(): number {
    return this.pool.size(this.id);
  }
  /** Entries the window can hold before its slab must move. */
  get capacity(): number {
    return this.pool.capacity(this.id);
  }
  /** Victim warnings raised for this account as a sender while its window lived. */
  get warnings(): number {
    return this.pool.warnings(this.id);
  }
  addWarning(): void {
    this.pool.addWarning(this.id);
  }

  get lastActivityMs(): number {
    return this.pool.data(this.id)[this.pool.header(this.id) + H_LAST]!;
  }
  get baseActivityMs(): number {
    return this.pool.data(this.id)[this.pool.header(this.id) + H_BASE]!;
  }
  get wakeMs(): number {
    return this.pool.data(this.id)[this.pool.header(this.id) + H_WAKE]!;
  }
  get dormantSinceMs(): number {
    return this.pool.data(this.id)[this.pool.header(this.id) + H_DORMANT_SINCE]!;
  }
  get openedAtMs(): number {
    return this.pool.data(this.id)[this.pool.header(this.id) + H_OPENED]!;
  }
  eventIdAt(i: number): string {
    return this.log.get(this.pool.data(this.id)[HEADER + i * STRIDE + E_EVENT]!);
  }
}
