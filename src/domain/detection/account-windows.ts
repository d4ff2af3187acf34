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
import { packEvent } from './window-layout.js';

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
  private personCount = 0;
  private readonly slots: (AccountWindow | undefined)[] = [];
  /**
   * Last activity per window id, mirrored out of the windows so that the eviction sweep reads one
   * compact array instead of visiting every window (a cache miss each).
   */
  private lastSeen = new Float64Array(1024).fill(NaN);
  private readonly freeIds: number[] = [];
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
    return id < 0 ? undefined : this.slots[id];
  }

  byId(id: number): AccountWindow | undefined {
    return this.slots[id];
  }

  private lookup(party: PartyRef): AccountWindow | undefined {
    const id = this.index.get(party.bankCode, party.accountNumber);
    return id < 0 ? undefined : this.slots[id];
  }

  private createAccount(party: PartyRef): AccountWindow {
    // join() yields one flat string; a template literal would keep a rope of three pieces and,
    // through it, the event's own strings alive (about 90 bytes more per account).
    const w = this.create([party.bankCode, ':', party.accountNumber].join(''), false);
    this.index.add(party.bankCode, party.accountNumber, w.id);
    return w;
  }

  /** Stores both sides of an event (and the person side of cash), or says why not. */
  record(event: TransferEvent): RecordStatus {
    this.clearCurrent();
    const ts = event.occurredAtMs;
    let dw = event.debtor === undefined ? undefined : this.lookup(event.debtor);
    let cw = event.creditor === undefined ? undefined : this.lookup(event.creditor);
    // A stored event has a time <= the window's last activity; newer events skip the search.
    if (
      (dw !== undefined && !(ts > dw.lastActivityMs) && dw.indexOfEvent(ts, event.eventId) >= 0) ||
      (cw !== undefined && !(ts > cw.lastActivityMs) && cw.indexOfEvent(ts, event.eventId) >= 0)
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
    if (event.debtor !== undefined) dw ??= this.createAccount(event.debtor);
    if (event.creditor !== undefined) cw ??= this.createAccount(event.creditor);
    if (dw !== undefined) {
      this.touch(dw, ts, cutoff);
      dw.current = this.insert(dw, event, seq, true, cw === undefined ? -1 : cw.id);
      this.debtor = dw;
    }
    if (cw !== undefined) {
      this.touch(cw, ts, cutoff);
      cw.current = this.insert(cw, event, seq, false, dw === undefined ? -1 : dw.id);
      this.creditor = cw;
    }
    if (this.trackPersons) {
      if (event.type === 'CASH_WITHDRAWAL' && dw !== undefined && event.debtor?.idNumber !== undefined) {
        this.debtorPerson = this.personSide(event.debtor.idNumber, event, seq, true, dw.id, cutoff);
      } else if (event.type === 'CASH_DEPOSIT' && cw !== undefined && event.creditor?.idNumber !== undefined) {
        this.creditorPerson = this.personSide(event.creditor.idNumber, event, seq, false, cw.id, cutoff);
      }
    }
    return 'ACCEPTED';
  }

  private personSide(
    idNumber: string,
    event: TransferEvent,
    seq: number,
    out: boolean,
    accountId: number,
    cutoff: number,
  ): AccountWindow {
    const id = idNumber.toUpperCase();
    const found = this.index.get(PERSON_PART, id);
    let pw = found < 0 ? undefined : this.slots[found];
    if (pw === undefined) {
      pw = this.create([PERSON_KEY_PREFIX, id].join(''), true);
      this.index.add(PERSON_PART, id, pw.id);
      this.personCount++;
    }
    this.touch(pw, event.occurredAtMs, cutoff);
    pw.current = this.insert(pw, event, seq, out, accountId);
    return pw;
  }

  private clearCurrent(): void {
    if (this.debtor !== undefined) this.debtor.current = -1;
    if (this.creditor !== undefined) this.creditor.current = -1;
    if (this.debtorPerson !== undefined) this.debtorPerson.current = -1;
    if (this.creditorPerson !== undefined) this.creditorPerson.current = -1;
    this.debtor = this.creditor = this.debtorPerson = this.creditorPerson = undefined;
  }

  private create(key: string, isPerson: boolean): AccountWindow {
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.slots.length;
    const base = isPerson ? undefined : this.deps.lastActivityBefore?.(key);
    const opened = isPerson ? undefined : this.deps.accountOpenedAt?.(key);
    const w = new AccountWindow(this.log, key, id, isPerson, base ?? NaN, opened ?? NaN);
    if (id === this.slots.length) this.slots.push(w);
    else this.slots[id] = w;
    if (id >= this.lastSeen.length) {
      const grown = new Float64Array(this.lastSeen.length * 2).fill(NaN);
      grown.set(this.lastSeen);
      this.lastSeen = grown;
    }
    this.lastSeen[id] = NaN;
    return w;
  }

  /** Drops expired entries and keeps the activity header (last activity, dormancy wake). */
  private touch(w: AccountWindow, ts: number, cutoff: number): void {
    this.entryCount -= w.expireBefore(cutoff);
    const last = w.lastActivityMs;
    if (!(ts > last) && !Number.isNaN(last)) return;
    if (this.trackDormancy && !w.isPerson) {
      const prior = Number.isNaN(last) ? w.baseActivityMs : last;
      if (wakesFromDormancy(prior, ts, this.params.dormantReactivated)) w.markWake(ts, prior);
    }
    w.setLastActivity(ts);
    this.lastSeen[w.id] = ts;
  }

  private insert(w: AccountWindow, event: TransferEvent, seq: number, out: boolean, peer: number): number {
    const before = w.size;
    const i = w.insert(event.occurredAtMs, event.amountFen, peer, packEvent(event, out), seq, this.cap);
    this.entryCount += w.size - before;
    return i;
  }

  private evict(w: AccountWindow): void {
    if (w.isPerson) {
      this.index.delete(PERSON_PART, w.key.slice(PERSON_KEY_PREFIX.length));
      this.personCount--;
    } else {
      const i = w.key.indexOf(':');
      this.index.delete(w.key.slice(0, i), w.key.slice(i + 1));
    }
    this.slots[w.id] = undefined;
    this.lastSeen[w.id] = NaN;
    this.freeIds.push(w.id);
    this.entryCount -= w.size;
    this.counts.evicted++;
    if (!w.isPerson && this.deps.onEvicted !== undefined && !Number.isNaN(w.lastActivityMs)) {
      this.deps.onEvicted(w.key, w.lastActivityMs);
    }
  }

  /**
   * Looks at the next `n` window slots and evicts the idle ones. Called a little on every event,
   * so memory follows the watermark without pauses. Reads only the compact last-activity array.
   */
  sweep(n: number): void {
    const count = this.slots.length;
    if (count === 0) return;
    const idleBefore = this.watermark - this.params.windows.idleTtlMs;
    const seen = this.lastSeen;
    for (let k = 0; k < n; k++) {
      if (this.cursor >= count) this.cursor = 0;
      const id = this.cursor++;
      if (seen[id]! < idleBefore) this.evict(this.slots[id]!);
    }
  }

  /** Evicts every window idle since before `watermarkMs - idleTtlMs`; returns how many. */
  evictIdle(watermarkMs: number = this.watermark): number {
    const idleBefore = watermarkMs - this.params.windows.idleTtlMs;
    const seen = this.lastSeen;
    let n = 0;
    for (let id = 0; id < this.slots.length; id++) {
      if (seen[id]! < idleBefore) {
        this.evict(this.slots[id]!);
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
