/**
 * The recent openings and applications the velocity and card-farming rules count, held in
 * memory: accounts opened (the account registry) and account-opening applications screened,
 * each with its holder, institution, time and the phone, device and address used.
 *
 * The counts are those of the database query they replace, to the letter:
 * - cross-bank: accounts of the holder opened at other institutions in the window, plus the other
 *   institutions the holder applied to in the window without an account opened there in it;
 * - shared phone, device or address: distinct other holders who used it in the window, in
 *   accounts or applications.
 * Windows are closed at both ends ([since, until]); what happened after `until` is not counted.
 * An event is replaced by a later one with the same key (an account re-reported); counting a
 * window older than what is held is the caller's to avoid (`coversSince`).
 */

export type ActivityKind = 'ACCOUNT' | 'APPLICATION';

export interface ActivityEvent {
  /** Identity: one event per account (`A:<bank code>:<account number>`) or application (`S:<screening id>`). */
  readonly key: string;
  readonly kind: ActivityKind;
  readonly institutionId: string;
  readonly holderKey: string;
  readonly phoneKey: string | null;
  readonly deviceKey: string | null;
  readonly addressKey: string | null;
  /** Opened or screened at, epoch milliseconds. */
  readonly at: number;
}

export interface ActivityWindowQuery {
  institutionId: string;
  holderKey: string;
  phoneKey: string | null;
  deviceKey: string | null;
  addressKey: string | null;
  /** Epoch milliseconds. */
  crossBankSince: number;
  sharedSince: number;
  until: number;
}

export interface ActivityCounts {
  openedOrAppliedElsewhere: number;
  phoneApplicants: number;
  deviceApplicants: number;
  addressApplicants: number;
}

/** Most identifiers have one event: held bare, an array only from the second on (memory). */
type Bucket = ActivityEvent | ActivityEvent[];
type SharedColumn = 'phoneKey' | 'deviceKey' | 'addressKey';

function addTo(index: Map<string, Bucket>, key: string | null, e: ActivityEvent): void {
  if (key === null) return;
  const bucket = index.get(key);
  if (bucket === undefined) index.set(key, e);
  else if (Array.isArray(bucket)) bucket.push(e);
  else index.set(key, [bucket, e]);
}

function removeFrom(index: Map<string, Bucket>, key: string | null, e: ActivityEvent): void {
  if (key === null) return;
  const bucket = index.get(key);
  if (bucket === undefined) return;
  if (!Array.isArray(bucket)) {
    if (bucket === e) index.delete(key);
    return;
  }
  const at = bucket.indexOf(e);
  if (at < 0) return;
  bucket[at] = bucket[bucket.length - 1]!;
  bucket.pop();
  if (bucket.length === 1) index.set(key, bucket[0]!);
}

function eventsOf(bucket: Bucket | undefined): readonly ActivityEvent[] {
  return bucket === undefined ? [] : Array.isArray(bucket) ? bucket : [bucket];
}

function sameEvent(a: ActivityEvent, b: ActivityEvent): boolean {
  return (
    a.kind === b.kind &&
    a.institutionId === b.institutionId &&
    a.holderKey === b.holderKey &&
    a.phoneKey === b.phoneKey &&
    a.deviceKey === b.deviceKey &&
    a.addressKey === b.addressKey &&
    a.at === b.at
  );
}

export class ActivityWindow {
  private readonly byKey = new Map<string, ActivityEvent>();
  private readonly byHolder = new Map<string, Bucket>();
  private readonly byShared: Record<SharedColumn, Map<string, Bucket>> = { phoneKey: new Map(), deviceKey: new Map(), addressKey: new Map() };
  /** Institution ids come from every row read or heard: one string each is kept (memory). */
  private readonly institutions = new Map<string, string>();
  private heldSince: number;

  /** @param heldSince epoch ms: every event at or after it is (to be) held */
  constructor(heldSince: number) {
    this.heldSince = heldSince;
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The earliest instant from which every event is held. */
  get since(): number {
    return this.heldSince;
  }

  /** Whether a window starting at `since` can be counted from what is held. */
  coversSince(since: number): boolean {
    return since >= this.heldSince;
  }

  /** Adds an event, or replaces the one with its key; events before the held span are ignored. */
  add(e: ActivityEvent): void {
    const old = this.byKey.get(e.key);
    if (old !== undefined) {
      if (sameEvent(old, e)) return;
      this.unlink(old);
    }
    if (e.at < this.heldSince) {
      if (old !== undefined) this.byKey.delete(e.key);
      return;
    }
    let institutionId = this.institutions.get(e.institutionId);
    if (institutionId === undefined) this.institutions.set(e.institutionId, (institutionId = e.institutionId));
    // Held as its own record, with the institution's one string.
    e = { key: e.key, kind: e.kind, institutionId, holderKey: e.holderKey, phoneKey: e.phoneKey, deviceKey: e.deviceKey, addressKey: e.addressKey, at: e.at };
    this.byKey.set(e.key, e);
    addTo(this.byHolder, e.holderKey, e);
    for (const column of ['phoneKey', 'deviceKey', 'addressKey'] as const) addTo(this.byShared[column], e[column], e);
  }

  /** Drops the events before `since` and stops holding that span; returns how many were dropped. */
  evictBefore(since: number): number {
    if (since <= this.heldSince) return 0;
    this.heldSince = since;
    let dropped = 0;
    for (const e of this.byKey.values()) {
      if (e.at >= since) continue;
      this.unlink(e);
      this.byKey.delete(e.key);
      dropped += 1;
    }
    return dropped;
  }

  counts(q: ActivityWindowQuery): ActivityCounts {
    return {
      openedOrAppliedElsewhere: this.crossBank(q),
      phoneApplicants: this.shared('phoneKey', q.phoneKey, q.holderKey, q.sharedSince, q.until),
      deviceApplicants: this.shared('deviceKey', q.deviceKey, q.holderKey, q.sharedSince, q.until),
      addressApplicants: this.shared('addressKey', q.addressKey, q.holderKey, q.sharedSince, q.until),
    };
  }

  private unlink(e: ActivityEvent): void {
    removeFrom(this.byHolder, e.holderKey, e);
    for (const column of ['phoneKey', 'deviceKey', 'addressKey'] as const) removeFrom(this.byShared[column], e[column], e);
  }

  private crossBank(q: ActivityWindowQuery): number {
    const bucket = eventsOf(this.byHolder.get(q.holderKey));
    if (bucket.length === 0) return 0;
    let accounts = 0;
    const openedAt = new Set<string>();
    const appliedTo = new Set<string>();
    for (const e of bucket) {
      if (e.at < q.crossBankSince || e.at > q.until) continue;
      if (e.kind === 'ACCOUNT') {
        openedAt.add(e.institutionId);
        if (e.institutionId !== q.institutionId) accounts += 1;
      } else if (e.institutionId !== q.institutionId) {
        appliedTo.add(e.institutionId);
      }
    }
    let applications = 0;
    for (const institution of appliedTo) if (!openedAt.has(institution)) applications += 1;
    return accounts + applications;
  }

  private shared(column: SharedColumn, key: string | null, holderKey: string, since: number, until: number): number {
    if (key === null) return 0;
    const bucket = eventsOf(this.byShared[column].get(key));
    if (bucket.length === 0) return 0;
    const holders = new Set<string>();
    for (const e of bucket) if (e.at >= since && e.at <= until && e.holderKey !== holderKey) holders.add(e.holderKey);
    return holders.size;
  }
}
