/*
 * CasesService: the compliance case store. Other modules hand it things a human must look at.
 *
 *   attachItem(input: AttachItemInput, em?: EntityManager): Promise<AttachItemResult>
 *   attachItems(inputs: AttachItemInput[], em?: EntityManager): Promise<AttachItemResult[]>
 *
 *   input = {
 *     institutionId,                       // the institution whose applicant, account or alert it is
 *     subject: {
 *       type: 'PERSON' | 'ENTITY' | 'ACCOUNT',
 *       key,                               // PERSON: BlindIndexService.of('RESIDENT_ID' | 'FOREIGN_DOC', normalised id)
 *                                          //   (the same value as bank_accounts.holder_key);
 *                                          // ENTITY: BlindIndexService.of('USCC', normalised uscc);
 *                                          // ACCOUNT: `${bankCode}:${accountNumber}` (normalised account number)
 *       display,                           // masked identifier (maskResidentId / maskUscc / maskAccount), <= 80 chars
 *       name?,                             // holder or applicant name, when known
 *       attributes?: { birthDate?, sex?, divisionCode? },  // for persons: personSubject() derives them
 *     },
 *     source: 'SCREENING' | 'SECOND_VERIFICATION' | 'RESCREEN' | 'ALERT' | 'MANUAL',
 *     sourceId,                            // the thing's id in its module (screening id, alert id, review item id)
 *     severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL',
 *     findingCodes: string[],              // screening rule codes, or detector names for ALERT
 *     summary,                             // one line for the queue (<= 500 chars; longer is cut)
 *     occurredAt: Date,
 *     evidence?: Record<string, unknown>,  // small JSON (< 16 KB): counts, windows, entry ids, event ids
 *   }
 *
 *   result = { outcome: 'QUEUED' | 'SUPPRESSED' | 'BELOW_THRESHOLD' | 'DUPLICATE', itemId, caseId, caseCreated, suppressedCodes }
 *
 * Guarantees:
 * - Idempotent by (institutionId, source, sourceId): a repeat returns DUPLICATE with the first
 *   item's ids and changes nothing, so callers may retry and replay freely.
 * - One open case per (institution, subject): the item joins it, or opens a new case. The case's
 *   priority is the highest item severity; its due date comes from CASE_DUE_HOURS.
 * - ALERT items below CASE_ALERT_MIN_SEVERITY are not recorded (BELOW_THRESHOLD): alert sources
 *   may hand over every alert and let this setting decide.
 * - When a live suppression covers every finding code of the item (a FALSE_POSITIVE decision
 *   suppressed that rule or detector on that subject), the item is recorded but not queued.
 * - Pass `em` when calling inside your own transaction: the item then commits or rolls back with
 *   your work, and no second connection is taken (the embedded database has a pool of one).
 *
 * Helpers to build subjects from raw identifiers: personSubject(), entitySubject(), accountSubject()
 * in case-subjects.ts.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { isUuid } from '../../common/http/uuid.js';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { assertCanPerform, statusAfterAssignment, type CaseStatus } from '../../domain/cases/case-status.js';
import { dueAtAfterRaise, dueAtFor, isOverdue, parseDueHours, type DueHours } from '../../domain/cases/due-date.js';
import { nextInRotation } from '../../domain/cases/round-robin.js';
import { atLeast, isSeverity, maxSeverity, severityRank, type Severity } from '../../domain/cases/severity.js';
import { splitSuppressed } from '../../domain/cases/suppression.js';
import { DomainError } from '../../domain/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import { CaseSuppressionsRepository } from './case-suppressions.repository.js';
import { CasesRepository, type NewCaseEvent, type QueueSort } from './cases.repository.js';
import { CASE_SOURCES, CASE_SUBJECT_TYPES, type AttachItemInput, type AttachItemResult, type CaseSubjectType, type CaseSource } from './cases.types.js';
import type { CaseEventEntity, CaseEventKind } from './entities/case-event.entity.js';
import type { CaseItemEntity } from './entities/case-item.entity.js';
import type { CaseEntity } from './entities/case.entity.js';

export interface Actor {
  type: 'USER' | 'API_KEY' | 'SYSTEM';
  id: string;
  name: string | null;
}

export function actorOf(p: Principal): Actor {
  return { type: p.kind, id: p.id, name: p.name };
}

export interface QueueFilter {
  institutionId?: string;
  statuses?: CaseStatus[];
  priorities?: Severity[];
  overdue?: boolean;
  /** A user id, 'ME' or 'UNASSIGNED'. */
  assignee?: string;
  subjectType?: CaseSubjectType;
  source?: CaseSource;
  findingCode?: string;
  sort?: QueueSort;
  order?: 'ASC' | 'DESC';
  limit?: number;
  offset?: number;
}

