import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { siblingModule, spawnModuleWorker } from '../../common/background/module-worker.js';
import { ActivityWindow, encodeActivity, type ActivityChunk, type ActivityCounts, type ActivityEvent, type ActivityWindowQuery } from '../../domain/screening/index.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import type { WrittenAccount } from '../accounts/accounts.repository.js';
import { RecentActivityRepository } from './recent-activity.repository.js';
import type { LoadMessage, LoadRequest } from './recent-activity.worker.js';
import { RuleSetsService } from './rule-sets.service.js';
import type { ScreeningEntity } from './screening.entity.js';

/** Change-feed topic: `{ events: ActivityEvent[] }`, the openings and applications one instance recorded. */
export const SCREENING_ACTIVITY_TOPIC = 'screening.activity';

const DAY_MS = 86_400_000;
/** Held beyond the longest window, so a clock set back a little still finds its span held. */
const SLACK_MS = DAY_MS;
const EVICT_EVERY_MS = 60_000;
/** Events recorded within this long go to the other instances in one message. */
const PUBLISH_DELAY_MS = 50;
/** Events per message: PostgreSQL's NOTIFY carries at most 8,000 bytes. */
const EVENTS_PER_MESSAGE = 20;

function nullableString(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

function isActivityEvent(v: unknown): v is ActivityEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.key === 'string' &&
    (e.kind === 'ACCOUNT' || e.kind === 'APPLICATION') &&
    typeof e.institutionId === 'string' &&
    typeof e.holderKey === 'string' &&
    nullableString(e.phoneKey) &&
    nullableString(e.deviceKey) &&
    nullableString(e.addressKey) &&
    typeof e.at === 'number' &&
    Number.isFinite(e.at)
  );
}

/**
 * The openings and applications of the active rule set's longest window, held in memory so the
 * velocity and card-farming counts cost no database round trip. Each instance loads the window
 * from PostgreSQL at start, records what it writes itself (screenings, reported and loaded
 * accounts), hears what the other instances write through the change feed, and rebuilds the
 * window every SCREENING_ACTIVITY_RESYNC_MINUTES, which mends anything a lost message missed.
 * While the window is loading, too large to hold, or shorter than a rule set asks for, `counts`
 * answers null and the caller counts in the database.
 */
