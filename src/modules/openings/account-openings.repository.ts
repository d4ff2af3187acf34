import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountOpeningRecordEntity } from './account-opening-record.entity.js';

@Injectable()
export class AccountOpeningsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Inserts or replaces the opening record of an account (a re-report updates it). */
  async upsert(row: AccountOpeningRecordEntity, em?: EntityManager): Promise<void> {
    await (em ?? this.ds.manager).query(
      `INSERT INTO account_opening_records (bank_code, account_number, institution_id, holder_key, profile, context, screening_id, screening_decision, opened_at, reported_by, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (bank_code, account_number) DO UPDATE SET holder_key = EXCLUDED.holder_key, profile = EXCLUDED.profile, context = EXCLUDED.context,
         screening_id = EXCLUDED.screening_id, screening_decision = EXCLUDED.screening_decision, reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at
       WHERE account_opening_records.institution_id = EXCLUDED.institution_id`,
      [row.bankCode, row.accountNumber, row.institutionId, row.holderKey, JSON.stringify(row.profile), JSON.stringify(row.context), row.screeningId, row.screeningDecision, row.openedAt, row.reportedBy, row.reportedAt],
    );
  }

  find(bankCode: string, accountNumber: string): Promise<AccountOpeningRecordEntity | null> {
    return this.ds.getRepository(AccountOpeningRecordEntity).findOneBy({ bankCode, accountNumber });
  }
}
