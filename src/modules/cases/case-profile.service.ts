import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { personProfile, type PersonProfile } from '../../domain/cases/subject-profile.js';
import { maskAccount } from '../../domain/identity/bank-card.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { parseAccountKey } from './case-subjects.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';

export interface Section<T> {
  available: boolean;
  items?: T[];
  [k: string]: unknown;
}

export interface CaseProfile {
  subject: { type: string; display: string; name: string | null };
  person: PersonProfile | null;
  accounts: { total: number; institutions: number } | null;
  account: Record<string, unknown> | null;
  listEntries: Section<Record<string, unknown>>;
  restrictions: Section<Record<string, unknown>>;
  transfers: Section<Record<string, unknown>>;
  alerts: Section<Record<string, unknown>>;
  counterparties: Section<Record<string, unknown>>;
  otherCases: Array<{ id: string; status: string; priority: string; openedAt: string; closedAt: string | null; resolution: string | null }>;
  suppressedItems: number;
}

const UNAVAILABLE = { available: false } as const;

/**
 * The subject's profile on the case page. Each section comes from the module that owns the data;
 * other institutions' data appears only as counts (a bank learns that a person holds accounts at
 * three other banks, never which).
 */
@Injectable()
export class CaseProfileService {
  constructor(
    private readonly cases: CasesService,
    private readonly repo: CasesRepository,
    private readonly accounts: AccountsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async profile(p: Principal, caseId: string): Promise<CaseProfile> {
    const c = await this.cases.get(p, caseId);
    const now = this.clock.now();
    const [others, suppressed] = await Promise.all([
      this.repo.queue({ institutionId: c.institutionId, subjectType: c.subjectType, subjectKey: c.subjectKey, now, sort: 'openedAt', order: 'DESC', limit: 20, offset: 0 }),
      this.repo.suppressedItemsOfSubject(c.institutionId, c.subjectType, c.subjectKey, 500),
    ]);
    const profile: CaseProfile = {
      subject: { type: c.subjectType, display: c.subjectDisplay, name: c.subjectName },
      person: c.subjectType === 'PERSON' ? personProfile(c.subjectAttributes, now) : null,
      accounts: null,
      account: null,
      listEntries: { ...UNAVAILABLE },
      restrictions: { ...UNAVAILABLE },
      transfers: { ...UNAVAILABLE },
      alerts: { ...UNAVAILABLE },
      counterparties: { ...UNAVAILABLE },
      otherCases: others.rows
        .filter((o) => o.id !== c.id)
        .map((o) => ({ id: o.id, status: o.status, priority: o.priority, openedAt: o.openedAt.toISOString(), closedAt: o.closedAt?.toISOString() ?? null, resolution: o.resolution })),
      suppressedItems: suppressed.length,
    };
    if (c.subjectType === 'PERSON' || c.subjectType === 'ENTITY') {
      profile.accounts = await this.accounts.countByHolder(c.subjectKey);
    } else {
      const acct = parseAccountKey(c.subjectKey);
      const row = acct ? await this.accounts.findByAccount(acct.bankCode, acct.accountNumber) : null;
      if (row) {
        const own = row.institutionId === c.institutionId;
        profile.account = {
          bankCode: row.bankCode,
          accountNumber: maskAccount(row.accountNumber),
          holderType: row.holderType,
          holder: own ? row.holderMasked : null,
          accountClass: row.accountClass,
          openedAt: row.openedAt.toISOString(),
          ageDays: Math.floor((now.getTime() - row.openedAt.getTime()) / 86_400_000),
          closedAt: row.closedAt?.toISOString() ?? null,
        };
        profile.accounts = await this.accounts.countByHolder(row.holderKey);
      }
    }
    return profile;
  }
}
