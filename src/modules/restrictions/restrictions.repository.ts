import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import type { OrderStatus, OrderTarget, RestrictionMeasure } from '../../domain/restrictions/index.js';
import { RestrictionAccountStateEntity } from './restriction-account-state.entity.js';
import { RestrictionEffectiveChangeEntity } from './restriction-effective-change.entity.js';
import { RestrictionOrderEventEntity } from './restriction-order-event.entity.js';
import { RestrictionOrderEntity, type BasisType } from './restriction-order.entity.js';

export interface OrderQuery {
  status?: OrderStatus;
  level?: RestrictionMeasure;
  targetType?: OrderTarget;
  basisType?: BasisType;
  basisRef?: string;
  bankCode?: string;
  accountNumber?: string;
  holderKey?: string;
  issuerInstitutionId?: string;
  policyId?: string;
  provisional?: boolean;
  bulkJobId?: string;
  /** Tenant filter: orders issued by, or on accounts held at, this institution. */
  visibleTo?: string;
  before?: { createdAt: Date; id: string };
  limit: number;
}

export interface ViewOrderRow {
  id: string;
  version: number;
  target_type: RestrictionOrderEntity['targetType'];
  bank_code: string | null;
  account_number: string | null;
  holder_key: string | null;
  level: RestrictionOrderEntity['level'];
  status: RestrictionOrderEntity['status'];
  effective_from: Date;
  expires_at: Date | null;
  daily_amount_fen: string | null;
  daily_count: number | null;
}

export interface AccountRow {
  bankCode: string;
  accountNumber: string;
  institutionId: string;
  holderKey: string;
}

