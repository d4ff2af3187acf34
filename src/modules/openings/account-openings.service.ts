import { Inject, Injectable } from '@nestjs/common';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { normaliseAccountNumber } from '../../domain/identity/bank-card.js';
import { RowRejection, type LooseRecord } from '../../domain/records/record-fields.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import type { BankAccountEntity } from '../accounts/bank-account.entity.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ACCOUNTS_TOPIC } from '../restrictions/restriction-events.js';
import type { ApplicantProfile, ScreeningContext } from '../screening/applicant-profile.js';
import { ScreeningService } from '../screening/screening.service.js';
import { RecentActivityService } from '../screening/recent-activity.service.js';
import type { AccountOpeningRecordEntity } from './account-opening-record.entity.js';
import { AccountOpeningsRepository } from './account-openings.repository.js';
import { profileOfRecord, readAccountRecord, toBankAccount, type AccountRecord } from './account-record.js';
import { SecondVerificationService } from './second-verification/second-verification.service.js';

/** Codes of the identity normalisers: a bad identifier is a 422 like at the DTO edge. */
const IDENTIFIER_CODES = new Set(['INVALID_RESIDENT_ID', 'INVALID_USCC', 'INVALID_PHONE', 'INVALID_DEVICE', 'INVALID_ACCOUNT_NUMBER', 'INVALID_DOCUMENT_NUMBER', 'INVALID_NATIONALITY', 'INVALID_BANK_CODE']);

export interface ReportedOpening {
  account: BankAccountEntity;
  record: AccountOpeningRecordEntity;
}

/**
 * Accounts actually opened, as banks report them: they join the account registry (feeding the
 * velocity and card-farming counts) and get a second verification scheduled.
 */
@Injectable()
export class AccountOpeningsService {
  constructor(
    private readonly openings: AccountOpeningsRepository,
    private readonly accounts: AccountsRepository,
    private readonly screening: ScreeningService,
    private readonly secondVerification: SecondVerificationService,
    private readonly blind: BlindIndexService,
    private readonly audit: AuditService,
    private readonly changes: ChangeFeedService,
    private readonly recent: RecentActivityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private read(body: LooseRecord): AccountRecord {
    try {
      return readAccountRecord(body, this.clock.now());
    } catch (e) {
      if (!(e instanceof RowRejection)) throw e;
      const errors = [{ field: e.field ?? 'body', constraints: { [e.code]: e.message } }];
      throw new DomainError(IDENTIFIER_CODES.has(e.code) ? 'INVALID_IDENTIFIER' : 'VALIDATION_FAILED', e.message, { errors });
    }
  }

  async report(p: Principal, body: LooseRecord): Promise<ReportedOpening> {
    const rec = this.read(body);
    const now = this.clock.now();
    const blind = (kind: Parameters<BlindIndexService['of']>[0], value: string): string => this.blind.of(kind, value);
    const account = toBankAccount(rec, p.institutionId, 'OPENING', blind, now);

    let profile: ApplicantProfile = profileOfRecord(rec, blind);
    let context: ScreeningContext = { branchCode: rec.branchCode, branchRegionCode: null, channel: rec.channel ?? 'COUNTER', requestedAccountClass: rec.accountClass };
    let screeningDecision: string | null = null;
    if (rec.screeningId) {
      const s = await this.screening.findOwn(p.institutionId, rec.screeningId);
      if (!s || s.purpose !== 'ACCOUNT_OPENING') throw new DomainError('OPENING_SCREENING_INVALID', 'screeningId names no account-opening screening of this institution.');
      if (s.holderKey !== account.holderKey) throw new DomainError('OPENING_SCREENING_INVALID', 'The screening was for another applicant.');
      // The screening knows more about the applicant (document expiry, legal representative).
      profile = s.applicant as unknown as ApplicantProfile;
      const screened = s.context as unknown as ScreeningContext;
      context = { ...screened, branchCode: rec.branchCode ?? screened.branchCode, requestedAccountClass: rec.accountClass ?? screened.requestedAccountClass };
      screeningDecision = s.decision;
    }
    const record: AccountOpeningRecordEntity = {
      bankCode: account.bankCode,
      accountNumber: account.accountNumber,
      institutionId: p.institutionId,
      holderKey: account.holderKey,
      profile: profile as unknown as Record<string, unknown>,
      context: context as unknown as Record<string, unknown>,
      screeningId: rec.screeningId,
      screeningDecision,
      openedAt: rec.openedAt,
      reportedBy: `${p.kind}:${p.id}`,
      reportedAt: now,
    };

    const written = await this.openings.transaction(async (em) => {
      const result = await this.accounts.upsertOwned([account], em);
      if (result.refused.length > 0) throw new DomainError('ACCOUNT_OWNED_ELSEWHERE', 'This bank code and account number are registered by another institution.');
      await this.openings.upsert(record, em);
      await this.secondVerification.scheduleForOpening({ bankCode: account.bankCode, accountNumber: account.accountNumber, institutionId: p.institutionId, openedAt: rec.openedAt }, em);
      return result.written;
    });
    // The next screenings count the opening (velocity, shared identifiers).
    this.recent.recordAccounts(written);
    // Restrictions on the holder reach the new account at once, on every instance.
    await this.changes.publish(ACCOUNTS_TOPIC, { accounts: [{ bankCode: account.bankCode, accountNumber: account.accountNumber, holderKey: account.holderKey }] });
    await this.audit.record({
      action: 'account.opening.reported',
      subjectType: 'account',
      subjectId: `${account.bankCode}:${account.accountNumber}`,
      details: { holderType: account.holderType, holderMasked: account.holderMasked, screeningId: rec.screeningId, accountClass: account.accountClass },
    });
    return { account, record };
  }

  /** An account of the caller's institution (the operator and regulators see all). */
  async get(p: Principal, bankCode: string, accountNumber: string): Promise<ReportedOpening | { account: BankAccountEntity; record: null }> {
    let number: string;
    try {
      number = normaliseAccountNumber(accountNumber);
    } catch {
      throw new DomainError('ACCOUNT_NOT_FOUND', 'No such account.');
    }
    const account = await this.accounts.findByAccount(bankCode.toUpperCase(), number);
    if (!account || (!seesAllInstitutions(p) && account.institutionId !== p.institutionId)) throw new DomainError('ACCOUNT_NOT_FOUND', 'No such account.');
    const record = await this.openings.find(account.bankCode, account.accountNumber);
    return { account, record };
  }
}
