import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import { type TransactionStatement, writeTransaction } from '../../infra/database/write-transaction.js';
import { STATUTORY_CATEGORIES } from '../../domain/negative-list/entry-term.js';
import type { EntryCategory, EntryMeasure, EntryStatus, FraudType, IdentifierKind, SubjectType, TermBasis } from '../../domain/negative-list/taxonomy.js';
import type { Term } from '../../domain/restrictions/terms.js';
import { NegativeListEntryEntity } from './negative-list-entry.entity.js';
import { type EntryAction, NegativeListEntryVersionEntity } from './negative-list-entry-version.entity.js';

/** The entry as a version snapshot stores it: everything but the full identifier. */
const SNAPSHOT = (a: string): string => `jsonb_build_object(
  'version', ${a}.version, 'status', ${a}.status, 'statusReason', ${a}.status_reason,
  'externalRef', ${a}.external_ref, 'subjectType', ${a}.subject_type, 'idKind', ${a}.id_kind,
  'identifierMasked', ${a}.identifier_masked, 'subjectName', ${a}.subject_name, 'birthDate', ${a}.birth_date,
  'category', ${a}.category, 'fraudType', ${a}.fraud_type, 'legalBasis', ${a}.legal_basis,
  'legalBasisDocNo', ${a}.legal_basis_doc_no, 'evidenceRef', ${a}.evidence_ref, 'measures', to_jsonb(${a}.measures),
  'requestedFrom', ${a}.requested_from, 'effectiveFrom', ${a}.effective_from, 'expiresAt', ${a}.expires_at,
  'termBasis', ${a}.term_basis, 'contributorInstitutionId', ${a}.contributor_institution_id,
  'contributorActorType', ${a}.contributor_actor_type, 'contributorActorId', ${a}.contributor_actor_id)`;

const SEQUENCE = `pg_get_serial_sequence('negative_list_entries', 'change_seq')`;

/** Copies the versions about to be superseded (rows aliased `a`) into the append-only history. */
const ARCHIVE = (a: string): string => `INSERT INTO negative_list_entry_versions (entry_id, version, action, snapshot, changed_at, actor_type, actor_id, institution_id, reason)
  SELECT ${a}.id, ${a}.version, ${a}.last_action, ${SNAPSHOT(a)}, ${a}.updated_at, ${a}.last_actor_type, ${a}.last_actor_id, ${a}.last_actor_institution_id, ${a}.last_reason`;

const VERSION_COLUMNS = 'entry_id, version, action, snapshot, changed_at, actor_type, actor_id, institution_id, reason';

/** Columns the in-memory index needs, as raw rows (unqualified, and qualified by `e`). */
const INDEX_COLUMNS = `id, version, subject_type, id_kind, subject_key, identifier_masked, subject_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, category, fraud_type,
  measures, status, effective_from, expires_at, term_basis, change_seq`;

/** The rows of upsertBatch's document, under their column names. */
const BATCH_INPUT = `SELECT a AS id, b AS external_ref, c AS subject_type, d AS id_kind, e AS subject_key, f AS identifier, g AS identifier_masked,
    h AS subject_name, i AS birth_date, j AS category, k AS fraud_type, l AS legal_basis, m AS legal_basis_doc_no, n AS evidence_ref, o AS measures,
    to_timestamp(p / 1000) AS requested_from, to_timestamp(q / 1000) AS effective_from, to_timestamp(r / 1000) AS expires_at, s AS term_basis
  FROM json_to_recordset($1::json) AS t(a uuid, b varchar, c varchar, d varchar, e varchar, f varchar, g varchar, h varchar, i date, j varchar,
    k varchar, l text, m varchar, n varchar, o text, p float8, q float8, r float8, s varchar)`;

