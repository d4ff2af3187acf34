/*
 * The one detection engine behind both entry points, and the two ways its windows are kept.
 *
 * Without Kafka (POST /v1/transfers feeds it directly), the database is the log:
 *   process(items): Promise<ItemResult[]>
 *     Per batch, one at a time: load the account facts the batch needs, find the event ids
 *     already stored, run the engine over the new events (stored ones are replayed into the
 *     windows without detection), then store the accepted events and upsert their alerts in
 *     one transaction. The windows are a cache of `transfer_events`, rebuilt from it (the
 *     retention span before the newest stored event, in event-time order, no detector running)
 *     at first use and after any failed write.
 *
 * With Kafka, the topic is the log (the consumer drives; transfers.consumer.ts):
 *   resetLog(partitions) then processLog(items, progress)
 *     Items below a partition's durable offset are replayed without detection; the others are
 *     detected, and their alerts and the partitions' new progress (transfer_stream_offsets)
 *     are written in one transaction, which fails if another consumer moved the progress on
 *     meanwhile. The events are then archived to `transfer_events` in the background.
 *
 * Either way a restart, a rebalance or a failed write neither loses window state nor raises
 * an alert twice, and an alert is one row per dedup key. After the commit the alerts are
 * published and handed off (AlertsService.dispatch).
 *
 * Partitions: Kafka partition numbers of `transfers`; the in-process HTTP path is partition -1.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Rerun } from '../../common/background/rerun.js';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DetectionEngine } from '../../domain/detection/detection-engine.js';
import { DEFAULT_DETECTION_PARAMS, type DetectionParams } from '../../domain/detection/detection-params.js';
import { HOUR_MS } from '../../domain/detection/event-time.js';
import type { Finding } from '../../domain/detection/finding.js';
import { toInternalEvent } from '../../domain/detection/to-internal-event.js';
import type { TransferEvent, TransferEventJson } from '../../domain/detection/transfer-event.js';
import type { OwnedFinding } from '../alerts/alert-merge.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { AccountFactsService } from './account-facts.service.js';
import { CounterpartyCheckService } from './counterparty-check.service.js';
import { TransfersRepository, type EventToStore, type StoredEvent, type StreamProgress } from './transfers.repository.js';

export const HTTP_PARTITION = -1;

export interface PipelineItem {
  event: TransferEvent;
  json: TransferEventJson;
  partition: number;
}

export type ItemStatus = 'ACCEPTED' | 'DUPLICATE' | 'LATE';

export interface RaisedAlert {
  id: string;
  detector: Finding['detector'];
  severity: Finding['severity'];
  /** Institutions holding a subject account (who may read the alert). */
  institutionIds: string[];
}

export interface ItemResult {
  status: ItemStatus;
  /** Alerts this event raised or updated. */
  alerts: RaisedAlert[];
}

/** A message of the Kafka log. */
export interface LogItem extends PipelineItem {
  /** The message text, when it is exactly the event JSON. */
  text?: string;
  /** Below the partition's durable offset: replay into the windows, detect nothing. */
  replay: boolean;
}

export interface ProcessOptions {
  /** Partitions the engine must hold (default: [-1], the HTTP path). */
  partitions?: readonly number[];
  /** Called now and then during a long rebuild (Kafka: keeps the group membership alive). */
  heartbeat?: () => Promise<void>;
}

const REPLAY_PAGE = 10_000;
/** Events waiting for the archive at most; beyond, the oldest are dropped (counted). */
const ARCHIVE_MAX = 500_000;
const ARCHIVE_CHUNK = 5_000;
const ARCHIVE_EVERY_MS = 500;
/** Stored events are kept this long beyond the detection retention (duplicates are recognised that long). */
const KEEP_EXTRA_MS = 24 * HOUR_MS;
const CLEANUP_MS = 5 * 60_000;

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

