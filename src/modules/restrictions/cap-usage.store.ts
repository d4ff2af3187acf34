import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { DAY_MS, DailyCapLedger, shanghaiDay, type DailyUsage } from '../../domain/restrictions/index.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { CAP_USAGE_TOPIC } from './restriction-events.js';
import { RestrictionCapUsageRepository, type CapUsageRow } from './restriction-cap-usage.repository.js';

/** Entries per change-feed message: about 150 bytes each keeps a message well under 7 KB. */
const PER_MESSAGE = 40;

type Entry = [day: string, accountKey: string, transactionId: string, amountFen: number];

function isEntry(v: unknown): v is Entry {
  return Array.isArray(v) && v.length === 4 && typeof v[0] === 'string' && typeof v[1] === 'string' && typeof v[2] === 'string' && Number.isSafeInteger(v[3]);
}

/**
 * The daily caps of LIMITED_NON_COUNTER accounts. The check counts in memory (DailyCapLedger,
 * once per transaction id) and never waits for a write. Counted transactions are written in
 * batches every RESTRICTION_CAP_FLUSH_MS (restriction_cap_usage, idempotent on day + account +
 * transaction) and sent to the other instances on `restrictions.cap-usage`; at start-up the
 * ledger is rebuilt from today's and yesterday's rows. So a restart loses at most the last
 * flush interval of counts, and instances converge within about one interval (two instances
 * answering at the same instant may each allow one operation the other has not heard of yet).
 */
@Injectable()
export class CapUsageStore implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RestrictionCapUsage');
  readonly ledger = new DailyCapLedger();
  private buffer: CapUsageRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private lastCleanupDay: string | null = null;

  constructor(
    private readonly repo: RestrictionCapUsageRepository,
    private readonly feed: ChangeFeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe(CAP_USAGE_TOPIC, (payload, meta) => {
      if (meta.origin === 'local' || !Array.isArray(payload.entries)) return;
      for (const e of payload.entries) {
        if (isEntry(e)) this.apply(e[1], e[2], e[3], e[0]);
      }
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const now = this.clock.now();
    const today = shanghaiDay(now);
    const yesterday = shanghaiDay(new Date(now.getTime() - DAY_MS));
    for (const r of await this.repo.forDays([yesterday, today])) this.apply(r.accountKey, r.transactionId, r.amountFen, r.day);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private apply(accountKey: string, transactionId: string, amountFen: number, day: string): boolean {
    try {
      return this.ledger.apply(accountKey, transactionId, amountFen, day).counted;
    } catch {
      return false;
    }
  }

  usageExcluding(accountKey: string, day: string, transactionId: string): DailyUsage {
    return this.ledger.usageExcluding(accountKey, day, transactionId);
  }

  /** Counts an allowed capped outflow; persisted and shared shortly after. */
  count(accountKey: string, transactionId: string, amountFen: number, day: string, at: Date): boolean {
    const counted = this.ledger.apply(accountKey, transactionId, amountFen, day).counted;
    if (!counted) return false;
    this.buffer.push({ day, accountKey, transactionId, amountFen, countedAt: at });
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.config.RESTRICTION_CAP_FLUSH_MS);
      this.timer.unref();
    }
    return true;
  }

  /** Writes and shares what was counted since the last flush. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    this.flushing = this.write(rows).finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async write(rows: CapUsageRow[]): Promise<void> {
    try {
      await this.repo.insertMany(rows);
    } catch (err) {
      // Keep them for the next flush rather than lose the counts.
      this.buffer = rows.concat(this.buffer);
      this.logger.warn({ msg: 'writing cap usage failed; will retry', rows: rows.length, err: err instanceof Error ? err.message : String(err) });
      if (!this.timer) {
        this.timer = setTimeout(() => {
          this.timer = null;
          void this.flush();
        }, Math.max(1000, this.config.RESTRICTION_CAP_FLUSH_MS));
        this.timer.unref();
      }
      return;
    }
    for (let i = 0; i < rows.length; i += PER_MESSAGE) {
      const entries: Entry[] = rows.slice(i, i + PER_MESSAGE).map((r) => [r.day, r.accountKey, r.transactionId, r.amountFen]);
      await this.feed.publish(CAP_USAGE_TOPIC, { entries }).catch(() => undefined);
    }
    const today = rows[rows.length - 1]!.day;
    if (this.lastCleanupDay !== today) {
      this.lastCleanupDay = today;
      const keepFrom = shanghaiDay(new Date(Date.parse(`${today}T00:00:00+08:00`) - DAY_MS));
      await this.repo.deleteBefore(keepFrom).catch(() => undefined);
    }
  }
}
