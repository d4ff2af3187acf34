import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import type { CaseStatus } from '../../domain/cases/case-status.js';
import type { Severity } from '../../domain/cases/severity.js';
import type { CaseSource, CaseSubjectType } from './cases.types.js';
import { CaseAssignmentCursorEntity } from './entities/case-assignment-cursor.entity.js';
import { CaseEventEntity } from './entities/case-event.entity.js';
import { CaseItemEntity } from './entities/case-item.entity.js';
import { CaseEntity } from './entities/case.entity.js';

export const QUEUE_SORTS = ['priority', 'dueAt', 'openedAt', 'updatedAt', 'lastItemAt'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export interface QueueQuery {
  institutionId?: string;
  statuses?: CaseStatus[];
  priorities?: Severity[];
  overdue?: boolean;
  /** A user id, or 'UNASSIGNED'. */
  assignee?: string;
  subjectType?: CaseSubjectType;
  subjectKey?: string;
  source?: CaseSource;
  findingCode?: string;
  now: Date;
  sort: QueueSort;
  order: 'ASC' | 'DESC';
  limit: number;
  offset: number;
}

const SORT_SQL: Record<QueueSort, string> = {
  priority: "CASE c.priority WHEN 'CRITICAL' THEN 3 WHEN 'HIGH' THEN 2 WHEN 'MEDIUM' THEN 1 ELSE 0 END",
  dueAt: 'c.due_at',
  openedAt: 'c.opened_at',
  updatedAt: 'c.updated_at',
  lastItemAt: 'c.last_item_at',
};

export type NewCaseEvent = Omit<CaseEventEntity, 'id' | 'seq' | 'caseId'>;

export interface CaseSubjectRef {
  institutionId: string;
  subjectType: CaseSubjectType;
  subjectKey: string;
}

export interface CaseItemSourceRef {
  institutionId: string;
  source: CaseSource;
  sourceId: string;
}

/**
 * A WHERE condition: the row's (institution id, two text columns) is one of `keys`, as one
 * parameter per column however many keys (the unique indexes on those columns serve it).
 */
export function amongKeys(alias: string, columns: readonly [string, string, string], keys: ReadonlyArray<readonly [string, string, string]>): [string, Record<string, string[]>] {
  const [a, b, c] = columns.map((col) => `${alias}.${col}`);
  return [
    `(${a}, ${b}, ${c}) IN (SELECT * FROM unnest(CAST(:among0 AS uuid[]), CAST(:among1 AS varchar[]), CAST(:among2 AS varchar[])))`,
    { among0: keys.map((k) => k[0]), among1: keys.map((k) => k[1]), among2: keys.map((k) => k[2]) },
  ];
}

/** `amongKeys` over subjects. */
export function amongSubjects(alias: string, subjects: ReadonlyArray<CaseSubjectRef>): [string, Record<string, string[]>] {
  return amongKeys(alias, ['institution_id', 'subject_type', 'subject_key'], subjects.map((x) => [x.institutionId, x.subjectType, x.subjectKey] as const));
}

function subjectOrder(s: CaseSubjectRef): string[] {
  return [s.institutionId, s.subjectType, s.subjectKey];
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** Cases, their items, their timeline and the round-robin cursor. */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Runs `fn` in the caller's transaction when one is given, otherwise in a new one. */
  inTransaction<T>(fn: (em: EntityManager) => Promise<T>, em?: EntityManager): Promise<T> {
    return em ? fn(em) : this.ds.transaction(fn);
  }

  findById(id: string, em?: EntityManager): Promise<CaseEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return (em ?? this.ds.manager).getRepository(CaseEntity).findOneBy({ id });
  }

  /** Locks the case row for the rest of the transaction: every change to a case goes through here. */
  lock(em: EntityManager, id: string): Promise<CaseEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return em.getRepository(CaseEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  lockOpenForSubject(em: EntityManager, institutionId: string, subjectType: CaseSubjectType, subjectKey: string): Promise<CaseEntity | null> {
    return this.lockOpenForSubjects(em, [{ institutionId, subjectType, subjectKey }]).then((rows) => rows[0] ?? null);
  }

  /** Locks the open cases of these subjects, in id order (so concurrent batches never deadlock). */
  lockOpenForSubjects(em: EntityManager, subjects: ReadonlyArray<CaseSubjectRef>): Promise<CaseEntity[]> {
    if (subjects.length === 0) return Promise.resolve([]);
    return em
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where(...amongSubjects('c', subjects))
      .andWhere("c.status <> 'CLOSED'")
      .orderBy('c.id')
      .getMany();
  }

  /**
   * Inserts cases for subjects that have no open one (the partial unique index decides, so two
   * processes racing for the same subject end with one case). Returns the ids inserted.
   */
  async insertIfNoOpenCases(em: EntityManager, rows: readonly CaseEntity[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    // Always in the same order, so two batches wait for each other's rows instead of deadlocking.
    const sorted = [...rows].sort((a, b) => compareKeys(subjectOrder(a), subjectOrder(b)));
    const params: unknown[] = [];
    const tuples = sorted.map((r) => {
      const values = [r.id, r.institutionId, r.subjectType, r.subjectKey, r.subjectDisplay, r.subjectName, r.subjectAttributes === null ? null : JSON.stringify(r.subjectAttributes), r.status, r.priority, r.dueAt, r.assigneeId, r.assigneeName, r.openedAt, r.updatedAt, r.closedAt, r.resolution, r.itemCount, r.lastItemAt, r.sources, r.findingCodes, r.reopenCount];
      const first = params.length;
      params.push(...values);
      return `(${values.map((_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    const result: Array<{ id: string }> = await em.query(
      `INSERT INTO cases (id, institution_id, subject_type, subject_key, subject_display, subject_name, subject_attributes, status, priority, due_at, assignee_id, assignee_name, opened_at, updated_at, closed_at, resolution, item_count, last_item_at, sources, finding_codes, reopen_count)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (institution_id, subject_type, subject_key) WHERE status <> 'CLOSED' DO NOTHING
       RETURNING id`,
      params,
    );
    return new Set(result.map((r) => r.id));
  }

  /** Writes what items brought to these (locked) cases, in one statement. */
  async saveIntake(em: EntityManager, rows: ReadonlyArray<Pick<CaseEntity, 'id' | 'priority' | 'dueAt' | 'itemCount' | 'lastItemAt' | 'updatedAt' | 'sources' | 'findingCodes' | 'subjectName' | 'subjectAttributes'>>): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `UPDATE cases c SET priority = v.priority, due_at = v.due_at, item_count = v.item_count, last_item_at = v.last_item_at, updated_at = v.updated_at,
              sources = v.sources, finding_codes = v.finding_codes, subject_name = v.subject_name, subject_attributes = v.subject_attributes
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, priority varchar, due_at timestamptz, item_count integer, last_item_at timestamptz, updated_at timestamptz,
                                                sources varchar[], finding_codes varchar[], subject_name varchar, subject_attributes jsonb)
       WHERE c.id = v.id`,
      [
        JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            priority: r.priority,
            due_at: r.dueAt,
            item_count: r.itemCount,
            last_item_at: r.lastItemAt,
            updated_at: r.updatedAt,
            sources: r.sources,
            finding_codes: r.findingCodes,
            subject_name: r.subjectName,
            subject_attributes: r.subjectAttributes,
          })),
        ),
      ],
    );
  }

  async update(em: EntityManager, id: string, patch: Partial<Omit<CaseEntity, 'id'>>): Promise<void> {
    await em.getRepository(CaseEntity).update({ id }, patch as QueryDeepPartialEntity<CaseEntity>);
  }

  /** Items recorded under any of these (institution, source, source id) keys. */
  findItemsBySources(em: EntityManager, keys: ReadonlyArray<CaseItemSourceRef>): Promise<CaseItemEntity[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return em
      .getRepository(CaseItemEntity)
      .createQueryBuilder('i')
      .where(...amongKeys('i', ['institution_id', 'source', 'source_id'], keys.map((k) => [k.institutionId, k.source, k.sourceId] as const)))
      .getMany();
  }

  /** Inserts the items whose (institution, source, source id) does not exist yet; returns the ids inserted. */
  async insertItems(em: EntityManager, rows: readonly CaseItemEntity[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const values = [r.id, r.caseId, r.institutionId, r.source, r.sourceId, r.subjectType, r.subjectKey, r.subjectDisplay, r.severity, r.findingCodes, r.suppressedCodes, r.queued, r.summary, JSON.stringify(r.evidence), r.occurredAt, r.recordedAt];
      const first = params.length;
      params.push(...values);
      return `(${values.map((_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    const result: Array<{ id: string }> = await em.query(
      `INSERT INTO case_items (id, case_id, institution_id, source, source_id, subject_type, subject_key, subject_display, severity, finding_codes, suppressed_codes, queued, summary, evidence, occurred_at, recorded_at)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (institution_id, source, source_id) DO NOTHING
       RETURNING id`,
      params,
    );
    return new Set(result.map((r) => r.id));
  }

  itemsOfCase(caseId: string, em?: EntityManager): Promise<CaseItemEntity[]> {
    return (em ?? this.ds.manager).getRepository(CaseItemEntity).find({ where: { caseId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  /** Items recorded for a subject but kept out of the queue by a suppression. */
  suppressedItemsOfSubject(institutionId: string, subjectType: CaseSubjectType, subjectKey: string, limit: number): Promise<CaseItemEntity[]> {
    return this.ds.getRepository(CaseItemEntity).find({ where: { institutionId, subjectType, subjectKey, queued: false }, order: { recordedAt: 'DESC' }, take: limit });
  }

  /** Appends to the timeline; the caller holds the case lock, so seq is gap-free and ordered. */
  appendEvents(em: EntityManager, caseId: string, events: Array<NewCaseEvent & { id: string }>): Promise<void> {
    return this.appendEventsOfCases(em, new Map([[caseId, events]]));
  }

  /** `appendEvents` for several locked cases, in two statements. */
  async appendEventsOfCases(em: EntityManager, byCase: ReadonlyMap<string, Array<NewCaseEvent & { id: string }>>): Promise<void> {
    const caseIds = [...byCase].filter(([, events]) => events.length > 0).map(([id]) => id);
    if (caseIds.length === 0) return;
    const rows: Array<{ case_id: string; seq: number }> = await em.query('SELECT case_id, max(seq) AS seq FROM case_events WHERE case_id = ANY($1::uuid[]) GROUP BY case_id', [caseIds]);
    const last = new Map(rows.map((r) => [r.case_id, Number(r.seq)]));
    const all: QueryDeepPartialEntity<CaseEventEntity>[] = [];
    for (const caseId of caseIds) {
      let seq = last.get(caseId) ?? 0;
      for (const e of byCase.get(caseId)!) all.push({ ...e, caseId, seq: ++seq } as QueryDeepPartialEntity<CaseEventEntity>);
    }
    await em.getRepository(CaseEventEntity).insert(all);
  }

  events(caseId: string, em?: EntityManager): Promise<CaseEventEntity[]> {
    return (em ?? this.ds.manager).getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
  }

  async queue(q: QueueQuery): Promise<{ rows: CaseEntity[]; total: number }> {
    const qb = this.ds.getRepository(CaseEntity).createQueryBuilder('c');
    if (q.institutionId) qb.andWhere('c.institution_id = :ins', { ins: q.institutionId });
    if (q.statuses && q.statuses.length > 0) qb.andWhere('c.status IN (:...statuses)', { statuses: q.statuses });
    if (q.priorities && q.priorities.length > 0) qb.andWhere('c.priority IN (:...priorities)', { priorities: q.priorities });
    if (q.overdue === true) qb.andWhere("c.status <> 'CLOSED' AND c.due_at < :now", { now: q.now });
    if (q.overdue === false) qb.andWhere("(c.status = 'CLOSED' OR c.due_at >= :now)", { now: q.now });
    if (q.assignee === 'UNASSIGNED') qb.andWhere('c.assignee_id IS NULL');
    else if (q.assignee) qb.andWhere('c.assignee_id = :assignee', { assignee: q.assignee });
    if (q.subjectType) qb.andWhere('c.subject_type = :st', { st: q.subjectType });
    if (q.subjectKey) qb.andWhere('c.subject_key = :sk', { sk: q.subjectKey });
    if (q.source) qb.andWhere(':source = ANY(c.sources)', { source: q.source });
    if (q.findingCode) qb.andWhere(':fc = ANY(c.finding_codes)', { fc: q.findingCode });
    const total = await qb.getCount();
    qb.orderBy(SORT_SQL[q.sort], q.order, q.order === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST');
    if (q.sort !== 'dueAt') qb.addOrderBy('c.due_at', 'ASC');
    qb.addOrderBy('c.id', 'ASC');
    const rows = await qb.offset(q.offset).limit(q.limit).getMany();
    return { rows, total };
  }

  findCursor(em: EntityManager, institutionId: string): Promise<CaseAssignmentCursorEntity | null> {
    return em.getRepository(CaseAssignmentCursorEntity).findOneBy({ institutionId });
  }

  async saveCursor(em: EntityManager, row: CaseAssignmentCursorEntity): Promise<void> {
    await em.query(
      `INSERT INTO case_assignment_cursors (institution_id, last_user_id, last_sort_key, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (institution_id) DO UPDATE SET last_user_id = EXCLUDED.last_user_id, last_sort_key = EXCLUDED.last_sort_key, updated_at = EXCLUDED.updated_at`,
      [row.institutionId, row.lastUserId, row.lastSortKey, row.updatedAt],
    );
  }

  /** Active analysts of an institution, read inside the caller's transaction. */
  activeAnalysts(em: EntityManager, institutionId: string): Promise<Array<{ id: string; username: string }>> {
    return em.query("SELECT id, username FROM users WHERE institution_id = $1 AND active AND 'ANALYST' = ANY(roles) ORDER BY username", [institutionId]);
  }

  /** A reopened case will be decided again: its earlier feedback rows stop counting. */
  async retireDispositions(em: EntityManager, caseId: string): Promise<void> {
    await em.query('UPDATE case_dispositions SET current = false WHERE case_id = $1 AND current', [caseId]);
  }

  /** Serialises round-robin picks of one institution across processes (a row may not exist yet). */
  async lockRoundRobin(em: EntityManager, institutionId: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(727100801, hashtext($1))', [institutionId]);
  }
}
