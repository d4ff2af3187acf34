import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ListedIdentifier, ListedIdentifierKind, ListedPosition, ListedScope } from './negative-list.port.js';

interface Row {
  id: string;
  id_kind: string;
  subject_key: string;
  value: string | null;
  category: string;
  measures: string[];
}

/**
 * "In force" as the negative list defines it (negative-list.repository.ts, identifiersInForce):
 * ACTIVE or UNDER_APPEAL, effective, not expired at `now`. Kept in one place here so a rescreen
 * walks exactly the entries the matcher would match.
 */
const IN_FORCE = `status IN ('ACTIVE', 'UNDER_APPEAL') AND effective_from <= $1 AND (expires_at IS NULL OR expires_at > $1)`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toListed(r: Row): ListedIdentifier {
  const listed: ListedIdentifier = { entryId: r.id, kind: r.id_kind as ListedIdentifierKind, key: r.subject_key, category: r.category, measures: r.measures };
  if (r.value !== null) listed.value = r.value;
  return listed;
}

/**
 * Reads the negative list's entries table in blind-index key order for rescreening, a page at a
 * time, so a 1,000,000-entry list is never held whole. Only the entry id, identifier kind and key,
 * category and measures leave the table (plus the normal form of account identifiers, which the
 * account registry holds in clear anyway).
 */
@Injectable()
export class ListedIdentifiersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The scope as SQL conditions after the in-force test ($1 is now); parameters from $next. */
  private scoped(scope: ListedScope | undefined, params: unknown[]): string {
    const parts: string[] = [];
    if (scope?.entryIds) {
      params.push(scope.entryIds.filter((id) => UUID.test(id)));
      parts.push(`id = ANY($${params.length}::uuid[])`);
    }
    for (const [from, to] of scope?.seqRanges ?? []) {
      params.push(from, to);
      parts.push(`change_seq BETWEEN $${params.length - 1}::bigint AND $${params.length}::bigint`);
    }
    if (scope && parts.length === 0) return ' AND false';
    return parts.length > 0 ? ` AND (${parts.join(' OR ')})` : '';
  }

  async count(now: Date, scope?: ListedScope): Promise<number> {
    const params: unknown[] = [now];
    const where = this.scoped(scope, params);
    const rows: Array<{ n: string }> = await this.ds.query(`SELECT count(*) AS n FROM negative_list_entries WHERE ${IN_FORCE}${where}`, params);
    return Number(rows[0]?.n ?? 0);
  }

  async after(now: Date, after: ListedPosition | null, limit: number, scope?: ListedScope): Promise<ListedIdentifier[]> {
    const params: unknown[] = [now];
    let position = '';
    if (after) {
      params.push(after.key, after.entryId);
      position = ` AND subject_key >= $2 AND (subject_key, id) > ($2, $3::uuid)`;
    }
    const where = this.scoped(scope, params);
    params.push(limit);
    const rows: Row[] = await this.ds.query(
      `SELECT id, id_kind, subject_key, CASE WHEN id_kind = 'ACCOUNT' THEN identifier END AS value, category, measures
         FROM negative_list_entries WHERE ${IN_FORCE}${position}${where}
        ORDER BY subject_key, id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toListed);
  }
}