/**
 * The rows of a batch as upsertBatch sends them: one JSON document (one native JSON.stringify
 * here, one parse in the database) rather than nineteen arrays escaped element by element; as
 * json, not jsonb, which the database would first build into its binary form only to take apart
 * again. Keys are single letters and times epoch milliseconds (BATCH_INPUT names them): the
 * document is several hundred kilobytes a batch, written, sent and parsed once each. A loader may
 * make it ahead of the write (`document`), while the batch before is still being written.
 */
export function batchDocument(rows: readonly NewEntryRow[]): string {
  return JSON.stringify(
    rows.map((row) => ({
      a: row.id, b: row.externalRef, c: row.subjectType, d: row.idKind, e: row.subjectKey, f: row.identifier, g: row.identifierMasked, h: row.subjectName,
      i: row.birthDate, j: row.category, k: row.fraudType, l: row.legalBasis, m: row.legalBasisDocNo, n: row.evidenceRef, o: row.measures.join(','),
      p: row.requestedFrom.getTime(), q: row.effectiveFrom.getTime(), r: row.expiresAt === null ? null : row.expiresAt.getTime(), s: row.termBasis,
    })),
  );
}

export interface Actor {
  type: string;
  id: string;
  institutionId: string | null;
}

export interface IndexRow {
  id: string;
  version: number;
  subject_type: SubjectType;
  id_kind: IdentifierKind;
  subject_key: string;
  identifier_masked: string;
  subject_name: string | null;
  birth_date: string | null;
  category: EntryCategory;
  fraud_type: FraudType;
  measures: EntryMeasure[];
  status: EntryStatus;
  effective_from: Date;
  expires_at: Date | null;
  term_basis: TermBasis;
  change_seq: string;
}

export interface NewEntryRow {
  id: string;
  externalRef: string | null;
  subjectType: SubjectType;
  idKind: IdentifierKind;
  subjectKey: string;
  identifier: string;
  identifierMasked: string;
  subjectName: string | null;
  birthDate: string | null;
  category: EntryCategory;
  fraudType: FraudType;
  legalBasis: string;
  legalBasisDocNo: string | null;
  evidenceRef: string | null;
  measures: readonly EntryMeasure[];
  requestedFrom: Date;
  effectiveFrom: Date;
  expiresAt: Date | null;
  termBasis: TermBasis;
}

export interface StatutoryTermRow {
  id: string;
  subjectKey: string;
  externalRef: string | null;
  contributorInstitutionId: string;
  term: Term;
}

export interface ExistingRefRow {
  externalRef: string;
  category: EntryCategory;
  requestedFrom: Date;
  effectiveFrom: Date;
  expiresAt: Date | null;
  termBasis: TermBasis;
  /** A revoked entry stays revoked when a load updates it. */
  revoked: boolean;
}

export interface UpsertedRow extends IndexRow {
  inserted: boolean;
}

export type StatusFilter = EntryStatus;

export interface EntryFilter {
  status?: StatusFilter;
  category?: EntryCategory;
  subjectType?: SubjectType;
  contributorInstitutionId?: string;
  externalRef?: string;
  changedSince?: Date;
  /** The clock, for status derived from expiry. */
  now: Date;
}

export type EntryPatch = Partial<Pick<NegativeListEntryEntity, 'subjectName' | 'category' | 'fraudType' | 'legalBasis' | 'legalBasisDocNo' | 'evidenceRef' | 'measures' | 'effectiveFrom' | 'expiresAt' | 'termBasis' | 'requestedFrom' | 'status' | 'statusReason'>>;

