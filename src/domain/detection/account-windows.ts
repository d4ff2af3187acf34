/**
 * The store of per-subject event-time windows, bounded four ways: entries older than the
 * retention (longest detector span + allowed lateness) are dropped, a subject idle longer than
 * idleTtlMs is evicted by an incremental sweep, each subject keeps at most maxEntriesPerSubject
 * entries, and events older than the watermark minus the allowed lateness are refused as LATE.
 * Duplicates are recognised by event id among the stored entries with the same event time, so
 * the dedup memory is the window itself and costs nothing extra.
 *
 * Subjects are accounts (`${bankCode}:${accountNumber}`) and, for cash movements, persons
 * (`id:${idNumber}`), so that cash split over one person's accounts at several banks is seen.
 * Each window has a small integer id, reused after eviction; entries name their counterparty by
 * that id, which is what lets the graph detectors walk from account to account.
 */
import { AccountWindow, type GraphView } from './account-window.js';
import { type DetectionParams, retentionMs, validateDetectionParams } from './detection-params.js';
import { wakesFromDormancy } from './detectors/dormant-reactivated.js';
import type { PartyRef, TransferEvent } from './transfer-event.js';
import { EventIdLog } from './event-id-log.js';
import { SubjectIndex } from './subject-index.js';
import { E_EVENT, E_TS, H_BASE, H_DORMANT_SINCE, H_LAST, H_WAKE, HEADER, STRIDE, packEvent } from './window-layout.js';
import { WindowPool } from './window-pool.js';

export type RecordStatus = 'ACCEPTED' | 'DUPLICATE' | 'LATE';

/** Lookups into account records, all synchronous (the host keeps them in memory or caches them). */
export interface WindowDeps {
  /** Opening time (epoch ms) of an account, for NEW_ACCOUNT_LARGE. Asked once per window. */
  readonly accountOpenedAt?: (accountKey: string) => number | undefined;
  /** Last activity (epoch ms) before the engine saw the account, for DORMANT_REACTIVATED. Asked once per window. */
  readonly lastActivityBefore?: (accountKey: string) => number | undefined;
  /** Told when an account window is evicted, so the host can persist its last activity. */
  readonly onEvicted?: (accountKey: string, lastActivityMs: number) => void;
}

export interface WindowStats {
  /** Live account windows. */
  readonly accounts: number;
  /** Live person windows. */
  readonly persons: number;
  /** Stored entries over all windows. */
  readonly entries: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly late: number;
  readonly evicted: number;
  readonly watermarkMs: number;
}

export const PERSON_KEY_PREFIX = 'id:';
/** First key part of person windows in the index; bank codes never contain ':', so no account can match. */
const PERSON_PART = 'id:';

export class AccountWindows implements GraphView {
  /** (bank code, account number) or (PERSON_PART, ID number) -> window id; no key string per event. */
  private readonly index = new SubjectIndex();
  private readonly log = new EventIdLog();
  private readonly pool: WindowPool;
  private personCount = 0;
  /** Key of each live window id (read when a finding names it or the window is evicted). */
  private readonly keys: (string | undefined)[] = [];
  /**
   * Last activity per window id, mirrored out of the windows so that the eviction sweep reads one
   * compact array instead of visiting every window (a cache miss each).
   */
  private lastSeen = new Float64Array(1024).fill(NaN);
  private readonly freeIds: number[] = [];
  /** Scratch for the two window ids of an event. */
  private readonly pairIds = new Int32Array(2);
  private readonly retention: number;
  private readonly lateness: number;
  private readonly cap: number;
  private readonly trackDormancy: boolean;
  private readonly trackPersons: boolean;
  private watermark = -Infinity;
  private cursor = 0;
  private entryCount = 0;
  private counts = { accepted: 0, duplicates: 0, late: 0, evicted: 0 };

  /** Windows touched by the last accepted record(), with `current` on the event's entry. */
  debtor: AccountWindow | undefined;
  creditor: AccountWindow | undefined;
  debtorPerson: AccountWindow | undefined;
  creditorPerson: AccountWindow | undefined;
  /** Ids of the windows whose `current` the last record() set, -1 = none. */
  private readonly touched = new Int32Array([-1, -1, -1, -1]);

  constructor(
    private readonly params: DetectionParams,
    private readonly deps: WindowDeps = {},
  ) {
    validateDetectionParams(params);
    this.retention = retentionMs(params);
    this.lateness = params.windows.allowedLatenessMs;
    this.cap = params.windows.maxEntriesPerSubject;
    this.trackDormancy = params.dormantReactivated.enabled;
    this.trackPersons = params.structuring.enabled || params.cashOutMulti.enabled;
    this.pool = new WindowPool(this.cap);
  }

  /** Highest event time accepted so far (-Infinity before the first). */
  get watermarkMs(): number {
    return this.watermark;
  }

  get retentionMs(): number {
    return this.retention;
  }