@Injectable()
export class TransferPipelineService implements OnApplicationShutdown {
  private readonly logger = new Logger('TransferPipeline');
  readonly params: DetectionParams = DEFAULT_DETECTION_PARAMS;
  private engine: DetectionEngine | null = null;
  private scope: number[] = [];
  private dirty = true;
  private tail: Promise<unknown> = Promise.resolve();
  private lastCleanup = 0;
  private closed = false;
  private archive: EventToStore[] = [];
  private archiveTimer: NodeJS.Timeout | undefined;
  private archiving: Promise<void> | null = null;
  private background: Promise<unknown> = Promise.resolve();
  /**
   * Kafka path: housekeeping runs beside the alert dispatches, never in front of them (storing
   * the last activity of a day's evicted accounts can take seconds); rounds that commit while it
   * runs ask for one more pass.
   */
  private readonly housekeeping = new Rerun(
    () => (this.engine === null ? Promise.resolve() : this.housekeep(this.engine)),
    (err: unknown) => this.logger.warn({ msg: 'transfer housekeeping failed', err: err instanceof Error ? err.message : String(err) }),
  );
  /** Kafka path: the queued round writes, committed one after another. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Kafka path: a round's write failed; later rounds are not written until a reset. */
  private writeFailed = false;

  constructor(
    private readonly repo: TransfersRepository,
    private readonly facts: AccountFactsService,
    private readonly counterparty: CounterpartyCheckService,
    private readonly alerts: AlertsService,
    private readonly metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.tail.catch(() => undefined);
    await this.writes;
    await this.background;
    await this.housekeeping.stop();
    clearInterval(this.archiveTimer);
    await this.flushArchive().catch(() => undefined);
  }

  /** The engine took events the log's durable state will not have; the Kafka consumer must reset. */
  get logDirty(): boolean {
    return this.dirty || this.writeFailed;
  }

  /** Kafka path: a fresh engine for these partitions, filled by replaying the log. */
  resetLog(partitions: readonly number[]): Promise<void> {
    return this.exclusive(async () => {
      await this.writes;
      await this.counterparty.ready;
      this.engine = this.newEngine();
      this.scope = [...partitions].sort((a, b) => a - b);
      this.dirty = false;
      this.writeFailed = false;
      this.metrics.counter('detection_rebuilds_total', 'Detection window rebuilds from stored events').inc();
    });
  }

  /** Retention of the windows (longest detector span plus the allowed lateness), ms. */
  get retentionMs(): number {
    return (this.engine ?? this.newEngine()).windows.retentionMs;
  }

  /**
   * Kafka path: detects a round of the log and queues its write (its alerts and the partitions'
   * progress, in one transaction; see the top of the file). Resolves once the round is detected,
   * with `durable`, which settles when the write has committed or failed: the next round may be
   * fetched and detected meanwhile. Writes commit in round order; after a failed write the later
   * ones are not attempted and `logDirty` asks for a reset.
   */
  processLog(items: readonly LogItem[], progress: readonly StreamProgress[], groupId: string, topic: string): Promise<{ durable: Promise<void> }> {
    return this.exclusive(() => this.runLog(items, progress, groupId, topic));
  }

