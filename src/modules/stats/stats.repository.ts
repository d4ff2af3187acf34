import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface StatsScope {
  from: Date;
  to: Date;
  /** null: every institution. */
  institutionId: string | null;
  now: Date;
}

export interface Count {
  key: string;
  n: number;
}

export interface Count2 {
  a: string;
  b: string;
  n: number;
}

export interface InstitutionRow {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/**
 * The figures behind GET /v1/stats, counted in SQL over the tables each module owns. Modules
 * arrive at different times, so every query first checks that its table and columns exist; a
 * figure whose source is missing is reported as pending rather than as zero.
 */
@Injectable()
export class StatsRepository {
  private columns: Promise<Map<string, Set<string>>> | null = null;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private schema(): Promise<Map<string, Set<string>>> {
    this.columns ??= this.ds
      .query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()")
      .then((rows: Array<{ table_name: string; column_name: string }>) => {
        const m = new Map<string, Set<string>>();
        for (const r of rows) {
          let s = m.get(r.table_name);
          if (!s) m.set(r.table_name, (s = new Set()));
          s.add(r.column_name);
        }
        return m;
      })
      .catch((e: unknown) => {
        this.columns = null;
        throw e;
      });
    return this.columns;
  }

  /** True when the table exists with all the named columns. */
  async has(table: string, ...cols: string[]): Promise<boolean> {
    const t = (await this.schema()).get(table);
    return t !== undefined && cols.every((c) => t.has(c));
  }

  private async counts(sql: string, params: unknown[]): Promise<Count[]> {
    const rows: Array<{ key: string | null; n: string }> = await this.ds.query(sql, params);
    return rows.map((r) => ({ key: r.key ?? 'UNKNOWN', n: Number(r.n) }));
  }

  private async counts2(sql: string, params: unknown[]): Promise<Count2[]> {
    const rows: Array<{ a: string | null; b: string | null; n: string }> = await this.ds.query(sql, params);
    return rows.map((r) => ({ a: r.a ?? 'UNKNOWN', b: r.b ?? 'UNKNOWN', n: Number(r.n) }));
  }

  private async one(sql: string, params: unknown[]): Promise<number> {
    const rows: Array<{ n: string | null }> = await this.ds.query(sql, params);
    return Number(rows[0]?.n ?? 0);
  }

  institutions(): Promise<InstitutionRow[]> {
    return this.ds.query('SELECT id, code, name, kind FROM institutions ORDER BY code');
  }

  // ---- screening (issue 4)

  screeningsByPurposeAndDecision(s: StatsScope): Promise<Count2[]> {
    return this.counts2(
      `SELECT purpose AS a, decision AS b, count(*) AS n FROM screenings
       WHERE screened_at >= $1 AND screened_at < $2 AND ($3::uuid IS NULL OR institution_id = $3::uuid) GROUP BY purpose, decision`,
      [s.from, s.to, s.institutionId],
    );
  }

  screeningsPerInstitution(s: StatsScope): Promise<Count[]> {
    return this.counts(
      `SELECT institution_id::text AS key, count(*) AS n FROM screenings
       WHERE screened_at >= $1 AND screened_at < $2 AND ($3::uuid IS NULL OR institution_id = $3::uuid) GROUP BY institution_id`,
      [s.from, s.to, s.institutionId],
    );
  }

  // ---- accounts and restrictions (issue 7)

  accountsByRestrictionLevel(s: StatsScope): Promise<Count[]> {
    return this.counts(
      `SELECT st.level AS key, count(*) AS n FROM restriction_account_states st
       ${s.institutionId ? 'JOIN bank_accounts a ON a.bank_code = st.bank_code AND a.account_number = st.account_number' : ''}
       WHERE st.level IS NOT NULL ${s.institutionId ? 'AND a.institution_id = $1::uuid' : ''} GROUP BY st.level`,
      s.institutionId ? [s.institutionId] : [],
    );
  }

