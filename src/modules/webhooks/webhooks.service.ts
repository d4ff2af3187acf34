import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isOperatorAdmin, type Principal } from '../../common/http/principal.js';
import { APP_SECRETS, CLOCK, type AppSecrets, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { SecretBox } from './secret-box.js';
import type { WebhookAttemptEntity } from './webhook-attempt.entity.js';
import type { DeliveryStatus, WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity.js';
import { WebhooksRepository, type NewDelivery } from './webhooks.repository.js';

/** An event for an institution's receivers. `id` is stable: the same event is delivered once per endpoint. */
export interface WebhookEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface DeliveryListFilter {
  institutionId?: string;
  endpointId?: string;
  status?: DeliveryStatus;
  eventType?: string;
  cursor?: string;
  limit?: number;
}

export interface DeliveryWithAttempts {
  delivery: WebhookDeliveryEntity;
  attempts: WebhookAttemptEntity[];
}

type Kick = () => void;

function encodeCursor(d: WebhookDeliveryEntity): string {
  return Buffer.from(`${d.createdAt.toISOString()}|${d.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw new DomainError('VALIDATION_FAILED', 'cursor is not valid');
  return { createdAt, id };
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('WEBHOOK_INVALID_URL', 'url must be an absolute http or https URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new DomainError('WEBHOOK_INVALID_URL', 'url must use http or https');
  if (parsed.username || parsed.password) throw new DomainError('WEBHOOK_INVALID_URL', 'url must not carry credentials');
}

/**
 * Per-institution webhooks: endpoints with a signing secret, an outbox of deliveries written with
 * the change they report, and the delivery log. Any module publishes through `publish`; the
 * dispatcher sends, signs and retries.
 */
@Injectable()
export class WebhooksService {
  private readonly box: SecretBox;
  private kick: Kick = () => undefined;

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly institutions: InstitutionsRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_SECRETS) secrets: AppSecrets,
  ) {
    this.box = new SecretBox(secrets.blindIndexKey);
  }

  /** The dispatcher registers how to wake it when something was queued. */
  onQueued(kick: Kick): void {
    this.kick = kick;
  }

  /** Wakes the dispatcher; call after the transaction that queued deliveries has committed. */
  notifyQueued(): void {
    this.kick();
  }

  secretOf(endpoint: WebhookEndpointEntity): string {
    return this.box.open(endpoint.secretSealed);
  }

  /**
   * Queues an event for every active endpoint of the institution that takes its type. With
   * `em`, the deliveries commit with the caller's change (call notifyQueued() after commit);
   * without, they are written at once and the dispatcher is woken.
   */
  async publish(institutionId: string, event: WebhookEvent, em?: EntityManager): Promise<number> {
    const endpoints = await this.repo.activeEndpointsFor(institutionId, event.type, em);
    if (endpoints.length === 0) return 0;
    const now = this.clock.now();
    const n = await this.repo.enqueue(
      endpoints.map((e) => ({ id: randomUUID(), endpointId: e.id, institutionId, eventType: event.type, eventId: event.id, payload: event.payload, createdAt: now })),
      em,
    );
    if (!em) this.kick();
    return n;
  }

  /** Many events at once (one endpoint lookup per institution, one insert per 500 deliveries). */
  async publishMany(items: Array<{ institutionId: string; event: WebhookEvent }>, em?: EntityManager): Promise<number> {
    if (items.length === 0) return 0;
    const now = this.clock.now();
    const endpoints = new Map<string, Awaited<ReturnType<WebhooksRepository['activeEndpointsFor']>>>();
    const rows: NewDelivery[] = [];
    for (const { institutionId, event } of items) {
      const key = `${institutionId}\u0000${event.type}`;
      let list = endpoints.get(key);
      if (!list) {
        list = await this.repo.activeEndpointsFor(institutionId, event.type, em);
        endpoints.set(key, list);
      }
      for (const e of list) rows.push({ id: randomUUID(), endpointId: e.id, institutionId, eventType: event.type, eventId: event.id, payload: event.payload, createdAt: now });
    }
    let n = 0;
    for (let i = 0; i < rows.length; i += 500) n += await this.repo.enqueue(rows.slice(i, i + 500), em);
    if (!em && n > 0) this.kick();
    return n;
  }

  private async targetInstitution(p: Principal, institutionId: string | undefined): Promise<string> {
    const id = institutionId ?? p.institutionId;
    if (id !== p.institutionId && !isOperatorAdmin(p)) throw new DomainError('INSTITUTION_NOT_FOUND', 'No such institution.');
    if (!(await this.institutions.findById(id))) throw new DomainError('INSTITUTION_NOT_FOUND', 'No such institution.');
    return id;
  }

  private async ownEndpoint(p: Principal, id: string): Promise<WebhookEndpointEntity> {
    const e = await this.repo.findEndpoint(id);
    if (!e || (e.institutionId !== p.institutionId && !isOperatorAdmin(p))) throw new DomainError('WEBHOOK_ENDPOINT_NOT_FOUND', 'No such webhook endpoint.');
    return e;
  }

  private newSecret(): string {
    return `whsec_${randomBytes(32).toString('base64url')}`;
  }

  async createEndpoint(p: Principal, input: { url: string; eventTypes?: string[]; description?: string; institutionId?: string }): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    checkUrl(input.url);
    const institutionId = await this.targetInstitution(p, input.institutionId);
    const secret = this.newSecret();
    const now = this.clock.now();
    const endpoint = await this.repo.insertEndpoint({
      id: randomUUID(),
      institutionId,
      url: input.url,
      secretSealed: this.box.seal(secret),
      eventTypes: [...new Set(input.eventTypes ?? [])],
      description: input.description ?? null,
      active: true,
      createdBy: `${p.kind}:${p.id}`,
      createdAt: now,
      updatedAt: now,
    });
    await this.audit.record({ action: 'webhook-endpoint.created', subjectType: 'webhook-endpoint', subjectId: endpoint.id, institutionId, details: { url: endpoint.url, eventTypes: endpoint.eventTypes } });
    return { endpoint, secret };
  }

  async listEndpoints(p: Principal, institutionId?: string): Promise<WebhookEndpointEntity[]> {
    if (institutionId === undefined && isOperatorAdmin(p)) return this.repo.listEndpoints();
    return this.repo.listEndpoints(await this.targetInstitution(p, institutionId));
  }

  async setActive(p: Principal, id: string, active: boolean): Promise<WebhookEndpointEntity> {
    const e = await this.ownEndpoint(p, id);
    const now = this.clock.now();
    if (e.active !== active) {
      await this.repo.updateEndpoint(id, { active, updatedAt: now });
      await this.audit.record({ action: active ? 'webhook-endpoint.enabled' : 'webhook-endpoint.disabled', subjectType: 'webhook-endpoint', subjectId: id, institutionId: e.institutionId });
    }
    return { ...e, active, updatedAt: e.active !== active ? now : e.updatedAt };
  }

  async rotateSecret(p: Principal, id: string): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    const e = await this.ownEndpoint(p, id);
    const secret = this.newSecret();
    const now = this.clock.now();
    const secretSealed = this.box.seal(secret);
    await this.repo.updateEndpoint(id, { secretSealed, updatedAt: now });
    await this.audit.record({ action: 'webhook-endpoint.secret-rotated', subjectType: 'webhook-endpoint', subjectId: id, institutionId: e.institutionId });
    return { endpoint: { ...e, secretSealed, updatedAt: now }, secret };
  }

  async listDeliveries(p: Principal, f: DeliveryListFilter): Promise<{ items: DeliveryWithAttempts[]; nextCursor: string | null }> {
    let institutionId = f.institutionId;
    if (p.institutionKind !== 'OPERATOR') {
      if (institutionId !== undefined && institutionId !== p.institutionId) return { items: [], nextCursor: null };
      institutionId = p.institutionId;
    }
    const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
    const rows = await this.repo.listDeliveries({
      institutionId,
      endpointId: f.endpointId,
      status: f.status,
      eventType: f.eventType,
      before: f.cursor ? decodeCursor(f.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const attempts = await this.repo.attemptsOf(page.map((d) => d.id));
    const byDelivery = new Map<string, WebhookAttemptEntity[]>();
    for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
    return {
      items: page.map((delivery) => ({ delivery, attempts: byDelivery.get(delivery.id) ?? [] })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  }

  async getDelivery(p: Principal, id: string): Promise<DeliveryWithAttempts> {
    const d = await this.repo.findDelivery(id);
    if (!d || (d.institutionId !== p.institutionId && p.institutionKind !== 'OPERATOR')) throw new DomainError('WEBHOOK_DELIVERY_NOT_FOUND', 'No such delivery.');
    return { delivery: d, attempts: await this.repo.attemptsOf([id]) };
  }

  /** Sends a delivery again (after a receiver outage outlasted the retries). */
  async redeliver(p: Principal, id: string): Promise<DeliveryWithAttempts> {
    const { delivery } = await this.getDelivery(p, id);
    if (!(p.roles.includes('ADMIN') || p.roles.includes('SUPERVISOR'))) throw new DomainError('FORBIDDEN', 'Your role may not redeliver webhooks.');
    if (delivery.status === 'PENDING') return this.getDelivery(p, id);
    await this.repo.resetDelivery(id, this.clock.now());
    await this.audit.record({ action: 'webhook-delivery.redelivered', subjectType: 'webhook-delivery', subjectId: id, institutionId: delivery.institutionId });
    // Read before the sender is woken: the answer is the delivery as queued again.
    const queued = await this.getDelivery(p, id);
    this.kick();
    return queued;
  }
}