  private async runLog(items: readonly LogItem[], progress: readonly StreamProgress[], groupId: string, topic: string): Promise<{ durable: Promise<void> }> {
    if (this.closed) throw new Error('the transfer pipeline is shut down');
    const engine = this.engine;
    if (engine === null || this.logDirty) throw new Error('the detection windows need a reset before the log can be processed');
    await this.facts.prefetch(items.map((i) => i.event));
    await this.alerts.prepare();
    const statuses: Record<ItemStatus | 'REPLAYED', number> = { ACCEPTED: 0, DUPLICATE: 0, LATE: 0, REPLAYED: 0 };
    const findings: Array<{ index: number; finding: Finding }> = [];
    const accepted: EventToStore[] = [];
    // Until the round's write is queued, a failure leaves the engine ahead of the log.
    this.dirty = true;
    const order = items.map((_, i) => i).sort((a, b) => items[a]!.event.occurredAtMs - items[b]!.event.occurredAtMs || a - b);
    for (const i of order) {
      const { event, json, partition, replay, text } = items[i]!;
      if (replay) {
        engine.process(event, { detect: false });
        statuses.REPLAYED++;
        continue;
      }
      const r = engine.process(event);
      statuses[r.status]++;
      if (r.status !== 'ACCEPTED') continue;
      const at = event.occurredAtMs;
      // The archive keeps the message text when there is one, not the parsed object as well.
      accepted.push(text !== undefined ? { eventId: event.eventId, partitionNo: partition, occurredAtMs: at, bodyText: text } : { eventId: event.eventId, partitionNo: partition, occurredAtMs: at, body: json });
      for (const f of r.findings) findings.push({ index: i, finding: f });
    }
    const raisedBy = await this.owned(findings);
    this.dirty = false;
    const write = this.writes.then(async () => {
      if (this.writeFailed) throw new Error('an earlier round of the log failed to commit');
      try {
        return await this.repo.transaction(async (em) => {
          const w = await this.alerts.record(raisedBy.map((r) => r.finding), em);
          if (progress.length > 0) await this.repo.saveProgress(groupId, topic, progress, this.clock.now(), em);
          return w;
        });
      } catch (err) {
        this.writeFailed = true;
        throw err;
      }
    });
    const durable = write.then((written) => {
      this.count(statuses);
      this.toArchive(accepted);
      // Publishing and hand-offs run behind the stream, one after another: the next round need
      // not wait for them, and the outbox sweep covers a crash meanwhile.
      const ids = written.map((w) => w.id);
      this.background = this.background.then(() => this.dispatch(ids)).catch(() => undefined);
      this.housekeeping.kick();
    });
    // The caller learns of a failure through `durable` and `logDirty`.
    this.writes = durable.catch(() => undefined);
    return { durable };
  }

  /** Holder institutions of the findings' subject accounts. */
  private async owned(findings: ReadonlyArray<{ index: number; finding: Finding }>): Promise<Array<{ index: number; finding: OwnedFinding }>> {
    if (findings.length === 0) return [];
    const subjects = new Set<string>();
    for (const { finding } of findings) for (const k of finding.subjectAccounts) subjects.add(k);
    await this.facts.prefetchKeys([...subjects]);
    return findings.map(({ index, finding }) => {
      const owners: Record<string, string | null> = {};
      for (const k of finding.subjectAccounts) owners[k] = this.facts.ownerOf(k);
      return { index, finding: { ...finding, owners } };
    });
  }

  private attach(results: ItemResult[], raisedBy: ReadonlyArray<{ index: number; finding: OwnedFinding }>, written: Awaited<ReturnType<AlertsService['record']>>): void {
    const byKey = new Map(written.map((w) => [w.dedupKey, w]));
    for (const { index, finding } of raisedBy) {
      const w = byKey.get(finding.dedupKey);
      if (w === undefined || results[index]!.alerts.some((a) => a.id === w.id)) continue;
      const institutionIds = [...new Set(Object.values(finding.owners).filter((x): x is string => x !== null))];
      results[index]!.alerts.push({ id: w.id, detector: finding.detector, severity: w.severity, institutionIds });
    }
  }

  /** Kafka path: events go to `transfer_events` in the background (evidence for case work). */
  private toArchive(events: readonly EventToStore[]): void {
    if (events.length === 0) return;
    for (const e of events) this.archive.push(e);
    if (this.archive.length > ARCHIVE_MAX) {
      const dropped = this.archive.length - ARCHIVE_MAX;
      this.archive.splice(0, dropped);
      this.metrics.counter('transfer_archive_dropped_total', 'Transfer events not archived because the archive fell behind').inc(dropped);
    }
    if (this.archiveTimer === undefined) {
      this.archiveTimer = setInterval(() => void this.flushArchive().catch((err: unknown) => this.logger.warn({ msg: 'archiving transfer events failed', err: String(err) })), ARCHIVE_EVERY_MS);
      this.archiveTimer.unref();
    }
  }

