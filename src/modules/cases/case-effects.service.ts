import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Principal } from '../../common/http/principal.js';
import { DomainError } from '../../domain/domain-error.js';
import type { RestrictionLevel } from '../../domain/restrictions/ladder.js';
import type { CreateEntryDto } from '../negative-list/dto/negative-list.dto.js';
import { NegativeListService } from '../negative-list/negative-list.service.js';
import { RestrictionOrdersService, type OrderTargetInput } from '../restrictions/restriction-orders.service.js';
import { parseAccountKey } from './case-subjects.js';
import type { CaseSubjectType } from './cases.types.js';

export interface SubjectIdentifier {
  idNumber?: string;
  uscc?: string;
  name?: string;
}

export interface EffectContext {
  caseId: string;
  decisionId: string;
  institutionId: string;
  subject: { type: CaseSubjectType; key: string; display: string; name: string | null };
  reason: string;
  /** The analyst who decided: the issuer of an order. */
  decider: Principal;
  /** The supervisor who approved, for decisions that needed four eyes. */
  approver: Principal | null;
  /** The raw identifier, checked against the subject's blind index, for PERSON and ENTITY subjects. */
  identifier: SubjectIdentifier | null;
}

export interface RestrictEffect {
  level: RestrictionLevel;
  expiresAt: Date | null;
}

export interface ListingEffect {
  category: string;
  fraudType: string | null;
  measures: string[];
  expiresAt: Date | null;
}

export interface RestrictOutcome {
  orderIds: string[];
  level: RestrictionLevel;
  status: string;
}

export interface ListingOutcome {
  entryId: string;
  status: string;
}

/** Measures an entry gets when the decision names none: a person or company may not open accounts; an account loses non-counter business. */
function defaultMeasures(type: CaseSubjectType): string[] {
  return type === 'ACCOUNT' ? ['NON_COUNTER_SUSPENDED'] : ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'];
}

/**
 * Carries out decisions in the modules that own the measures: restriction orders and
 * negative-list entries. Those modules are looked up when a decision is applied rather than
 * imported, so the case module neither depends on their start-up nor forms an import cycle with
 * modules that feed cases.
 */
@Injectable()
export class CaseEffectsService {
  private readonly logger = new Logger('CaseEffects');

  constructor(private readonly moduleRef: ModuleRef) {}

  private resolve<T>(token: abstract new (...args: never[]) => T, what: string): T {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      this.logger.warn({ msg: `${what} is not available` });
      throw new DomainError('CASE_EFFECT_UNAVAILABLE', `${what} is not available in this deployment.`);
    }
  }

  /**
   * An order with the case as its basis, issued by the analyst who decided. When the decision
   * needed four eyes, the supervisor who approved it on the case approves the order too, so the
   * restriction is in force when the case closes.
   */
  async restrict(ctx: EffectContext, e: RestrictEffect): Promise<RestrictOutcome> {
    const orders = this.resolve(RestrictionOrdersService, 'Restriction orders');
    let target: OrderTargetInput;
    if (ctx.subject.type === 'ACCOUNT') {
      const acct = parseAccountKey(ctx.subject.key);
      if (!acct) throw new DomainError('CASE_DECISION_INVALID', 'The account subject cannot be named.');
      target = { type: 'ACCOUNT', bankCode: acct.bankCode, accountNumber: acct.accountNumber };
    } else if (ctx.subject.type === 'PERSON') {
      if (!ctx.identifier?.idNumber) throw new DomainError('CASE_DECISION_INVALID', 'Restricting a person needs the ID number.');
      target = { type: 'PERSON', idNumber: ctx.identifier.idNumber };
    } else {
      if (!ctx.identifier?.uscc) throw new DomainError('CASE_DECISION_INVALID', 'Restricting an entity needs the USCC.');
      target = { type: 'ENTITY', uscc: ctx.identifier.uscc };
    }
    const order = await orders.create(ctx.decider, {
      target,
      level: e.level,
      basis: { type: 'CASE', reference: ctx.caseId, note: ctx.reason.slice(0, 1000) },
      ...(e.expiresAt ? { expiresAt: e.expiresAt } : {}),
    });
    const final = order.status === 'PENDING_APPROVAL' && ctx.approver ? await orders.approve(ctx.approver, order.id, `Approved with compliance case ${ctx.caseId}`) : order;
    return { orderIds: [final.id], level: e.level, status: final.status };
  }

  async addToNegativeList(ctx: EffectContext, e: ListingEffect): Promise<ListingOutcome> {
    const list = this.resolve(NegativeListService, 'The negative list');
    const subject: CreateEntryDto['subject'] = { type: ctx.subject.type };
    const name = ctx.identifier?.name ?? ctx.subject.name ?? undefined;
    if (name) subject.name = name;
    if (ctx.subject.type === 'ACCOUNT') {
      const acct = parseAccountKey(ctx.subject.key);
      if (!acct) throw new DomainError('CASE_DECISION_INVALID', 'The account subject cannot be named.');
      subject.bankCode = acct.bankCode;
      subject.accountNumber = acct.accountNumber;
    } else if (ctx.subject.type === 'PERSON') {
      if (!ctx.identifier?.idNumber) throw new DomainError('CASE_DECISION_INVALID', 'Listing a person needs the ID number.');
      subject.idNumber = ctx.identifier.idNumber;
    } else {
      if (!ctx.identifier?.uscc) throw new DomainError('CASE_DECISION_INVALID', 'Listing an entity needs the USCC.');
      subject.uscc = ctx.identifier.uscc;
    }
    const dto = {
      subject,
      category: e.category,
      fraudType: e.fraudType ?? 'OTHER',
      legalBasis: `Compliance case ${ctx.caseId}: ${ctx.reason}`.slice(0, 1000),
      legalBasisDocNo: `CASE-${ctx.caseId}`.slice(0, 100),
      evidenceRef: `case:${ctx.caseId}`,
      measures: e.measures.length > 0 ? e.measures : defaultMeasures(ctx.subject.type),
      ...(e.expiresAt ? { expiresAt: e.expiresAt.toISOString() } : {}),
    } as CreateEntryDto;
    // The entry is contributed under the approving supervisor's name: the person who let it stand.
    const entry = await list.create(ctx.approver ?? ctx.decider, dto);
    return { entryId: entry.id, status: entry.status };
  }
}