  /** The window of an account key `${bankCode}:${accountNumber}` or a person key `id:${idNumber}`. */
  get(key: string): AccountWindow | undefined {
    const i = key.indexOf(':');
    if (i < 0) return undefined;
    const id = key.startsWith(PERSON_KEY_PREFIX)
      ? this.index.get(PERSON_PART, key.slice(PERSON_KEY_PREFIX.length))
      : this.index.get(key.slice(0, i), key.slice(i + 1));
    return id < 0 ? undefined : this.view(id);
  }

  byId(id: number): AccountWindow | undefined {
    return this.pool.isLive(id) ? this.view(id) : undefined;
  }

  private view(id: number): AccountWindow {
    return new AccountWindow(this.pool, this.log, this.keys, id);
  }

  private createAccount(party: PartyRef): number {
    // join() yields one flat string; a template literal would keep a rope of three pieces and,
    // through it, the event's own strings alive (about 90 bytes more per account).
    const id = this.create([party.bankCode, ':', party.accountNumber].join(''), false);
    this.index.add(party.bankCode, party.accountNumber, id);
    return id;
  }

  /** Stores both sides of an event (and the person side of cash), or says why not. */
  record(event: TransferEvent): RecordStatus {
    this.clearCurrent();
    const ts = event.occurredAtMs;
    const debtor = event.debtor;
    const creditor = event.creditor;
    const pool = this.pool;
    // Both sides are looked up together and their slabs read side by side: each step is a cache
    // miss per side, and the CPU overlaps two misses issued back to back.
    const ids = this.pairIds;
    this.index.getTwo(debtor?.bankCode, debtor?.accountNumber ?? '', creditor?.bankCode, creditor?.accountNumber ?? '', ids);
    let dId = ids[0]!;
    let cId = ids[1]!;
    // Each side's header and newest entry are read here, side by side, so that their cache misses
    // overlap; touch() and insert() then find them in the cache.
    const dLast = dId < 0 ? NaN : pool.data(dId)[pool.header(dId) + H_LAST]!;
    const cLast = cId < 0 ? NaN : pool.data(cId)[pool.header(cId) + H_LAST]!;
    const dNewest = dId < 0 ? -Infinity : pool.newestTime(dId);
    const cNewest = cId < 0 ? -Infinity : pool.newestTime(cId);
    // A stored event is no newer than its window's newest entry; newer events skip the search.
    if (
      (!(ts > dNewest) && this.indexOfEvent(dId, ts, event.eventId) >= 0) ||
      (!(ts > cNewest) && this.indexOfEvent(cId, ts, event.eventId) >= 0)
    ) {
      this.counts.duplicates++;
      return 'DUPLICATE';
    }
    if (ts < this.watermark - this.lateness) {
      this.counts.late++;
      return 'LATE';
    }
    if (ts > this.watermark) this.watermark = ts;
    this.counts.accepted++;
    const cutoff = this.watermark - this.retention;
    const seq = this.log.append(event.eventId, ts);
    if ((seq & 0xfff) === 0) this.log.release(cutoff);
    if (debtor !== undefined && dId < 0) dId = this.createAccount(debtor);
    if (creditor !== undefined && cId < 0) cId = this.createAccount(creditor);
    if (dId >= 0) {
      this.touch(dId, ts, cutoff, dLast);
      pool.setCurrent(dId, this.insert(dId, event, seq, true, cId));
      this.touched[0] = dId;
    }
    if (cId >= 0) {
      // A transfer to oneself: the debtor side has just moved the header on.
      this.touch(cId, ts, cutoff, cId === dId ? ts : cLast);
      pool.setCurrent(cId, this.insert(cId, event, seq, false, dId));
      this.touched[1] = cId;
    }
    if (this.trackPersons) {
      if (event.type === 'CASH_WITHDRAWAL' && dId >= 0 && debtor?.idNumber !== undefined) {
        this.touched[2] = this.personSide(debtor.idNumber, event, seq, true, dId, cutoff);
      } else if (event.type === 'CASH_DEPOSIT' && cId >= 0 && creditor?.idNumber !== undefined) {
        this.touched[3] = this.personSide(creditor.idNumber, event, seq, false, cId, cutoff);
      }
    }
    const t = this.touched;
    if (t[0]! >= 0) this.debtor = this.view(t[0]!);
    if (t[1]! >= 0) this.creditor = this.view(t[1]!);
    if (t[2]! >= 0) this.debtorPerson = this.view(t[2]!);
    if (t[3]! >= 0) this.creditorPerson = this.view(t[3]!);
    return 'ACCEPTED';
  }

