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
import { takeIn, MAX_CASE_FINDING_CODES } from '../../domain/cases/case-intake.js';
import { dueAtFor, isOverdue, parseDueHours, type DueHours } from '../../domain/cases/due-date.js';
import { nextInRotation } from '../../domain/cases/round-robin.js';
import { atLeast, isSeverity, type Severity } from '../../domain/cases/severity.js';
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

function invalid(message: string): never {
  throw new DomainError('CASE_ITEM_INVALID', message);
}

@Injectable()
export class CasesService {
  private readonly logger = new Logger('CasesService');
  private readonly dueHours: DueHours;
  private readonly alertFloor: Severity;
  private readonly auditsInFlight = new Set<Promise<void>>();

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

  async attachItem(input: AttachItemInput, em?: EntityManager): Promise<AttachItemResult> {
    return (await this.attachItems([input], em))[0]!;
  }

  /**
   * Attaches items in one transaction (the caller's when given) with a fixed number of
   * statements, however many items and cases: each item has the outcome it would have had were
   * they attached one after the other, in the order given.
   * @throws DomainError CASE_ITEM_INVALID (nothing is attached then)
   */
  async attachItems(inputs: AttachItemInput[], em?: EntityManager): Promise<AttachItemResult[]> {
    inputs.forEach((input) => this.validate(input));
    const below = inputs.map((input) => input.source === 'ALERT' && !atLeast(input.severity, this.alertFloor));
    const recorded = inputs.filter((_, i) => !below[i]);
    const now = this.clock.now();
    const outcomes = recorded.length > 0 ? await this.repo.inTransaction((tx) => this.intake(tx, recorded, now), em) : [];
    let next = 0;
    const results = inputs.map((_, i): AttachItemResult => (below[i] ? { outcome: 'BELOW_THRESHOLD', itemId: null, caseId: null, caseCreated: false, suppressedCodes: [] } : outcomes[next++]!));
    const audits: Promise<unknown>[] = [];
    inputs.forEach((input, i) => {
      const result = results[i]!;
      this.count(input.source, result.outcome);
      if (result.outcome === 'DUPLICATE' || result.outcome === 'BELOW_THRESHOLD') return;
      audits.push(
        this.audit.record({
          action: result.outcome === 'SUPPRESSED' ? 'case.item_suppressed' : result.caseCreated ? 'case.opened' : 'case.item_attached',
          subjectType: 'case',
          subjectId: result.caseId ?? result.itemId,
          institutionId: input.institutionId,
          actor: { type: 'SYSTEM', id: input.source.toLowerCase() },
          details: { itemId: result.itemId, source: input.source, sourceId: input.sourceId, severity: input.severity, findingCodes: [...new Set(input.findingCodes)], suppressedCodes: result.suppressedCodes },
        }),
      );
    });
    // Inside a caller's transaction the audit writer must not be awaited: it needs a connection
    // of its own, and the embedded database has only one.
    if (em) this.keepTrackOf(audits);
    else await Promise.all(audits);
    return results;
  }

  /**
   * Waits for the audit records of items attached inside callers' transactions (those are not
   * awaited there): a caller calls this after its commit, so its work ends only once they are written.
   */
  async auditsWritten(): Promise<void> {
    while (this.auditsInFlight.size > 0) await Promise.all([...this.auditsInFlight]);
  }

