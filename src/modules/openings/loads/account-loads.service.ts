import { Inject, Injectable } from '@nestjs/common';
import type { BatchItem, BatchResult } from '../../../common/bulk-import/bulk-import.runner.js';
import { BulkImportService } from '../../../common/bulk-import/bulk-import.service.js';
import type { ImportJobEntity } from '../../../common/bulk-import/import-job.entity.js';
import { BlindIndexService } from '../../../common/crypto/blind-index.service.js';
import type { Principal } from '../../../common/http/principal.js';
import { CLOCK, type Clock } from '../../../config/config.module.js';
import { AccountsRepository } from '../../accounts/accounts.repository.js';
import type { BankAccountEntity } from '../../accounts/bank-account.entity.js';
import { RestrictionsService } from '../../restrictions/restrictions.service.js';
import { RecentActivityService } from '../../screening/recent-activity.service.js';
import { ACCOUNT_FIELDS, readAccountRecord, toBankAccount } from '../account-record.js';

export const ACCOUNT_LOAD = 'ACCOUNT_LOAD';

/** Rows per INSERT: 17 parameters a row stays well under PostgreSQL's 65,535. */
const BATCH_ROWS = 2000;

/**
 * Existing accounts loaded in bulk (存量账户): streamed CSV or NDJSON, validated row by row with
 * the same reader as the opening API, written in multi-row upserts while the next batch is read,
 * so a 10,000,000-row file passes in constant memory. Rows with errors are reported by number;
 * the good rows land. An account already registered by another institution is refused.
 */
@Injectable()
export class AccountLoadsService {
  constructor(
    private readonly bulk: BulkImportService,
    private readonly accounts: AccountsRepository,
    private readonly blind: BlindIndexService,
    private readonly restrictions: RestrictionsService,
    private readonly recent: RecentActivityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(p: Principal, contentType: string | undefined, body: unknown): Promise<ImportJobEntity> {
    const format = this.bulk.formatOf(contentType, body);
    const job = await this.bulk.start(ACCOUNT_LOAD, p, format);
    const blind = (kind: Parameters<BlindIndexService['of']>[0], value: string): string => this.blind.of(kind, value);
    return this.bulk.run<BankAccountEntity>(job, body as Parameters<BulkImportService['run']>[1], {
      read: { knownColumns: new Set(ACCOUNT_FIELDS), requiredColumns: ['bankCode', 'accountNumber', 'openedAt'] },
      parse: (record) => {
        const now = this.clock.now();
        return toBankAccount(readAccountRecord(record, now), p.institutionId, 'LOAD', blind, now);
      },
      key: (row) => `${row.bankCode}:${row.accountNumber}`,
      batchSize: BATCH_ROWS,
      write: (batch) => this.write(batch),
    });
  }

  private async write(batch: readonly BatchItem<BankAccountEntity>[]): Promise<BatchResult> {
    const rows = batch.map((b) => b.value);
    const result = await this.accounts.upsertOwned(rows);
    this.recent.recordAccounts(result.written);
    const refused = new Set(result.refused.map((r) => `${r.bankCode}:${r.accountNumber}`));
    const landed = refused.size === 0 ? rows : rows.filter((r) => !refused.has(`${r.bankCode}:${r.accountNumber}`));
    // Accounts of restricted holders are restricted as they land (in memory; cheap for the rest).
    await this.restrictions.onAccountsRecorded(landed.map((r) => ({ bankCode: r.bankCode, accountNumber: r.accountNumber, holderKey: r.holderKey })));
    if (refused.size === 0) return { inserted: result.inserted, updated: result.updated, unchanged: 0 };
    const errors = batch
      .filter((b) => refused.has(`${b.value.bankCode}:${b.value.accountNumber}`))
      .map((b) => ({ row: b.row, code: 'ACCOUNT_OWNED_ELSEWHERE', message: 'this bank code and account number are registered by another institution', field: 'accountNumber' }));
    return { inserted: result.inserted, updated: result.updated, unchanged: 0, errors };
  }

  get(p: Principal, id: string): Promise<ImportJobEntity> {
    return this.bulk.get(ACCOUNT_LOAD, p, id);
  }

  list(p: Principal, status: ImportJobEntity['status'] | undefined, limit: number): Promise<ImportJobEntity[]> {
    return this.bulk.list(ACCOUNT_LOAD, p, status, limit);
  }

  errors(p: Principal, id: string, afterRow: number, limit: number) {
    return this.bulk.errors(ACCOUNT_LOAD, p, id, afterRow, limit);
  }
}
