import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import { preparedQuery } from '../../infra/database/prepared-query.js';
import { ScreeningEntity } from './screening.entity.js';

export interface ActivityQuery {
  institutionId: string;
  requestId: string | null;
  holderKey: string;
  phoneKey: string | null;
  deviceKey: string | null;
  addressKey: string | null;
  crossBankSince: Date;
  sharedSince: Date;
  /** Counting up to this instant (the screening time). */
  until: Date;
}

export interface Activity {
  /** A screening with the same request id at this institution, if any. */
  existingId: string | null;
  /** Accounts opened elsewhere, plus other institutions applied to without an opening there. */
  openedOrAppliedElsewhere: number;
  phoneApplicants: number;
  deviceApplicants: number;
  addressApplicants: number;
}

export interface BacktestPageQuery {
  from: Date;
  to: Date;
  institutionId?: string;
  after?: { at: Date; id: string };
  limit: number;
}

export interface ScreeningListQuery {
  institutionId?: string;
  decision?: string;
  from?: Date;
  to?: Date;
  before?: { at: Date; id: string };
  limit: number;
}

const COLUMNS = [
  'id',
  'institution_id',
  'request_id',
  'purpose',
  'requested_by',
  'branch_code',
  'channel',
  'applicant_type',
  'holder_key',
  'phone_key',
  'device_key',
  'address_key',
  'applicant',
  'context',
  'facts',
  'decision',
  'score',
  'recommended_account_class',
  'reasons',
  'rule_set_version',
  'screened_at',
] as const;

/** A row as the JSON object jsonb_populate_recordset reads (keys are the column names). */
function asRecord(r: ScreeningEntity): Record<(typeof COLUMNS)[number], unknown> {
  return {
    id: r.id,
    institution_id: r.institutionId,
    request_id: r.requestId,
    purpose: r.purpose,
    requested_by: r.requestedBy,
    branch_code: r.branchCode,
    channel: r.channel,
    applicant_type: r.applicantType,
    holder_key: r.holderKey,
    phone_key: r.phoneKey,
    device_key: r.deviceKey,
    address_key: r.addressKey,
    applicant: r.applicant,
    context: r.context,
    facts: r.facts,
    decision: r.decision,
    score: r.score,
    recommended_account_class: r.recommendedAccountClass,
    reasons: r.reasons,
    rule_set_version: r.ruleSetVersion,
    screened_at: r.screenedAt,
  };
}

/**
 * The insert of a batch: its rows are one JSON parameter ($1), so the text is the same for any
 * batch size and is prepared once per connection.
 */
const INSERT_SQL = `INSERT INTO screenings (${COLUMNS.join(', ')})
  SELECT ${COLUMNS.join(', ')} FROM jsonb_populate_recordset(NULL::screenings, $1::jsonb)
  ON CONFLICT (institution_id, request_id) DO NOTHING RETURNING id`;

/** Another table's insert that goes with a batch, in the same statement (see insertMany). */
export interface InsertedWith {
  /** Unique per text of the part: the combined statement is prepared under this name. */
  name: string;
  /**
   * The part: a data-modifying statement over the screenings inserted, given the name of its one
   * parameter and of the relation (with an id column) that holds their ids.
   */
  part(param: string, insertedIds: string): { sql: string; value: string };
}

/**
 * Distinct other holders who used an identifier in the window: in the account registry and in
 * applications screened (second verifications are not applications). An applicant who gave no
 * such identifier counts 0 without running the lookups.
 */
function sharedCount(column: 'phone_key' | 'device_key' | 'address_key'): string {
  return `(CASE WHEN q.${column} IS NULL THEN 0 ELSE (SELECT count(*) FROM (
      SELECT holder_key FROM bank_accounts WHERE ${column} = q.${column} AND opened_at >= q.shared_since AND opened_at <= q.until AND holder_key <> q.holder_key
      UNION
      SELECT holder_key FROM screenings WHERE ${column} = q.${column} AND screened_at >= q.shared_since AND screened_at <= q.until AND holder_key <> q.holder_key AND purpose = 'ACCOUNT_OPENING'
    ) shared) END)`;
}

/**
 * The counts of many screenings in one statement: one row per application (unnest), each with
 * correlated index lookups. Cross-bank: accounts opened elsewhere, plus other institutions
 * applied to without an opening there.
 */