@Injectable()
export class RecentActivityService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RecentActivity');
  private readonly enabled: boolean;
  private window: ActivityWindow | null = null;
  private loading: Promise<void> | null = null;
  /** Events recorded or heard while a load runs, applied to the loaded window before it serves. */
  private pending: ActivityEvent[] | null = null;
  private outbox: ActivityEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private timers: NodeJS.Timeout[] = [];
  private closing = false;
  private readonly held: ReturnType<MetricsService['gauge']>;

  constructor(
    private readonly repo: RecentActivityRepository,
    private readonly ruleSets: RuleSetsService,
    private readonly changes: ChangeFeedService,
    metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.enabled = config.SCREENING_ACTIVITY_SOURCE === 'memory';
    this.held = metrics.gauge('screening_activity_events', 'Recent openings and applications held in memory for the screening counts');
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    this.changes.subscribe(SCREENING_ACTIVITY_TOPIC, (payload, meta) => {
      if (meta.origin !== 'remote' || !Array.isArray(payload.events)) return;
      this.apply(payload.events.filter(isActivityEvent));
    });
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    void this.reload();
    const every = (ms: number, work: () => void): void => {
      const t = setInterval(work, ms);
      t.unref();
      this.timers.push(t);
    };
    every(EVICT_EVERY_MS, () => this.evict());
    every(this.config.SCREENING_ACTIVITY_RESYNC_MINUTES * 60_000, () => void this.reload());
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearInterval(t);
    clearTimeout(this.flushTimer);
    await this.loading;
    await this.flush();
  }

  /** Whether counts come from memory now (loaded and held). */
  get serving(): boolean {
    return this.window !== null;
  }

  /** Events held (for the metrics and tests). */
  get size(): number {
    return this.window?.size ?? 0;
  }

  /**
   * The counts of a screening from memory, or null when the window is not held: loading, too
   * large, or starting earlier than what is held (a rule set with a longer window: a reload
   * for it starts here).
   */
  counts(q: ActivityWindowQuery): ActivityCounts | null {
    const w = this.window;
    if (w === null) return null;
    if (!w.coversSince(Math.min(q.crossBankSince, q.sharedSince))) {
      void this.reload();
      return null;
    }
    return w.counts(q);
  }

  /** Account-opening screenings just stored (other purposes are not applications). */
  recordApplications(rows: readonly ScreeningEntity[]): void {
    if (!this.enabled) return;
    const events: ActivityEvent[] = [];
    for (const r of rows) {
      if (r.purpose !== 'ACCOUNT_OPENING') continue;
      events.push({ key: `S:${r.id}`, kind: 'APPLICATION', institutionId: r.institutionId, holderKey: r.holderKey, phoneKey: r.phoneKey, deviceKey: r.deviceKey, addressKey: r.addressKey, at: r.screenedAt.getTime() });
    }
    this.record(events);
  }

  /** Accounts just written to the registry, as stored. */
  recordAccounts(rows: readonly WrittenAccount[]): void {
    if (!this.enabled) return;
    this.record(
      rows.map((a) => ({
        key: `A:${a.bankCode}:${a.accountNumber}`,
        kind: 'ACCOUNT',
        institutionId: a.institutionId,
        holderKey: a.holderKey,
        phoneKey: a.phoneKey,
        deviceKey: a.deviceKey,
        addressKey: a.addressKey,
        at: a.openedAt.getTime(),
      })),
    );
  }

  /** Rebuilds the window from the database (at start, on schedule, for a longer window). */
  reload(): Promise<void> {
    if (!this.enabled || this.closing) return Promise.resolve();
    if (this.loading === null) this.loading = this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private record(all: ActivityEvent[]): void {
    // Older than any window (an existing account loaded, say): nobody counts it.
    const since = this.heldSince();
    const events = all.filter((e) => e.at >= since);
    if (events.length === 0) return;
    this.apply(events);
    if (!this.changes.reachesOtherInstances) return;
    this.outbox.push(...events);
    this.flushTimer ??= setTimeout(() => void this.flush(), PUBLISH_DELAY_MS);
  }

  private apply(events: readonly ActivityEvent[]): void {
    this.pending?.push(...events);
    const w = this.window;
    if (w === null) return;
    w.addChunk(encodeActivity(events));
    if (w.size > this.config.SCREENING_ACTIVITY_MAX_EVENTS) {
      this.window = null;
      this.logger.warn({ msg: 'recent openings and applications outgrew SCREENING_ACTIVITY_MAX_EVENTS; counting in the database', max: this.config.SCREENING_ACTIVITY_MAX_EVENTS });
    }
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const events = this.outbox;
    this.outbox = [];
    for (let i = 0; i < events.length; i += EVENTS_PER_MESSAGE) {
      try {
        await this.changes.publish(SCREENING_ACTIVITY_TOPIC, { events: events.slice(i, i + EVENTS_PER_MESSAGE) });
      } catch (err) {
        // The other instances mend the gap at their next rebuild.
        this.logger.warn({ msg: 'publishing recent activity failed', events: Math.min(EVENTS_PER_MESSAGE, events.length - i), err: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** Where the window held starts now: the active rule set's longest window, and a day more. */
  private heldSince(): number {
    const { crossBankDays, sharedIdentifierDays } = this.ruleSets.active().windows;
    return this.clock.now().getTime() - Math.max(crossBankDays, sharedIdentifierDays) * DAY_MS - SLACK_MS;
  }

  private evict(): void {
    const dropped = this.window?.evictBefore(this.heldSince()) ?? 0;
    if (dropped > 0) this.held.set(this.size);
  }

  /** Reads the window on the loading thread (recent-activity.worker.ts); `onChunk` false stops it. */
  private readOnThread(url: string, since: number, onChunk: (chunk: ActivityChunk) => boolean): Promise<void> {
    const worker = spawnModuleWorker(siblingModule(import.meta.url, './recent-activity.worker'), { url, since } satisfies LoadRequest);
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error): void => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        if (err) reject(err);
        else resolve();
      };
      worker.on('message', (m: LoadMessage) => {
        if (m.t === 'chunk') {
          if (!onChunk(m.chunk)) settle();
        } else if (m.t === 'done') settle();
        else settle(new Error(m.message));
      });
      worker.on('error', (e) => settle(e));
      worker.on('exit', (code) => settle(code === 0 ? undefined : new Error(`the loading thread exited with ${code}`)));
    });
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const since = this.heldSince();
    const max = this.config.SCREENING_ACTIVITY_MAX_EVENTS;
    const fresh = new ActivityWindow(since);
    this.pending = [];
    try {
      let tooMany = false;
      const onChunk = (chunk: ActivityChunk): boolean => {
        fresh.addChunk(chunk);
        tooMany = fresh.size > max;
        return !tooMany;
      };
      if (this.config.DATABASE_URL) await this.readOnThread(this.config.DATABASE_URL, since, onChunk);
      else await this.repo.read(new Date(since), (events) => onChunk(encodeActivity(events)));
      if (tooMany) {
        this.window = null;
        this.logger.warn({ msg: 'more recent openings and applications than SCREENING_ACTIVITY_MAX_EVENTS; counting in the database', max });
        return;
      }
      fresh.addChunk(encodeActivity(this.pending));
      this.window = fresh;
      this.held.set(fresh.size);
      this.logger.log({ msg: 'recent openings and applications loaded', events: fresh.size, since: new Date(since).toISOString(), ms: Date.now() - started });
    } catch (err) {
      // A window already held stays (it is kept current); without one, the database counts.
      this.logger.error({ msg: 'loading recent openings and applications failed', err: err instanceof Error ? err.message : String(err) });
    } finally {
      this.pending = null;
    }
  }
}