  /**
   * Persons (and entities) under a measure now: holders of restricted accounts, and targets of
   * active person- or entity-level orders, each counted once.
   */
  personsRestricted(s: StatsScope): Promise<number> {
    return this.one(
      `SELECT count(DISTINCT k) AS n FROM (
         SELECT a.holder_key AS k FROM restriction_account_states st
           JOIN bank_accounts a ON a.bank_code = st.bank_code AND a.account_number = st.account_number
          WHERE st.level IS NOT NULL AND ($1::uuid IS NULL OR a.institution_id = $1::uuid)
         UNION
         SELECT o.holder_key AS k FROM restriction_orders o
          WHERE o.target_type IN ('PERSON', 'ENTITY') AND o.status = 'ACTIVE' AND o.holder_key IS NOT NULL
            AND (o.expires_at IS NULL OR o.expires_at > $2)
            AND ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM bank_accounts b WHERE b.holder_key = o.holder_key AND b.institution_id = $1::uuid))
       ) t`,
      [s.institutionId, s.now],
    );
  }

  // ---- negative list (issue 3)

  /** Entries by category and status, with expiry applied from the clock as the list does. */
  listEntriesByCategoryAndStatus(now: Date): Promise<Count2[]> {
    return this.counts2(
      `SELECT category AS a,
              CASE WHEN status IN ('ACTIVE', 'UNDER_APPEAL') AND expires_at IS NOT NULL AND expires_at <= $1 THEN 'EXPIRED' ELSE status END AS b,
              count(*) AS n
         FROM negative_list_entries GROUP BY 1, 2`,
      [now],
    );
  }

  listEntriesContributedBy(institutionId: string): Promise<number> {
    return this.one('SELECT count(*) AS n FROM negative_list_entries WHERE contributor_institution_id = $1', [institutionId]);
  }

  appealsByStatus(s: StatsScope): Promise<Count[]> {
    return this.counts(
      `SELECT status AS key, count(*) AS n FROM negative_list_appeals
       WHERE received_at >= $1 AND received_at < $2 AND ($3::uuid IS NULL OR received_by_institution_id = $3::uuid) GROUP BY status`,
      [s.from, s.to, s.institutionId],
    );
  }

  appealsOverdue(s: StatsScope): Promise<number> {
    return this.one(
      `SELECT count(*) AS n FROM negative_list_appeals WHERE status = 'OPEN' AND deadline_at < $1 AND ($2::uuid IS NULL OR received_by_institution_id = $2::uuid)`,
      [s.now, s.institutionId],
    );
  }

  // ---- alerts (issue 6): an alert may concern accounts at several institutions (institution_ids)

  alertsByDetectorAndSeverity(s: StatsScope): Promise<Count2[]> {
    return this.counts2(
      `SELECT detector AS a, severity AS b, count(*) AS n FROM alerts
       WHERE first_detected_at >= $1 AND first_detected_at < $2 AND ($3::uuid IS NULL OR $3::uuid = ANY(institution_ids)) GROUP BY 1, 2`,
      [s.from, s.to, s.institutionId],
    );
  }

  alertsPerInstitution(s: StatsScope): Promise<Count[]> {
    return this.counts(
      `SELECT i::text AS key, count(*) AS n FROM alerts, unnest(institution_ids) AS i
       WHERE first_detected_at >= $1 AND first_detected_at < $2 AND ($3::uuid IS NULL OR i = $3::uuid) GROUP BY 1`,
      [s.from, s.to, s.institutionId],
    );
  }

  // ---- second verification and the review of existing accounts (issue 4)

  secondVerifications(s: StatsScope): Promise<{ total: number; changed: number }> {
    return this.ds
      .query(
        `SELECT count(*) AS total, count(*) FILTER (WHERE changed) AS changed FROM second_verifications
         WHERE completed_at >= $1 AND completed_at < $2 AND ($3::uuid IS NULL OR institution_id = $3::uuid)`,
        [s.from, s.to, s.institutionId],
      )
      .then((rows: Array<{ total: string; changed: string }>) => ({ total: Number(rows[0]?.total ?? 0), changed: Number(rows[0]?.changed ?? 0) }));
  }

