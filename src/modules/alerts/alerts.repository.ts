import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import type { AlertSeverity, DetectorName } from '../../domain/detection/finding.js';
import { AlertEntity } from './alert.entity.js';

/** One alert to insert or merge into the alert with the same dedup key. */
export interface AlertUpsert {
  id: string;
  dedupKey: string;
  detector: DetectorName;
  severity: AlertSeverity;
  subjectAccounts: string[];
  subjectOwners: Record<string, string | null>;
  institutionIds: string[];
  eventIds: string[];
  aggregates: Record<string, number | string>;
  firstDetectedAt: Date;
  lastDetectedAt: Date;
  /** Firings merged into this row (a batch may fire one key several times). */
  fireCount: number;
}

export interface UpsertedAlert {
  id: string;
  dedupKey: string;
  version: number;
  severity: AlertSeverity;
  inserted: boolean;
  /** Severity before this write; null for a new alert. */
  previousSeverity: AlertSeverity | null;
}

export interface AlertFilter {
  /** Only alerts with this institution among the holders of a subject account. */
  institutionId?: string;
  detectors?: string[];
  severities?: string[];
  /** `${bankCode}:${accountNumber}` among the subject accounts. */
  account?: string;
  /** Event time of the latest firing, inclusive lower / exclusive upper bound. */
  from?: Date;
  to?: Date;
  /** seq of the last row of the previous page (rows come newest first). */
  beforeSeq?: string;
  limit: number;
}