  /** Writes what waits for the archive; one writer at a time. */
  flushArchive(): Promise<void> {
    if (this.archiving !== null) return this.archiving;
    const run = (async () => {
      while (this.archive.length > 0) {
        const chunk = this.archive.splice(0, ARCHIVE_CHUNK);
        await this.repo.transaction((em) => this.repo.insertEvents(chunk, em));
      }
    })();
    this.archiving = run;
    // Cleared only after the assignment above, even when the run finished at once.
    void run.then(
      () => (this.archiving = null),
      () => (this.archiving = null),
    );
    return run;
  }


  /** Runs `fn` after everything queued before it: the engine is single-threaded by design. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private newEngine(): DetectionEngine {
    return new DetectionEngine(this.params, {
      accountOpenedAt: (key) => this.facts.openedAt(key),
      lastActivityBefore: (key) => this.facts.lastActivityBefore(key),
      onEvicted: (key, ms) => this.facts.noteEvicted(key, ms),
      isListed: (creditor) => this.counterparty.isListed(creditor),
    });
  }

  /** The live engine: partitions held and window statistics (for the status route, metrics and the benchmark). */
  status(): { partitions: number[]; stats: ReturnType<DetectionEngine['stats']> } | null {
    return this.engine === null ? null : { partitions: [...this.scope], stats: this.engine.stats() };
  }

  private async ensure(partitions: readonly number[], heartbeat?: () => Promise<void>): Promise<DetectionEngine> {
    if (this.engine !== null && !this.dirty && sameSet(this.scope, partitions)) return this.engine;
    await this.counterparty.ready;
    const started = Date.now();
    const engine = this.newEngine();
    const sorted = [...partitions].sort((a, b) => a - b);
    const latest = sorted.length > 0 ? await this.repo.latestEventTime(sorted) : null;
    let replayed = 0;
    if (latest !== null) {
      const from = new Date(latest.getTime() - engine.windows.retentionMs);
      let after: { occurredAt: Date; eventId: string } | null = null;
      for (;;) {
        const page: StoredEvent[] = await this.repo.eventsSince(sorted, from, after, REPLAY_PAGE);
        if (page.length === 0) break;
        const events: TransferEvent[] = [];
        for (const row of page) {
          try {
            events.push(toInternalEvent(row.body));
          } catch {
            // Stored events were valid when stored; a row that no longer parses is skipped.
          }
        }
        await this.facts.prefetch(events);
        for (const e of events) engine.process(e, { detect: false });
        replayed += events.length;
        const last = page[page.length - 1]!;
        after = { occurredAt: last.occurredAt, eventId: last.eventId };
        if (heartbeat) await heartbeat();
        if (page.length < REPLAY_PAGE) break;
      }
    }
    this.engine = engine;
    this.scope = sorted;
    this.dirty = false;
    this.metrics.counter('detection_rebuilds_total', 'Detection window rebuilds from stored events').inc();
    this.logger.log({ msg: 'detection windows rebuilt', partitions: sorted, replayed, ms: Date.now() - started });
    return engine;
  }

  /** Detects, stores and alerts a batch; see the top of the file. */
  process(items: readonly PipelineItem[], o: ProcessOptions = {}): Promise<ItemResult[]> {
    return this.exclusive(() => this.run(items, o));
  }

