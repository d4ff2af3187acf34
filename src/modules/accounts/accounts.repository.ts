import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BankAccountEntity } from './bank-account.entity.js';

export type SharedIdentifierKind = 'phone' | 'device' | 'address';

const KEY_COLUMN: Record<SharedIdentifierKind, string> = { phone: 'phone_key', device: 'device_key', address: 'address_key' };

const COLUMNS = [
  'bank_code',
  'account_number',
  'institution_id',
  'branch_code',
  'holder_type',
  'holder_key',
  'holder_masked',
  'holder_name',
  'account_class',
  'opened_at',
  'source',
  'phone_key',
  'device_key',
  'address_key',
  'screening_id',
  'closed_at',
  'updated_at',
] as const;

function values(r: BankAccountEntity): unknown[] {
  return [r.bankCode, r.accountNumber, r.institutionId, r.branchCode, r.holderType, r.holderKey, r.holderMasked, r.holderName, r.accountClass, r.openedAt, r.source, r.phoneKey, r.deviceKey, r.addressKey, r.screeningId, r.closedAt, r.updatedAt];
}

const COLUMN_TYPES: Record<(typeof COLUMNS)[number], string> = {
  bank_code: 'varchar',
  account_number: 'varchar',
  institution_id: 'uuid',
  branch_code: 'varchar',
  holder_type: 'varchar',
  holder_key: 'varchar',
  holder_masked: 'varchar',
  holder_name: 'varchar',
  account_class: 'varchar',
  opened_at: 'timestamptz',
  source: 'varchar',
  phone_key: 'varchar',
  device_key: 'varchar',
  address_key: 'varchar',
  screening_id: 'uuid',
  closed_at: 'timestamptz',
  updated_at: 'timestamptz',
};

/** A bulk load does not turn a reported opening into a loaded account, nor forget its screening. */
const OWNED_UPDATE: Partial<Record<(typeof COLUMNS)[number], string>> = {
  source: "CASE WHEN a.source = 'OPENING' THEN a.source ELSE EXCLUDED.source END",
  screening_id: 'COALESCE(EXCLUDED.screening_id, a.screening_id)',
};

export interface OwnedUpsertResult {
  inserted: number;
  updated: number;
  /** Accounts that exist under another institution: never overwritten. */
  refused: Array<{ bankCode: string; accountNumber: string }>;
  /** The accounts written, as stored (a re-reported account keeps its first opening date). */
  written: WrittenAccount[];
}

/** What the screening counts read of an account, as stored. */
export interface WrittenAccount {
  bankCode: string;
  accountNumber: string;
  institutionId: string;
  holderKey: string;
  phoneKey: string | null;
  deviceKey: string | null;
  addressKey: string | null;
  openedAt: Date;
}

