import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Principal } from '../../common/http/principal.js';
import { DomainError } from '../../domain/domain-error.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { personProfile, type PersonProfile } from '../../domain/cases/subject-profile.js';
import { maskAccount } from '../../domain/identity/bank-card.js';
import { compareLevels, isRestrictionLevel, type RestrictionLevel } from '../../domain/restrictions/ladder.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { AlertsService } from '../alerts/alerts.service.js';
import type { ListAlertsQuery } from '../alerts/dto/alerts.dto.js';
import { NegativeListMatcher } from '../negative-list/negative-list.matcher.js';
import type { RestrictionOrderEntity } from '../restrictions/restriction-order.entity.js';
import { RestrictionOrdersService } from '../restrictions/restriction-orders.service.js';
import { CaseProfileRepository } from './case-profile.repository.js';
import { parseAccountKey } from './case-subjects.js';
import { summariseTransfers } from './profile-transfers.js';
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
  listEntries: Section<object>;
  restrictions: Section<object>;
  transfers: Section<object>;
  alerts: Section<object>;
  counterparties: Section<object>;
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
  private readonly logger = new Logger('CaseProfile');

  constructor(
    private readonly cases: CasesService,
    private readonly repo: CasesRepository,
    private readonly accounts: AccountsRepository,
    private readonly reads: CaseProfileRepository,
    private readonly moduleRef: ModuleRef,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A provider of another module, or null when that module is not part of this deployment. */
  private optional<T>(token: abstract new (...args: never[]) => T): T | null {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      return null;
    }
  }

  /** Negative-list entries in force that name the subject by its identifier. */
  private listEntries(type: string, key: string): Section<object> {
    const matcher = this.optional(NegativeListMatcher);
    if (!matcher) return { ...UNAVAILABLE };
    let views;
    if (type === 'PERSON') views = [...matcher.activeEntriesByKey('RESIDENT_ID', key), ...matcher.activeEntriesByKey('FOREIGN_DOC', key)];
    else if (type === 'ENTITY') views = matcher.activeEntriesByKey('USCC', key);
    else {
      const acct = parseAccountKey(key);
      views = acct ? matcher.match({ account: acct }).map((h) => h.entry) : [];
    }
    return {
      available: true,
      items: views.map((v) => ({ id: v.id, category: v.category, fraudType: v.fraudType, measures: v.measures, status: v.status, effectiveFrom: v.effectiveFrom.toISOString(), expiresAt: v.expiresAt?.toISOString() ?? null })),
    };
  }

  /**
   * An account's recent alerts, the transfers they name as evidence (kept by the transfers module
   * for about a day) and the counterparties of those transfers.
   */
  private async activity(p: Principal, key: string): Promise<Pick<CaseProfile, 'alerts' | 'transfers' | 'counterparties'>> {
    const alerts = this.optional(AlertsService);
    const acct = parseAccountKey(key);
    if (!alerts || !acct) return { alerts: { ...UNAVAILABLE }, transfers: { ...UNAVAILABLE }, counterparties: { ...UNAVAILABLE } };
    const page = await alerts.list(p, { account: key, limit: 20 } as ListAlertsQuery);
    const eventIds = [...new Set(page.items.flatMap((a) => a.eventIds))].slice(0, 200);
    const events = await this.reads.transferEvents(eventIds);
    const summary = events ? summariseTransfers(events, acct) : null;
    return {
      alerts: {
        available: true,
        items: page.items.map((a) => ({ id: a.id, detector: a.detector, severity: a.severity, at: a.lastDetectedAt.toISOString(), fireCount: a.fireCount, aggregates: a.aggregates })),
      },
      transfers: summary ? { available: true, items: summary.transfers } : { ...UNAVAILABLE },
      counterparties: summary ? { available: true, items: summary.counterparties } : { ...UNAVAILABLE },
    };
  }

  /** Orders that reach the subject, newest first, and the most severe one in force now. */
  private async restrictions(p: Principal, type: string, key: string, now: Date): Promise<Section<object>> {
    const orders = this.optional(RestrictionOrdersService);
    if (!orders) return { ...UNAVAILABLE };
    let rows: RestrictionOrderEntity[];
    let current: string | null = null;
    try {
      if (type === 'ACCOUNT') {
        const acct = parseAccountKey(key);
        if (!acct) return { available: true, current: null, items: [] };
        const r = await orders.accountRestrictions(p, acct.bankCode, acct.accountNumber);
        rows = r.orders;
        current = r.effective.level;
      } else {
        rows = (await orders.list(p, { holderKey: key, limit: 50 })).items;
      }
    } catch (e) {
      if (e instanceof DomainError && e.code === 'RESTRICTION_ACCOUNT_NOT_FOUND') return { available: true, current: null, items: [] };
      this.logger.warn({ msg: 'restrictions for case profile failed', err: String(e) });
      return { ...UNAVAILABLE };
    }
    const inForce = (o: RestrictionOrderEntity): boolean => o.status === 'ACTIVE' && o.effectiveFrom.getTime() <= now.getTime() && (o.expiresAt === null || o.expiresAt.getTime() > now.getTime());
    if (type !== 'ACCOUNT') {
      const levels = rows.filter(inForce).map((o) => o.level).filter((l): l is RestrictionLevel => isRestrictionLevel(l));
      current = levels.sort((a, b) => compareLevels(b, a))[0] ?? (rows.some((o) => inForce(o) && o.level === 'NO_NEW_ACCOUNTS') ? 'NO_NEW_ACCOUNTS' : null);
    }
    return {
      available: true,
      current,
      items: [...rows]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map((o) => ({
          id: o.id,
          level: o.level,
          status: o.status === 'ACTIVE' && o.expiresAt !== null && o.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : o.status,
          basis: { type: o.basisType, reference: o.basisRef },
          effectiveFrom: o.effectiveFrom.toISOString(),
          expiresAt: o.expiresAt?.toISOString() ?? null,
        })),
    };
  }

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
      listEntries: this.listEntries(c.subjectType, c.subjectKey),
      restrictions: await this.restrictions(p, c.subjectType, c.subjectKey, now),
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
      Object.assign(profile, await this.activity(p, c.subjectKey));
    }
    return profile;
  }
}
