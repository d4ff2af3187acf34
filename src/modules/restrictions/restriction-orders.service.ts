import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { DomainError } from '../../domain/domain-error.js';
import { normaliseAccountNumber } from '../../domain/identity/bank-card.js';
import { maskResidentId, parseResidentId } from '../../domain/identity/national-id.js';
import { maskUscc, parseUscc } from '../../domain/identity/uscc.js';
import {
  chainTerm,
  effectiveRestriction,
  isPersonMeasure,
  JOINT_PUNISHMENT_YEARS,
  ORDER_EXPIRY,
  deriveStatus,
  protectiveStopPaymentTerm,
  requiresFourEyes,
  type EffectiveRestriction,
  type JointPunishmentKind,
  type OrderStatus,
  type OrderTarget,
  type RestrictionMeasure,
} from '../../domain/restrictions/index.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { EffectiveStateService, type AccountKey } from './effective-state.service.js';
import type { ChangeCause, RestrictionEffectiveChangeEntity } from './restriction-effective-change.entity.js';
import { NEGATIVE_LIST_ENTRY_READER, type NegativeListEntryReader } from './negative-list-events.js';
import { RESTRICTIONS_TOPIC } from './restriction-events.js';
import type { OrderEventType, RestrictionOrderEventEntity } from './restriction-order-event.entity.js';
import type { ActorType, BasisType, RestrictionOrderEntity, TermSource } from './restriction-order.entity.js';
import { targetKeyOf, toOrderView } from './restriction-order.mapping.js';
import { RestrictionViewService } from './restriction-view.service.js';
import { RestrictionsRepository, type AccountRow, type OrderQuery } from './restrictions.repository.js';

export type OrderTargetInput =
  | { type: 'ACCOUNT'; bankCode: string; accountNumber: string }
  | { type: 'PERSON'; idNumber: string }
  | { type: 'ENTITY'; uscc: string };

export interface BasisInput {
  type: BasisType;
  /** Alert id, case id, list entry id, police document number or punishment decision number. */
  reference: string;
  /** JOINT_PUNISHMENT: CONVICTED (3 years) or CARD_SELLER (2 years). */
  kind?: JointPunishmentKind;
  note?: string;
}

export interface CreateOrderInput {
  target: OrderTargetInput;
  level: RestrictionMeasure;
  basis: BasisInput;
  effectiveFrom?: Date;
  expiresAt?: Date;
  /** LIMITED_NON_COUNTER: the order's own caps (default CNY 2,000 and 5 operations a day). */
  dailyLimit?: { amountFen: number; count: number };
  supersedesOrderId?: string;
}

/** Who makes a change: a user, an API key, or the platform itself (policies, sweeps, bulk jobs). */
export interface Actor {
  type: ActorType;
  id: string;
  name: string | null;
  /** Null for the platform's own jobs (sweeps); orders are always issued on behalf of an institution. */
  institutionId: string | null;
}

export interface ResolvedTarget {
  targetType: OrderTarget;
  bankCode: string | null;
  accountNumber: string | null;
  holderKey: string | null;
  holderMasked: string | null;
  accountInstitutionId: string | null;
}

/** Everything an order is made of, decided before it is written. */
export interface OrderSpec extends ResolvedTarget {
  id: string;
  level: RestrictionMeasure;
  dailyAmountFen: number | null;
  dailyCount: number | null;
  basisType: BasisType;
  basisRef: string;
  basisKind: string | null;
  basisNote: string | null;
  effectiveFrom: Date;
  expiresAt: Date | null;
  termSource: TermSource;
  requiresApproval: boolean;
  policyId: string | null;
  policyEventId: string | null;
  provisional: boolean;
  supersedesOrderId: string | null;
  bulkJobId: string | null;
  dedupKey: string | null;
  details: Record<string, unknown>;
  /** Approved before it was made (a bulk job approved as a whole): written ACTIVE with the approver. */
  preApproved?: { by: string; at: Date };
}

export interface PersistResult {
  created: RestrictionOrderEntity[];
  /** Specs whose dedup key already had an order: that order. */
  existing: RestrictionOrderEntity[];
  superseded: RestrictionOrderEntity[];
}

export interface OrderWithHistory {
  order: RestrictionOrderEntity;
  events: RestrictionOrderEventEntity[];
}