  /** Index of the entry of window `id` with this time and event id, or -1. */
  private indexOfEvent(id: number, ms: number, eventId: string): number {
    const pool = this.pool;
    const d = pool.data(id);
    const end = pool.end(id);
    let lo = pool.start(id);
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d[HEADER + mid * STRIDE + E_TS]! < ms) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < end && d[HEADER + i * STRIDE + E_TS] === ms; i++) {
      if (this.log.get(d[HEADER + i * STRIDE + E_EVENT]!) === eventId) return i;
    }
    return -1;
  }

  private personSide(
    idNumber: string,
    event: TransferEvent,
    seq: number,
    out: boolean,
    accountId: number,
    cutoff: number,
  ): number {
    const idn = idNumber.toUpperCase();
    let id = this.index.get(PERSON_PART, idn);
    if (id < 0) {
      id = this.create([PERSON_KEY_PREFIX, idn].join(''), true);
      this.index.add(PERSON_PART, idn, id);
      this.personCount++;
    }
    this.touch(id, event.occurredAtMs, cutoff, this.pool.data(id)[this.pool.header(id) + H_LAST]!);
    this.pool.setCurrent(id, this.insert(id, event, seq, out, accountId));
    return id;
  }

  private clearCurrent(): void {
    const t = this.touched;
    for (let k = 0; k < 4; k++) {
      const id = t[k]!;
      if (id >= 0 && this.pool.isLive(id)) this.pool.setCurrent(id, -1);
      t[k] = -1;
    }
    this.debtor = this.creditor = this.debtorPerson = this.creditorPerson = undefined;
  }

  private create(key: string, isPerson: boolean): number {
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.keys.length;
    const base = isPerson ? undefined : this.deps.lastActivityBefore?.(key);
    const opened = isPerson ? undefined : this.deps.accountOpenedAt?.(key);
    this.pool.open(id, isPerson, base ?? NaN, opened ?? NaN);
    if (id === this.keys.length) this.keys.push(key);
    else this.keys[id] = key;
    if (id >= this.lastSeen.length) {
      const grown = new Float64Array(this.lastSeen.length * 2).fill(NaN);
      grown.set(this.lastSeen);
      this.lastSeen = grown;
    }
    this.lastSeen[id] = NaN;
    return id;
  }

  /**
   * Drops expired entries and keeps the activity header (last activity, dormancy wake); `last`
   * is the window's last activity as it stands (NaN for a new window).
   */
  private touch(id: number, ts: number, cutoff: number, last: number): void {
    const pool = this.pool;
    this.entryCount -= pool.expireBefore(id, cutoff);
    if (!(ts > last) && !Number.isNaN(last)) return;
    const d = pool.data(id);
    const h = pool.header(id);
    if (this.trackDormancy && !pool.isPerson(id)) {
      const prior = Number.isNaN(last) ? d[h + H_BASE]! : last;
      if (wakesFromDormancy(prior, ts, this.params.dormantReactivated)) {
        d[h + H_WAKE] = ts;
        d[h + H_DORMANT_SINCE] = prior;
      }
    }
    d[h + H_LAST] = ts;
    this.lastSeen[id] = ts;
  }

  private insert(id: number, event: TransferEvent, seq: number, out: boolean, peer: number): number {
    const pool = this.pool;
    const before = pool.size(id);
    const i = pool.insert(id, event.occurredAtMs, event.amountFen, peer, packEvent(event, out), seq, this.cap);
    this.entryCount += pool.size(id) - before;
    return i;
  }

  private evict(id: number): void {
    const key = this.keys[id]!;
    const isPerson = this.pool.isPerson(id);
    if (isPerson) {
      this.index.delete(PERSON_PART, key.slice(PERSON_KEY_PREFIX.length));
      this.personCount--;
    } else {
      const i = key.indexOf(':');
      this.index.delete(key.slice(0, i), key.slice(i + 1));
    }
    const d = this.pool.data(id);
    const lastActivity = d[this.pool.header(id) + H_LAST]!;
    this.entryCount -= this.pool.size(id);
    this.pool.close(id);
    this.keys[id] = undefined;
    this.lastSeen[id] = NaN;
    this.freeIds.push(id);
    this.counts.evicted++;
    if (!isPerson && this.deps.onEvicted !== undefined && !Number.isNaN(lastActivity)) {
      this.deps.onEvicted(key, lastActivity);
    }
  }

  /**
   * Looks at the next `n` window slots and evicts the idle ones. Called a little on every event,
   * so memory follows the watermark without pauses. Reads only the compact last-activity array.
   */
  sweep(n: number): void {
    const count = this.keys.length;
    if (count === 0) return;
    const idleBefore = this.watermark - this.params.windows.idleTtlMs;
    const seen = this.lastSeen;
    for (let k = 0; k < n; k++) {
      if (this.cursor >= count) this.cursor = 0;
      const id = this.cursor++;
      if (seen[id]! < idleBefore) this.evict(id);
    }
  }

  /** Evicts every window idle since before `watermarkMs - idleTtlMs`; returns how many. */
  evictIdle(watermarkMs: number = this.watermark): number {
    const idleBefore = watermarkMs - this.params.windows.idleTtlMs;
    const seen = this.lastSeen;
    let n = 0;
    for (let id = 0; id < this.keys.length; id++) {
      if (seen[id]! < idleBefore) {
        this.evict(id);
        n++;
      }
    }
    return n;
  }

  stats(): WindowStats {
    return {
      accounts: this.index.size - this.personCount,
      persons: this.personCount,
      entries: this.entryCount,
      ...this.counts,
      watermarkMs: this.watermark,
    };
  }
}
