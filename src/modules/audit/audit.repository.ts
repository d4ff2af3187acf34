import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ChainRecord } from '../../domain/audit/hash-chain.js';
import { AuditRecordEntity } from './audit-record.entity.js';

/** Advisory lock key serialising writers of the chain across processes. */
const AUDIT_CHAIN_LOCK = 727_100_001;

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
   * Appends records under the chain lock: reads the current head, lets `link` compute seq and
   * hashes from it, and inserts them, all in one transaction.
   */
  async appendLinked(link: (head: { seq: number; hash: string } | null) => ChainRecord[]): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      const rows: Array<{ seq: string; hash: string }> = await em.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
      const head = rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
      const records = link(head);
      if (records.length === 0) return;
      const cols = ['seq', 'occurred_at', 'actor_type', 'actor_id', 'institution_id', 'action', 'subject_type', 'subject_id', 'request_id', 'outcome', 'details', 'prev_hash', 'hash'];
      const params: unknown[] = [];
      const tuples = records.map((r) => {
        const values = [r.seq, r.occurredAt, r.actorType, r.actorId, r.institutionId, r.action, r.subjectType, r.subjectId, r.requestId, r.outcome, JSON.stringify(r.details ?? {}), r.prevHash, r.hash];
        const base = params.length;
        params.push(...values);
        return `(${values.map((_, i) => `$${base + i + 1}`).join(', ')})`;
      });
      await em.query(`INSERT INTO audit_log (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    });
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
