import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { HealthService } from '../health/health.service.js';
import { ACCOUNTS_TOPIC, RESTRICTIONS_TOPIC, isStringArray } from './restriction-events.js';
import type { RestrictionOrderEntity } from './restriction-order.entity.js';
import { toViewOrder, viewOrderOfRow } from './restriction-order.mapping.js';
import { accountKeyOf, RestrictionView } from './restriction-view.js';
import { EffectiveStateService } from './effective-state.service.js';
import { RestrictionsRepository, type AccountRow } from './restrictions.repository.js';

const PAGE = 20_000;
const HOLDER_BATCH = 5_000;

export interface RecordedAccount {
  bankCode: string;
  accountNumber: string;
  holderKey: string;
}

/**
 * Keeps this instance's RestrictionView current: built from the database before the app
 * serves, changed at once by the order service here, and from other instances through the
 * change feed (each message names orders; they are reloaded by id, never by a scan). A slow
 * reconciliation re-reads restricted holders' accounts, in case an account was recorded
 * without an `accounts.changes` message.
 */
@Injectable()
export class RestrictionViewService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RestrictionView');
  readonly view = new RestrictionView();
  private loading = true;
  private queued: string[] = [];
  private reconcileTimer: NodeJS.Timeout | null = null;
  private reconciling: Promise<void> | null = null;
  private readonly gauge: Gauge<string>;

  constructor(
    private readonly repo: RestrictionsRepository,
    private readonly effective: EffectiveStateService,
    private readonly feed: ChangeFeedService,
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.gauge = this.metrics.gauge('restrictions_view_orders', 'Active orders in this instance\u2019s check view');
  }

  onModuleInit(): void {
    this.feed.subscribe(RESTRICTIONS_TOPIC, (payload, meta) => {
      if (meta.origin === 'local' || payload.type !== 'ORDERS_CHANGED' || !isStringArray(payload.orderIds)) return;
      return this.onRemoteOrders(payload.orderIds);
    });
    this.feed.subscribe(ACCOUNTS_TOPIC, (payload, meta) => {
      const list = payload.accounts;
      if (!Array.isArray(list)) return;
      const rows = list.filter(
        (a): a is RecordedAccount => typeof a === 'object' && a !== null && typeof a.bankCode === 'string' && typeof a.accountNumber === 'string' && typeof a.holderKey === 'string',
      );
      // The instance that recorded the accounts publishes their new state; others only update the view.
      return this.accountsRecorded(rows, meta.origin === 'local').then(() => undefined);
    });
    this.health.register('restrictions-view', async () => {
      if (this.loading) throw new Error('the restrictions view is loading');
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const t0 = performance.now();
    await this.build();
    const stats = this.view.stats();
    this.logger.log({ msg: 'restrictions view built', ms: Math.round(performance.now() - t0), ...stats });
    if (this.config.RESTRICTION_RECONCILE_SECONDS > 0) {
      this.reconcileTimer = setInterval(() => {
        this.reconciling ??= this.reconcile()
          .then(() => undefined)
          .catch((err: unknown) => this.logger.warn({ msg: 'reconciliation failed', err: err instanceof Error ? err.message : String(err) }))
          .finally(() => (this.reconciling = null));
      }, this.config.RESTRICTION_RECONCILE_SECONDS * 1000);
      this.reconcileTimer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await this.reconciling;
  }

  get ready(): boolean {
    return !this.loading;
  }

  private async build(): Promise<void> {
    const now = this.clock.now();
    let after: string | null = null;
    const holderKeys = new Set<string>();
    for (;;) {
      const page = await this.repo.activeViewPage(now, after, PAGE);
      for (const r of page) {
        this.view.apply(viewOrderOfRow(r));
        if (r.target_type !== 'ACCOUNT' && r.holder_key) holderKeys.add(r.holder_key);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    await this.loadHolders([...holderKeys]);
    this.loading = false;
    const queued = this.queued;
    this.queued = [];
    if (queued.length > 0) await this.onRemoteOrders(queued);
    this.gauge.set(this.view.orderCount);
  }

  private async loadHolders(holderKeys: string[]): Promise<void> {
    for (let i = 0; i < holderKeys.length; i += HOLDER_BATCH) {
      const batch = holderKeys.slice(i, i + HOLDER_BATCH);
      const rows = await this.repo.accountsOfHolders(batch);
      const byHolder = new Map<string, string[]>(batch.map((h) => [h, []]));
      for (const r of rows) byHolder.get(r.holderKey)?.push(accountKeyOf(r.bankCode, r.accountNumber));
      for (const [holder, keys] of byHolder) this.view.setHolderAccounts(holder, keys);
    }
  }

  /**
   * Applies orders written by this instance, before the HTTP answer goes out: the next check
   * here sees them. Holders new to the view get their accounts first (given, or loaded), so
   * a person order never shows up without its accounts.
   */
  async applyOrders(orders: RestrictionOrderEntity[], holderAccounts?: AccountRow[]): Promise<void> {
    const missing = new Set<string>();
    for (const o of orders) {
      if (o.status === 'ACTIVE' && o.targetType !== 'ACCOUNT' && o.holderKey && !this.view.hasHolder(o.holderKey)) missing.add(o.holderKey);
    }
    const accounts = new Map<string, string[]>();
    if (missing.size > 0) {
      const rows = holderAccounts?.filter((r) => missing.has(r.holderKey));
      const loaded = rows && holderAccounts ? rows : await this.repo.accountsOfHolders([...missing]);
      for (const h of missing) accounts.set(h, []);
      for (const r of loaded) accounts.get(r.holderKey)?.push(accountKeyOf(r.bankCode, r.accountNumber));
    }
    // Synchronous from here: orders and their holders' accounts land together.
    for (const o of orders) this.view.apply(toViewOrder(o));
    for (const [holder, keys] of accounts) this.view.setHolderAccounts(holder, keys);
    this.gauge.set(this.view.orderCount);
  }

  private async onRemoteOrders(ids: string[]): Promise<void> {
    if (this.loading) {
      this.queued.push(...ids);
      return;
    }
    const orders = await this.repo.findOrders(ids);
    await this.applyOrders(orders);
  }

  /**
   * New accounts reported by openings or loads: restricted at once when the holder is, and
   * their effective state recorded and published (the holding bank hears of it by webhook).
   */
  async accountsRecorded(accounts: RecordedAccount[], publish = true): Promise<RecordedAccount[]> {
    const added = accounts.filter((a) => this.view.addAccount(accountKeyOf(a.bankCode, a.accountNumber), a.holderKey));
    if (added.length > 0 && publish) await this.effective.refresh(added, 'ACCOUNT_RECORDED', null);
    return added;
  }

  /** Re-reads the accounts of every restricted holder (safety net for missed account messages). */
  async reconcile(): Promise<number> {
    const holders = this.view.holderKeys();
    let added = 0;
    for (let i = 0; i < holders.length; i += HOLDER_BATCH) {
      const rows = await this.repo.accountsOfHolders(holders.slice(i, i + HOLDER_BATCH));
      added += (await this.accountsRecorded(rows)).length;
    }
    return added;
  }
}