/** Orders, their history, and the published effective state of accounts. */
@Injectable()
export class RestrictionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  private orders(em?: EntityManager) {
    return (em ?? this.ds.manager).getRepository(RestrictionOrderEntity);
  }

  private events(em?: EntityManager) {
    return (em ?? this.ds.manager).getRepository(RestrictionOrderEventEntity);
  }

  /** New orders with their CREATED rows, a few hundred per statement. */
  async insertOrders(orders: RestrictionOrderEntity[], events: RestrictionOrderEventEntity[], em: EntityManager): Promise<void> {
    for (let i = 0; i < orders.length; i += 400) await this.orders(em).insert(orders.slice(i, i + 400));
    for (let i = 0; i < events.length; i += 1000) await this.events(em).insert(events.slice(i, i + 1000) as QueryDeepPartialEntity<RestrictionOrderEventEntity>[]);
  }

  /** Appends a history row and moves the order's mirrored status/links with it. */
  async appendEvent(event: RestrictionOrderEventEntity, patch: Partial<RestrictionOrderEntity>, em: EntityManager): Promise<void> {
    await this.events(em).insert(event as QueryDeepPartialEntity<RestrictionOrderEventEntity>);
    await this.orders(em).update({ id: event.orderId }, patch as QueryDeepPartialEntity<RestrictionOrderEntity>);
  }

  findOrder(id: string, em?: EntityManager): Promise<RestrictionOrderEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.orders(em).findOneBy({ id });
  }

  /** The order, locked until the transaction ends (status moves serialise per order). */
  async lockOrder(id: string, em: EntityManager): Promise<RestrictionOrderEntity | null> {
    if (!isUuid(id)) return null;
    return this.orders(em).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id }).getOne();
  }

  findOrders(ids: string[]): Promise<RestrictionOrderEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return Promise.resolve([]);
    return this.orders().createQueryBuilder('o').whereInIds(valid).getMany();
  }

  findByDedupKeys(keys: string[], em?: EntityManager): Promise<RestrictionOrderEntity[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.orders(em).createQueryBuilder('o').where('o.dedup_key = ANY(:keys)', { keys }).getMany();
  }

  eventsOf(orderIds: string[]): Promise<RestrictionOrderEventEntity[]> {
    if (orderIds.length === 0) return Promise.resolve([]);
    return this.events()
      .createQueryBuilder('e')
      .where('e.order_id IN (:...ids)', { ids: orderIds })
      .orderBy('e.occurred_at', 'ASC')
      .addOrderBy('e.order_id', 'ASC')
      .addOrderBy('e.seq', 'ASC')
      .getMany();
  }

  /**
   * Active, not yet expired orders in id order, a page at a time, only the columns the check view
   * needs, as plain rows: building the view of 200,000 orders without hydrating entities is faster.
   */
  async activeViewPage(now: Date, afterId: string | null, limit: number): Promise<ViewOrderRow[]> {
    return this.ds.query(
      `SELECT id, version, target_type, bank_code, account_number, holder_key, level, status, effective_from, expires_at, daily_amount_fen, daily_count
         FROM restriction_orders
        WHERE status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > $1) AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [now, afterId, limit],
    );
  }

  /** The registry's accounts of these holders (read from bank_accounts). */
  async accountsOfHolders(holderKeys: string[], em?: EntityManager): Promise<AccountRow[]> {
    if (holderKeys.length === 0) return [];
    const rows: Array<{ bank_code: string; account_number: string; institution_id: string; holder_key: string }> = await (em ?? this.ds.manager).query(
      `SELECT bank_code, account_number, institution_id, holder_key FROM bank_accounts WHERE holder_key = ANY($1)`,
      [holderKeys],
    );
    return rows.map((r) => ({ bankCode: r.bank_code, accountNumber: r.account_number, institutionId: r.institution_id, holderKey: r.holder_key }));
  }

  /** Registry rows for these accounts (missing ones are simply absent). */
  async accountsByKeys(keys: Array<{ bankCode: string; accountNumber: string }>, em?: EntityManager): Promise<AccountRow[]> {
    if (keys.length === 0) return [];
    const rows: Array<{ bank_code: string; account_number: string; institution_id: string; holder_key: string }> = await (em ?? this.ds.manager).query(
      `SELECT a.bank_code, a.account_number, a.institution_id, a.holder_key
         FROM bank_accounts a JOIN unnest($1::varchar[], $2::varchar[]) AS k(bank_code, account_number)
           ON a.bank_code = k.bank_code AND a.account_number = k.account_number`,
      [keys.map((k) => k.bankCode), keys.map((k) => k.accountNumber)],
    );
    return rows.map((r) => ({ bankCode: r.bank_code, accountNumber: r.account_number, institutionId: r.institution_id, holderKey: r.holder_key }));
  }

  /**
   * Active orders reaching these accounts directly or through these holders. Two index lookups
   * (an OR of the two would scan the table).
   */
  async activeOrdersFor(keys: Array<{ bankCode: string; accountNumber: string }>, holderKeys: string[], em?: EntityManager): Promise<RestrictionOrderEntity[]> {
    const out: RestrictionOrderEntity[] = [];
    if (keys.length > 0) {
      out.push(
        ...(await this.orders(em)
          .createQueryBuilder('o')
          .where(`o.status = 'ACTIVE' AND o.target_type = 'ACCOUNT'`)
          .andWhere('(o.bank_code, o.account_number) IN (SELECT * FROM unnest(CAST(:banks AS varchar[]), CAST(:accts AS varchar[])))', {
            banks: keys.map((k) => k.bankCode),
            accts: keys.map((k) => k.accountNumber),
          })
          .getMany()),
      );
    }
    if (holderKeys.length > 0) {
      out.push(
        ...(await this.orders(em)
          .createQueryBuilder('o')
          .where(`o.status = 'ACTIVE' AND o.target_type <> 'ACCOUNT'`)
          .andWhere('o.holder_key = ANY(:holders)', { holders: holderKeys })
          .getMany()),
      );
    }
    return out;
  }

  /** Every order that ever reached an account: its own and its holder's (two index lookups). */
  async ordersReaching(bankCode: string, accountNumber: string, holderKey: string | null): Promise<RestrictionOrderEntity[]> {
    const own = await this.orders().createQueryBuilder('o').where(`o.target_type = 'ACCOUNT' AND o.bank_code = :bankCode AND o.account_number = :accountNumber`, { bankCode, accountNumber }).getMany();
    const held = holderKey ? await this.orders().createQueryBuilder('o').where(`o.target_type <> 'ACCOUNT' AND o.holder_key = :holderKey`, { holderKey }).getMany() : [];
    return [...own, ...held].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1));
  }

  /** Earlier joint-punishment orders of the same measure on the same target, not lifted (for chaining). */
  jointPunishmentTerms(o: Pick<RestrictionOrderEntity, 'targetType' | 'holderKey' | 'bankCode' | 'accountNumber' | 'level'>, em?: EntityManager): Promise<RestrictionOrderEntity[]> {
    const qb = this.orders(em)
      .createQueryBuilder('o')
      .where(`o.basis_type = 'JOINT_PUNISHMENT'`)
      .andWhere(`o.status IN ('ACTIVE', 'PENDING_APPROVAL', 'EXPIRED')`)
      .andWhere('o.level = :level', { level: o.level })
      .andWhere('o.target_type = :t', { t: o.targetType });
    if (o.targetType === 'ACCOUNT') qb.andWhere('o.bank_code = :b AND o.account_number = :a', { b: o.bankCode, a: o.accountNumber });
    else qb.andWhere('o.holder_key = :h', { h: o.holderKey });
    return qb.getMany();
  }

  /** The same for many persons or entities at once (bulk jobs). */
  jointPunishmentTermsOfHolders(targetType: 'PERSON' | 'ENTITY', level: string, holderKeys: string[]): Promise<RestrictionOrderEntity[]> {
    if (holderKeys.length === 0) return Promise.resolve([]);
    return this.orders()
      .createQueryBuilder('o')
      .where('o.holder_key = ANY(:holderKeys)', { holderKeys })
      .andWhere(`o.basis_type = 'JOINT_PUNISHMENT' AND o.status IN ('ACTIVE', 'PENDING_APPROVAL', 'EXPIRED')`)
      .andWhere('o.level = :level AND o.target_type = :t', { level, t: targetType })
      .getMany();
  }

  /** Orders still in play (active or pending) made on this basis. */
  openOrdersByBasis(basisType: BasisType, basisRef: string): Promise<RestrictionOrderEntity[]> {
    return this.orders()
      .createQueryBuilder('o')
      .where('o.basis_type = :basisType AND o.basis_ref = :basisRef', { basisType, basisRef })
      .andWhere(`o.status IN ('ACTIVE', 'PENDING_APPROVAL')`)
      .getMany();
  }

  list(q: OrderQuery): Promise<RestrictionOrderEntity[]> {
    const qb = this.orders().createQueryBuilder('o');
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    if (q.level) qb.andWhere('o.level = :level', { level: q.level });
    if (q.targetType) qb.andWhere('o.target_type = :tt', { tt: q.targetType });
    if (q.basisType) qb.andWhere('o.basis_type = :bt', { bt: q.basisType });
    if (q.basisRef) qb.andWhere('o.basis_ref = :br', { br: q.basisRef });
    if (q.bankCode) qb.andWhere('o.bank_code = :bc', { bc: q.bankCode });
    if (q.accountNumber) qb.andWhere('o.account_number = :an', { an: q.accountNumber });
    if (q.holderKey) qb.andWhere('o.holder_key = :hk', { hk: q.holderKey });
    if (q.issuerInstitutionId) qb.andWhere('o.issuer_institution_id = :ii', { ii: q.issuerInstitutionId });
    if (q.policyId) qb.andWhere('o.policy_id = :pid', { pid: q.policyId });
    if (q.provisional !== undefined) qb.andWhere('o.provisional = :prov', { prov: q.provisional });
    if (q.bulkJobId) qb.andWhere('o.bulk_job_id = :bj', { bj: q.bulkJobId });
    if (q.visibleTo) qb.andWhere('(o.issuer_institution_id = :vis OR o.account_institution_id = :vis)', { vis: q.visibleTo });
    if (q.before) qb.andWhere('(o.created_at, o.id) < (:bc2, :bid)', { bc2: q.before.createdAt, bid: q.before.id });
    return qb.orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').limit(q.limit).getMany();
  }

  /** Orders whose term has run out but whose stored status still says otherwise, locked for the sweep. */
  lockLapsed(now: Date, limit: number, em: EntityManager): Promise<RestrictionOrderEntity[]> {
    return this.orders(em)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`o.status IN ('ACTIVE', 'PENDING_APPROVAL')`)
      .andWhere('o.expires_at <= :now', { now })
      .orderBy('o.expires_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async nextExpiry(): Promise<Date | null> {
    // One index probe per status: min() over an IN list would scan the table.
    const rows: Array<{ at: Date | null }> = await this.ds.query(
      `SELECT least((SELECT expires_at FROM restriction_orders WHERE status = 'ACTIVE' AND expires_at IS NOT NULL ORDER BY expires_at LIMIT 1),
                    (SELECT expires_at FROM restriction_orders WHERE status = 'PENDING_APPROVAL' AND expires_at IS NOT NULL ORDER BY expires_at LIMIT 1)) AS at`,
    );
    return rows[0]?.at ?? null;
  }

  /** Ids of negative-list entries a bulk import changed (its change_seq range). */
  async negativeListEntryIdsInRange(fromSeq: string, toSeq: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query('SELECT id FROM negative_list_entries WHERE change_seq BETWEEN $1 AND $2 ORDER BY change_seq', [fromSeq, toSeq]);
    return rows.map((r) => r.id);
  }

  // --- effective state of accounts ---

  /** Locks (creating when missing) the state rows of these accounts, in a stable order. */
  async lockStates(keys: Array<{ bankCode: string; accountNumber: string }>, now: Date, em: EntityManager): Promise<RestrictionAccountStateEntity[]> {
    if (keys.length === 0) return [];
    const banks = keys.map((k) => k.bankCode);
    const accts = keys.map((k) => k.accountNumber);
    await em.query(
      `INSERT INTO restriction_account_states (bank_code, account_number, level, order_ids, next_change_at, version, updated_at)
       SELECT b, a, NULL, '[]'::jsonb, NULL, 0, $3 FROM unnest($1::varchar[], $2::varchar[]) AS k(b, a)
       ORDER BY b, a ON CONFLICT (bank_code, account_number) DO NOTHING`,
      [banks, accts, now],
    );
    return em
      .getRepository(RestrictionAccountStateEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('(s.bank_code, s.account_number) IN (SELECT * FROM unnest(CAST(:banks AS varchar[]), CAST(:accts AS varchar[])))', { banks, accts })
      .orderBy('s.bank_code')
      .addOrderBy('s.account_number')
      .getMany();
  }

  async insertChanges(changes: RestrictionEffectiveChangeEntity[], em: EntityManager): Promise<void> {
    for (let i = 0; i < changes.length; i += 1000) await em.getRepository(RestrictionEffectiveChangeEntity).insert(changes.slice(i, i + 1000));
  }

  /** Writes many state rows in one statement. */
  async saveStates(states: RestrictionAccountStateEntity[], em: EntityManager): Promise<void> {
    if (states.length === 0) return;
    await em.query(
      `UPDATE restriction_account_states s
          SET level = u.level, order_ids = u.order_ids::jsonb, next_change_at = u.next_change_at, version = u.version, updated_at = u.updated_at
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[], $5::timestamptz[], $6::int[], $7::timestamptz[])
              AS u(bank_code, account_number, level, order_ids, next_change_at, version, updated_at)
        WHERE s.bank_code = u.bank_code AND s.account_number = u.account_number`,
      [
        states.map((x) => x.bankCode),
        states.map((x) => x.accountNumber),
        states.map((x) => x.level),
        states.map((x) => JSON.stringify(x.orderIds)),
        states.map((x) => x.nextChangeAt),
        states.map((x) => x.version),
        states.map((x) => x.updatedAt),
      ],
    );
  }

  async dueStates(now: Date, limit: number): Promise<Array<{ bankCode: string; accountNumber: string }>> {
    const rows = await this.ds
      .getRepository(RestrictionAccountStateEntity)
      .createQueryBuilder('s')
      .select(['s.bankCode', 's.accountNumber'])
      .where('s.next_change_at <= :now', { now })
      .orderBy('s.next_change_at', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((r) => ({ bankCode: r.bankCode, accountNumber: r.accountNumber }));
  }

  async nextStateChange(): Promise<Date | null> {
    const rows: Array<{ at: Date | null }> = await this.ds.query(`SELECT min(next_change_at) AS at FROM restriction_account_states`);
    return rows[0]?.at ?? null;
  }

  findState(bankCode: string, accountNumber: string): Promise<RestrictionAccountStateEntity | null> {
    return this.ds.getRepository(RestrictionAccountStateEntity).findOneBy({ bankCode, accountNumber });
  }

  changesOf(bankCode: string, accountNumber: string): Promise<RestrictionEffectiveChangeEntity[]> {
    return this.ds.getRepository(RestrictionEffectiveChangeEntity).find({ where: { bankCode, accountNumber }, order: { seq: 'ASC' } });
  }
}
