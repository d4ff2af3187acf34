import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { recordContent, type ChainRecord } from '../../domain/audit/hash-chain.js';
import { preparedQuery } from '../../infra/database/prepared-query.js';
import { AuditRecordEntity } from './audit-record.entity.js';

export interface AuditQuery {
  institutionId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  afterSeq?: number;
  limit: number;
}

function toRecord(e: AuditRecordEntity): ChainRecord {
  return {
    seq: Number(e.seq),
    occurredAt: e.occurredAt,
    actorType: e.actorType,
    actorId: e.actorId,
    institutionId: e.institutionId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    requestId: e.requestId,
    outcome: e.outcome,
    details: e.details,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Appends records to the chain in one statement (audit_append, see its migration): under the
   * chain lock the database numbers them after the head and links their hashes, in the order
   * given. Each record carries its content (recordContent), the part of the hashed body it knows.
   */
  async append(records: ReadonlyArray<Omit<ChainRecord, 'seq' | 'prevHash' | 'hash'>>): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map((r) => ({
      occurred_at: r.occurredAt.toISOString(),
      actor_type: r.actorType,
      actor_id: r.actorId,
      institution_id: r.institutionId,
      action: r.action,
      subject_type: r.subjectType,
      subject_id: r.subjectId,
      request_id: r.requestId,
      outcome: r.outcome,
      details: r.details ?? {},
      content: recordContent(r),
    }));
    await preparedQuery(this.ds, 'audit_append_v1', 'SELECT audit_append($1::jsonb)', [JSON.stringify(rows)]);
  }

  /** Records in sequence order, a page at a time (for verification). */
  async page(afterSeq: number, limit: number): Promise<ChainRecord[]> {
    const rows = await this.ds.getRepository(AuditRecordEntity).createQueryBuilder('a').where('a.seq > :afterSeq', { afterSeq }).orderBy('a.seq', 'ASC').limit(limit).getMany();
    return rows.map(toRecord);
  }

  async query(q: AuditQuery): Promise<ChainRecord[]> {
    const qb = this.ds.getRepository(AuditRecordEntity).createQueryBuilder('a');
    if (q.institutionId) qb.andWhere('a.institution_id = :ins', { ins: q.institutionId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.subjectType) qb.andWhere('a.subject_type = :st', { st: q.subjectType });
    if (q.subjectId) qb.andWhere('a.subject_id = :sid', { sid: q.subjectId });
    if (q.afterSeq !== undefined) qb.andWhere('a.seq < :before', { before: q.afterSeq });
    const rows = await qb.orderBy('a.seq', 'DESC').limit(q.limit).getMany();
    return rows.map(toRecord);
  }
}
