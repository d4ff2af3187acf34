import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { canonicalJson } from '../../domain/audit/hash-chain.js';
import { assertCanPerform } from '../../domain/cases/case-status.js';
import { assertMayApprove, needsApproval, type DecisionKind } from '../../domain/cases/decision-policy.js';
import { personProfile } from '../../domain/cases/subject-profile.js';
import { suppressionWindow } from '../../domain/cases/suppression.js';
import { DomainError } from '../../domain/domain-error.js';
import { normaliseResidentId } from '../../domain/identity/national-id.js';
import { normaliseUscc } from '../../domain/identity/uscc.js';
import { isRestrictionLevel, type RestrictionLevel } from '../../domain/restrictions/ladder.js';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import { CaseDecisionsRepository } from './case-decisions.repository.js';
import { CaseEffectsService, type EffectContext, type ListingOutcome, type RestrictOutcome, type SubjectIdentifier } from './case-effects.service.js';
import { CaseSuppressionsRepository } from './case-suppressions.repository.js';
import { CasesRepository, type NewCaseEvent } from './cases.repository.js';
import { actorOf, CasesService, type Actor } from './cases.service.js';
import { findingKindOf, type FindingKind } from './cases.types.js';
import type { CaseDecisionEntity } from './entities/case-decision.entity.js';
import type { CaseDispositionEntity } from './entities/case-disposition.entity.js';
import type { CasePackageEntity } from './entities/case-package.entity.js';
import type { CaseSuppressionEntity } from './entities/case-suppression.entity.js';
import type { CaseEntity } from './entities/case.entity.js';

export interface DecisionInput {
  kind: DecisionKind;
  reason: string;
  restriction?: { level: string; expiresAt?: string; termDays?: number };
  listing?: { category: string; fraudType?: string; measures?: string[]; expiresAt?: string };
  suppress?: { days: number; reason: string; findingCodes?: string[] };
  /** The subject's raw identifier, when the effect needs it (an order or a list entry names a person by ID number). */
  identifier?: SubjectIdentifier;
}

interface AppliedResult {
  outcome: Record<string, unknown>;
  events: Array<NewCaseEvent & { id: string }>;
}

/**
 * Decisions on cases: proposed by the analyst, approved by a supervisor where four eyes apply,
 * then carried out (an order, a list entry, a package, suppressions) and the case closed. Every
 * step is a timeline event; nothing in a decision is edited after it has been applied.
 */
@Injectable()
export class CaseDecisionsService {
  private readonly logger = new Logger('CaseDecisions');