const MAX_EVIDENCE_BYTES = 16 * 1024;
const MAX_CASE_FINDING_CODES = 50;

function invalid(message: string): never {
  throw new DomainError('CASE_ITEM_INVALID', message);
}

@Injectable()
export class CasesService {
  private readonly logger = new Logger('CasesService');
  private readonly dueHours: DueHours;
  private readonly alertFloor: Severity;

  constructor(
    private readonly repo: CasesRepository,
    private readonly suppressions: CaseSuppressionsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.dueHours = parseDueHours(config.CASE_DUE_HOURS);
    this.alertFloor = isSeverity(config.CASE_ALERT_MIN_SEVERITY) ? config.CASE_ALERT_MIN_SEVERITY : 'HIGH';
  }

  get dueLimits(): DueHours {
    return this.dueHours;
  }

  // ---------------------------------------------------------------- items in

  async attachItems(inputs: AttachItemInput[], em?: EntityManager): Promise<AttachItemResult[]> {
    const out: AttachItemResult[] = [];
    for (const input of inputs) out.push(await this.attachItem(input, em));
    return out;
  }

  async attachItem(input: AttachItemInput, em?: EntityManager): Promise<AttachItemResult> {
    this.validate(input);
    if (input.source === 'ALERT' && !atLeast(input.severity, this.alertFloor)) {
      this.count(input.source, 'BELOW_THRESHOLD');
      return { outcome: 'BELOW_THRESHOLD', itemId: null, caseId: null, caseCreated: false, suppressedCodes: [] };
    }
    const now = this.clock.now();
    const codes = [...new Set(input.findingCodes)];
    const result = await this.repo.inTransaction(async (tx) => {
      const existing = await this.repo.findItemBySource(input.institutionId, input.source, input.sourceId, tx);
      if (existing) return duplicateOf(existing);

      const live = await this.suppressions.live(tx, input.institutionId, input.subject.type, input.subject.key, now);
      const { suppressed, open } = splitSuppressed(codes, live, now);
      const hitIds = live.filter((s) => suppressed.includes(s.findingCode)).map((s) => s.id);
      const item: CaseItemEntity = {
        id: randomUUID(),
        caseId: null,
        institutionId: input.institutionId,
        source: input.source,
        sourceId: input.sourceId,
        subjectType: input.subject.type,
        subjectKey: input.subject.key,
        subjectDisplay: input.subject.display,
        severity: input.severity,
        findingCodes: codes,
        suppressedCodes: suppressed,
        queued: true,
        summary: input.summary.slice(0, 500),
        evidence: input.evidence ?? {},
        occurredAt: input.occurredAt,
        recordedAt: now,
      };

      if (codes.length > 0 && open.length === 0) {
        item.queued = false;
        if (!(await this.repo.insertItem(tx, item))) return duplicateOf((await this.repo.findItemBySource(input.institutionId, input.source, input.sourceId, tx))!);
        await this.suppressions.recordHits(tx, hitIds, now);
        return { outcome: 'SUPPRESSED' as const, itemId: item.id, caseId: null, caseCreated: false, suppressedCodes: suppressed };
      }

      let c = await this.repo.lockOpenForSubject(tx, input.institutionId, input.subject.type, input.subject.key);
      let caseCreated = false;
      if (!c) {
        const fresh = this.newCase(input, now);
        caseCreated = await this.repo.insertIfNoOpenCase(tx, fresh);
        c = await this.repo.lockOpenForSubject(tx, input.institutionId, input.subject.type, input.subject.key);
        if (!c) throw new Error('open case vanished while attaching an item');
      }
      item.caseId = c.id;
      if (!(await this.repo.insertItem(tx, item))) return duplicateOf((await this.repo.findItemBySource(input.institutionId, input.source, input.sourceId, tx))!);
      await this.suppressions.recordHits(tx, hitIds, now);

      const priority = caseCreated ? input.severity : maxSeverity(c.priority, input.severity);
      const dueAt = caseCreated ? c.dueAt : severityRank(priority) > severityRank(c.priority) ? dueAtAfterRaise(c.dueAt, priority, now, this.dueHours) : c.dueAt;
      const patch: Partial<CaseEntity> = {
        priority,
        dueAt,
        itemCount: c.itemCount + (caseCreated ? 0 : 1),
        lastItemAt: now,
        updatedAt: now,
        sources: union(c.sources, [input.source]),
        findingCodes: union(c.findingCodes, codes).slice(0, MAX_CASE_FINDING_CODES),
      };
      if (c.subjectName === null && input.subject.name) patch.subjectName = input.subject.name.slice(0, 200);
      if (c.subjectAttributes === null && input.subject.attributes) patch.subjectAttributes = input.subject.attributes;
      await this.repo.update(tx, c.id, patch);

      const system: Actor = { type: 'SYSTEM', id: input.source.toLowerCase(), name: input.source };
      const events: Array<NewCaseEvent & { id: string }> = [];
      if (caseCreated) events.push(this.event('OPENED', system, now, { priority: input.severity, dueAt: c.dueAt.toISOString() }));
      events.push(
        this.event('ITEM_ATTACHED', system, now, {
          itemId: item.id,
          source: input.source,
          sourceId: input.sourceId,
          severity: input.severity,
          findingCodes: codes,
          summary: item.summary,
          ...(suppressed.length > 0 ? { suppressedCodes: suppressed } : {}),
          ...(priority !== c.priority && !caseCreated ? { priorityRaisedTo: priority } : {}),
        }),
      );
      await this.repo.appendEvents(tx, c.id, events);
      if (caseCreated && this.config.CASE_AUTO_ASSIGN) await this.assignNextInTx(tx, c.id, input.institutionId, system, now);
      return { outcome: 'QUEUED' as const, itemId: item.id, caseId: c.id, caseCreated, suppressedCodes: suppressed };
    }, em);

    this.count(input.source, result.outcome);
    if (result.outcome !== 'DUPLICATE') {
      const audit = this.audit.record({
        action: result.outcome === 'SUPPRESSED' ? 'case.item_suppressed' : result.caseCreated ? 'case.opened' : 'case.item_attached',
        subjectType: 'case',
        subjectId: result.caseId ?? result.itemId,
        institutionId: input.institutionId,
        actor: { type: 'SYSTEM', id: input.source.toLowerCase() },
        details: { itemId: result.itemId, source: input.source, sourceId: input.sourceId, severity: input.severity, findingCodes: codes, suppressedCodes: result.suppressedCodes },
      });
      // Inside a caller's transaction the audit writer must not be awaited: it needs a connection
      // of its own, and the embedded database has only one.
      if (em) audit.catch((err: unknown) => this.logger.error({ msg: 'audit of case item failed', err: String(err) }));
      else await audit;
    }
    return result;
  }