function filterSql(f: EntryFilter, params: unknown[]): string {
  const where: string[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.status) {
    const now = p(f.now);
    if (f.status === 'ACTIVE' || f.status === 'UNDER_APPEAL') where.push(`e.status = ${p(f.status)} AND (e.expires_at IS NULL OR e.expires_at > ${now})`);
    else if (f.status === 'EXPIRED') where.push(`(e.status = 'EXPIRED' OR (e.status IN ('ACTIVE', 'UNDER_APPEAL') AND e.expires_at <= ${now}))`);
    else where.push(`e.status = 'REVOKED'`);
  }
  if (f.category) where.push(`e.category = ${p(f.category)}`);
  if (f.subjectType) where.push(`e.subject_type = ${p(f.subjectType)}`);
  if (f.contributorInstitutionId) where.push(`e.contributor_institution_id = ${p(f.contributorInstitutionId)}`);
  if (f.externalRef) where.push(`e.external_ref = ${p(f.externalRef)}`);
  if (f.changedSince) where.push(`e.updated_at >= ${p(f.changedSince)}`);
  return where.length > 0 ? where.join(' AND ') : 'TRUE';
}

const ENTITY_COLUMNS = `e.id, e.version, e.change_seq, e.external_ref, e.subject_type, e.id_kind, e.subject_key, e.identifier, e.identifier_masked,
  e.subject_name, to_char(e.birth_date, 'YYYY-MM-DD') AS birth_date, e.category, e.fraud_type, e.legal_basis, e.legal_basis_doc_no, e.evidence_ref,
  e.measures, e.requested_from, e.effective_from, e.expires_at, e.term_basis, e.status, e.status_reason, e.contributor_institution_id,
  e.contributor_actor_type, e.contributor_actor_id, e.import_id, e.last_action, e.last_actor_type, e.last_actor_id, e.last_actor_institution_id,
  e.last_reason, e.created_at, e.updated_at`;

type RawEntry = Record<string, unknown>;

function toEntity(r: RawEntry): NegativeListEntryEntity {
  return Object.assign(new NegativeListEntryEntity(), {
    id: r.id as string,
    version: Number(r.version),
    changeSeq: String(r.change_seq),
    externalRef: r.external_ref as string | null,
    subjectType: r.subject_type as SubjectType,
    idKind: r.id_kind as IdentifierKind,
    subjectKey: r.subject_key as string,
    identifier: r.identifier as string,
    identifierMasked: r.identifier_masked as string,
    subjectName: r.subject_name as string | null,
    birthDate: r.birth_date as string | null,
    category: r.category as EntryCategory,
    fraudType: r.fraud_type as FraudType,
    legalBasis: r.legal_basis as string,
    legalBasisDocNo: r.legal_basis_doc_no as string | null,
    evidenceRef: r.evidence_ref as string | null,
    measures: r.measures as EntryMeasure[],
    requestedFrom: r.requested_from as Date,
    effectiveFrom: r.effective_from as Date,
    expiresAt: r.expires_at as Date | null,
    termBasis: r.term_basis as TermBasis,
    status: r.status as EntryStatus,
    statusReason: r.status_reason as string | null,
    contributorInstitutionId: r.contributor_institution_id as string,
    contributorActorType: r.contributor_actor_type as string,
    contributorActorId: r.contributor_actor_id as string,
    importId: r.import_id as string | null,
    lastAction: r.last_action as EntryAction,
    lastActorType: r.last_actor_type as string,
    lastActorId: r.last_actor_id as string,
    lastActorInstitutionId: r.last_actor_institution_id as string | null,
    lastReason: r.last_reason as string | null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  });
}

function toIndexRow(r: RawEntry): IndexRow {
  const row = r as unknown as IndexRow;
  row.version = Number(r.version);
  row.change_seq = String(r.change_seq);
  return row;
}

