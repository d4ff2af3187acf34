import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Listing, RegistryStatus } from '../../domain/registry/registry-record.js';
import { preparedQuery } from '../../infra/database/prepared-query.js';
import { RegistryEntityVersionEntity } from './registry-entity-version.entity.js';

/** What the service writes for one entity (keys already blind-indexed). */
export interface RegistryRow {
  uscc: string;
  name: string;
  nameNorm: string;
  formerNames: readonly string[];
  formerNamesNorm: readonly string[];
  entityType: string | null;
  legalRepName: string | null;
  legalRepIdKind: 'RESIDENT_ID' | 'FOREIGN_DOC' | null;
  legalRepKey: string | null;
  legalRepIdMasked: string | null;
  registeredCapitalFen: number | null;
  establishedOn: string | null;
  registeredAddress: string | null;
  addressKey: string | null;
  status: RegistryStatus;
  abnormalOperations: readonly Listing[];
  seriousDishonest: readonly Listing[];
  businessScope: string | null;
  registrationAuthority: string | null;
  sourceUpdatedAt: Date | null;
}

/** A stored entity as read back, with the counts the lookup derives. */
export interface StoredEntity extends RegistryRow {
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Entities (not deregistered) sharing the legal representative, this one included; null without a legal rep ID. */
  legalRepEntityCount: number | null;
  /** Entities (not deregistered) at the same normalised address, this one included; null without an address. */
  addressEntityCount: number | null;
}

export interface UpsertOutcome {
  uscc: string;
  version: number;
  inserted: boolean;
}

const SNAPSHOT = (a: string): string => `jsonb_build_object(
  'version', ${a}.version, 'name', ${a}.name, 'formerNames', to_jsonb(${a}.former_names), 'entityType', ${a}.entity_type,
  'legalRepName', ${a}.legal_rep_name, 'legalRepIdMasked', ${a}.legal_rep_id_masked, 'registeredCapitalFen', ${a}.registered_capital_fen,
  'establishedOn', ${a}.established_on, 'registeredAddress', ${a}.registered_address, 'status', ${a}.status,
  'abnormalOperations', ${a}.abnormal_operations, 'seriousDishonest', ${a}.serious_dishonest, 'businessScope', ${a}.business_scope,
  'registrationAuthority', ${a}.registration_authority, 'updatedAt', ${a}.source_updated_at)`;

const ARCHIVE = (a: string): string => `INSERT INTO registry_entity_versions (uscc, version, source, snapshot, changed_at, actor_type, actor_id, import_id)
  SELECT ${a}.uscc, ${a}.version, ${a}.last_source, ${SNAPSHOT(a)}, ${a}.updated_at, ${a}.last_actor_type, ${a}.last_actor_id, ${a}.import_id`;

const COUNT = (column: string): string =>
  `CASE WHEN e.${column} IS NULL THEN NULL ELSE (SELECT count(*) FROM registry_entities x WHERE x.${column} = e.${column} AND x.status <> 'DEREGISTERED') END`;

const SELECT = `SELECT e.uscc, e.version, e.name, e.name_norm, e.former_names, e.former_names_norm, e.entity_type, e.legal_rep_name, e.legal_rep_id_kind,
  e.legal_rep_key, e.legal_rep_id_masked, e.registered_capital_fen, to_char(e.established_on, 'YYYY-MM-DD') AS established_on, e.registered_address,
  e.address_key, e.status, e.abnormal_operations, e.serious_dishonest, e.business_scope, e.registration_authority, e.source_updated_at,
  e.created_at, e.updated_at, ${COUNT('legal_rep_key')} AS legal_rep_count, ${COUNT('address_key')} AS address_count
  FROM registry_entities e`;

const FIND_SQL = `${SELECT} WHERE e.uscc = $1`;
const FIND_MANY_SQL = `${SELECT} WHERE e.uscc = ANY($1::varchar[])`;

