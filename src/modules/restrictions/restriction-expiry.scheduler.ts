import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { EffectiveStateService } from './effective-state.service.js';
import { RestrictionOrdersService } from './restriction-orders.service.js';
import { RestrictionsRepository } from './restrictions.repository.js';

const BATCH = 500;

/**
 * Keeps stored status and published state in step with the clock. Expiry already takes effect
 * in every answer at expires_at (status is derived from the clock on read, and the check view
 * caches only until the next change); this sweep writes the EXPIRED history rows and publishes
 * the accounts' changes. It wakes at the next known expiry or start, and at least every
 * RESTRICTION_SWEEP_SECONDS. Several instances may sweep: rows are taken with SKIP LOCKED and
 * account changes are recorded once.
 */
@Injectable()
export class RestrictionExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RestrictionExpiry');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<{ expired: number; started: number }> | null = null;
  private stopped = false;

  constructor(
    private readonly orders: RestrictionOrdersService,
    private readonly effective: EffectiveStateService,
    private readonly repo: RestrictionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep now. */
  runOnce(): Promise<{ expired: number; started: number }> {
    this.running ??= this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(): Promise<{ expired: number; started: number }> {
    let expired = 0;
    for (;;) {
      const batch = await this.orders.expireLapsed(BATCH);
      expired += batch.length;
      if (batch.length < BATCH) break;
    }
    let started = 0;
    for (;;) {
      const due = await this.repo.dueStates(this.clock.now(), BATCH);
      if (due.length === 0) break;
      started += (await this.effective.refresh(due, 'ORDER_STARTED', null)).length;
      if (due.length < BATCH) break;
    }
    if (expired > 0 || started > 0) this.logger.log({ msg: 'restriction sweep', expired, started });
    return { expired, started };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce()
        .then(() => this.nextWakeMs())
        .catch((err: unknown) => {
          this.logger.warn({ msg: 'restriction sweep failed', err: err instanceof Error ? err.message : String(err) });
          return this.config.RESTRICTION_SWEEP_SECONDS * 1000;
        })
        .then((next) => this.schedule(next));
    }, ms);
    this.timer.unref();
  }

  private async nextWakeMs(): Promise<number> {
    const max = this.config.RESTRICTION_SWEEP_SECONDS * 1000;
    const [a, b] = await Promise.all([this.repo.nextExpiry(), this.repo.nextStateChange()]);
    const next = Math.min(a?.getTime() ?? Infinity, b?.getTime() ?? Infinity);
    if (!Number.isFinite(next)) return max;
    return Math.min(max, Math.max(50, next - this.clock.now().getTime() + 5));
  }
}