interface AlertRow {
  id: string;
  seq: string;
  dedup_key: string;
  detector: DetectorName;
  severity: AlertSeverity;
  subject_accounts: string[];
  subject_owners: Record<string, string | null>;
  institution_ids: string[];
  event_ids: string[];
  aggregates: Record<string, number | string>;
  first_detected_at: Date;
  last_detected_at: Date;
  fire_count: number;
  version: number;
  handed_off_severity: AlertSeverity | null;
  dispatched_version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT id, seq::text AS seq, dedup_key, detector, severity, subject_accounts, subject_owners, institution_ids, event_ids, aggregates,
  first_detected_at, last_detected_at, fire_count, version, handed_off_severity, dispatched_version, created_at, updated_at FROM alerts`;

const RANK = `ARRAY['LOW','MEDIUM','HIGH','CRITICAL']::varchar[]`;

function toEntity(r: AlertRow): AlertEntity {
  return {
    id: r.id,
    seq: r.seq,
    dedupKey: r.dedup_key,
    detector: r.detector,
    severity: r.severity,
    subjectAccounts: r.subject_accounts,
    subjectOwners: r.subject_owners,
    institutionIds: r.institution_ids,
    eventIds: r.event_ids,
    aggregates: r.aggregates,
    firstDetectedAt: new Date(r.first_detected_at),
    lastDetectedAt: new Date(r.last_detected_at),
    fireCount: r.fire_count,
    version: r.version,
    handedOffSeverity: r.handed_off_severity,
    dispatchedVersion: r.dispatched_version,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Inserts new alerts and merges repeats into the alert with the same dedup key, in one
   * statement, safe against a concurrent writer of the same key: severity only rises, subject
   * accounts and institutions are unions, evidence and aggregates follow the latest firing in
   * event time, the fire count adds up, and the version grows by one.
   */
  async upsert(rows: readonly AlertUpsert[], now: Date, em?: EntityManager): Promise<UpsertedAlert[]> {
    if (rows.length === 0) return [];
    const runner = em ?? this.ds.manager;
    const before: Array<{ dedup_key: string; severity: AlertSeverity }> = await runner.query(
      'SELECT dedup_key, severity FROM alerts WHERE dedup_key = ANY($1::varchar[])',
      [rows.map((r) => r.dedupKey)],
    );
    const previous = new Map(before.map((b) => [b.dedup_key, b.severity]));
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const v = [
        r.id,
        r.dedupKey,
        r.detector,
        r.severity,
        r.subjectAccounts,
        JSON.stringify(r.subjectOwners),
        r.institutionIds,
        JSON.stringify(r.eventIds),
        JSON.stringify(r.aggregates),
        r.firstDetectedAt,
        r.lastDetectedAt,
        r.fireCount,
        now,
      ];
      const b = params.length;
      params.push(...v);
      return `($${b + 1}::uuid, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::varchar[], $${b + 6}::jsonb, $${b + 7}::uuid[], $${b + 8}::jsonb, $${b + 9}::jsonb, $${b + 10}::timestamptz, $${b + 11}::timestamptz, $${b + 12}::int, 1, 0, $${b + 13}::timestamptz, $${b + 13}::timestamptz)`;
    });
    const written: Array<{ id: string; dedup_key: string; version: number; severity: AlertSeverity; inserted: boolean }> = await runner.query(
      `INSERT INTO alerts AS a (id, dedup_key, detector, severity, subject_accounts, subject_owners, institution_ids, event_ids, aggregates,
         first_detected_at, last_detected_at, fire_count, version, dispatched_version, created_at, updated_at)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (dedup_key) DO UPDATE SET
         severity = CASE WHEN array_position(${RANK}, EXCLUDED.severity) > array_position(${RANK}, a.severity) THEN EXCLUDED.severity ELSE a.severity END,
         subject_accounts = (a.subject_accounts || ARRAY(SELECT s FROM unnest(EXCLUDED.subject_accounts) s WHERE NOT s = ANY(a.subject_accounts)))[1:100],
         subject_owners = a.subject_owners || jsonb_strip_nulls(EXCLUDED.subject_owners),
         institution_ids = a.institution_ids || ARRAY(SELECT i FROM unnest(EXCLUDED.institution_ids) i WHERE NOT i = ANY(a.institution_ids)),
         event_ids = CASE WHEN EXCLUDED.last_detected_at >= a.last_detected_at THEN EXCLUDED.event_ids ELSE a.event_ids END,
         aggregates = CASE WHEN EXCLUDED.last_detected_at >= a.last_detected_at THEN EXCLUDED.aggregates ELSE a.aggregates END,
         first_detected_at = LEAST(a.first_detected_at, EXCLUDED.first_detected_at),
         last_detected_at = GREATEST(a.last_detected_at, EXCLUDED.last_detected_at),
         fire_count = a.fire_count + EXCLUDED.fire_count,
         version = a.version + 1,
         updated_at = EXCLUDED.updated_at
       RETURNING a.id, a.dedup_key, a.version, a.severity, (xmax = 0) AS inserted`,
      params,
    );
    return written.map((w) => ({
      id: w.id,
      dedupKey: w.dedup_key,
      version: w.version,
      severity: w.severity,
      inserted: w.inserted,
      previousSeverity: w.inserted ? null : (previous.get(w.dedup_key) ?? null),
    }));
  }

  async findById(id: string, em?: EntityManager): Promise<AlertEntity | null> {
    if (!isUuid(id)) return null;
    const rows: AlertRow[] = await (em ?? this.ds.manager).query(`${SELECT} WHERE id = $1`, [id]);
    return rows[0] ? toEntity(rows[0]) : null;
  }

  async findByIds(ids: readonly string[], em?: EntityManager): Promise<AlertEntity[]> {
    if (ids.length === 0) return [];
    const rows: AlertRow[] = await (em ?? this.ds.manager).query(`${SELECT} WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toEntity);
  }

  async findByDedupKey(dedupKey: string): Promise<AlertEntity | null> {
    const rows: AlertRow[] = await this.ds.query(`${SELECT} WHERE dedup_key = $1`, [dedupKey]);
    return rows[0] ? toEntity(rows[0]) : null;
  }

  /** Newest first, by creation order; `limit + 1` rows tell the caller whether a next page exists. */
  async list(f: AlertFilter): Promise<AlertEntity[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.institutionId !== undefined) where.push(`institution_ids @> ARRAY[${p(f.institutionId)}]::uuid[]`);
    if (f.detectors?.length) where.push(`detector = ANY(${p(f.detectors)}::varchar[])`);
    if (f.severities?.length) where.push(`severity = ANY(${p(f.severities)}::varchar[])`);
    if (f.account !== undefined) where.push(`subject_accounts @> ARRAY[${p(f.account)}]::varchar[]`);
    if (f.from !== undefined) where.push(`last_detected_at >= ${p(f.from)}`);
    if (f.to !== undefined) where.push(`last_detected_at < ${p(f.to)}`);
    if (f.beforeSeq !== undefined) where.push(`seq < ${p(f.beforeSeq)}::bigint`);
    const rows: AlertRow[] = await this.ds.query(
      `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${p(f.limit + 1)}`,
      params,
    );
    return rows.map(toEntity);
  }

  /** Alerts whose latest version has not been published and handed off yet, oldest first. */
  async undispatched(updatedBefore: Date, limit: number): Promise<AlertEntity[]> {
    const rows: AlertRow[] = await this.ds.query(
      `${SELECT} WHERE dispatched_version < version AND updated_at < $1 ORDER BY seq LIMIT $2`,
      [updatedBefore, limit],
    );
    return rows.map(toEntity);
  }

  async markDispatched(id: string, version: number, handedOffSeverity: AlertSeverity | null): Promise<void> {
    await this.ds.query(
      `UPDATE alerts SET dispatched_version = GREATEST(dispatched_version, $2),
         handed_off_severity = COALESCE($3, handed_off_severity) WHERE id = $1`,
      [id, version, handedOffSeverity],
    );
  }
}