  /** Registry accounts covered by a full rescreen that completed in the period, each counted once. */
  accountsReviewed(s: StatsScope): Promise<number> {
    return this.one(
      `SELECT count(*) AS n FROM bank_accounts a
       WHERE ($3::uuid IS NULL OR a.institution_id = $3::uuid)
         AND EXISTS (SELECT 1 FROM rescreen_jobs j
                      WHERE j.kind = 'FULL' AND j.status = 'COMPLETED' AND j.completed_at >= $1 AND j.completed_at < $2
                        AND (j.institution_id IS NULL OR j.institution_id = a.institution_id) AND a.opened_at <= j.completed_at)`,
      [s.from, s.to, s.institutionId],
    );
  }

  // ---- cases (this issue)

  casesByStatus(s: StatsScope): Promise<Count[]> {
    return this.counts('SELECT status AS key, count(*) AS n FROM cases WHERE ($1::uuid IS NULL OR institution_id = $1::uuid) GROUP BY status', [s.institutionId]);
  }

  casesOverdue(s: StatsScope): Promise<number> {
    return this.one("SELECT count(*) AS n FROM cases WHERE status <> 'CLOSED' AND due_at < $1 AND ($2::uuid IS NULL OR institution_id = $2::uuid)", [s.now, s.institutionId]);
  }

  casesOpened(s: StatsScope): Promise<number> {
    return this.one('SELECT count(*) AS n FROM cases WHERE opened_at >= $1 AND opened_at < $2 AND ($3::uuid IS NULL OR institution_id = $3::uuid)', [s.from, s.to, s.institutionId]);
  }

  casesClosedByResolution(s: StatsScope): Promise<Count[]> {
    return this.counts(
      `SELECT resolution AS key, count(*) AS n FROM cases
       WHERE status = 'CLOSED' AND closed_at >= $1 AND closed_at < $2 AND ($3::uuid IS NULL OR institution_id = $3::uuid) GROUP BY resolution`,
      [s.from, s.to, s.institutionId],
    );
  }

  casesPerInstitution(s: StatsScope): Promise<Array<{ key: string; open: number; overdue: number }>> {
    return this.ds
      .query(
        `SELECT institution_id::text AS key, count(*) FILTER (WHERE status <> 'CLOSED') AS open,
                count(*) FILTER (WHERE status <> 'CLOSED' AND due_at < $1) AS overdue
           FROM cases WHERE ($2::uuid IS NULL OR institution_id = $2::uuid) GROUP BY institution_id`,
        [s.now, s.institutionId],
      )
      .then((rows: Array<{ key: string; open: string; overdue: string }>) => rows.map((r) => ({ key: r.key, open: Number(r.open), overdue: Number(r.overdue) })));
  }

  /** Dispositions per finding code in the period; a reopened case counts with its latest decision only. */
  dispositions(s: StatsScope): Promise<Array<{ findingCode: string; kind: 'RULE' | 'DETECTOR'; disposition: string; count: number }>> {
    return this.ds
      .query(
        `SELECT finding_code, finding_kind, disposition, count(*) AS n FROM case_dispositions
         WHERE current AND decided_at >= $1 AND decided_at < $2 AND ($3::uuid IS NULL OR institution_id = $3::uuid)
         GROUP BY finding_code, finding_kind, disposition`,
        [s.from, s.to, s.institutionId],
      )
      .then((rows: Array<{ finding_code: string; finding_kind: 'RULE' | 'DETECTOR'; disposition: string; n: string }>) =>
        rows.map((r) => ({ findingCode: r.finding_code, kind: r.finding_kind, disposition: r.disposition, count: Number(r.n) })),
      );
  }

  /** Cases opened and closed per China-time calendar day of the period. */
  async casesByDay(s: StatsScope): Promise<{ opened: Count[]; closed: Count[] }> {
    const params = [s.from, s.to, s.institutionId];
    const [opened, closed] = await Promise.all([
      this.counts(
        `SELECT to_char(opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS key, count(*) AS n FROM cases
         WHERE opened_at >= $1 AND opened_at < $2 AND ($3::uuid IS NULL OR institution_id = $3::uuid) GROUP BY 1`,
        params,
      ),
      this.counts(
        `SELECT to_char(closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS key, count(*) AS n FROM cases
         WHERE closed_at >= $1 AND closed_at < $2 AND ($3::uuid IS NULL OR institution_id = $3::uuid) GROUP BY 1`,
        params,
      ),
    ]);
    return { opened, closed };
  }
}
