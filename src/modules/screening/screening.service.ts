import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import {
  calendarDate,
  screen,
  validateScreeningFacts,
  type Finding,
  type RuleSet,
  type ScreeningFacts,
  type ScreeningResult,
} from '../../domain/screening/index.js';
import { AuditService } from '../audit/audit.service.js';
import { ReviewItemsService, type NewReviewItem } from '../review-items/review-items.service.js';
import {
  buildApplicantProfile,
  type ApplicantInput,
  type ApplicantProfile,
  type RawProbe,
  type ScreeningContext,
} from './applicant-profile.js';
import { RuleSetsService } from './rule-sets.service.js';
import type { ScreeningEntity, ScreeningPurpose } from './screening.entity.js';
import { ScreeningFactsService } from './screening-facts.service.js';
import { ScreeningWriter } from './screening-writer.js';
import { ScreeningsRepository, type ScreeningListQuery } from './screenings.repository.js';

export interface AccountOpeningRequest {
  requestId: string;
  branchCode: string;
  branchRegionCode?: string;
  channel: ScreeningContext['channel'];
  requestedAccountClass?: NonNullable<ScreeningContext['requestedAccountClass']>;
  applicant: ApplicantInput;
}

/** A screening to run for the platform itself (second verification), on a stored profile. */
export interface InternalScreening {
  institutionId: string;
  requestId: string;
  purpose: ScreeningPurpose;
  profile: ApplicantProfile;
  context: ScreeningContext;
}

export interface Explanation {
  screening: ScreeningEntity;
  replayed: ScreeningResult;
  /** True when replaying the stored facts under the stored version gives the stored decision. */
  matchesStored: boolean;
  facts: ScreeningFacts;
}

export interface ScreeningPage {
  items: ScreeningEntity[];
  nextCursor: string | null;
}