  private async run(items: readonly PipelineItem[], o: ProcessOptions): Promise<ItemResult[]> {
    if (this.closed) throw new Error('the transfer pipeline is shut down');
    const engine = await this.ensure(o.partitions ?? [HTTP_PARTITION], o.heartbeat);
    await this.facts.prefetch(items.map((i) => i.event));
    await this.alerts.prepare();
    // Nothing below may use a second connection inside the transaction (the embedded database
    // has one), so every read happens before it.
    const known = await this.repo.knownEventIds([...new Set(items.map((i) => i.event.eventId))]);
    const results: ItemResult[] = items.map(() => ({ status: 'DUPLICATE', alerts: [] }));
    const seen = new Set<string>();
    const store: EventToStore[] = [];
    const findings: Array<{ index: number; finding: Finding }> = [];
    // From here until the commit the engine holds events the database may not: any failure
    // leaves it dirty, and the next batch rebuilds it from what was stored.
    this.dirty = true;
    // In event-time order (stable), as the engine prefers; results keep the callers' order.
    const order = items.map((_, i) => i).sort((a, b) => items[a]!.event.occurredAtMs - items[b]!.event.occurredAtMs || a - b);
    for (const i of order) {
      const { event, json, partition } = items[i]!;
      if (seen.has(event.eventId)) continue;
      seen.add(event.eventId);
      if (known.has(event.eventId)) {
        engine.process(event, { detect: false });
        continue;
      }
      const r = engine.process(event);
      results[i]!.status = r.status;
      if (r.status !== 'ACCEPTED') continue;
      store.push({ eventId: event.eventId, partitionNo: partition, occurredAtMs: event.occurredAtMs, body: json });
      for (const f of r.findings) findings.push({ index: i, finding: f });
    }
    const raisedBy = await this.owned(findings);
    const written = await this.repo.transaction(async (em) => {
      await this.repo.insertEvents(store, em);
      return this.alerts.record(raisedBy.map((r) => r.finding), em);
    });
    this.dirty = false;
    this.attach(results, raisedBy, written);
    const statuses: Record<ItemStatus, number> = { ACCEPTED: 0, DUPLICATE: 0, LATE: 0 };
    for (const r of results) statuses[r.status]++;
    this.count(statuses);
    await this.afterCommit(written.map((w) => w.id), engine);
    return results;
  }

  private count(statuses: Readonly<Partial<Record<ItemStatus | 'REPLAYED', number>>>): void {
    const c = this.metrics.counter('transfer_events_total', 'Transfer events through the detection pipeline by status', ['status']);
    for (const [status, n] of Object.entries(statuses)) if (n) c.inc({ status }, n);
  }

  private async afterCommit(alertIds: string[], engine: DetectionEngine): Promise<void> {
    await this.dispatch(alertIds);
    await this.housekeep(engine);
  }

  private async dispatch(alertIds: string[]): Promise<void> {
    try {
      await this.alerts.dispatch(alertIds);
    } catch (err) {
      // Stored and marked undispatched: the alert sweep publishes it later.
      this.logger.warn({ msg: 'alert dispatch failed; the sweep will retry', err: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Last activity of evicted windows, window gauges, and old stored events deleted now and then. */
  private async housekeep(engine: DetectionEngine): Promise<void> {
    try {
      await this.facts.flushEvicted();
    } catch (err) {
      this.logger.warn({ msg: 'storing last activity of evicted accounts failed', err: err instanceof Error ? err.message : String(err) });
    }
    const st = engine.stats();
    this.metrics.gauge('detection_window_accounts', 'Live account windows of the detection engine').set(st.accounts);
    this.metrics.gauge('detection_window_entries', 'Entries held by the detection windows').set(st.entries);
    const now = this.clock.now().getTime();
    if (now - this.lastCleanup >= CLEANUP_MS && Number.isFinite(engine.watermarkMs)) {
      this.lastCleanup = now;
      const before = new Date(engine.watermarkMs - engine.windows.retentionMs - KEEP_EXTRA_MS);
      try {
        while ((await this.repo.deleteEventsBefore(before, 10_000)) === 10_000);
      } catch (err) {
        this.logger.warn({ msg: 'deleting old transfer events failed', err: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}