export interface AccountRestrictions {
  bankCode: string;
  accountNumber: string;
  registered: boolean;
  holderMasked: string | null;
  institutionId: string | null;
  effective: EffectiveRestriction;
  orders: RestrictionOrderEntity[];
  events: RestrictionOrderEventEntity[];
  changes: RestrictionEffectiveChangeEntity[];
}

const BANK_CODE = /^[A-Za-z0-9-]{1,20}$/;
const OPEN: readonly OrderStatus[] = ['ACTIVE', 'PENDING_APPROVAL'];
const ISSUING_ROLES = ['ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR', 'BRANCH_SYSTEM'] as const;
const LIFTING_ROLES = ['SUPERVISOR', 'ADMIN', 'REGULATOR', 'BRANCH_SYSTEM'] as const;

export function actorOf(p: Principal): Actor {
  return { type: p.kind, id: p.id, name: p.name, institutionId: p.institutionId };
}

function orderNotFound(): DomainError {
  return new DomainError('RESTRICTION_ORDER_NOT_FOUND', 'No such restriction order.');
}

function encodeCursor(o: RestrictionOrderEntity): string {
  return Buffer.from(`${o.createdAt.toISOString()}|${o.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw new DomainError('VALIDATION_FAILED', 'cursor is not valid');
  return { createdAt, id };
}

/**
 * Restriction orders: making them (by hand, by policy, in bulk), four eyes, lifting,
 * superseding, reading them with their history, and the restrictions of an account. Every
 * change is written as a history row, applied to this instance's check view before the call
 * returns, announced to other instances, and followed by the affected accounts' effective
 * state (which publishes to Kafka and webhooks).
 */
@Injectable()
export class RestrictionOrdersService {
  private readonly exempt: ReadonlySet<string>;

  constructor(
    private readonly repo: RestrictionsRepository,
    private readonly accounts: AccountsRepository,
    private readonly views: RestrictionViewService,
    private readonly effective: EffectiveStateService,
    private readonly feed: ChangeFeedService,
    private readonly blind: BlindIndexService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(NEGATIVE_LIST_ENTRY_READER) private readonly entries: NegativeListEntryReader | null = null,
  ) {
    this.exempt = new Set(config.RESTRICTION_FOUR_EYES_EXEMPT.split(',').filter((s) => s.length > 0));
  }

  // --- targets and terms ---

  async resolveTarget(t: OrderTargetInput): Promise<ResolvedTarget> {
    if (t.type === 'ACCOUNT') {
      if (!BANK_CODE.test(t.bankCode)) throw new DomainError('RESTRICTION_INVALID_ORDER', 'bankCode must be 1-20 letters, digits or dashes.');
      let accountNumber: string;
      try {
        accountNumber = normaliseAccountNumber(t.accountNumber);
      } catch {
        throw new DomainError('INVALID_IDENTIFIER', 'accountNumber must be 6-32 digits.', { reason: 'INVALID_ACCOUNT_NUMBER' });
      }
      const reg = await this.accounts.findByAccount(t.bankCode, accountNumber);
      const owner = reg?.institutionId ?? (await this.effective.ownerByBankCode(t.bankCode));
      return { targetType: 'ACCOUNT', bankCode: t.bankCode, accountNumber, holderKey: null, holderMasked: null, accountInstitutionId: owner };
    }
    if (t.type === 'PERSON') {
      const parsed = parseResidentId(t.idNumber, this.clock.now());
      return { targetType: 'PERSON', bankCode: null, accountNumber: null, holderKey: this.blind.of('RESIDENT_ID', parsed.number), holderMasked: maskResidentId(parsed.number), accountInstitutionId: null };
    }
    const parsed = parseUscc(t.uscc);
    return { targetType: 'ENTITY', bankCode: null, accountNumber: null, holderKey: this.blind.of('USCC', parsed.code), holderMasked: maskUscc(parsed.code), accountInstitutionId: null };
  }

  /** Blind index of a resident ID number (for screening and searches). */
  personKey(idNumber: string): string {
    return this.blind.of('RESIDENT_ID', parseResidentId(idNumber, this.clock.now()).number);
  }

  entityKey(uscc: string): string {
    return this.blind.of('USCC', parseUscc(uscc).code);
  }

  /**
   * The term: explicit; or from the basis (joint punishment 2/3 years chained under the 5-year
   * cap; protective stop-payment hours for freezing and receive-only orders on alerts, cases and
   * police orders; a negative-list entry's own expiry). An order never starts before it is made; a term that is already over is refused.
   */
  async term(
    target: ResolvedTarget,
    level: RestrictionMeasure,
    basis: BasisInput,
    requestedFrom: Date,
    expiresAt: Date | undefined,
    em?: EntityManager,
    /** Earlier joint-punishment orders of the target, when the caller loaded them already (bulk jobs). */
    knownJointTerms?: RestrictionOrderEntity[],
  ): Promise<{ from: Date; to: Date | null; source: TermSource; details: Record<string, unknown> }> {
    const now = this.clock.now();
    let from = requestedFrom;
    let to: Date;
    let source: TermSource;
    const details: Record<string, unknown> = {};
    let entryExpiry: Date | null = null;
    if (expiresAt) {
      if (expiresAt.getTime() <= requestedFrom.getTime()) throw new DomainError('RESTRICTION_INVALID_ORDER', 'expiresAt must be after effectiveFrom.');
      to = expiresAt;
      source = 'EXPLICIT';
    } else if (basis.type === 'JOINT_PUNISHMENT') {
      const kind = basis.kind!;
      const existing = knownJointTerms ?? (await this.repo.jointPunishmentTerms({ ...target, level }, em));
      const chained = chainTerm({
        existing: existing.filter((o) => o.expiresAt !== null).map((o) => ({ from: o.effectiveFrom, to: o.expiresAt! })),
        requestedFrom,
        requestedYears: JOINT_PUNISHMENT_YEARS[kind],
      });
      if (!chained.ok) {
        throw new DomainError('RESTRICTION_TERM_CAP_REACHED', 'The consecutive joint-punishment terms already reach the 5-year cap.', { runStart: chained.runStart.toISOString(), capEnd: chained.capEnd.toISOString() });
      }
      from = chained.from;
      to = chained.to;
      source = 'JOINT_PUNISHMENT';
      Object.assign(details, { years: JOINT_PUNISHMENT_YEARS[kind], chainedFrom: chained.runStart.toISOString(), clipped: chained.clipped });
    } else if ((level === 'FROZEN' || level === 'RECEIVE_ONLY') && (basis.type === 'POLICE_ORDER' || basis.type === 'ALERT' || basis.type === 'CASE')) {
      const t = protectiveStopPaymentTerm(requestedFrom, this.config.RESTRICTION_STOP_PAYMENT_HOURS);
      to = t.to;
      source = 'STOP_PAYMENT';
      details.hours = this.config.RESTRICTION_STOP_PAYMENT_HOURS;
    } else if (basis.type === 'NEGATIVE_LIST_ENTRY' && this.entries && (entryExpiry = (await this.entries.read([basis.reference]))[0]?.expiresAt ?? null)) {
      to = entryExpiry;
      source = 'BASIS';
      details.entryId = basis.reference;
    } else {
      throw new DomainError('RESTRICTION_TERM_REQUIRED', 'Give expiresAt: only joint punishment, protective stop-payment (FROZEN or RECEIVE_ONLY on an alert, case or police order) and negative-list entries with an expiry have a derived term.');
    }
    if (to.getTime() <= now.getTime()) throw new DomainError('RESTRICTION_TERM_OVER', 'The term is already over.', { expiresAt: to.toISOString() });
    if (from.getTime() < now.getTime()) {
      details.requestedFrom = from.toISOString();
      from = now;
    }
    return { from, to, source, details };
  }

  fourEyesExempt(basisType: BasisType, o: { regulatorEntry?: boolean; provisional?: boolean }): boolean {
    if (basisType === 'POLICE_ORDER' && this.exempt.has('POLICE_ORDER')) return true;
    if (o.regulatorEntry && this.exempt.has('REGULATOR_ENTRY')) return true;
    if (o.provisional && this.exempt.has('PROVISIONAL')) return true;
    return false;
  }

  // --- making orders ---

  private checkIssuer(p: Principal, target: ResolvedTarget, level: RestrictionMeasure, basis: BasisInput): void {
    if (!ISSUING_ROLES.some((r) => p.roles.includes(r))) throw new DomainError('FORBIDDEN', 'Your role may not issue restriction orders.');
    if (target.targetType === 'ACCOUNT') {
      if (!seesAllInstitutions(p) && target.accountInstitutionId !== p.institutionId) {
        throw new DomainError('RESTRICTION_TARGET_NOT_ALLOWED', 'A bank restricts only accounts it holds.');
      }
    } else if (!seesAllInstitutions(p)) {
      throw new DomainError('RESTRICTION_TARGET_NOT_ALLOWED', 'Orders on a person or entity (all their accounts at every bank) come from the operator, regulators or police.');
    }
    if (basis.type === 'JOINT_PUNISHMENT' && !seesAllInstitutions(p)) {
      throw new DomainError('RESTRICTION_BASIS_NOT_ALLOWED', 'Joint punishment decisions come from the operator, regulators or police.');
    }
    if (isPersonMeasure(level) && target.targetType === 'ACCOUNT') {
      throw new DomainError('RESTRICTION_INVALID_ORDER', 'NO_NEW_ACCOUNTS applies to a person or entity, not an account.');
    }
  }

  private checkBasis(basis: BasisInput, level: RestrictionMeasure, dailyLimit: CreateOrderInput['dailyLimit']): void {
    if (basis.type === 'JOINT_PUNISHMENT' && basis.kind !== 'CONVICTED' && basis.kind !== 'CARD_SELLER') {
      throw new DomainError('RESTRICTION_INVALID_ORDER', 'A joint punishment basis needs kind CONVICTED or CARD_SELLER.');
    }
    if (basis.type !== 'JOINT_PUNISHMENT' && basis.kind !== undefined) throw new DomainError('RESTRICTION_INVALID_ORDER', 'basis.kind is for joint punishment only.');
    if (dailyLimit && level !== 'LIMITED_NON_COUNTER') throw new DomainError('RESTRICTION_INVALID_ORDER', 'dailyLimit is for LIMITED_NON_COUNTER orders only.');
    if (dailyLimit && (!Number.isSafeInteger(dailyLimit.amountFen) || dailyLimit.amountFen < 0 || !Number.isSafeInteger(dailyLimit.count) || dailyLimit.count < 0)) {
      throw new DomainError('RESTRICTION_INVALID_ORDER', 'dailyLimit needs a non-negative amount and count.');
    }
  }

  /** An order made by a person or a branch system through the API. */
  async create(p: Principal, input: CreateOrderInput): Promise<RestrictionOrderEntity> {
    this.checkBasis(input.basis, input.level, input.dailyLimit);
    const target = await this.resolveTarget(input.target);
    this.checkIssuer(p, target, input.level, input.basis);
    const now = this.clock.now();
    const term = await this.term(target, input.level, input.basis, input.effectiveFrom ?? now, input.expiresAt);
    const spec: OrderSpec = {
      id: randomUUID(),
      ...target,
      level: input.level,
      dailyAmountFen: input.dailyLimit?.amountFen ?? null,
      dailyCount: input.dailyLimit?.count ?? null,
      basisType: input.basis.type,
      basisRef: input.basis.reference,
      basisKind: input.basis.kind ?? null,
      basisNote: input.basis.note ?? null,
      effectiveFrom: term.from,
      expiresAt: term.to,
      termSource: term.source,
      requiresApproval: requiresFourEyes(input.level) && !this.fourEyesExempt(input.basis.type, {}),
      policyId: null,
      policyEventId: null,
      provisional: false,
      supersedesOrderId: input.supersedesOrderId ?? null,
      bulkJobId: null,
      dedupKey: null,
      details: term.details,
    };
    if (spec.supersedesOrderId) await this.checkSupersedable(p, spec);
    const result = await this.persist([spec], actorOf(p));
    return result.created[0]!;
  }

  private async checkSupersedable(p: Principal, spec: OrderSpec): Promise<void> {
    const old = await this.repo.findOrder(spec.supersedesOrderId!);
    if (!old || !(await this.visible(p, old))) throw orderNotFound();
    if (targetKeyOf(old) !== targetKeyOf(spec) || !OPEN.includes(deriveStatus(old, this.clock.now(), ORDER_EXPIRY))) {
      throw new DomainError('RESTRICTION_SUPERSEDE_MISMATCH', 'Only an active or pending order on the same target can be superseded.');
    }
  }

  private eventRow(orderId: string, seq: number, type: OrderEventType, statusAfter: OrderStatus, actor: Actor, at: Date, reason: string | null, details: Record<string, unknown>): RestrictionOrderEventEntity {
    return { id: randomUUID(), orderId, seq, type, statusAfter, actorType: actor.type, actorId: actor.id, actorInstitutionId: actor.institutionId, reason, details, occurredAt: at };
  }

  /**
   * Writes orders (one transaction), supersedes what active ones replace, then applies,
   * announces and publishes. Specs whose dedup key exists already are returned as existing.
   */
  async persist(specs: OrderSpec[], actor: Actor, cause: ChangeCause = 'ORDER_CREATED', holderAccounts?: AccountRow[]): Promise<PersistResult> {
    const issuerInstitutionId = actor.institutionId;
    if (issuerInstitutionId === null) throw new Error('an order is issued on behalf of an institution');
    const result = await this.repo.transaction(async (em) => {
      const now = this.clock.now();
      const created: RestrictionOrderEntity[] = [];
      const existing: RestrictionOrderEntity[] = [];
      const superseded: RestrictionOrderEntity[] = [];
      const known = new Map((await this.repo.findByDedupKeys(specs.flatMap((x) => (x.dedupKey ? [x.dedupKey] : [])), em)).map((o) => [o.dedupKey!, o]));
      const events: RestrictionOrderEventEntity[] = [];
      for (const spec of specs) {
        const found = spec.dedupKey ? known.get(spec.dedupKey) : undefined;
        if (found) {
          existing.push(found);
          continue;
        }
        const status: OrderStatus = spec.requiresApproval && !spec.preApproved ? 'PENDING_APPROVAL' : 'ACTIVE';
        const order: RestrictionOrderEntity = {
          id: spec.id,
          targetType: spec.targetType,
          bankCode: spec.bankCode,
          accountNumber: spec.accountNumber,
          holderKey: spec.holderKey,
          holderMasked: spec.holderMasked,
          accountInstitutionId: spec.accountInstitutionId,
          level: spec.level,
          dailyAmountFen: spec.dailyAmountFen,
          dailyCount: spec.dailyCount,
          basisType: spec.basisType,
          basisRef: spec.basisRef,
          basisKind: spec.basisKind,
          basisNote: spec.basisNote,
          issuerInstitutionId,
          issuedByType: actor.type,
          issuedById: actor.id,
          issuedByName: actor.name,
          policyId: spec.policyId,
          policyEventId: spec.policyEventId,
          provisional: spec.provisional,
          effectiveFrom: spec.effectiveFrom,
          expiresAt: spec.expiresAt,
          termSource: spec.termSource,
          status,
          requiresApproval: spec.requiresApproval,
          approvedById: spec.preApproved?.by ?? null,
          approvedAt: spec.preApproved?.at ?? null,
          supersedesOrderId: spec.supersedesOrderId,
          supersededByOrderId: null,
          bulkJobId: spec.bulkJobId,
          dedupKey: spec.dedupKey,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        events.push(this.eventRow(order.id, 1, 'CREATED', status, actor, now, null, spec.details));
        created.push(order);
        // A list naming a dedup key twice gets one order.
        if (order.dedupKey) known.set(order.dedupKey, order);
      }
      await this.repo.insertOrders(created, events, em);
      for (const order of created) {
        if (order.status === 'ACTIVE' && order.supersedesOrderId) {
          const old = await this.supersede(order, actor, now, em);
          if (old) superseded.push(old);
        }
      }
      return { created, existing, superseded };
    });
    await this.afterChange([...result.created, ...result.superseded], cause, holderAccounts);
    await Promise.all(
      result.created.map((o) =>
        this.audit.record({
          action: 'restriction-order.created',
          subjectType: 'restriction-order',
          subjectId: o.id,
          institutionId: o.issuerInstitutionId,
          actor: { type: actor.type, id: actor.id },
          details: { level: o.level, targetType: o.targetType, basisType: o.basisType, status: o.status, policyId: o.policyId, bulkJobId: o.bulkJobId, supersedes: o.supersedesOrderId },
        }),
      ),
    );
    return result;
  }

  /** Marks the order a new one replaces as SUPERSEDED (if it is still open). */
  private async supersede(by: RestrictionOrderEntity, actor: Actor, now: Date, em: EntityManager): Promise<RestrictionOrderEntity | null> {
    const old = await this.repo.lockOrder(by.supersedesOrderId!, em);
    if (!old || !OPEN.includes(deriveStatus(old, now, ORDER_EXPIRY))) return null;
    const version = old.version + 1;
    const patch = { status: 'SUPERSEDED' as const, supersededByOrderId: by.id, version, updatedAt: now };
    await this.repo.appendEvent(this.eventRow(old.id, version, 'SUPERSEDED', 'SUPERSEDED', actor, now, null, { supersededBy: by.id }), patch, em);
    return { ...old, ...patch };
  }

  /** Accounts an order reaches: its account, or every registry account of its holder. */
  private async reachedAccounts(orders: RestrictionOrderEntity[], holderAccounts?: AccountRow[]): Promise<AccountKey[]> {
    const out: AccountKey[] = [];
    const holders = new Set<string>();
    for (const o of orders) {
      if (o.targetType === 'ACCOUNT') out.push({ bankCode: o.bankCode!, accountNumber: o.accountNumber! });
      else if (o.holderKey && !isPersonMeasure(o.level)) holders.add(o.holderKey);
    }
    if (holders.size > 0) {
      const given = holderAccounts?.filter((r) => holders.has(r.holderKey));
      const rows = given ?? (await this.repo.accountsOfHolders([...holders]));
      for (const r of rows) out.push({ bankCode: r.bankCode, accountNumber: r.accountNumber });
    }
    return out;
  }

  /**
   * After orders were written: this instance's view first (the next check sees them), then
   * the other instances (ids on the change feed), then the accounts' effective state.
   */
  async afterChange(orders: RestrictionOrderEntity[], cause: ChangeCause, holderAccounts?: AccountRow[]): Promise<void> {
    if (orders.length === 0) return;
    await this.views.applyOrders(orders, holderAccounts);
    const ids = orders.map((o) => o.id);
    for (let i = 0; i < ids.length; i += 100) await this.feed.publish(RESTRICTIONS_TOPIC, { type: 'ORDERS_CHANGED', orderIds: ids.slice(i, i + 100) });
    const accounts = await this.reachedAccounts(orders, holderAccounts);
    const causeOrderId = orders.length === 1 ? orders[0]!.id : null;
    await this.effective.refresh(accounts, cause, causeOrderId);
  }

  // --- four eyes and lifting ---

  private async transition(
    id: string,
    p: Principal | null,
    actor: Actor,
    fn: (order: RestrictionOrderEntity, now: Date) => { type: OrderEventType; status: OrderStatus; reason: string | null; patch?: Partial<RestrictionOrderEntity>; details?: Record<string, unknown> },
  ): Promise<{ order: RestrictionOrderEntity; superseded: RestrictionOrderEntity | null }> {
    return this.repo.transaction(async (em) => {
      const order = await this.repo.lockOrder(id, em);
      if (!order || (p && !(await this.visible(p, order, em)))) throw orderNotFound();
      const now = this.clock.now();
      const step = fn(order, now);
      const version = order.version + 1;
      const patch: Partial<RestrictionOrderEntity> = { ...step.patch, status: step.status, version, updatedAt: now };
      await this.repo.appendEvent(this.eventRow(order.id, version, step.type, step.status, actor, now, step.reason, step.details ?? {}), patch, em);
      const updated = { ...order, ...patch };
      const superseded = step.status === 'ACTIVE' && updated.supersedesOrderId ? await this.supersede(updated, actor, now, em) : null;
      return { order: updated, superseded };
    });
  }

  private checkApprover(p: Principal, order: RestrictionOrderEntity): void {
    const ok = p.kind === 'USER' && p.roles.includes('SUPERVISOR') && p.institutionId === order.issuerInstitutionId && !(order.issuedByType === 'USER' && order.issuedById === p.id);
    if (!ok) throw new DomainError('RESTRICTION_APPROVER_NOT_ALLOWED', 'A supervisor of the issuing institution other than the issuer must approve.');
  }

  async approve(p: Principal, id: string, note?: string): Promise<RestrictionOrderEntity> {
    const { order, superseded } = await this.transition(id, p, actorOf(p), (o, now) => {
      if (deriveStatus(o, now, ORDER_EXPIRY) !== 'PENDING_APPROVAL') throw new DomainError('RESTRICTION_ORDER_NOT_PENDING', `The order is ${deriveStatus(o, now, ORDER_EXPIRY)}.`);
      this.checkApprover(p, o);
      return { type: 'APPROVED', status: 'ACTIVE', reason: note ?? null, patch: { approvedById: p.id, approvedAt: now } };
    });
    await this.afterChange(superseded ? [order, superseded] : [order], 'ORDER_APPROVED');
    await this.audit.record({ action: 'restriction-order.approved', subjectType: 'restriction-order', subjectId: id, institutionId: order.issuerInstitutionId });
    return order;
  }

  async reject(p: Principal, id: string, reason: string): Promise<RestrictionOrderEntity> {
    const { order } = await this.transition(id, p, actorOf(p), (o, now) => {
      if (deriveStatus(o, now, ORDER_EXPIRY) !== 'PENDING_APPROVAL') throw new DomainError('RESTRICTION_ORDER_NOT_PENDING', `The order is ${deriveStatus(o, now, ORDER_EXPIRY)}.`);
      this.checkApprover(p, o);
      return { type: 'REJECTED', status: 'LIFTED', reason };
    });
    await this.afterChange([order], 'ORDER_REJECTED');
    await this.audit.record({ action: 'restriction-order.rejected', subjectType: 'restriction-order', subjectId: id, institutionId: order.issuerInstitutionId, details: { reason } });
    return order;
  }

  /** Lifting ends an active or pending order; the issuing institution (or the operator) does it, with a reason. */
  async lift(p: Principal, id: string, reason: string): Promise<RestrictionOrderEntity> {
    const { order } = await this.transition(id, p, actorOf(p), (o, now) => {
      const allowed = LIFTING_ROLES.some((r) => p.roles.includes(r)) && (p.institutionId === o.issuerInstitutionId || p.institutionKind === 'OPERATOR');
      if (!allowed) throw new DomainError('FORBIDDEN', 'Only the issuing institution or the operator lifts an order.');
      const status = deriveStatus(o, now, ORDER_EXPIRY);
      if (!OPEN.includes(status)) throw new DomainError('RESTRICTION_ORDER_NOT_OPEN', `The order is ${status}.`);
      return { type: 'LIFTED', status: 'LIFTED', reason };
    });
    await this.afterChange([order], 'ORDER_LIFTED');
    await this.audit.record({ action: 'restriction-order.lifted', subjectType: 'restriction-order', subjectId: id, institutionId: order.issuerInstitutionId, details: { reason } });
    return order;
  }

  /** The platform lifts orders whose basis fell away (a revoked list entry, an upheld appeal). */
  async liftBySystem(ids: string[], reason: string, actor: Actor, details: Record<string, unknown>): Promise<RestrictionOrderEntity[]> {
    const lifted: RestrictionOrderEntity[] = [];
    for (const id of ids) {
      try {
        const { order } = await this.transition(id, null, actor, (o, now) => {
          if (!OPEN.includes(deriveStatus(o, now, ORDER_EXPIRY))) throw new DomainError('RESTRICTION_ORDER_NOT_OPEN', 'not open');
          return { type: 'LIFTED', status: 'LIFTED', reason, details };
        });
        lifted.push(order);
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'RESTRICTION_ORDER_NOT_OPEN')) throw err;
      }
    }
    for (const o of lifted) {
      await this.afterChange([o], 'ORDER_LIFTED');
      await this.audit.record({ action: 'restriction-order.lifted', subjectType: 'restriction-order', subjectId: o.id, institutionId: o.issuerInstitutionId, actor: { type: 'SYSTEM', id: actor.id }, details: { reason, ...details } });
    }
    return lifted;
  }

  /** Orders whose term ran out: EXPIRED in the history (the sweep calls this). */
  async expireLapsed(limit: number): Promise<RestrictionOrderEntity[]> {
    const actor: Actor = { type: 'SYSTEM', id: 'expiry-sweep', name: null, institutionId: null };
    const expired = await this.repo.transaction(async (em) => {
      const now = this.clock.now();
      const rows = await this.repo.lockLapsed(now, limit, em);
      const out: RestrictionOrderEntity[] = [];
      for (const o of rows) {
        const version = o.version + 1;
        const patch = { status: 'EXPIRED' as const, version, updatedAt: now };
        await this.repo.appendEvent(this.eventRow(o.id, version, 'EXPIRED', 'EXPIRED', actor, now, null, { expiresAt: o.expiresAt?.toISOString() }), patch, em);
        out.push({ ...o, ...patch });
      }
      return out;
    });
    await this.afterChange(expired, 'ORDER_EXPIRED');
    return expired;
  }

  // --- reading ---

  /** Not found and not visible read the same. */
  async visible(p: Principal, o: RestrictionOrderEntity, em?: EntityManager): Promise<boolean> {
    if (seesAllInstitutions(p) || o.issuerInstitutionId === p.institutionId) return true;
    if (o.targetType === 'ACCOUNT') return o.accountInstitutionId === p.institutionId;
    if (!o.holderKey) return false;
    return (await this.repo.accountsOfHolders([o.holderKey], em)).some((a) => a.institutionId === p.institutionId);
  }

  async get(p: Principal, id: string): Promise<OrderWithHistory> {
    const order = await this.repo.findOrder(id);
    if (!order || !(await this.visible(p, order))) throw orderNotFound();
    return { order, events: await this.repo.eventsOf([id]) };
  }

  async list(p: Principal, q: Omit<OrderQuery, 'limit' | 'before' | 'visibleTo'> & { idNumber?: string; uscc?: string; cursor?: string; limit?: number }): Promise<{ items: RestrictionOrderEntity[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
    const { idNumber, uscc, cursor, ...filters } = q;
    let holderKey = filters.holderKey;
    if (idNumber) holderKey = this.personKey(idNumber);
    if (uscc) holderKey = this.entityKey(uscc);
    const accountNumber = filters.accountNumber ? normaliseAccountNumber(filters.accountNumber) : undefined;
    const rows = await this.repo.list({
      ...filters,
      accountNumber,
      holderKey,
      visibleTo: seesAllInstitutions(p) ? undefined : p.institutionId,
      before: cursor ? decodeCursor(cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!) : null };
  }

  /** The account's restriction now, every order that ever reached it, their history and the published changes. */
  async accountRestrictions(p: Principal, bankCode: string, rawAccountNumber: string): Promise<AccountRestrictions> {
    let accountNumber: string;
    try {
      accountNumber = normaliseAccountNumber(rawAccountNumber);
    } catch {
      throw new DomainError('RESTRICTION_ACCOUNT_NOT_FOUND', 'No such account.');
    }
    if (!BANK_CODE.test(bankCode)) throw new DomainError('RESTRICTION_ACCOUNT_NOT_FOUND', 'No such account.');
    const reg = await this.accounts.findByAccount(bankCode, accountNumber);
    const owner = reg?.institutionId ?? (await this.effective.ownerByBankCode(bankCode));
    if (!seesAllInstitutions(p) && owner !== p.institutionId) throw new DomainError('RESTRICTION_ACCOUNT_NOT_FOUND', 'No such account.');
    const orders = await this.repo.ordersReaching(bankCode, accountNumber, reg?.holderKey ?? null);
    if (!reg && owner === null && orders.length === 0) throw new DomainError('RESTRICTION_ACCOUNT_NOT_FOUND', 'No such account.');
    const [events, changes] = await Promise.all([this.repo.eventsOf(orders.map((o) => o.id)), this.repo.changesOf(bankCode, accountNumber)]);
    return {
      bankCode,
      accountNumber,
      registered: reg !== null,
      holderMasked: reg?.holderMasked ?? null,
      institutionId: owner,
      effective: effectiveRestriction(orders.map(toOrderView), this.clock.now()),
      orders,
      events,
      changes,
    };
  }

  /** For screening: is the person (or entity) barred from opening accounts right now? In memory. */
  personMeasures(holderKey: string): { noNewAccounts: boolean; orderIds: string[] } {
    return this.views.view.personMeasures(holderKey, this.clock.now().getTime());
  }
}