const SEVERITY_RANK: Record<Finding['severity'], number> = { INFO: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

function reviewSeverity(reasons: readonly Finding[]): NewReviewItem['severity'] {
  const top = reasons.reduce((max, r) => Math.max(max, SEVERITY_RANK[r.severity]), 0);
  return top >= 4 ? 'CRITICAL' : top === 3 ? 'HIGH' : top === 2 ? 'MEDIUM' : 'LOW';
}

function actorOf(p: Principal): string {
  return `${p.kind}:${p.id}`;
}

function encodeCursor(s: ScreeningEntity): string {
  return Buffer.from(`${s.screenedAt.toISOString()}|${s.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime())) throw new DomainError('BAD_REQUEST', 'The cursor is not valid.');
  return { at: date, id };
}

/**
 * Account-opening screening: builds the applicant profile, gathers facts, runs the active rule
 * set, stores everything and answers. A repeated request id at the same institution answers
 * with the stored first result.
 */
@Injectable()
export class ScreeningService {
  private readonly decisions: Counter<string>;
  private readonly phases: Histogram<string>;

  constructor(
    private readonly repo: ScreeningsRepository,
    private readonly facts: ScreeningFactsService,
    private readonly ruleSets: RuleSetsService,
    private readonly writer: ScreeningWriter,
    private readonly blind: BlindIndexService,
    private readonly audit: AuditService,
    private readonly reviewItems: ReviewItemsService,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.decisions = metrics.counter('screenings_total', 'Screenings decided, by purpose and decision', ['purpose', 'decision']);
    this.phases = metrics.histogram('screening_phase_seconds', 'Time a screening spends gathering facts (list, registry, counts) and being stored', ['phase']);
  }

  async screenAccountOpening(p: Principal, req: AccountOpeningRequest): Promise<{ screening: ScreeningEntity; replayed: boolean }> {
    const now = this.clock.now();
    const today = calendarDate(now);
    if (req.applicant.type === 'PERSON' && req.requestedAccountClass === undefined) {
      throw new DomainError('VALIDATION_FAILED', 'requestedAccountClass is required for persons.', { errors: [{ field: 'requestedAccountClass', constraints: { required: 'required' } }] });
    }
    const { profile, probe } = buildApplicantProfile(req.applicant, now, today, (kind, value) => this.blind.of(kind, value));
    const context: ScreeningContext = {
      branchCode: req.branchCode,
      branchRegionCode: req.branchRegionCode ?? null,
      channel: req.channel,
      requestedAccountClass: req.applicant.type === 'PERSON' ? (req.requestedAccountClass ?? null) : null,
    };
    return this.run({ institutionId: p.institutionId, requestId: req.requestId, purpose: 'ACCOUNT_OPENING', profile, context }, actorOf(p), now, probe);
  }

  /** Screens a stored profile again (second verification); stored like any screening. */
  async screenInternal(s: InternalScreening): Promise<ScreeningEntity> {
    const { screening } = await this.run(s, 'SYSTEM', this.clock.now());
    return screening;
  }

  private async run(s: InternalScreening, requestedBy: string, now: Date, probe?: RawProbe): Promise<{ screening: ScreeningEntity; replayed: boolean }> {
    const ruleSet = this.ruleSets.active();
    const today = calendarDate(now);
    const started = performance.now();
    const gathered = await this.facts.gather({ profile: s.profile, context: s.context, probe, institutionId: s.institutionId, requestId: s.requestId, now, today, ruleSet });
    const gatheredAt = performance.now();
    this.phases.observe({ phase: 'facts' }, (gatheredAt - started) / 1000);
    if (gathered.existingId) {
      const first = await this.repo.findById(gathered.existingId);
      if (first) return { screening: first, replayed: true };
    }
    const result = screen(gathered.facts, ruleSet);
    const row: ScreeningEntity = {
      id: randomUUID(),
      institutionId: s.institutionId,
      requestId: s.requestId,
      purpose: s.purpose,
      requestedBy,
      branchCode: s.context.branchCode,
      channel: s.context.channel,
      applicantType: s.profile.type,
      holderKey: s.profile.id.key,
      phoneKey: s.profile.phone?.key ?? null,
      deviceKey: s.profile.device?.key ?? null,
      addressKey: s.profile.addressKey,
      applicant: s.profile as unknown as Record<string, unknown>,
      context: { ...s.context, sources: gathered.sources },
      facts: gathered.facts as unknown as Record<string, unknown>,
      decision: result.decision,
      score: result.score,
      recommendedAccountClass: result.recommendedAccountClass ?? null,
      reasons: result.reasons,
      ruleSetVersion: result.ruleSetVersion,
      screenedAt: now,
    };
    const reviewItem = s.purpose === 'ACCOUNT_OPENING' && result.decision === 'REVIEW' ? this.reviewItemFor(row, result) : null;
    const inserted = await this.writer.write(row, reviewItem);
    this.phases.observe({ phase: 'store' }, (performance.now() - gatheredAt) / 1000);
    if (!inserted) {
      // Another request with the same id won the race: answer with its result.
      const first = await this.repo.findByRequest(s.institutionId, s.requestId);
      if (first) return { screening: first, replayed: true };
      throw new DomainError('CONFLICT', 'The screening could not be stored; retry.');
    }
    // The review item is stored with the screening; the hand-off worker opens its case right
    // after, in a batch with others, so the branch's answer never waits on case work.
    if (reviewItem) this.reviewItems.kick();
    this.decisions.inc({ purpose: s.purpose, decision: result.decision });
    // The screening row is the durable record; its audit entry joins the next group commit
    // without holding up the answer (a failure is logged by the audit service).
    void this.audit.record({
      action: 'screening.performed',
      subjectType: 'screening',
      subjectId: row.id,
      institutionId: s.institutionId,
      details: { purpose: s.purpose, decision: result.decision, score: result.score, ruleSetVersion: result.ruleSetVersion },
    }).catch(() => undefined);
    return { screening: row, replayed: false };
  }

  private reviewItemFor(row: ScreeningEntity, result: ScreeningResult): NewReviewItem {
    const codes = [...new Set(result.reasons.map((r) => r.code))];
    return {
      id: randomUUID(),
      institutionId: row.institutionId,
      kind: 'SCREENING_REVIEW',
      severity: reviewSeverity(result.reasons),
      title: `Account-opening screening needs review: ${codes.join(', ')}`,
      screeningId: row.id,
      subjectType: row.applicantType,
      subjectKey: row.holderKey,
      subjectMasked: (row.applicant as unknown as ApplicantProfile).id.masked,
      subjectName: (row.applicant as unknown as ApplicantProfile).name,
      findingCodes: codes,
      sourceRef: `screening:${row.id}`,
      details: { decision: result.decision, score: result.score, ruleSetVersion: result.ruleSetVersion, requestId: row.requestId, reasons: result.reasons.map((r) => ({ code: r.code, severity: r.severity, message: r.message })) },
      dedupKey: `SCREENING_REVIEW:${row.id}`,
    };
  }

  /** A screening of this institution, or null (another institution's reads as missing). */
  async findOwn(institutionId: string, id: string): Promise<ScreeningEntity | null> {
    const s = await this.repo.findById(id);
    return s && s.institutionId === institutionId ? s : null;
  }

  /** Not found and not visible read the same. */
  async get(p: Principal, id: string): Promise<ScreeningEntity> {
    const s = await this.repo.findById(id);
    if (!s || (!seesAllInstitutions(p) && s.institutionId !== p.institutionId)) throw new DomainError('SCREENING_NOT_FOUND', 'No such screening.');
    return s;
  }

  /** Replays a stored screening from its stored facts, under its own version or another stored one. */
  async explain(p: Principal, id: string, version?: string): Promise<Explanation> {
    const screening = await this.get(p, id);
    const ruleSet: RuleSet = await this.ruleSets.resolve(version ?? screening.ruleSetVersion);
    const facts = validateScreeningFacts(screening.facts);
    const replayed = screen(facts, ruleSet);
    const matchesStored =
      replayed.decision === screening.decision &&
      replayed.score === screening.score &&
      (replayed.recommendedAccountClass ?? null) === screening.recommendedAccountClass &&
      JSON.stringify(replayed.reasons) === JSON.stringify(screening.reasons);
    return { screening, replayed, matchesStored, facts };
  }

  async list(p: Principal, q: { institutionId?: string; decision?: string; from?: Date; to?: Date; cursor?: string; limit?: number }): Promise<ScreeningPage> {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
    const query: ScreeningListQuery = {
      institutionId: seesAllInstitutions(p) ? q.institutionId : p.institutionId,
      decision: q.decision,
      from: q.from,
      to: q.to,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit,
    };
    const items = await this.repo.list(query);
    return { items, nextCursor: items.length === limit ? encodeCursor(items[items.length - 1]!) : null };
  }
}
