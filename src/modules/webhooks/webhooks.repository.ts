import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import { WebhookAttemptEntity } from './webhook-attempt.entity.js';
import { WebhookDeliveryEntity, type DeliveryStatus } from './webhook-delivery.entity.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

export interface DeliveryQuery {
  institutionId?: string;
  endpointId?: string;
  status?: DeliveryStatus;
  eventType?: string;
  /** Keyset cursor: rows strictly older than this (created_at, id). */
  before?: { createdAt: Date; id: string };
  limit: number;
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  institutionId: string;
  eventType: string;
  eventId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private endpoints(em?: EntityManager) {
    return (em ?? this.ds.manager).getRepository(WebhookEndpointEntity);
  }

  private deliveries(em?: EntityManager) {
    return (em ?? this.ds.manager).getRepository(WebhookDeliveryEntity);
  }

  insertEndpoint(row: WebhookEndpointEntity): Promise<WebhookEndpointEntity> {
    return this.endpoints().save(this.endpoints().create(row));
  }

  findEndpoint(id: string): Promise<WebhookEndpointEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.endpoints().findOneBy({ id });
  }

  listEndpoints(institutionId?: string): Promise<WebhookEndpointEntity[]> {
    return this.endpoints().find({ where: institutionId ? { institutionId } : {}, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async updateEndpoint(id: string, patch: Partial<Pick<WebhookEndpointEntity, 'active' | 'secretSealed' | 'updatedAt'>>): Promise<void> {
    await this.endpoints().update({ id }, patch);
  }

  /** Active endpoints of an institution that take this event type. */
  async activeEndpointsFor(institutionId: string, eventType: string, em?: EntityManager): Promise<WebhookEndpointEntity[]> {
    const rows = await this.endpoints(em).find({ where: { institutionId, active: true } });
    return rows.filter((e) => e.eventTypes.length === 0 || e.eventTypes.includes(eventType));
  }

  /** Writes deliveries; an event already queued for an endpoint is not queued again. */
  async enqueue(rows: NewDelivery[], em?: EntityManager): Promise<number> {
    if (rows.length === 0) return 0;
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const v = [r.id, r.endpointId, r.institutionId, r.eventType, r.eventId, JSON.stringify(r.payload), r.createdAt];
      const base = params.length;
      params.push(...v);
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::jsonb, 'PENDING', 0, $${base + 7}, $${base + 7}, $${base + 7})`;
    });
    const result: Array<{ id: string }> = await (em ?? this.ds.manager).query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, institution_id, event_type, event_id, payload, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES ${tuples.join(', ')} ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id`,
      params,
    );
    return result.length;
  }

  /**
   * Takes up to `limit` due deliveries and pushes their next attempt to `leaseUntil`, so another
   * instance does not send them at the same time; a crashed sender's lease simply runs out.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<WebhookDeliveryEntity[]> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Array<{ id: string }>, number] = await this.ds.query(
      `UPDATE webhook_deliveries SET next_attempt_at = $2, updated_at = $1
       WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= $1
                    ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [now, leaseUntil, limit],
    );
    if (rows.length === 0) return [];
    return this.deliveries().createQueryBuilder('d').whereInIds(rows.map((r) => r.id)).getMany();
  }

  /** Appends the attempt and records its outcome on the delivery, together. */
  async recordAttempt(attempt: WebhookAttemptEntity, outcome: Pick<WebhookDeliveryEntity, 'status' | 'attempts' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'deliveredAt' | 'updatedAt'>): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.getRepository(WebhookAttemptEntity).insert(attempt);
      await em.getRepository(WebhookDeliveryEntity).update({ id: attempt.deliveryId }, outcome);
    });
  }

  async nextDueAt(): Promise<Date | null> {
    const rows: Array<{ at: Date | null }> = await this.ds.query(`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'PENDING'`);
    return rows[0]?.at ?? null;
  }

  findDelivery(id: string): Promise<WebhookDeliveryEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.deliveries().findOneBy({ id });
  }

  async resetDelivery(id: string, now: Date): Promise<void> {
    await this.deliveries().update({ id }, { status: 'PENDING', nextAttemptAt: now, updatedAt: now });
  }

  listDeliveries(q: DeliveryQuery): Promise<WebhookDeliveryEntity[]> {
    const qb = this.deliveries().createQueryBuilder('d');
    if (q.institutionId) qb.andWhere('d.institution_id = :ins', { ins: q.institutionId });
    if (q.endpointId) qb.andWhere('d.endpoint_id = :ep', { ep: q.endpointId });
    if (q.status) qb.andWhere('d.status = :st', { st: q.status });
    if (q.eventType) qb.andWhere('d.event_type = :et', { et: q.eventType });
    if (q.before) qb.andWhere('(d.created_at, d.id) < (:bc, :bid)', { bc: q.before.createdAt, bid: q.before.id });
    return qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'DESC').limit(q.limit).getMany();
  }

  attemptsOf(deliveryIds: string[]): Promise<WebhookAttemptEntity[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(WebhookAttemptEntity)
      .createQueryBuilder('a')
      .where('a.delivery_id IN (:...ids)', { ids: deliveryIds })
      .orderBy('a.attempt', 'ASC')
      .getMany();
  }
}