@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findByAccount(bankCode: string, accountNumber: string): Promise<BankAccountEntity | null> {
    return this.ds.getRepository(BankAccountEntity).findOneBy({ bankCode, accountNumber });
  }

  findByHolder(holderKey: string): Promise<BankAccountEntity[]> {
    return this.ds.getRepository(BankAccountEntity).find({ where: { holderKey }, order: { openedAt: 'ASC' } });
  }

  /**
   * Inserts or updates accounts by (bank code, account number) in one statement. An account
   * re-reported keeps its first opening date.
   */
  async upsertMany(rows: BankAccountEntity[], em?: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const v = values(r);
      const base = params.length;
      params.push(...v);
      return `(${v.map((_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    const updatable = COLUMNS.filter((c) => c !== 'bank_code' && c !== 'account_number' && c !== 'opened_at');
    await (em ?? this.ds.manager).query(
      `INSERT INTO bank_accounts (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (bank_code, account_number) DO UPDATE SET ${updatable.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
      params,
    );
  }

  /**
   * Inserts or updates accounts reported by their own institution, in one statement. An account
   * that exists under another institution is left alone and reported back as refused, so one
   * bank can never overwrite another's registry entry. Re-reported accounts keep their first
   * opening date.
   */
  async upsertOwned(rows: BankAccountEntity[], em?: EntityManager): Promise<OwnedUpsertResult> {
    if (rows.length === 0) return { inserted: 0, updated: 0, refused: [], written: [] };
    // One array parameter per column (unnest) instead of one parameter per value: a 2,000-row
    // batch binds 17 parameters, not 34,000, which is what keeps bulk loads fast.
    const columns = rows.map((r) => values(r));
    const arrays = COLUMNS.map((_, c) => columns.map((v) => v[c]));
    const updatable = COLUMNS.filter((c) => c !== 'bank_code' && c !== 'account_number' && c !== 'opened_at' && c !== 'institution_id');
    const runner = em ?? this.ds.manager;
    const written: Array<{ bank_code: string; account_number: string; inserted: boolean; institution_id: string; holder_key: string; phone_key: string | null; device_key: string | null; address_key: string | null; opened_at: Date }> = await runner.query(
      `INSERT INTO bank_accounts AS a (${COLUMNS.join(', ')})
       SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${COLUMN_TYPES[c]}[]`).join(', ')})
       ON CONFLICT (bank_code, account_number) DO UPDATE SET ${updatable.map((c) => `${c} = ${OWNED_UPDATE[c] ?? `EXCLUDED.${c}`}`).join(', ')}
       WHERE a.institution_id = EXCLUDED.institution_id
       RETURNING a.bank_code, a.account_number, (xmax = 0) AS inserted, a.institution_id, a.holder_key, a.phone_key, a.device_key, a.address_key, a.opened_at`,
      arrays,
    );
    const done = new Set(written.map((w) => `${w.bank_code}:${w.account_number}`));
    const refused = rows.filter((r) => !done.has(`${r.bankCode}:${r.accountNumber}`)).map((r) => ({ bankCode: r.bankCode, accountNumber: r.accountNumber }));
    const inserted = written.filter((w) => w.inserted).length;
    return {
      inserted,
      updated: written.length - inserted,
      refused,
      written: written.map((w) => ({
        bankCode: w.bank_code,
        accountNumber: w.account_number,
        institutionId: w.institution_id,
        holderKey: w.holder_key,
        phoneKey: w.phone_key,
        deviceKey: w.device_key,
        addressKey: w.address_key,
        openedAt: w.opened_at,
      })),
    };
  }

  /** Open accounts of these holders reported through account openings (not bulk loads). */
  findOpenedByHolders(holderKeys: readonly string[]): Promise<BankAccountEntity[]> {
    if (holderKeys.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(BankAccountEntity)
      .createQueryBuilder('a')
      .where('a.holder_key = ANY(:keys)', { keys: [...holderKeys] })
      .andWhere("a.source = 'OPENING'")
      .andWhere('a.closed_at IS NULL')
      .getMany();
  }

  /** Accounts of this holder opened since a time, optionally at institutions other than one. */
  async countOpenedByHolderSince(holderKey: string, since: Date, excludeInstitutionId?: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.ds.query(
      `SELECT count(*) AS n FROM bank_accounts WHERE holder_key = $1 AND opened_at >= $2 AND ($3::uuid IS NULL OR institution_id <> $3::uuid)`,
      [holderKey, since, excludeInstitutionId ?? null],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Distinct other holders whose accounts opened since a time share this phone, device or address. */
  async countDistinctHoldersSharing(kind: SharedIdentifierKind, key: string, since: Date, excludeHolderKey: string): Promise<number> {
    const col = KEY_COLUMN[kind];
    const rows: Array<{ n: string }> = await this.ds.query(
      `SELECT count(DISTINCT holder_key) AS n FROM bank_accounts WHERE ${col} = $1 AND opened_at >= $2 AND holder_key <> $3`,
      [key, since, excludeHolderKey],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Counts of a holder's accounts per institution kind, for profiles (never which institutions). */
  async countByHolder(holderKey: string): Promise<{ total: number; institutions: number }> {
    const rows: Array<{ total: string; institutions: string }> = await this.ds.query(
      `SELECT count(*) AS total, count(DISTINCT institution_id) AS institutions FROM bank_accounts WHERE holder_key = $1`,
      [holderKey],
    );
    return { total: Number(rows[0]?.total ?? 0), institutions: Number(rows[0]?.institutions ?? 0) };
  }
}
