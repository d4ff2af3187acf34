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
import { type PartyRef, type TransferEvent, accountKey } from './transfer-event.js';
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

export class AccountWindows implements GraphView {
  /** bank code -> account number -> window: no key string is built per event. */
  private readonly accounts = new Map<string, Map<string, AccountWindow>>();
  /** ID number -> person window. */
  private readonly persons = new Map<string, AccountWindow>();
  private accountCount = 0;
  private readonly slots: (AccountWindow | undefined)[] = [];
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
    if (key.startsWith(PERSON_KEY_PREFIX)) return this.persons.get(key.slice(PERSON_KEY_PREFIX.length));
    const i = key.indexOf(':');
    return i < 0 ? undefined : this.accounts.get(key.slice(0, i))?.get(key.slice(i + 1));
  }

  private lookup(party: PartyRef): AccountWindow | undefined {
    return this.accounts.get(party.bankCode)?.get(party.accountNumber);
  }

  private createAccount(party: PartyRef): AccountWindow {
    let bank = this.accounts.get(party.bankCode);
    if (bank === undefined) {
      bank = new Map();
      this.accounts.set(party.bankCode, bank);
    }
    const w = this.create(accountKey(party), false);
    bank.set(party.accountNumber, w);
    this.accountCount++;
    return w;
  }

  byId(id: number): AccountWindow | undefined {
    return this.slots[id];
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
    if (event.debtor !== undefined) dw ??= this.createAccount(event.debtor);
    if (event.creditor !== undefined) cw ??= this.createAccount(event.creditor);
    if (dw !== undefined) {
      this.touch(dw, ts, cutoff);
      dw.current = this.insert(dw, event, true, cw === undefined ? -1 : cw.id);
      this.debtor = dw;
    }
    if (cw !== undefined) {
      this.touch(cw, ts, cutoff);
      cw.current = this.insert(cw, event, false, dw === undefined ? -1 : dw.id);
      this.creditor = cw;
    }
    if (this.trackPersons) {
      if (event.type === 'CASH_WITHDRAWAL' && dw !== undefined && event.debtor?.idNumber !== undefined) {
        this.debtorPerson = this.personSide(event.debtor.idNumber, event, true, dw.id, cutoff);
      } else if (event.type === 'CASH_DEPOSIT' && cw !== undefined && event.creditor?.idNumber !== undefined) {
        this.creditorPerson = this.personSide(event.creditor.idNumber, event, false, cw.id, cutoff);
      }
    }
    return 'ACCEPTED';
  }

  private personSide(idNumber: string, event: TransferEvent, out: boolean, accountId: number, cutoff: number): AccountWindow {
    const id = idNumber.toUpperCase();
    let pw = this.persons.get(id);
    if (pw === undefined) {
      pw = this.create(PERSON_KEY_PREFIX + id, true);
      this.persons.set(id, pw);
    }
    this.touch(pw, event.occurredAtMs, cutoff);
    pw.current = this.insert(pw, event, out, accountId);
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
    const w = new AccountWindow(key, id, isPerson, base ?? NaN, opened ?? NaN);
    if (id === this.slots.length) this.slots.push(w);
    else this.slots[id] = w;
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
  }

  private insert(w: AccountWindow, event: TransferEvent, out: boolean, peer: number): number {
    const before = w.size;
    const i = w.insert(event.occurredAtMs, event.amountFen, peer, packEvent(event, out), event.eventId, this.cap);
    this.entryCount += w.size - before;
    return i;
  }

  private evict(w: AccountWindow): void {
    if (w.isPerson) {
      this.persons.delete(w.key.slice(PERSON_KEY_PREFIX.length));
    } else {
      const i = w.key.indexOf(':');
      const bank = this.accounts.get(w.key.slice(0, i));
      bank?.delete(w.key.slice(i + 1));
      if (bank?.size === 0) this.accounts.delete(w.key.slice(0, i));
      this.accountCount--;
    }
    this.slots[w.id] = undefined;
    this.freeIds.push(w.id);
    this.entryCount -= w.size;
    this.counts.evicted++;
    if (!w.isPerson && this.deps.onEvicted !== undefined && !Number.isNaN(w.lastActivityMs)) {
      this.deps.onEvicted(w.key, w.lastActivityMs);
    }
  }

  /**
   * Looks at the next `n` window slots: evicts the idle ones and trims expired entries of the
   * rest. Called a little on every event, so memory follows the watermark without pauses.
   */
  sweep(n: number): void {
    const slots = this.slots;
    if (slots.length === 0) return;
    const idleBefore = this.watermark - this.params.windows.idleTtlMs;
    const cutoff = this.watermark - this.retention;
    for (let k = 0; k < n; k++) {
      if (this.cursor >= slots.length) this.cursor = 0;
      const w = slots[this.cursor++];
      if (w === undefined) continue;
      if (w.lastActivityMs < idleBefore) this.evict(w);
      else this.entryCount -= w.expireBefore(cutoff);
    }
  }

  /** Evicts every window idle since before `watermarkMs - idleTtlMs`; returns how many. */
  evictIdle(watermarkMs: number = this.watermark): number {
    const idleBefore = watermarkMs - this.params.windows.idleTtlMs;
    let n = 0;
    for (const w of this.slots) {
      if (w !== undefined && w.lastActivityMs < idleBefore) {
        this.evict(w);
        n++;
      }
    }
    return n;
  }

  stats(): WindowStats {
    return {
      accounts: this.accountCount,
      persons: this.persons.size,
      entries: this.entryCount,
      ...this.counts,
      watermarkMs: this.watermark,
    };
  }
}