  private keepTrackOf(audits: readonly Promise<unknown>[]): void {
    if (audits.length === 0) return;
    const all: Promise<void> = Promise.allSettled(audits).then((outcomes) => {
      this.auditsInFlight.delete(all);
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed.length > 0) this.logger.error({ msg: 'audit of case items failed', items: failed.length, err: String(failed[0]!.reason) });
    });
    this.auditsInFlight.add(all);
  }

  /** The database side of attachItems, for items at or above the alert floor. */
  private async intake(tx: EntityManager, inputs: readonly AttachItemInput[], now: Date): Promise<AttachItemResult[]> {
    const results: Array<AttachItemResult | undefined> = new Array(inputs.length);
    const sourceOf = (x: { institutionId: string; source: string; sourceId: string }): string => `${x.institutionId}|${x.source}|${x.sourceId}`;
    const subjectOf = (x: { institutionId: string; subjectType: string; subjectKey: string }): string => `${x.institutionId}|${x.subjectType}|${x.subjectKey}`;
    const refOf = (input: AttachItemInput) => ({ institutionId: input.institutionId, subjectType: input.subject.type, subjectKey: input.subject.key });

    // Items recorded before, and repeats within the batch, are duplicates of the first.
    const existing = new Map((await this.repo.findItemsBySources(tx, inputs)).map((e) => [sourceOf(e), e]));
    const firstOfSource = new Map<string, number>();
    const fresh: number[] = [];
    inputs.forEach((input, i) => {
      const key = sourceOf(input);
      const before = existing.get(key);
      if (before) results[i] = duplicateOf(before);
      else if (!firstOfSource.has(key)) {
        firstOfSource.set(key, i);
        fresh.push(i);
      }
    });

    const distinctSubjects = (indexes: readonly number[]) => [...new Map(indexes.map((i) => [subjectOf(refOf(inputs[i]!)), refOf(inputs[i]!)])).values()];
    const live = await this.suppressions.liveForSubjects(tx, distinctSubjects(fresh), now);
    const liveOf = new Map<string, typeof live>();
    for (const s of live) liveOf.set(subjectOf(s), [...(liveOf.get(subjectOf(s)) ?? []), s]);

    const items = new Map<number, { row: CaseItemEntity; codes: string[]; suppressed: string[]; hits: string[] }>();
    for (const i of fresh) {
      const input = inputs[i]!;
      const codes = [...new Set(input.findingCodes)];
      const subjectLive = liveOf.get(subjectOf(refOf(input))) ?? [];
      const { suppressed, open } = splitSuppressed(codes, subjectLive, now);
      items.set(i, {
        codes,
        suppressed,
        hits: subjectLive.filter((s) => suppressed.includes(s.findingCode)).map((s) => s.id),
        row: {
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
          // Kept out of the queue when a suppression covers every finding code.
          queued: !(codes.length > 0 && open.length === 0),
          summary: input.summary.slice(0, 500),
          evidence: input.evidence ?? {},
          occurredAt: input.occurredAt,
          recordedAt: now,
        },
      });
    }

    // The open case of every subject with a queued item: locked, or opened for its first item.
    const queued = fresh.filter((i) => items.get(i)!.row.queued);
    const cases = new Map((await this.repo.lockOpenForSubjects(tx, distinctSubjects(queued))).map((c) => [subjectOf(c), c]));
    const openers = new Map<string, number>();
    for (const i of queued) {
      const key = subjectOf(refOf(inputs[i]!));
      if (!cases.has(key) && !openers.has(key)) openers.set(key, i);
    }
    const opened = await this.repo.insertIfNoOpenCases(tx, [...openers.values()].map((i) => this.newCase(inputs[i]!, now)));
    for (const c of await this.repo.lockOpenForSubjects(tx, [...openers.values()].map((i) => refOf(inputs[i]!)))) cases.set(subjectOf(c), c);
    for (const i of queued) {
      const c = cases.get(subjectOf(refOf(inputs[i]!)));
      if (!c) throw new Error('open case vanished while attaching an item');
      items.get(i)!.row.caseId = c.id;
    }

    // Another process may have recorded one of the items since the first look: a duplicate then.
    const inserted = await this.repo.insertItems(tx, fresh.map((i) => items.get(i)!.row));
    const raced = fresh.filter((i) => !inserted.has(items.get(i)!.row.id));
    const racedTo = new Map((await this.repo.findItemsBySources(tx, raced.map((i) => inputs[i]!))).map((e) => [sourceOf(e), e]));
    for (const i of raced) results[i] = duplicateOf(racedTo.get(sourceOf(inputs[i]!))!);

    // Fold the items into their cases in the order given.
    const touched = new Map<string, CaseEntity>();
    const events = new Map<string, Array<NewCaseEvent & { id: string }>>();
    const toAssign: Array<{ caseId: string; institutionId: string; actor: Actor }> = [];
    const hits: string[] = [];
    for (const i of fresh) {
      if (results[i]) continue;
      const input = inputs[i]!;
      const { row, codes, suppressed, hits: itemHits } = items.get(i)!;
      hits.push(...itemHits);
      if (!row.queued) {
        results[i] = { outcome: 'SUPPRESSED', itemId: row.id, caseId: null, caseCreated: false, suppressedCodes: suppressed };
        continue;
      }
      const key = subjectOf(refOf(input));
      const c = touched.get(key) ?? { ...cases.get(key)! };
      const caseCreated = openers.get(key) === i && opened.has(c.id);
      const { tally, priorityRaisedTo } = takeIn(c, { severity: input.severity, source: input.source, findingCodes: codes }, caseCreated, now, this.dueHours);
      touched.set(key, {
        ...c,
        ...tally,
        sources: [...tally.sources],
        findingCodes: [...tally.findingCodes],
        updatedAt: now,
        subjectName: c.subjectName ?? (input.subject.name ? input.subject.name.slice(0, 200) : null),
        subjectAttributes: c.subjectAttributes ?? input.subject.attributes ?? null,
      });
      const system: Actor = { type: 'SYSTEM', id: input.source.toLowerCase(), name: input.source };
      const timeline = events.get(c.id) ?? [];
      events.set(c.id, timeline);
      if (caseCreated) timeline.push(this.event('OPENED', system, now, { priority: input.severity, dueAt: c.dueAt.toISOString() }));
      timeline.push(
        this.event('ITEM_ATTACHED', system, now, {
          itemId: row.id,
          source: input.source,
          sourceId: input.sourceId,
          severity: input.severity,
          findingCodes: codes,
          summary: row.summary,
          ...(suppressed.length > 0 ? { suppressedCodes: suppressed } : {}),
          ...(priorityRaisedTo ? { priorityRaisedTo } : {}),
        }),
      );
      if (caseCreated && this.config.CASE_AUTO_ASSIGN) toAssign.push({ caseId: c.id, institutionId: input.institutionId, actor: system });
      results[i] = { outcome: 'QUEUED', itemId: row.id, caseId: c.id, caseCreated, suppressedCodes: suppressed };
    }
    await this.suppressions.recordHits(tx, hits, now);
    await this.repo.saveIntake(tx, [...touched.values()]);
    await this.repo.appendEventsOfCases(tx, events);
    for (const a of toAssign) await this.assignNextInTx(tx, a.caseId, a.institutionId, a.actor, now);

    // Repeats within the batch answer like the first of their source.
    inputs.forEach((input, i) => {
      if (results[i]) return;
      const first = results[firstOfSource.get(sourceOf(input))!]!;
      results[i] = { outcome: 'DUPLICATE', itemId: first.itemId, caseId: first.caseId, caseCreated: false, suppressedCodes: first.suppressedCodes };
    });
    return results as AttachItemResult[];
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

function duplicateOf(existing: CaseItemEntity): AttachItemResult {
  return {
    outcome: 'DUPLICATE',
    itemId: existing.id,
    caseId: existing.caseId,
    caseCreated: false,
    suppressedCodes: existing.suppressedCodes,
  };
}