  private validate(i: AttachItemInput): void {
    if (!isUuid(i.institutionId)) invalid('institutionId must be a UUID.');
    if (!(CASE_SUBJECT_TYPES as readonly string[]).includes(i.subject?.type)) invalid(`subject.type must be one of ${CASE_SUBJECT_TYPES.join(', ')}.`);
    if (typeof i.subject.key !== 'string' || i.subject.key.length === 0 || i.subject.key.length > 100) invalid('subject.key must be 1-100 characters.');
    if (typeof i.subject.display !== 'string' || i.subject.display.length === 0 || i.subject.display.length > 80) invalid('subject.display must be 1-80 characters.');
    if (!(CASE_SOURCES as readonly string[]).includes(i.source)) invalid(`source must be one of ${CASE_SOURCES.join(', ')}.`);
    if (typeof i.sourceId !== 'string' || i.sourceId.length === 0 || i.sourceId.length > 100) invalid('sourceId must be 1-100 characters.');
    if (!isSeverity(i.severity)) invalid('severity must be LOW, MEDIUM, HIGH or CRITICAL.');
    if (!Array.isArray(i.findingCodes) || i.findingCodes.length > 50 || i.findingCodes.some((c) => typeof c !== 'string' || c.length === 0 || c.length > 64)) {
      invalid('findingCodes must be at most 50 codes of 1-64 characters.');
    }
    if (typeof i.summary !== 'string' || i.summary.trim().length === 0) invalid('summary must not be empty.');
    if (!(i.occurredAt instanceof Date) || Number.isNaN(i.occurredAt.getTime())) invalid('occurredAt must be a valid Date.');
    if (i.evidence !== undefined && JSON.stringify(i.evidence).length > MAX_EVIDENCE_BYTES) invalid('evidence must be under 16 KB of JSON.');
  }