  constructor(
    private readonly cases: CasesService,
    private readonly repo: CasesRepository,
    private readonly decisions: CaseDecisionsRepository,
    private readonly suppressions: CaseSuppressionsRepository,
    private readonly effects: CaseEffectsService,
    private readonly blind: BlindIndexService,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(p: Principal, caseId: string): Promise<CaseDecisionEntity[]> {
    await this.cases.get(p, caseId);
    return this.decisions.ofCase(caseId);
  }

  async decide(p: Principal, caseId: string, input: DecisionInput): Promise<CaseDecisionEntity> {
    const params = this.validate(input);
    const level = input.kind === 'RESTRICT' ? (input.restriction!.level as RestrictionLevel) : null;
    const approval = needsApproval(input.kind, level);
    const decision = await this.cases.mutate(p, caseId, async (tx, c, now) => {
      assertCanPerform('DECIDE', c.status);
      if (c.assigneeId !== null && c.assigneeId !== p.id && !p.roles.includes('SUPERVISOR')) {
        throw new DomainError('CASE_NOT_ASSIGNEE', `The case is assigned to ${c.assigneeName ?? 'someone else'}.`);
      }
      const pending = await this.decisions.unfinished(tx, c.id);
      if (pending) throw new DomainError('CASE_INVALID_TRANSITION', 'A decision on this case is still waiting or being carried out.', { decisionId: pending.id });
      if (input.identifier) this.checkIdentifier(c, input.identifier);
      if (input.kind === 'RESTRICT' && c.subjectType !== 'ACCOUNT' && !seesAllInstitutions(p)) {
        // The restrictions module lets a bank restrict only accounts it holds; a person's accounts
        // at every bank are for the operator, regulators and police.
        throw new DomainError('CASE_DECISION_INVALID', 'A bank restricts the accounts it holds; for a person or entity, add them to the negative list or report to the police.');
      }
      if ((input.kind === 'ADD_TO_NEGATIVE_LIST' || input.kind === 'RESTRICT') && c.subjectType !== 'ACCOUNT' && !(input.identifier?.idNumber ?? input.identifier?.uscc)) {
        throw new DomainError('CASE_DECISION_INVALID', 'Restricting or listing a person or entity needs its ID number or USCC (identifier), checked against the case subject.');
      }
      if (input.suppress?.findingCodes) {
        const unknown = input.suppress.findingCodes.filter((f) => !c.findingCodes.includes(f));
        if (unknown.length > 0) throw new DomainError('CASE_SUPPRESSION_INVALID', `Not findings of this case: ${unknown.join(', ')}.`);
      }
      if (c.assigneeId === null) await this.cases.setAssignee(tx, c, { id: p.id, name: p.name }, actorOf(p), now, 'CLAIMED', { implicit: true });
      const row: CaseDecisionEntity = {
        id: randomUUID(),
        caseId: c.id,
        institutionId: c.institutionId,
        kind: input.kind,
        status: approval ? 'PENDING_APPROVAL' : 'APPLYING',
        needsApproval: approval,
        // The identifier waits with the decision for the approver and is removed once it is used.
        params: approval && input.identifier ? { ...params, pendingIdentifier: input.identifier } : params,
        reason: input.reason,
        decidedBy: p.id,
        decidedByName: p.name,
        decidedAt: now,
        reviewedBy: null,
        reviewedByName: null,
        reviewedAt: null,
        reviewComment: null,
        outcome: {},
        appliedAt: null,
      };
      await this.decisions.insert(tx, row);
      await this.repo.appendEvents(tx, c.id, [this.cases.event('DECISION_PROPOSED', actorOf(p), now, { decisionId: row.id, kind: row.kind, needsApproval: approval, reason: row.reason, ...summaryOf(params) })]);
      await this.repo.update(tx, c.id, approval ? { status: 'PENDING_APPROVAL', updatedAt: now } : { updatedAt: now });
      return row;
    });
    await this.audit.record({ action: 'case.decision_proposed', subjectType: 'case', subjectId: caseId, details: { decisionId: decision.id, kind: decision.kind, needsApproval: approval } });
    if (approval) return decision;
    return this.apply(p, decision, input.identifier ?? null, p, null);
  }

  async approve(p: Principal, caseId: string, decisionId: string, comment: string | undefined, identifier?: SubjectIdentifier): Promise<CaseDecisionEntity> {
    const decision = await this.cases.mutate(p, caseId, async (tx, c, now) => {
      const d = await this.decisions.findById(decisionId, tx);
      if (!d || d.caseId !== c.id) throw new DomainError('CASE_DECISION_NOT_FOUND', 'No such decision on this case.');
      if (d.status !== 'PENDING_APPROVAL') throw new DomainError('CASE_DECISION_NOT_PENDING', `The decision is ${d.status}.`);
      assertCanPerform('APPROVE', c.status);
      assertMayApprove({ userId: p.id, roles: p.roles, institutionId: p.institutionId }, d.decidedBy, c.institutionId);
      if (identifier) this.checkIdentifier(c, identifier);
      const patch = { status: 'APPLYING' as const, reviewedBy: p.id, reviewedByName: p.name, reviewedAt: now, reviewComment: comment ?? null };
      await this.decisions.update(tx, d.id, patch);
      await this.repo.appendEvents(tx, c.id, [this.cases.event('DECISION_APPROVED', actorOf(p), now, { decisionId: d.id, kind: d.kind, ...(comment ? { comment } : {}) })]);
      return { ...d, ...patch };
    });
    await this.audit.record({ action: 'case.decision_approved', subjectType: 'case', subjectId: caseId, details: { decisionId, kind: decision.kind } });
    const pending = decision.params.pendingIdentifier as SubjectIdentifier | undefined;
    return this.apply(p, decision, identifier ?? pending ?? null, await this.deciderOf(decision, p), p);
  }

  async reject(p: Principal, caseId: string, decisionId: string, comment: string): Promise<CaseDecisionEntity> {
    await this.cases.mutate(p, caseId, async (tx, c, now) => {
      const d = await this.decisions.findById(decisionId, tx);
      if (!d || d.caseId !== c.id) throw new DomainError('CASE_DECISION_NOT_FOUND', 'No such decision on this case.');
      if (d.status !== 'PENDING_APPROVAL') throw new DomainError('CASE_DECISION_NOT_PENDING', `The decision is ${d.status}.`);
      assertCanPerform('REJECT_DECISION', c.status);
      assertMayApprove({ userId: p.id, roles: p.roles, institutionId: p.institutionId }, d.decidedBy, c.institutionId);
      await this.decisions.update(tx, d.id, { status: 'REJECTED', params: withoutIdentifier(d.params), reviewedBy: p.id, reviewedByName: p.name, reviewedAt: now, reviewComment: comment });
      await this.repo.update(tx, c.id, { status: c.assigneeId ? 'IN_REVIEW' : 'OPEN', updatedAt: now });
      await this.repo.appendEvents(tx, c.id, [this.cases.event('DECISION_REJECTED', actorOf(p), now, { decisionId: d.id, kind: d.kind, comment })]);
    });
    await this.audit.record({ action: 'case.decision_rejected', subjectType: 'case', subjectId: caseId, details: { decisionId } });
    return (await this.decisions.findById(decisionId))!;
  }

  /**
   * Carries out a decision in APPLYING. Effects owned by other modules (orders, list entries) run
   * first, outside the case transaction; then the outcome, feedback rows, suppressions and package
   * are written and the case is closed in one transaction. If the effect fails the decision is
   * marked FAILED with the error and the case goes back to review.
   */
  private async apply(p: Principal, d: CaseDecisionEntity, identifier: SubjectIdentifier | null, decider: Principal, approver: Principal | null): Promise<CaseDecisionEntity> {
    const c = await this.repo.findById(d.caseId);
    if (!c) throw new DomainError('CASE_NOT_FOUND', 'No such case.');
    const ctx: EffectContext = {
      caseId: c.id,
      decisionId: d.id,
      institutionId: c.institutionId,
      subject: { type: c.subjectType, key: c.subjectKey, display: c.subjectDisplay, name: c.subjectName },
      reason: d.reason,
      decider,
      approver,
      identifier,
    };
    let restricted: RestrictOutcome | null = null;
    let listed: ListingOutcome | null = null;
    try {
      if (d.kind === 'RESTRICT') {
        const r = d.params as { level: RestrictionLevel; expiresAt?: string | null };
        restricted = await this.effects.restrict(ctx, { level: r.level, expiresAt: r.expiresAt ? new Date(r.expiresAt) : null });
      } else if (d.kind === 'ADD_TO_NEGATIVE_LIST') {
        const l = d.params as { category: string; fraudType?: string | null; measures?: string[]; expiresAt?: string | null };
        listed = await this.effects.addToNegativeList(ctx, { category: l.category, fraudType: l.fraudType ?? null, measures: l.measures ?? [], expiresAt: l.expiresAt ? new Date(l.expiresAt) : null });
      }
    } catch (err) {
      await this.fail(p, d, err);
      throw err;
    }

    await this.cases.mutate(p, c.id, async (tx, locked, now) => {
      assertCanPerform('APPLY', locked.status);
      const actor = actorOf(p);
      const result = await this.internalEffects(tx, locked, d, actor, now);
      const outcome = { ...result.outcome, ...(restricted ? { restriction: restricted } : {}), ...(listed ? { listEntry: listed } : {}) };
      const events = [...result.events];
      if (restricted) events.unshift(this.cases.event('RESTRICTION_CREATED', actor, now, { decisionId: d.id, orderIds: restricted.orderIds, level: restricted.level, status: restricted.status, subject: locked.subjectDisplay }));
      if (listed) events.unshift(this.cases.event('LIST_ENTRY_CREATED', actor, now, { decisionId: d.id, entryId: listed.entryId, status: listed.status, category: (d.params as { category?: string }).category }));
      events.unshift(this.cases.event('DECISION_APPLIED', actor, now, { decisionId: d.id, kind: d.kind }));
      events.push(this.cases.event('CLOSED', actor, now, { resolution: d.kind, decisionId: d.id }));
      await this.decisions.update(tx, d.id, { status: 'APPLIED', params: withoutIdentifier(d.params), outcome, appliedAt: now });
      await this.decisions.insertDispositions(tx, await this.dispositionsFor(tx, locked, d, now));
      await this.repo.update(tx, locked.id, { status: 'CLOSED', closedAt: now, resolution: d.kind, updatedAt: now });
      await this.repo.appendEvents(tx, locked.id, events);
    });
    await this.audit.record({ action: 'case.decision_applied', subjectType: 'case', subjectId: c.id, details: { decisionId: d.id, kind: d.kind, restriction: restricted?.orderIds ?? null, listEntry: listed?.entryId ?? null } });
    return (await this.decisions.findById(d.id))!;
  }

  /** Effects that live in the case store itself: suppressions and the police package. */
  private async internalEffects(tx: EntityManager, c: CaseEntity, d: CaseDecisionEntity, actor: Actor, now: Date): Promise<AppliedResult> {
    const events: AppliedResult['events'] = [];
    if (d.kind === 'FALSE_POSITIVE' && d.params.suppress) {
      const s = d.params.suppress as { days: number; reason: string; findingCodes?: string[] };
      const window = suppressionWindow(s.days, s.reason, now);
      const kinds = await this.findingKinds(tx, c.id);
      const codes = s.findingCodes && s.findingCodes.length > 0 ? s.findingCodes : [...kinds.keys()];
      const rows: CaseSuppressionEntity[] = codes.map((code) => ({
        id: randomUUID(),
        institutionId: c.institutionId,
        subjectType: c.subjectType,
        subjectKey: c.subjectKey,
        subjectDisplay: c.subjectDisplay,
        findingCode: code,
        findingKind: kinds.get(code) ?? 'RULE',
        reason: s.reason,
        caseId: c.id,
        decisionId: d.id,
        createdBy: d.decidedBy,
        createdByName: d.decidedByName,
        createdAt: now,
        expiresAt: window.until,
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
        hitCount: 0,
        lastHitAt: null,
      }));
      await this.suppressions.insertMany(tx, rows);
      if (rows.length > 0) {
        events.push(this.cases.event('SUPPRESSION_CREATED', actor, now, { decisionId: d.id, suppressionIds: rows.map((r) => r.id), findingCodes: codes, until: window.until.toISOString(), reason: s.reason }));
        void this.audit
          .record({ action: 'case.suppression_created', subjectType: 'case', subjectId: c.id, institutionId: c.institutionId, details: { decisionId: d.id, suppressionIds: rows.map((r) => r.id), findingCodes: codes, until: window.until.toISOString() } })
          .catch((err: unknown) => this.logger.error({ msg: 'audit failed', err: String(err) }));
      }
      return { outcome: { suppressionIds: rows.map((r) => r.id), suppressedUntil: window.until.toISOString() }, events };
    }
    if (d.kind === 'REPORT_TO_POLICE') {
      const pkg = await this.buildPackage(tx, c, d, now);
      await this.decisions.insertPackage(tx, pkg);
      events.push(this.cases.event('PACKAGE_CREATED', actor, now, { decisionId: d.id, packageId: pkg.id, sha256: pkg.sha256 }));
      return { outcome: { packageId: pkg.id, sha256: pkg.sha256 }, events };
    }
    return { outcome: {}, events };
  }

  private async fail(p: Principal, d: CaseDecisionEntity, err: unknown): Promise<void> {
    const error = err instanceof DomainError ? { code: err.code, message: err.message } : { code: 'INTERNAL_ERROR', message: 'unexpected error' };
    if (!(err instanceof DomainError)) this.logger.error({ msg: 'case decision effect failed', decisionId: d.id, err: String(err) });
    await this.repo.inTransaction(async (tx) => {
      const c = await this.repo.lock(tx, d.caseId);
      if (!c) return;
      const now = this.clock.now();
      await this.decisions.update(tx, d.id, { status: 'FAILED', params: withoutIdentifier(d.params), outcome: { error } });
      await this.repo.update(tx, c.id, { status: c.assigneeId ? 'IN_REVIEW' : 'OPEN', updatedAt: now });
      await this.repo.appendEvents(tx, c.id, [this.cases.event('DECISION_FAILED', actorOf(p), now, { decisionId: d.id, kind: d.kind, error })]);
    });
    await this.audit.record({ action: 'case.decision_failed', subjectType: 'case', subjectId: d.caseId, outcome: 'FAILED', details: { decisionId: d.id, error } });
  }

  /** Finding codes of the case's queued items, each with whether it is a rule or a detector. */
  private async findingKinds(tx: EntityManager, caseId: string): Promise<Map<string, FindingKind>> {
    const items = await this.repo.itemsOfCase(caseId, tx);
    const kinds = new Map<string, FindingKind>();
    for (const i of items) for (const code of i.findingCodes) if (!kinds.has(code)) kinds.set(code, findingKindOf(i.source));
    return kinds;
  }

  private async dispositionsFor(tx: EntityManager, c: CaseEntity, d: CaseDecisionEntity, now: Date): Promise<CaseDispositionEntity[]> {
    const kinds = await this.findingKinds(tx, c.id);
    return [...kinds.entries()].map(([findingCode, findingKind]) => ({
      id: randomUUID(),
      institutionId: c.institutionId,
      caseId: c.id,
      decisionId: d.id,
      findingCode,
      findingKind,
      disposition: d.kind,
      decidedAt: now,
      current: true,
    }));
  }

  private async buildPackage(tx: EntityManager, c: CaseEntity, d: CaseDecisionEntity, now: Date): Promise<CasePackageEntity> {
    // One connection in a transaction: the reads go one after another.
    const items = await this.repo.itemsOfCase(c.id, tx);
    const events = await this.repo.events(c.id, tx);
    const decisions = await this.decisions.ofCase(c.id, tx);
    const content = {
      format: 'case-package/1',
      generatedAt: now.toISOString(),
      institutionId: c.institutionId,
      case: { id: c.id, status: c.status, priority: c.priority, openedAt: c.openedAt.toISOString(), dueAt: c.dueAt.toISOString(), assignee: c.assigneeName },
      subject: {
        type: c.subjectType,
        display: c.subjectDisplay,
        name: c.subjectName,
        ...(c.subjectType === 'PERSON' ? { profile: personProfile(c.subjectAttributes, now) } : {}),
      },
      report: { decisionId: d.id, reason: d.reason, decidedBy: d.decidedByName, decidedAt: d.decidedAt.toISOString() },
      items: items.map((i) => ({
        id: i.id,
        source: i.source,
        sourceId: i.sourceId,
        severity: i.severity,
        findingCodes: i.findingCodes,
        summary: i.summary,
        occurredAt: i.occurredAt.toISOString(),
        recordedAt: i.recordedAt.toISOString(),
        evidence: i.evidence,
      })),
      decisions: decisions.map((x) => ({ id: x.id, kind: x.kind, status: x.status, reason: x.reason, decidedBy: x.decidedByName, decidedAt: x.decidedAt.toISOString(), reviewedBy: x.reviewedByName, outcome: x.outcome })),
      timeline: events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), kind: e.kind, actor: e.actorName ?? e.actorId, details: e.details })),
    };
    const sha256 = createHash('sha256').update(canonicalJson(content)).digest('hex');
    return { id: randomUUID(), caseId: c.id, institutionId: c.institutionId, decisionId: d.id, createdAt: now, createdBy: d.decidedBy, sha256, content };
  }

  async packageOf(p: Principal, caseId: string, packageId: string): Promise<CasePackageEntity> {
    await this.cases.get(p, caseId);
    const pkg = await this.decisions.findPackage(packageId);
    if (!pkg || pkg.caseId !== caseId) throw new DomainError('CASE_PACKAGE_NOT_FOUND', 'No such package.');
    await this.audit.record({ action: 'case.package_read', subjectType: 'case', subjectId: caseId, details: { packageId } });
    return pkg;
  }

  packages(caseId: string): Promise<Array<Pick<CasePackageEntity, 'id' | 'createdAt' | 'sha256' | 'decisionId'>>> {
    return this.decisions.packagesOfCase(caseId);
  }

  /** The analyst who decided, as the issuer of what the decision creates. */
  private async deciderOf(d: CaseDecisionEntity, approver: Principal): Promise<Principal> {
    const u = await this.users.findById(d.decidedBy);
    return { kind: 'USER', id: d.decidedBy, name: d.decidedByName, institutionId: d.institutionId, institutionKind: approver.institutionKind, roles: u?.roles ?? ['ANALYST'], scopes: [] };
  }

  /** The raw identifier must hash to the subject's key. */
  private checkIdentifier(c: CaseEntity, id: SubjectIdentifier): void {
    let keys: string[] = [];
    if (c.subjectType === 'PERSON' && id.idNumber) {
      const n = normaliseResidentId(id.idNumber);
      keys = [this.blind.of('RESIDENT_ID', n), this.blind.of('FOREIGN_DOC', n)];
    } else if (c.subjectType === 'ENTITY' && id.uscc) {
      keys = [this.blind.of('USCC', normaliseUscc(id.uscc))];
    } else if (c.subjectType === 'ACCOUNT') {
      return;
    }
    if (!keys.includes(c.subjectKey)) throw new DomainError('CASE_SUBJECT_MISMATCH', 'The identifier does not belong to the subject of this case.');
  }

  private validate(input: DecisionInput): Record<string, unknown> {
    if (input.reason.trim().length === 0) throw new DomainError('CASE_DECISION_INVALID', 'A decision needs a reason.');
    if (input.kind !== 'RESTRICT' && input.restriction) throw new DomainError('CASE_DECISION_INVALID', 'restriction is only for RESTRICT.');
    if (input.kind !== 'ADD_TO_NEGATIVE_LIST' && input.listing) throw new DomainError('CASE_DECISION_INVALID', 'listing is only for ADD_TO_NEGATIVE_LIST.');
    if (input.kind !== 'FALSE_POSITIVE' && input.suppress) throw new DomainError('CASE_DECISION_INVALID', 'suppress is only for FALSE_POSITIVE.');
    const now = this.clock.now();
    const future = (iso: string | undefined, field: string): string | null => {
      if (iso === undefined) return null;
      const t = new Date(iso);
      if (Number.isNaN(t.getTime()) || t.getTime() <= now.getTime()) throw new DomainError('CASE_DECISION_INVALID', `${field} must be a time in the future.`);
      return t.toISOString();
    };
    switch (input.kind) {
      case 'RESTRICT': {
        const r = input.restriction;
        if (!r || !isRestrictionLevel(r.level)) throw new DomainError('CASE_DECISION_INVALID', 'RESTRICT needs restriction.level, a rung of the ladder.');
        let expiresAt = future(r.expiresAt, 'restriction.expiresAt');
        if (r.termDays !== undefined) {
          if (expiresAt) throw new DomainError('CASE_DECISION_INVALID', 'Give restriction.expiresAt or restriction.termDays, not both.');
          expiresAt = new Date(now.getTime() + r.termDays * 86_400_000).toISOString();
        }
        // Only freezing and receive-only orders on a case take the protective stop-payment term by
        // default (restrictions module); any other level needs its end stated now, not at approval.
        if (!expiresAt && r.level !== 'FROZEN' && r.level !== 'RECEIVE_ONLY') {
          throw new DomainError('CASE_DECISION_INVALID', `${r.level} needs restriction.expiresAt or restriction.termDays.`);
        }
        return { level: r.level, expiresAt };
      }
      case 'ADD_TO_NEGATIVE_LIST': {
        const l = input.listing;
        if (!l || l.category.trim() === '') throw new DomainError('CASE_DECISION_INVALID', 'ADD_TO_NEGATIVE_LIST needs listing.category.');
        return { category: l.category, fraudType: l.fraudType ?? null, measures: l.measures ?? [], expiresAt: future(l.expiresAt, 'listing.expiresAt') };
      }
      case 'FALSE_POSITIVE': {
        if (!input.suppress) return {};
        suppressionWindow(input.suppress.days, input.suppress.reason, now);
        return { suppress: { days: input.suppress.days, reason: input.suppress.reason, ...(input.suppress.findingCodes ? { findingCodes: input.suppress.findingCodes } : {}) } };
      }
      default:
        return {};
    }
  }
}

function withoutIdentifier(params: Record<string, unknown>): Record<string, unknown> {
  const { pendingIdentifier: _dropped, ...rest } = params;
  return rest;
}

function summaryOf(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['level', 'expiresAt', 'category', 'fraudType']) if (params[k] !== undefined && params[k] !== null) out[k] = params[k];
  if (params.suppress) out.suppress = params.suppress;
  return out;
}