/** Negative-list entries and their append-only versions. */
@Injectable()
export class NegativeListRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Serialises listings of one subject, so two concurrent listings cannot both chain onto the same term. */
  async lockSubject(em: EntityManager, subjectKey: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`negative-list:${subjectKey}`]);
  }

  async findById(id: string, em?: EntityManager): Promise<NegativeListEntryEntity | null> {
    if (!isUuid(id)) return null;
    const rows: RawEntry[] = await (em ?? this.ds.manager).query(`SELECT ${ENTITY_COLUMNS} FROM negative_list_entries e WHERE e.id = $1${em ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toEntity(rows[0]) : null;
  }

  async findByIds(ids: readonly string[]): Promise<NegativeListEntryEntity[]> {
    if (ids.length === 0) return [];
    const rows: RawEntry[] = await this.ds.query(`SELECT ${ENTITY_COLUMNS} FROM negative_list_entries e WHERE e.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toEntity);
  }

  /** Statutory terms (joint punishment categories, not revoked, with an expiry) of persons with these identifiers. */
  async statutoryTerms(subjectKeys: readonly string[], em?: EntityManager): Promise<StatutoryTermRow[]> {
    if (subjectKeys.length === 0) return [];
    const rows: RawEntry[] = await (em ?? this.ds.manager).query(
      `SELECT id, subject_key, external_ref, contributor_institution_id, effective_from, expires_at FROM negative_list_entries
        WHERE subject_key = ANY(ARRAY(SELECT json_array_elements_text($1::json))) AND subject_type = 'PERSON' AND status <> 'REVOKED' AND expires_at IS NOT NULL AND category = ANY($2::varchar[])`,
      [JSON.stringify(subjectKeys), STATUTORY_CATEGORIES],
    );
    return rows.map((r) => ({
      id: r.id as string,
      subjectKey: r.subject_key as string,
      externalRef: r.external_ref as string | null,
      contributorInstitutionId: r.contributor_institution_id as string,
      term: { from: r.effective_from as Date, to: r.expires_at as Date },
    }));
  }

  async existingRefs(institutionId: string, refs: readonly string[]): Promise<Map<string, ExistingRefRow>> {
    const out = new Map<string, ExistingRefRow>();
    if (refs.length === 0) return out;
    const rows: RawEntry[] = await this.ds.query(
      `SELECT external_ref, category, requested_from, effective_from, expires_at, term_basis, status FROM negative_list_entries
        WHERE contributor_institution_id = $1 AND external_ref = ANY(ARRAY(SELECT json_array_elements_text($2::json)))`,
      [institutionId, JSON.stringify(refs)],
    );
    for (const r of rows) {
      out.set(r.external_ref as string, {
        externalRef: r.external_ref as string,
        category: r.category as EntryCategory,
        requestedFrom: r.requested_from as Date,
        effectiveFrom: r.effective_from as Date,
        expiresAt: r.expires_at as Date | null,
        termBasis: r.term_basis as TermBasis,
        revoked: r.status === 'REVOKED',
      });
    }
    return out;
  }

  async insert(em: EntityManager, row: NewEntryRow, actor: Actor, now: Date): Promise<NegativeListEntryEntity> {
    await em.query(
      `INSERT INTO negative_list_entries (id, version, external_ref, subject_type, id_kind, subject_key, identifier, identifier_masked, subject_name, birth_date,
         category, fraud_type, legal_basis, legal_basis_doc_no, evidence_ref, measures, requested_from, effective_from, expires_at, term_basis, status,
         contributor_institution_id, contributor_actor_type, contributor_actor_id, last_action, last_actor_type, last_actor_id, last_actor_institution_id,
         created_at, updated_at)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::varchar[], $16, $17, $18, $19, 'ACTIVE', $20, $21, $22, 'CREATED', $21, $22, $20, $23, $23)`,
      [row.id, row.externalRef, row.subjectType, row.idKind, row.subjectKey, row.identifier, row.identifierMasked, row.subjectName, row.birthDate,
        row.category, row.fraudType, row.legalBasis, row.legalBasisDocNo, row.evidenceRef, row.measures, row.requestedFrom, row.effectiveFrom, row.expiresAt, row.termBasis,
        actor.institutionId, actor.type, actor.id, now],
    );
    return (await this.findById(row.id, em))!;
  }

  /**
   * Applies a change as a new version: the current version goes to history, then the row gets
   * version + 1, a fresh change_seq and the change's action, actor and reason. The caller holds
   * the row lock (findById within its transaction).
   */
  async update(em: EntityManager, id: string, patch: EntryPatch, action: EntryAction, actor: Actor, now: Date, reason: string | null): Promise<NegativeListEntryEntity> {
    const columns: Record<keyof EntryPatch, string> = {
      subjectName: 'subject_name', category: 'category', fraudType: 'fraud_type', legalBasis: 'legal_basis', legalBasisDocNo: 'legal_basis_doc_no',
      evidenceRef: 'evidence_ref', measures: 'measures', effectiveFrom: 'effective_from', expiresAt: 'expires_at', termBasis: 'term_basis',
      requestedFrom: 'requested_from', status: 'status', statusReason: 'status_reason',
    };
    await em.query(`${ARCHIVE('e')} FROM negative_list_entries e WHERE e.id = $1`, [id]);
    const sets: string[] = [];
    const params: unknown[] = [id, now, action, actor.type, actor.id, actor.institutionId, reason];
    for (const [k, v] of Object.entries(patch) as Array<[keyof EntryPatch, unknown]>) {
      if (v === undefined) continue;
      params.push(v);
      sets.push(`${columns[k]} = $${params.length}${k === 'measures' ? '::varchar[]' : ''}`);
    }
    const change = ['version = version + 1', `change_seq = nextval(${SEQUENCE})`, 'updated_at = $2', 'last_action = $3', 'last_actor_type = $4', 'last_actor_id = $5', 'last_actor_institution_id = $6', 'last_reason = $7'];
    await em.query(`UPDATE negative_list_entries SET ${[...sets, ...change].join(', ')} WHERE id = $1`, params);
    return (await this.findById(id, em))!;
  }

  /** Every version of an entry, oldest first: the superseded ones from history, then the current row. */
  async history(id: string): Promise<NegativeListEntryVersionEntity[]> {
    if (!isUuid(id)) return [];
    const rows: RawEntry[] = await this.ds.query(
      `SELECT ${VERSION_COLUMNS} FROM negative_list_entry_versions WHERE entry_id = $1
       UNION ALL
       SELECT e.id, e.version, e.last_action, ${SNAPSHOT('e')}, e.updated_at, e.last_actor_type, e.last_actor_id, e.last_actor_institution_id, e.last_reason
         FROM negative_list_entries e WHERE e.id = $1
       ORDER BY version`,
      [id],
    );
    return rows.map((r) =>
      Object.assign(new NegativeListEntryVersionEntity(), {
        entryId: r.entry_id as string,
        version: Number(r.version),
        action: r.action as EntryAction,
        snapshot: r.snapshot as Record<string, unknown>,
        changedAt: r.changed_at as Date,
        actorType: r.actor_type as string,
        actorId: r.actor_id as string,
        institutionId: r.institution_id as string | null,
        reason: r.reason as string | null,
      }),
    );
  }

  /**
   * Inserts or updates a batch by (contributor, external reference) in one statement. Rows equal
   * to what is stored are left alone (no new version); a changed row's previous version goes to
   * history first. A re-imported entry keeps REVOKED or UNDER_APPEAL; otherwise it is ACTIVE again
   * and the clock decides whether it has expired.
   */
  async upsertBatch(rows: readonly NewEntryRow[], actor: Actor & { institutionId: string }, importId: string, now: Date, o: { lockExisting?: boolean; document?: string } = {}): Promise<UpsertedRow[]> {
    if (rows.length === 0) return [];
    const refs = rows.map((r) => r.externalRef).filter((r): r is string => r !== null);
    const batch = o.document ?? batchDocument(rows);
    const params = [batch, actor.institutionId, actor.type, actor.id, importId, now, `import:${importId}`];
    // A bulk load is re-runnable (rows are keyed by external reference), so it does not wait for
    // each batch to reach the disk: asynchronous commit for these transactions only.
    // One loader per contributor at a time, and the rows it updates locked before the statement
    // takes its snapshot: the versions it copies to history are the ones it supersedes.
    // Straight on the driver, with BEGIN and the lock in one round trip: the rest of the import
    // keeps this process busy, and every round trip waits for its turn.
    const statements: TransactionStatement[] = [];
    if (refs.length > 0 && o.lockExisting !== false) {
      statements.push({ text: 'SELECT 1 FROM negative_list_entries WHERE contributor_institution_id = $1 AND external_ref = ANY($2::varchar[]) FOR UPDATE', values: [actor.institutionId, refs] });
    }
    statements.push({
      text: `WITH input AS (${BATCH_INPUT}), up AS (
           INSERT INTO negative_list_entries AS e (id, version, external_ref, subject_type, id_kind, subject_key, identifier, identifier_masked, subject_name, birth_date,
               category, fraud_type, legal_basis, legal_basis_doc_no, evidence_ref, measures, requested_from, effective_from, expires_at, term_basis, status,
               contributor_institution_id, contributor_actor_type, contributor_actor_id, import_id, last_action, last_actor_type, last_actor_id,
               last_actor_institution_id, last_reason, created_at, updated_at)
           SELECT id, 1, external_ref, subject_type, id_kind, subject_key, identifier, identifier_masked, subject_name, birth_date,
               category, fraud_type, legal_basis, legal_basis_doc_no, evidence_ref, string_to_array(measures, ',')::varchar[], requested_from, effective_from, expires_at, term_basis, 'ACTIVE',
               $2, $3, $4, $5, 'CREATED', $3, $4, $2, $7, $6, $6
           FROM input
           ON CONFLICT (contributor_institution_id, external_ref) DO UPDATE SET
             version = e.version + 1, change_seq = nextval(${SEQUENCE}),
             subject_type = excluded.subject_type, id_kind = excluded.id_kind, subject_key = excluded.subject_key, identifier = excluded.identifier,
             identifier_masked = excluded.identifier_masked, subject_name = excluded.subject_name, birth_date = excluded.birth_date,
             category = excluded.category, fraud_type = excluded.fraud_type, legal_basis = excluded.legal_basis, legal_basis_doc_no = excluded.legal_basis_doc_no,
             evidence_ref = excluded.evidence_ref, measures = excluded.measures, requested_from = excluded.requested_from, effective_from = excluded.effective_from,
             expires_at = excluded.expires_at, term_basis = excluded.term_basis,
             status = CASE WHEN e.status IN ('REVOKED', 'UNDER_APPEAL') THEN e.status ELSE 'ACTIVE' END,
             status_reason = CASE WHEN e.status IN ('REVOKED', 'UNDER_APPEAL') THEN e.status_reason ELSE NULL END,
             contributor_actor_type = excluded.contributor_actor_type, contributor_actor_id = excluded.contributor_actor_id, import_id = excluded.import_id,
             last_action = 'IMPORTED', last_actor_type = excluded.last_actor_type, last_actor_id = excluded.last_actor_id,
             last_actor_institution_id = excluded.last_actor_institution_id, last_reason = excluded.last_reason, updated_at = excluded.updated_at
           WHERE (e.subject_key, e.identifier, e.subject_name, e.birth_date, e.category, e.fraud_type, e.legal_basis, e.legal_basis_doc_no, e.evidence_ref,
                  e.measures, e.requested_from, e.effective_from, e.expires_at, e.term_basis)
             IS DISTINCT FROM (excluded.subject_key, excluded.identifier, excluded.subject_name, excluded.birth_date, excluded.category, excluded.fraud_type,
                  excluded.legal_basis, excluded.legal_basis_doc_no, excluded.evidence_ref, excluded.measures, excluded.requested_from, excluded.effective_from,
                  excluded.expires_at, excluded.term_basis)
           RETURNING e.id, e.external_ref, e.version, e.change_seq, e.status, (xmax = 0) AS inserted
         ), archived AS (
           -- Every part of the statement reads the table as it was before it (one snapshot): the
           -- versions an update supersedes, with no lookup for rows that were inserted.
           ${ARCHIVE('o')} FROM up u JOIN negative_list_entries o ON o.id = u.id WHERE NOT u.inserted
         )
         SELECT * FROM up`,
      values: params,
    });
    const results = await writeTransaction(
      this.ds,
      (literal) => `SELECT set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(hashtext(${literal(`negative-list-load:${actor.institutionId}`)}))`,
      statements,
    );
    const result = results[results.length - 1] as Array<{ id: string; external_ref: string | null; version: number; change_seq: string; status: EntryStatus; inserted: boolean }>;
    // What the index needs comes from the rows sent; the database adds id, version, sequence and status.
    const byRef = new Map<string, NewEntryRow>();
    const byId = new Map<string, NewEntryRow>();
    for (const r of rows) {
      if (r.externalRef !== null) byRef.set(r.externalRef, r);
      else byId.set(r.id, r);
    }
    return result.map((w) => {
      const r = (w.external_ref !== null ? byRef.get(w.external_ref) : byId.get(w.id))!;
      return {
        id: w.id,
        version: Number(w.version),
        subject_type: r.subjectType,
        id_kind: r.idKind,
        subject_key: r.subjectKey,
        identifier_masked: r.identifierMasked,
        subject_name: r.subjectName,
        birth_date: r.birthDate,
        category: r.category,
        fraud_type: r.fraudType,
        measures: [...r.measures],
        status: w.status,
        effective_from: r.effectiveFrom,
        expires_at: r.expiresAt,
        term_basis: r.termBasis,
        change_seq: String(w.change_seq),
        inserted: w.inserted === true,
      };
    });
  }

  /** Fresh planner statistics while a bulk load grows the table (autovacuum may not have caught up). */
  async analyze(): Promise<void> {
    await this.ds.query('ANALYZE negative_list_entries');
  }

  /** Entries the index holds at start-up: in force now or later, in change order, a page at a time. */
  async indexPage(afterSeq: string, limit: number, now: Date): Promise<IndexRow[]> {
    const rows: RawEntry[] = await this.ds.query(
      `SELECT ${INDEX_COLUMNS} FROM negative_list_entries
        WHERE change_seq > $1 AND status IN ('ACTIVE', 'UNDER_APPEAL') AND (expires_at IS NULL OR expires_at > $3)
        ORDER BY change_seq LIMIT $2`,
      [afterSeq, limit, now],
    );
    return rows.map(toIndexRow);
  }

  /** Every entry changed after a sequence number (any status), for catching up. */
  async changedSince(afterSeq: string, limit: number): Promise<IndexRow[]> {
    const rows: RawEntry[] = await this.ds.query(`SELECT ${INDEX_COLUMNS} FROM negative_list_entries WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`, [afterSeq, limit]);
    return rows.map(toIndexRow);
  }

  async changedInRange(fromSeq: string, toSeq: string): Promise<IndexRow[]> {
    const rows: RawEntry[] = await this.ds.query(`SELECT ${INDEX_COLUMNS} FROM negative_list_entries WHERE change_seq BETWEEN $1 AND $2 ORDER BY change_seq`, [fromSeq, toSeq]);
    return rows.map(toIndexRow);
  }

  async entitiesInRange(fromSeq: string, toSeq: string): Promise<NegativeListEntryEntity[]> {
    const rows: RawEntry[] = await this.ds.query(`SELECT ${ENTITY_COLUMNS} FROM negative_list_entries e WHERE e.change_seq BETWEEN $1 AND $2 ORDER BY e.change_seq`, [fromSeq, toSeq]);
    return rows.map(toEntity);
  }

  async indexRow(id: string): Promise<IndexRow | null> {
    if (!isUuid(id)) return null;
    const rows: RawEntry[] = await this.ds.query(`SELECT ${INDEX_COLUMNS} FROM negative_list_entries WHERE id = $1`, [id]);
    return rows[0] ? toIndexRow(rows[0]) : null;
  }

  /** Identifiers (kind and blind index) of entries in force at `now`; all of them, or of the given entries. */
  async identifiersInForce(now: Date, ids?: readonly string[]): Promise<Array<{ entryId: string; kind: IdentifierKind; key: string }>> {
    const rows: RawEntry[] = await this.ds.query(
      `SELECT id, id_kind, subject_key FROM negative_list_entries
        WHERE status IN ('ACTIVE', 'UNDER_APPEAL') AND effective_from <= $1 AND (expires_at IS NULL OR expires_at > $1)${ids ? ' AND id = ANY($2::uuid[])' : ''}`,
      ids ? [now, ids.filter(isUuid)] : [now],
    );
    return rows.map((r) => ({ entryId: r.id as string, kind: r.id_kind as IdentifierKind, key: r.subject_key as string }));
  }

  async maxChangeSeq(): Promise<string> {
    const rows: Array<{ max: string | null }> = await this.ds.query('SELECT max(change_seq)::text AS max FROM negative_list_entries');
    return rows[0]?.max ?? '0';
  }

  /**
   * Stores EXPIRED on entries whose term has ended (the version they end goes to history) and
   * returns them. Safe to run in several processes at once: rows another sweeper holds are skipped.
   */
  async expireDue(now: Date, limit: number): Promise<IndexRow[]> {
    const rows: RawEntry[] = await this.ds.query(
      `WITH due AS (
         SELECT * FROM negative_list_entries WHERE status IN ('ACTIVE', 'UNDER_APPEAL') AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ), archived AS (
         ${ARCHIVE('d')} FROM due d
       ), up AS (
         UPDATE negative_list_entries e SET status = 'EXPIRED', status_reason = 'term ended', version = e.version + 1, change_seq = nextval(${SEQUENCE}), updated_at = $1,
           last_action = 'EXPIRED', last_actor_type = 'SYSTEM', last_actor_id = 'expiry-sweeper', last_actor_institution_id = NULL, last_reason = 'term ended'
         FROM due WHERE e.id = due.id RETURNING e.*
       )
       SELECT ${INDEX_COLUMNS} FROM up`,
      [now, limit],
    );
    return rows.map(toIndexRow);
  }

  /** A page of entries, most recently changed first; `beforeSeq` continues a previous page. */
  async list(f: EntryFilter, beforeSeq: string | undefined, limit: number): Promise<NegativeListEntryEntity[]> {
    const params: unknown[] = [];
    const where = filterSql(f, params);
    params.push(limit);
    const limitParam = `$${params.length}`;
    let cursor = '';
    if (beforeSeq !== undefined) {
      params.push(beforeSeq);
      cursor = ` AND e.change_seq < $${params.length}`;
    }
    const rows: RawEntry[] = await this.ds.query(`SELECT ${ENTITY_COLUMNS} FROM negative_list_entries e WHERE ${where}${cursor} ORDER BY e.change_seq DESC LIMIT ${limitParam}`, params);
    return rows.map(toEntity);
  }

  /** Every entry matching the filter, in change order, read a page at a time (exports). */
  async *stream(f: EntryFilter, pageSize = 1000): AsyncGenerator<NegativeListEntryEntity[]> {
    let after = '0';
    for (;;) {
      const params: unknown[] = [];
      const where = filterSql(f, params);
      params.push(after, pageSize);
      const rows: RawEntry[] = await this.ds.query(
        `SELECT ${ENTITY_COLUMNS} FROM negative_list_entries e WHERE ${where} AND e.change_seq > $${params.length - 1} ORDER BY e.change_seq LIMIT $${params.length}`,
        params,
      );
      if (rows.length === 0) return;
      const page = rows.map(toEntity);
      yield page;
      after = page[page.length - 1]!.changeSeq;
      if (rows.length < pageSize) return;
    }
  }
}