const ACTIVITY_SQL = `
SELECT q.ord,
  (SELECT count(*) FROM bank_accounts a
    WHERE a.holder_key = q.holder_key AND a.opened_at >= q.cross_since AND a.opened_at <= q.until AND a.institution_id <> q.institution_id)
  + (SELECT count(DISTINCT s.institution_id) FROM screenings s
      WHERE s.holder_key = q.holder_key AND s.screened_at >= q.cross_since AND s.screened_at <= q.until AND s.institution_id <> q.institution_id AND s.purpose = 'ACCOUNT_OPENING'
        AND NOT EXISTS (SELECT 1 FROM bank_accounts a
                         WHERE a.holder_key = q.holder_key AND a.institution_id = s.institution_id AND a.opened_at >= q.cross_since AND a.opened_at <= q.until)) AS cross_bank,
  ${sharedCount('phone_key')} AS phone,
  ${sharedCount('device_key')} AS device,
  ${sharedCount('address_key')} AS address,
  (SELECT id FROM screenings WHERE institution_id = q.institution_id AND request_id = q.request_id) AS existing_id
FROM unnest($1::varchar[], $2::timestamptz[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[], $7::timestamptz[], $8::timestamptz[], $9::varchar[])
     WITH ORDINALITY AS q(holder_key, cross_since, institution_id, phone_key, device_key, address_key, shared_since, until, request_id, ord)`;

@Injectable()
export class ScreeningsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Everything the given screenings count, in one round trip for all of them. Counts say how
   * many, never which other institutions: the query returns no institution ids.
   */
  async activity(queries: readonly ActivityQuery[]): Promise<Activity[]> {
    const column = <K extends keyof ActivityQuery>(k: K): Array<ActivityQuery[K]> => queries.map((q) => q[k]);
    const values = [
      column('holderKey'),
      column('crossBankSince'),
      column('institutionId'),
      column('phoneKey'),
      column('deviceKey'),
      column('addressKey'),
      column('sharedSince'),
      column('until'),
      column('requestId'),
    ];
    const rows = await preparedQuery<{ ord: string; cross_bank: string; phone: string; device: string; address: string; existing_id: string | null }>(this.ds, 'screening_activity_v3', ACTIVITY_SQL, values);
    const out: Activity[] = new Array<Activity>(queries.length);
    for (const r of rows) {
      out[Number(r.ord) - 1] = {
        existingId: r.existing_id,
        openedOrAppliedElsewhere: Number(r.cross_bank),
        phoneApplicants: Number(r.phone),
        deviceApplicants: Number(r.device),
        addressApplicants: Number(r.address),
      };
    }
    return out;
  }

  /**
   * Inserts screenings; a row whose (institution, request id) exists is skipped. Returns the ids
   * inserted. `also` runs in the same statement (a data-modifying CTE) over the ids inserted: the
   * review items of the batch, say, so the batch is one atomic round trip with no transaction.
   */
  async insertMany(rows: readonly ScreeningEntity[], also?: InsertedWith): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const batch = JSON.stringify(rows.map(asRecord));
    let inserted: Array<{ id: string }>;
    if (also) {
      const part = also.part('$2', 'inserted');
      inserted = await preparedQuery<{ id: string }>(this.ds, `screenings_insert_with_${also.name}`, `WITH inserted AS (${INSERT_SQL}), also AS (${part.sql}) SELECT id FROM inserted`, [batch, part.value]);
    } else {
      inserted = await preparedQuery<{ id: string }>(this.ds, 'screenings_insert_v2', INSERT_SQL, [batch]);
    }
    return new Set(inserted.map((r) => r.id));
  }

  findById(id: string): Promise<ScreeningEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.ds.getRepository(ScreeningEntity).findOneBy({ id });
  }

  findByRequest(institutionId: string, requestId: string): Promise<ScreeningEntity | null> {
    return this.ds.getRepository(ScreeningEntity).findOneBy({ institutionId, requestId });
  }

  /** Applications screened in [from, to), oldest first, a page at a time (keyset on time and id). */
  async backtestPage(q: BacktestPageQuery): Promise<Array<Pick<ScreeningEntity, 'id' | 'facts' | 'decision' | 'screenedAt'>>> {
    const qb = this.ds
      .getRepository(ScreeningEntity)
      .createQueryBuilder('s')
      .select(['s.id', 's.facts', 's.decision', 's.screenedAt'])
      .where('s.screened_at >= :from AND s.screened_at < :to', { from: q.from, to: q.to })
      .andWhere("s.purpose = 'ACCOUNT_OPENING'");
    if (q.institutionId) qb.andWhere('s.institution_id = :ins', { ins: q.institutionId });
    if (q.after) qb.andWhere('(s.screened_at, s.id) > (:at, :id)', { at: q.after.at, id: q.after.id });
    return qb.orderBy('s.screened_at', 'ASC').addOrderBy('s.id', 'ASC').limit(q.limit).getMany();
  }

  list(q: ScreeningListQuery): Promise<ScreeningEntity[]> {
    const qb = this.ds.getRepository(ScreeningEntity).createQueryBuilder('s');
    if (q.institutionId) qb.andWhere('s.institution_id = :ins', { ins: q.institutionId });
    if (q.decision) qb.andWhere('s.decision = :decision', { decision: q.decision });
    if (q.from) qb.andWhere('s.screened_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('s.screened_at < :to', { to: q.to });
    if (q.before) qb.andWhere('(s.screened_at, s.id) < (:at, :id)', { at: q.before.at, id: q.before.id });
    return qb.orderBy('s.screened_at', 'DESC').addOrderBy('s.id', 'DESC').limit(q.limit).getMany();
  }
}