function toStored(r: Record<string, unknown>): StoredEntity {
  const capital = r.registered_capital_fen === null ? null : Number(r.registered_capital_fen);
  return {
    uscc: r.uscc as string,
    version: Number(r.version),
    name: r.name as string,
    nameNorm: r.name_norm as string,
    formerNames: r.former_names as string[],
    formerNamesNorm: r.former_names_norm as string[],
    entityType: r.entity_type as string | null,
    legalRepName: r.legal_rep_name as string | null,
    legalRepIdKind: r.legal_rep_id_kind as 'RESIDENT_ID' | 'FOREIGN_DOC' | null,
    legalRepKey: r.legal_rep_key as string | null,
    legalRepIdMasked: r.legal_rep_id_masked as string | null,
    registeredCapitalFen: capital !== null && Number.isSafeInteger(capital) ? capital : null,
    establishedOn: r.established_on as string | null,
    registeredAddress: r.registered_address as string | null,
    addressKey: r.address_key as string | null,
    status: r.status as RegistryStatus,
    abnormalOperations: r.abnormal_operations as Listing[],
    seriousDishonest: r.serious_dishonest as Listing[],
    businessScope: r.business_scope as string | null,
    registrationAuthority: r.registration_authority as string | null,
    sourceUpdatedAt: r.source_updated_at as Date | null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
    legalRepEntityCount: r.legal_rep_count === null ? null : Number(r.legal_rep_count),
    addressEntityCount: r.address_count === null ? null : Number(r.address_count),
  };
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class RegistryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Upserts a batch by USCC in one statement, with a history row per changed entity. A record
   * whose "updated at" is older than the stored one is ignored, and so is one equal to what is
   * stored: only real changes make versions.
   */
  async upsertBatch(rows: readonly RegistryRow[], source: 'IMPORT' | 'FEED', actor: { type: string; id: string }, importId: string | null, now: Date): Promise<UpsertOutcome[]> {
    if (rows.length === 0) return [];
    // One JSON document per batch: a native stringify here and a parse in the database.
    const batch = JSON.stringify(
      rows.map((r) => ({
        uscc: r.uscc, name: r.name, name_norm: r.nameNorm, former_names: r.formerNames, former_names_norm: r.formerNamesNorm, entity_type: r.entityType,
        legal_rep_name: r.legalRepName, legal_rep_id_kind: r.legalRepIdKind, legal_rep_key: r.legalRepKey, legal_rep_id_masked: r.legalRepIdMasked,
        registered_capital_fen: r.registeredCapitalFen === null ? null : String(r.registeredCapitalFen), established_on: r.establishedOn,
        registered_address: r.registeredAddress, address_key: r.addressKey, status: r.status, abnormal_operations: r.abnormalOperations,
        serious_dishonest: r.seriousDishonest, business_scope: r.businessScope, registration_authority: r.registrationAuthority, source_updated_at: r.sourceUpdatedAt,
      })),
    );
    const usccs = rows.map((r) => r.uscc);
    const params = [batch, usccs, importId, now, source, actor.type, actor.id];
    const result: Array<{ uscc: string; version: number; inserted: boolean }> = await this.ds.transaction(async (em) => {
      // Re-runnable loads need not wait for each batch to reach the disk (asynchronous commit, here only).
      if (source === 'IMPORT') await em.query('SET LOCAL synchronous_commit = off');
      // One writer at a time, and the rows it updates locked before the statement takes its
      // snapshot: the versions it copies to history are the ones it supersedes.
      await em.query("SELECT pg_advisory_xact_lock(hashtext('registry-load'))");
      await em.query('SELECT 1 FROM registry_entities WHERE uscc = ANY($1::varchar[]) FOR UPDATE', [usccs]);
      return em.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(uscc varchar, name varchar, name_norm varchar, former_names jsonb, former_names_norm jsonb,
           entity_type varchar, legal_rep_name varchar, legal_rep_id_kind varchar, legal_rep_key varchar, legal_rep_id_masked varchar,
           registered_capital_fen bigint, established_on date, registered_address text, address_key varchar, status varchar, abnormal_operations jsonb,
           serious_dishonest jsonb, business_scope text, registration_authority varchar, source_updated_at timestamptz)
       ), old AS (
         SELECT e.* FROM registry_entities e WHERE e.uscc = ANY($2::varchar[])
       ), up AS (
         INSERT INTO registry_entities AS e (uscc, version, name, name_norm, former_names, former_names_norm, entity_type, legal_rep_name, legal_rep_id_kind,
             legal_rep_key, legal_rep_id_masked, registered_capital_fen, established_on, registered_address, address_key, status, abnormal_operations,
             serious_dishonest, business_scope, registration_authority, source_updated_at, import_id, last_source, last_actor_type, last_actor_id, created_at, updated_at)
         SELECT uscc, 1, name, name_norm, ARRAY(SELECT jsonb_array_elements_text(former_names))::varchar[],
             ARRAY(SELECT jsonb_array_elements_text(former_names_norm))::varchar[], entity_type, legal_rep_name, legal_rep_id_kind, legal_rep_key,
             legal_rep_id_masked, registered_capital_fen, established_on, registered_address, address_key, status, abnormal_operations,
             serious_dishonest, business_scope, registration_authority, source_updated_at, $3, $5, $6, $7, $4, $4
         FROM input
         ON CONFLICT (uscc) DO UPDATE SET
           version = e.version + 1, name = excluded.name, name_norm = excluded.name_norm, former_names = excluded.former_names,
           former_names_norm = excluded.former_names_norm, entity_type = excluded.entity_type, legal_rep_name = excluded.legal_rep_name,
           legal_rep_id_kind = excluded.legal_rep_id_kind, legal_rep_key = excluded.legal_rep_key, legal_rep_id_masked = excluded.legal_rep_id_masked,
           registered_capital_fen = excluded.registered_capital_fen, established_on = excluded.established_on, registered_address = excluded.registered_address,
           address_key = excluded.address_key, status = excluded.status, abnormal_operations = excluded.abnormal_operations,
           serious_dishonest = excluded.serious_dishonest, business_scope = excluded.business_scope, registration_authority = excluded.registration_authority,
           source_updated_at = excluded.source_updated_at, import_id = excluded.import_id, last_source = excluded.last_source,
           last_actor_type = excluded.last_actor_type, last_actor_id = excluded.last_actor_id, updated_at = excluded.updated_at
         WHERE (excluded.source_updated_at IS NULL OR e.source_updated_at IS NULL OR excluded.source_updated_at >= e.source_updated_at)
           AND (e.name, e.former_names, e.entity_type, e.legal_rep_name, e.legal_rep_key, e.legal_rep_id_masked, e.registered_capital_fen, e.established_on,
                e.registered_address, e.status, e.abnormal_operations, e.serious_dishonest, e.business_scope, e.registration_authority)
             IS DISTINCT FROM (excluded.name, excluded.former_names, excluded.entity_type, excluded.legal_rep_name, excluded.legal_rep_key,
                excluded.legal_rep_id_masked, excluded.registered_capital_fen, excluded.established_on, excluded.registered_address, excluded.status,
                excluded.abnormal_operations, excluded.serious_dishonest, excluded.business_scope, excluded.registration_authority)
         RETURNING e.uscc, e.version, (xmax = 0) AS inserted
       ), archived AS (
         ${ARCHIVE('o')} FROM old o JOIN up u ON u.uscc = o.uscc AND NOT u.inserted
       )
       SELECT uscc, version, inserted FROM up`,
      params,
      );
    });
    return result.map((r) => ({ uscc: r.uscc, version: Number(r.version), inserted: r.inserted === true }));
  }

  /** Fresh planner statistics while a bulk load grows the table. */
  async analyze(): Promise<void> {
    await this.ds.query('ANALYZE registry_entities');
  }

  async find(uscc: string): Promise<StoredEntity | null> {
    const rows = await preparedQuery<Record<string, unknown>>(this.ds, 'registry_find_v1', FIND_SQL, [uscc]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Several entities in one statement (lookups that arrive together); missing ones are absent. */
  async findMany(usccs: readonly string[]): Promise<Map<string, StoredEntity>> {
    const rows = await preparedQuery<Record<string, unknown>>(this.ds, 'registry_find_many_v1', FIND_MANY_SQL, [[...new Set(usccs)]]);
    return new Map(rows.map((r) => [r.uscc as string, toStored(r)]));
  }

  /** By normalised name: current names starting with the text, and former names equal to it. `contains` scans the table. */
  async search(nameNorm: string, mode: 'prefix' | 'contains', limit: number): Promise<StoredEntity[]> {
    const pattern = mode === 'prefix' ? `${likeEscape(nameNorm)}%` : `%${likeEscape(nameNorm)}%`;
    const rows: Record<string, unknown>[] = await this.ds.query(
      `${SELECT} WHERE e.uscc IN (
         (SELECT uscc FROM registry_entities WHERE name_norm LIKE $1 ORDER BY name_norm LIMIT $3)
         UNION (SELECT uscc FROM registry_entities WHERE former_names_norm @> ARRAY[$2]::varchar[] LIMIT $3))
       ORDER BY e.name_norm LIMIT $3`,
      [pattern, nameNorm, limit],
    );
    return rows.map(toStored);
  }

  /** Every version, oldest first: the superseded ones from history, then the current row. */
  async history(uscc: string): Promise<RegistryEntityVersionEntity[]> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT uscc, version, source, snapshot, changed_at, actor_type, actor_id, import_id FROM registry_entity_versions WHERE uscc = $1
       UNION ALL
       SELECT e.uscc, e.version, e.last_source, ${SNAPSHOT('e')}, e.updated_at, e.last_actor_type, e.last_actor_id, e.import_id FROM registry_entities e WHERE e.uscc = $1
       ORDER BY version`,
      [uscc],
    );
    return rows.map((r) =>
      Object.assign(new RegistryEntityVersionEntity(), {
        uscc: r.uscc as string,
        version: Number(r.version),
        source: r.source as 'IMPORT' | 'FEED',
        snapshot: r.snapshot as Record<string, unknown>,
        changedAt: r.changed_at as Date,
        actorType: r.actor_type as string,
        actorId: r.actor_id as string,
        importId: r.import_id as string | null,
      }),
    );
  }

  /** Entities that are not active, or are on the abnormal-operations or serious-dishonest list at `now`. */
  async flagged(now: Date): Promise<Array<{ uscc: string; status: RegistryStatus; abnormal: boolean; dishonest: boolean }>> {
    const listed = (column: string): string =>
      `EXISTS (SELECT 1 FROM jsonb_array_elements(e.${column}) l WHERE (l->>'listedAt')::timestamptz <= $1 AND (l->>'removedAt' IS NULL OR (l->>'removedAt')::timestamptz > $1))`;
    const rows: Array<{ uscc: string; status: RegistryStatus; abnormal: boolean; dishonest: boolean }> = await this.ds.query(
      `SELECT uscc, status, abnormal, dishonest FROM (
         SELECT e.uscc, e.status, ${listed('abnormal_operations')} AS abnormal, ${listed('serious_dishonest')} AS dishonest FROM registry_entities e
       ) s WHERE status <> 'ACTIVE' OR abnormal OR dishonest`,
      [now],
    );
    return rows;
  }
}