  private newCase(input: AttachItemInput, now: Date): CaseEntity {
    return {
      id: randomUUID(),
      institutionId: input.institutionId,
      subjectType: input.subject.type,
      subjectKey: input.subject.key,
      subjectDisplay: input.subject.display,
      subjectName: input.subject.name ? input.subject.name.slice(0, 200) : null,
      subjectAttributes: input.subject.attributes ?? null,
      status: 'OPEN',
      priority: input.severity,
      dueAt: dueAtFor(input.severity, now, this.dueHours),
      assigneeId: null,
      assigneeName: null,
      openedAt: now,
      updatedAt: now,
      closedAt: null,
      resolution: null,
      itemCount: 1,
      lastItemAt: now,
      sources: [input.source],
      findingCodes: [...new Set(input.findingCodes)].slice(0, MAX_CASE_FINDING_CODES),
      reopenCount: 0,
    };
  }

  private count(source: string, outcome: string): void {
    this.metrics.counter('case_items_total', 'Items handed to compliance cases, by source and outcome', ['source', 'outcome']).inc({ source, outcome });
  }

  event(kind: CaseEventKind, actor: Actor, at: Date, details: Record<string, unknown>): NewCaseEvent & { id: string } {
    return { id: randomUUID(), kind, at, actorType: actor.type, actorId: actor.id, actorName: actor.name, details };
  }

  // ---------------------------------------------------------------- reading

  /** Whether a caller may see a case: its own institution's, or all for the operator and regulators. */
  visible(p: Principal, c: CaseEntity): boolean {
    return seesAllInstitutions(p) || c.institutionId === p.institutionId;
  }

  /** Not found and not visible read the same. */
  async get(p: Principal, id: string): Promise<CaseEntity> {
    const c = await this.repo.findById(id);
    if (!c || !this.visible(p, c)) throw new DomainError('CASE_NOT_FOUND', 'No such case.');
    return c;
  }

  async items(p: Principal, id: string): Promise<CaseItemEntity[]> {
    await this.get(p, id);
    return this.repo.itemsOfCase(id);
  }

  async timeline(p: Principal, id: string): Promise<CaseEventEntity[]> {
    await this.get(p, id);
    return this.repo.events(id);
  }

  async queue(p: Principal, f: QueueFilter): Promise<{ rows: CaseEntity[]; total: number }> {
    const institutionId = seesAllInstitutions(p) ? f.institutionId : p.institutionId;
    const assignee = f.assignee === 'ME' ? p.id : f.assignee;
    if (assignee && assignee !== 'UNASSIGNED' && !isUuid(assignee)) return { rows: [], total: 0 };
    return this.repo.queue({
      institutionId,
      statuses: f.statuses,
      priorities: f.priorities,
      overdue: f.overdue,
      assignee,
      subjectType: f.subjectType,
      source: f.source,
      findingCode: f.findingCode,
      now: this.clock.now(),
      sort: f.sort ?? 'priority',
      order: f.order ?? (f.sort === undefined || f.sort === 'priority' ? 'DESC' : 'ASC'),
      limit: Math.min(Math.max(f.limit ?? 50, 1), 500),
      offset: Math.max(f.offset ?? 0, 0),
    });
  }

