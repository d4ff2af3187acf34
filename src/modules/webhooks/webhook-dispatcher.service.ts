import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import type { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, retryDelayMs, signatureHeader } from './webhook-signature.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

const BATCH = 50;
const CONCURRENCY = 8;

/**
 * Sends queued deliveries: claims due rows (SKIP LOCKED, so several instances share the work),
 * signs each body, POSTs it, and records the attempt. A 2xx ends a delivery; anything else is
 * retried after an exponentially growing delay until WEBHOOK_MAX_ATTEMPTS, then marked FAILED
 * (an operator can redeliver it). Wakes on a timer and whenever something was queued here.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly outcomes: Counter<string>;

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly webhooks: WebhooksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.outcomes = metrics.counter('webhook_attempts_total', 'Webhook delivery attempts by outcome', ['outcome']);
  }

  onApplicationBootstrap(): void {
    this.webhooks.onQueued(() => this.wake());
    this.schedule(this.config.WEBHOOK_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs a pass soon; a pass in progress runs once more when it ends. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** One pass now (tests and the timer use it). Resolves when due deliveries have been tried. */
  async runOnce(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce()
        .catch((err: unknown) => this.logger.error({ msg: 'webhook pass failed', err: err instanceof Error ? err.message : String(err) }))
        .finally(() => {
          if (this.again) {
            this.again = false;
            this.schedule(0);
          } else {
            this.schedule(this.config.WEBHOOK_POLL_MS);
          }
        });
    }, ms);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = this.clock.now();
      const lease = new Date(now.getTime() + this.config.WEBHOOK_TIMEOUT_MS * 2 + 1000);
      const batch = await this.repo.claimDue(now, lease, BATCH);
      if (batch.length === 0) return;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < batch.length) {
          const d = batch[next++]!;
          await this.attempt(d);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batch.length) }, worker));
      if (batch.length < BATCH) return;
    }
  }

  private async attempt(d: WebhookDeliveryEntity): Promise<void> {
    const endpoint = await this.repo.findEndpoint(d.endpointId);
    const attemptNo = d.attempts + 1;
    const startedAt = this.clock.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    const t0 = performance.now();
    if (!endpoint || !endpoint.active) {
      error = 'endpoint disabled';
    } else {
      const body = JSON.stringify({ id: d.eventId, type: d.eventType, createdAt: d.createdAt.toISOString(), data: d.payload });
      const ts = Math.floor(startedAt.getTime() / 1000);
      try {
        const res = await fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'account-risk-platform-webhooks/1',
            [SIGNATURE_HEADER]: signatureHeader(this.webhooks.secretOf(endpoint), ts, body),
            [TIMESTAMP_HEADER]: String(ts),
            [EVENT_HEADER]: d.eventType,
            [DELIVERY_HEADER]: d.id,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
        });
        statusCode = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (err) {
        error = (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);
      }
    }
    const durationMs = Math.round(performance.now() - t0);
    const now = this.clock.now();
    const ok = error === null;
    const final = ok || attemptNo >= this.config.WEBHOOK_MAX_ATTEMPTS || !endpoint || !endpoint.active;
    this.outcomes.inc({ outcome: ok ? 'delivered' : final ? 'failed' : 'retry' });
    await this.repo.recordAttempt(
      { id: randomUUID(), deliveryId: d.id, attempt: attemptNo, attemptedAt: startedAt, statusCode, error, durationMs },
      {
        status: ok ? 'DELIVERED' : final ? 'FAILED' : 'PENDING',
        attempts: attemptNo,
        nextAttemptAt: final ? null : new Date(now.getTime() + retryDelayMs(attemptNo, this.config.WEBHOOK_RETRY_BASE_MS, this.config.WEBHOOK_RETRY_MAX_MS)),
        lastStatusCode: statusCode,
        lastError: error,
        deliveredAt: ok ? now : null,
        updatedAt: now,
      },
    );
  }
}
