import { T0, aTransfer, anAccount } from '../../../test/support/builders/transfer.builder.js';
import { AccountWindows } from './account-windows.js';
import { DEFAULT_DETECTION_PARAMS, detectionParams, retentionMs } from './detection-params.js';
import { HOUR_MS, MINUTE_MS } from './event-time.js';
import { internal } from './testing/record-events.js';
import { accountKey } from './transfer-event.js';
import { E_PACKED, E_PEER, E_TS, HEADER, STRIDE, atmOf, isOut, regionOf, typeOf, T_CASH_WITHDRAWAL } from './window-layout.js';
import type { AccountWindow } from './account-window.js';

const A = anAccount(1);
const B = anAccount(2);
const keyA = accountKey(A);
const keyB = accountKey(B);

function times(w: AccountWindow): number[] {
  const out: number[] = [];
  for (let i = w.start; i < w.end; i++) out.push(w.data[HEADER + i * STRIDE + E_TS]! - T0);
  return out;
}

function transfer(at: number, id?: string) {
  const b = aTransfer().from(A).to(B).amount('100.00').at(T0 + at);
  return internal(id === undefined ? b.build() : b.withId(id).build());
}

describe('AccountWindows', () => {
  it('stores both sides, each pointing at the other', () => {
    const store = new AccountWindows(DEFAULT_DETECTION_PARAMS);
    expect(store.record(transfer(0))).toBe('ACCEPTED');
    const a = store.get(keyA)!;
    const b = store.get(keyB)!;
    expect(isOut(a.data[HEADER + a.start * STRIDE + E_PACKED]!)).toBe(true);
    expect(isOut(b.data[HEADER + b.start * STRIDE + E_PACKED]!)).toBe(false);
    expect(a.data[HEADER + a.start * STRIDE + E_PEER]).toBe(b.id);
    expect(b.data[HEADER + b.start * STRIDE + E_PEER]).toBe(a.id);
    expect(store.debtor?.id).toBe(a.id);
    expect(store.creditor?.id).toBe(b.id);
    expect(a.current).toBe(a.start);
    expect(store.stats()).toMatchObject({ accounts: 2, persons: 0, entries: 2, accepted: 1 });
  });

  it('puts an out-of-order event in its place within the allowed lateness', () => {
    const store = new AccountWindows(DEFAULT_DETECTION_PARAMS);
    store.record(transfer(10 * MINUTE_MS));
    store.record(transfer(20 * MINUTE_MS));
    expect(store.record(transfer(15 * MINUTE_MS))).toBe('ACCEPTED');
    expect(times(store.get(keyA)!)).toEqual([10, 15, 20].map((m) => m * MINUTE_MS));
    expect(store.get(keyA)!.current).toBe(store.get(keyA)!.start + 1);
  });

  it('accepts an event exactly at watermark - lateness and refuses one a millisecond older as LATE', () => {
    const lateness = DEFAULT_DETECTION_PARAMS.windows.allowedLatenessMs;
    const store = new AccountWindows(DEFAULT_DETECTION_PARAMS);
    store.record(transfer(HOUR_MS));
    expect(store.record(transfer(HOUR_MS - lateness))).toBe('ACCEPTED');
    expect(store.record(transfer(HOUR_MS - lateness - 1))).toBe('LATE');
    expect(store.stats()).toMatchObject({ accepted: 2, late: 1, entries: 4 });
  });

  it('ignores a duplicate event id, even out of order, and counts it', () => {
    const store = new AccountWindows(DEFAULT_DETECTION_PARAMS);
    store.record(transfer(0, 'e-1'));
    store.record(transfer(MINUTE_MS, 'e-2'));
    expect(store.record(transfer(0, 'e-1'))).toBe('DUPLICATE');
    expect(store.record(transfer(MINUTE_MS, 'e-2'))).toBe('DUPLICATE');
    expect(store.record(transfer(MINUTE_MS, 'e-3'))).toBe('ACCEPTED');
    expect(store.stats()).toMatchObject({ accepted: 3, duplicates: 2, entries: 6 });
  });

  it('keeps at most maxEntriesPerSubject entries, dropping the oldest', () => {
    const store = new AccountWindows(detectionParams({ windows: { maxEntriesPerSubject: 3 } }));
    for (let i = 0; i < 5; i++) store.record(transfer(i * MINUTE_MS));
    expect(times(store.get(keyA)!)).toEqual([2, 3, 4].map((m) => m * MINUTE_MS));
    expect(store.stats().entries).toBe(6);
  });

  it('drops a late event at once when it is older than everything in a full window', () => {
    const store = new AccountWindows(detectionParams({ windows: { maxEntriesPerSubject: 2 } }));
    store.record(transfer(2 * MINUTE_MS));
    store.record(transfer(3 * MINUTE_MS));
    expect(store.record(transfer(MINUTE_MS))).toBe('ACCEPTED');
    expect(store.get(keyA)!.current).toBe(-1);
    expect(times(store.get(keyA)!)).toEqual([2, 3].map((m) => m * MINUTE_MS));
  });

  it('expires entries older than the retention when the window is touched', () => {
    const store = new AccountWindows(DEFAULT_DETECTION_PARAMS);
    const retention = retentionMs(DEFAULT_DETECTION_PARAMS);
    store.record(transfer(0));
    store.record(transfer(1));
    store.record(transfer(retention + 1));
    expect(times(store.get(keyA)!)).toEqual([1, retention + 1]);
    expect(store.stats().entries).toBe(4);
  });

  it('compacts its arrays after many expiries and keeps the order', () => {
    const store = new AccountWindows(detectionParams({ windows: { maxEntriesPerSubject: 10 } }));
    for (let i = 0; i < 100; i++) store.record(transfer(i * MINUTE_MS));
    const a = store.get(keyA)!;
    expect(a.size).toBe(10);
    expect(a.capacity).toBeLessThanOrEqual(2 * 10);
    expect(times(a)).toEqual(Array.from({ length: 10 }, (_, i) => (90 + i) * MINUTE_MS));
  });

  it('evicts idle windows, reports them, and reuses their ids', () => {
    const evicted: [string, number][] = [];
    const params = DEFAULT_DETECTION_PARAMS;
    const store = new AccountWindows(params, { onEvicted: (k, ms) => evicted.push([k, ms]) });
    store.record(transfer(0));
    const freedIds = [store.get(keyA)!.id, store.get(keyB)!.id].sort();
    const idle = params.windows.idleTtlMs;
    // Exactly idleTtl later nothing is idle yet; a millisecond more and both are.
    expect(store.evictIdle(T0 + idle)).toBe(0);
    expect(store.evictIdle(T0 + idle + 1)).toBe(2);
    expect(evicted).toEqual([
      [keyA, T0],
      [keyB, T0],
    ]);
    expect(store.stats()).toMatchObject({ accounts: 0, entries: 0, evicted: 2 });
    expect(store.byId(freedIds[0]!)).toBeUndefined();
    store.record(internal(aTransfer().from(anAccount(7)).to(anAccount(8)).at(T0 + idle + 2).build()));
    const newIds = [store.get(accountKey(anAccount(7)))!.id, store.get(accountKey(anAccount(8)))!.id].sort();
    expect(newIds).toEqual(freedIds);
  });

  it('sweeps idle windows a few at a time as the watermark moves', () => {
    const store = new AccountWindows(detectionParams({ windows: { sweepPerEvent: 1 } }));
    store.record(transfer(0));
    const idle = DEFAULT_DETECTION_PARAMS.windows.idleTtlMs;
    store.record(internal(aTransfer().from(anAccount(7)).to(anAccount(8)).at(T0 + idle + 1).build()));
    for (let i = 0; i < 4; i++) store.sweep(1);
    expect(store.get(keyA)).toBeUndefined();
    expect(store.get(keyB)).toBeUndefined();
    expect(store.stats().accounts).toBe(2);
  });

  it('keeps a person window of cash over all of one ID number\'s accounts', () => {
    const store = new AccountWindows(DEFAULT_DETECTION_PARAMS);
    const id = '11010519491231002x';
    const a = anAccount(1, '102100000001', { idNumber: id });
    const b = anAccount(2, '103100000026', { idNumber: id });
    store.record(internal(aTransfer().from(a).withdrawal().atAtm('ATM-1').inRegion('440305').at(T0).build()));
    store.record(internal(aTransfer().from(b).withdrawal().atAtm('ATM-2').at(T0 + 1).build()));
    const person = store.get(`id:${id.toUpperCase()}`)!;
    expect(person.isPerson).toBe(true);
    expect(person.size).toBe(2);
    const first = person.data[HEADER + person.start * STRIDE + E_PACKED]!;
    expect(typeOf(first)).toBe(T_CASH_WITHDRAWAL);
    expect(regionOf(first)).toBe(440305);
    expect(atmOf(first)).not.toBe(0);
    expect(store.byId(person.data[HEADER + person.start * STRIDE + E_PEER]!)!.key).toBe(accountKey(a));
    expect(store.stats()).toMatchObject({ accounts: 2, persons: 1, entries: 4 });
  });

  it('marks a wake when an account moves after 180 days of silence, not a millisecond sooner', () => {
    const dormant = DEFAULT_DETECTION_PARAMS.dormantReactivated.dormantMs;
    const lastSeen = new Map([
      [keyA, T0 - dormant],
      [keyB, T0 - dormant + 1],
    ]);
    const store = new AccountWindows(DEFAULT_DETECTION_PARAMS, { lastActivityBefore: (k) => lastSeen.get(k) });
    store.record(transfer(0));
    expect(store.get(keyA)!.wakeMs).toBe(T0);
    expect(store.get(keyA)!.dormantSinceMs).toBe(T0 - dormant);
    expect(store.get(keyB)!.wakeMs).toBeNaN();
  });
});