  /** Staff of the caller's institution who can be given a case. */
  async assignees(p: Principal): Promise<Array<{ id: string; username: string; displayName: string | null; roles: string[] }>> {
    const users = await this.users.listByInstitution(p.institutionId);
    return users
      .filter((u) => u.active && u.roles.some((r) => r === 'ANALYST' || r === 'SUPERVISOR'))
      .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, roles: [...u.roles] }));
  }

  isOverdue(c: CaseEntity): boolean {
    return isOverdue(c.dueAt, c.status === 'CLOSED', this.clock.now());
  }

  // ---------------------------------------------------------------- working a case

  /**
   * Locks a case the caller may act on (its own institution's) and runs `fn` in that transaction.
   * Staff of the operator or a regulator can read other institutions' cases but not act on them.
   */
  async mutate<T>(p: Principal, id: string, fn: (tx: EntityManager, c: CaseEntity, now: Date) => Promise<T>): Promise<T> {
    return this.repo.inTransaction(async (tx) => {
      const c = await this.repo.lock(tx, id);
      if (!c || !this.visible(p, c)) throw new DomainError('CASE_NOT_FOUND', 'No such case.');
      if (c.institutionId !== p.institutionId) throw new DomainError('FORBIDDEN', 'Only staff of the institution that holds the case may act on it.');
      return fn(tx, c, this.clock.now());
    });
  }

  async addNote(p: Principal, id: string, text: string): Promise<CaseEventEntity> {
    const ev = await this.mutate(p, id, async (tx, c, now) => {
      assertCanPerform('NOTE', c.status);
      const e = this.event('NOTE', actorOf(p), now, { text });
      await this.repo.appendEvents(tx, c.id, [e]);
      await this.repo.update(tx, c.id, { updatedAt: now });
      return e;
    });
    await this.audit.record({ action: 'case.note_added', subjectType: 'case', subjectId: id, details: { eventId: ev.id } });
    return (await this.repo.events(id)).find((e) => e.id === ev.id)!;
  }

  /** A supervisor (or admin) gives the case to a named analyst or supervisor of the institution. */
  async assign(p: Principal, id: string, userId: string): Promise<CaseEntity> {
    const user = await this.users.findById(userId);
    if (!user || !user.active || user.institutionId !== p.institutionId || !user.roles.some((r) => r === 'ANALYST' || r === 'SUPERVISOR')) {
      throw new DomainError('CASE_ASSIGNEE_INVALID', 'The assignee must be an active analyst or supervisor of your institution.');
    }
    await this.mutate(p, id, async (tx, c, now) => {
      assertCanPerform('ASSIGN', c.status);
      await this.setAssignee(tx, c, { id: user.id, name: user.username }, actorOf(p), now, 'ASSIGNED');
    });
    await this.audit.record({ action: 'case.assigned', subjectType: 'case', subjectId: id, details: { assigneeId: user.id } });
    return this.get(p, id);
  }

  /** Round-robin: the institution's next active analyst after the one who got the last case. */
  async assignNext(p: Principal, id: string): Promise<CaseEntity> {
    let assigneeId: string | null = null;
    await this.mutate(p, id, async (tx, c, now) => {
      assertCanPerform('ASSIGN', c.status);
      assigneeId = await this.assignNextInTx(tx, c.id, c.institutionId, actorOf(p), now);
      if (assigneeId === null) throw new DomainError('CASE_NO_ANALYSTS', 'The institution has no active analyst.');
    });
    await this.audit.record({ action: 'case.assigned', subjectType: 'case', subjectId: id, details: { assigneeId, mode: 'ROUND_ROBIN' } });
    return this.get(p, id);
  }

  private async assignNextInTx(tx: EntityManager, caseId: string, institutionId: string, actor: Actor, now: Date): Promise<string | null> {
    await this.repo.lockRoundRobin(tx, institutionId);
    const candidates = await this.repo.activeAnalysts(tx, institutionId);
    const cursor = await this.repo.findCursor(tx, institutionId);
    const next = nextInRotation(
      candidates.map((u) => ({ id: u.id, sortKey: u.username })),
      cursor ? { id: cursor.lastUserId, sortKey: cursor.lastSortKey } : null,
    );
    if (!next) return null;
    const c = await this.repo.lock(tx, caseId);
    if (!c) return null;
    await this.setAssignee(tx, c, { id: next.id, name: next.sortKey }, actor, now, 'ASSIGNED', { mode: 'ROUND_ROBIN' });
    await this.repo.saveCursor(tx, { institutionId, lastUserId: next.id, lastSortKey: next.sortKey, updatedAt: now });
    return next.id;
  }

  /** An analyst takes an unassigned case (or one already theirs). */
  async claim(p: Principal, id: string): Promise<CaseEntity> {
    await this.mutate(p, id, async (tx, c, now) => {
      assertCanPerform('CLAIM', c.status);
      if (c.assigneeId === p.id) return;
      if (c.assigneeId !== null) throw new DomainError('CASE_ALREADY_ASSIGNED', `The case is assigned to ${c.assigneeName ?? 'someone else'}; a supervisor can reassign it.`);
      await this.setAssignee(tx, c, { id: p.id, name: p.name }, actorOf(p), now, 'CLAIMED');
    });
    await this.audit.record({ action: 'case.claimed', subjectType: 'case', subjectId: id });
    return this.get(p, id);
  }

  /** The assignee (or a supervisor) puts the case back in the queue. */
  async release(p: Principal, id: string): Promise<CaseEntity> {
    await this.mutate(p, id, async (tx, c, now) => {
      assertCanPerform('RELEASE', c.status);
      if (c.assigneeId === null) return;
      if (c.assigneeId !== p.id && !p.roles.includes('SUPERVISOR')) throw new DomainError('CASE_NOT_ASSIGNEE', 'Only the assignee or a supervisor may release the case.');
      await this.setAssignee(tx, c, null, actorOf(p), now, 'RELEASED');
    });
    await this.audit.record({ action: 'case.released', subjectType: 'case', subjectId: id });
    return this.get(p, id);
  }

  async setAssignee(tx: EntityManager, c: CaseEntity, to: { id: string; name: string } | null, actor: Actor, now: Date, kind: 'ASSIGNED' | 'CLAIMED' | 'RELEASED', extra: Record<string, unknown> = {}): Promise<void> {
    await this.repo.update(tx, c.id, {
      assigneeId: to?.id ?? null,
      assigneeName: to?.name ?? null,
      status: statusAfterAssignment(c.status, to !== null),
      updatedAt: now,
    });
    const details = to ? { assigneeId: to.id, assigneeName: to.name, ...extra } : { previousAssigneeId: c.assigneeId, previousAssigneeName: c.assigneeName };
    await this.repo.appendEvents(tx, c.id, [this.event(kind, actor, now, details)]);
  }

  /** Reopens a closed case, unless its subject has meanwhile got another open case. */
  async reopen(p: Principal, id: string, reason: string): Promise<CaseEntity> {
    await this.mutate(p, id, async (tx, c, now) => {
      assertCanPerform('REOPEN', c.status);
      const other = await this.repo.lockOpenForSubject(tx, c.institutionId, c.subjectType, c.subjectKey);
      if (other) throw new DomainError('CASE_SUBJECT_HAS_OPEN_CASE', 'The subject has another open case; work that one.', { caseId: other.id });
      await this.repo.update(tx, c.id, {
        status: c.assigneeId ? 'IN_REVIEW' : 'OPEN',
        closedAt: null,
        resolution: null,
        reopenCount: c.reopenCount + 1,
        dueAt: dueAtFor(c.priority, now, this.dueHours),
        updatedAt: now,
      });
      await this.repo.retireDispositions(tx, c.id);
      await this.repo.appendEvents(tx, c.id, [this.event('REOPENED', actorOf(p), now, { reason, previousResolution: c.resolution })]);
    });
    await this.audit.record({ action: 'case.reopened', subjectType: 'case', subjectId: id, details: { reason } });
    return this.get(p, id);
  }
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function duplicateOf(existing: CaseItemEntity): AttachItemResult {
  return {
    outcome: 'DUPLICATE',
    itemId: existing.id,
    caseId: existing.caseId,
    caseCreated: false,
    suppressedCodes: existing.suppressedCodes,
  };
}
