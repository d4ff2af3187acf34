import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isOperatorAdmin, seesAllInstitutions, type Principal } from '../../../common/http/principal.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.schema.js';
import { DomainError } from '../../../domain/domain-error.js';
import type { Finding } from '../../../domain/screening/index.js';
import { ChangeFeedService } from '../../../infra/messaging/change-feed.service.js';
import { AccountsRepository } from '../../accounts/accounts.repository.js';
import { ReviewItemsService, type NewReviewItem } from '../../review-items/review-items.service.js';
import type { ApplicantProfile, ScreeningContext } from '../../screening/applicant-profile.js';
import { ScreeningService } from '../../screening/screening.service.js';
import { AccountOpeningsRepository } from '../account-openings.repository.js';
import type { SecondVerificationEntity, SecondVerificationTrigger } from './second-verification.entity.js';
import { SecondVerificationsRepository, type SecondVerificationQuery } from './second-verifications.repository.js';

const DAY_MS = 86_400_000;

/**
 * Change-feed topic on which a raised or escalated alert is announced:
 * `{ alertId, severity, accounts: [{ bankCode, accountNumber }] }`. HIGH and CRITICAL alerts
 * send the opened accounts of the accounts' holders to second verification at once.
 */
export const ALERT_RAISED_TOPIC = 'alerts.raised';
const HIGH_SEVERITIES = new Set(['HIGH', 'CRITICAL']);
const CLAIM_BATCH = 50;
const MAX_ATTEMPTS = 5;

export interface AccountRef {
  bankCode: string;
  accountNumber: string;
  institutionId: string;
}

export interface RunSummary {
  verified: number;
  changed: number;
  failed: number;
}

const SEVERITY_RANK: Record<Finding['severity'], number> = { INFO: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

function itemSeverity(decision: string, reasons: readonly Finding[]): NewReviewItem['severity'] {
  if (decision === 'PASS') return 'LOW';
  const top = reasons.reduce((max, r) => Math.max(max, SEVERITY_RANK[r.severity]), 0);
  if (decision === 'REJECT') return top >= 4 ? 'CRITICAL' : 'HIGH';
  return top >= 3 ? 'HIGH' : 'MEDIUM';
}

/**
 * Second verification (二次核验) of accounts reported opened: each is screened again a set
 * number of days after opening, and at once when a new negative-list entry or a high-severity
 * alert touches its holder. A worker claims due verifications; with the injected clock, tests
 * move time and call runDue() (or the ADMIN endpoint) instead of waiting.
 */
@Injectable()
export class SecondVerificationService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SecondVerification');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RunSummary> | null = null;
  private again = false;
  private closing = false;

  constructor(
    private readonly repo: SecondVerificationsRepository,
    private readonly openings: AccountOpeningsRepository,
    private readonly accounts: AccountsRepository,
    private readonly screening: ScreeningService,
    private readonly reviewItems: ReviewItemsService,
    private readonly changes: ChangeFeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.changes.subscribe(ALERT_RAISED_TOPIC, async (payload) => {
      await this.onAlert(payload);
    });
  }

  /**
   * A high-severity alert on accounts: their holders' opened accounts (at every bank) are
   * verified again at once. Milder alerts and malformed notices are ignored.
   */
  async onAlert(payload: Record<string, unknown>): Promise<number> {
    const alertId = payload['alertId'];
    const severity = payload['severity'];
    const accounts = payload['accounts'];
    if (typeof alertId !== 'string' || typeof severity !== 'string' || !HIGH_SEVERITIES.has(severity) || !Array.isArray(accounts)) return 0;
    const holders = new Set<string>();
    for (const a of accounts.slice(0, 100)) {
      if (typeof a !== 'object' || a === null) continue;
      const { bankCode, accountNumber } = a as Record<string, unknown>;
      if (typeof bankCode !== 'string' || typeof accountNumber !== 'string') continue;
      const account = await this.accounts.findByAccount(bankCode, accountNumber);
      if (account) holders.add(account.holderKey);
    }
    return this.triggerForHolders([...holders], 'ALERT', alertId);
  }

  onApplicationBootstrap(): void {
    const seconds = this.config.SECOND_VERIFICATION_POLL_SECONDS;
    if (seconds > 0) {
      this.timer = setInterval(() => this.kick(), seconds * 1000);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** The scheduled verification of a newly reported account, in the caller's transaction. */
  scheduleForOpening(account: AccountRef & { openedAt: Date }, em?: EntityManager): Promise<number> {
    const dueAt = new Date(account.openedAt.getTime() + this.config.SECOND_VERIFICATION_DAYS * DAY_MS);
    return this.repo.schedule(
      [{ id: randomUUID(), ...this.refOf(account), trigger: 'SCHEDULED', triggerRef: null, dueAt, dedupKey: `SCHEDULED:${account.bankCode}:${account.accountNumber}`, createdAt: this.clock.now() }],
      em,
    );
  }

  /** Verifies these accounts at once (a list entry or an alert touched their holder). */
  async triggerForAccounts(accounts: readonly AccountRef[], trigger: Exclude<SecondVerificationTrigger, 'SCHEDULED'>, ref: string): Promise<number> {
    if (accounts.length === 0) return 0;
    const now = this.clock.now();
    const added = await this.repo.schedule(
      accounts.map((a) => ({ id: randomUUID(), ...this.refOf(a), trigger, triggerRef: ref.slice(0, 80), dueAt: now, dedupKey: `${trigger}:${ref}:${a.bankCode}:${a.accountNumber}`.slice(0, 200), createdAt: now })),
    );
    if (added > 0) this.kick();
    return added;
  }

  /** Verifies the opened accounts of these holders (blind-index keys) at once. */
  async triggerForHolders(holderKeys: readonly string[], trigger: Exclude<SecondVerificationTrigger, 'SCHEDULED'>, ref: string): Promise<number> {
    const accounts = await this.accounts.findOpenedByHolders(holderKeys);
    return this.triggerForAccounts(accounts, trigger, ref);
  }

  private refOf(a: AccountRef): AccountRef {
    return { bankCode: a.bankCode, accountNumber: a.accountNumber, institutionId: a.institutionId };
  }

  /** Runs due verifications in the background; a call while running makes it go round again. */
  kick(): void {
    if (this.closing) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    this.running.catch((e: unknown) => this.logger.error({ msg: 'second verification run failed', err: e instanceof Error ? e.message : String(e) }));
  }

  /** The operator's administrators may run due verifications by hand. */
  runDueFor(p: Principal): Promise<RunSummary> {
    if (!isOperatorAdmin(p)) throw new DomainError('FORBIDDEN', 'Only the platform operator runs second verifications by hand.');
    return this.runDue();
  }

  /** Runs every verification due now and returns what happened (waits for a run in progress first). */
  async runDue(): Promise<RunSummary> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<RunSummary> {
    const summary: RunSummary = { verified: 0, changed: 0, failed: 0 };
    do {
      this.again = false;
      for (;;) {
        if (this.closing) return summary;
        const batch = await this.repo.claimDue(this.clock.now(), CLAIM_BATCH);
        if (batch.length === 0) break;
        for (const v of batch) {
          try {
            const changed = await this.verify(v);
            summary.verified += 1;
            if (changed) summary.changed += 1;
          } catch (e) {
            summary.failed += 1;
            const message = e instanceof Error ? e.message : String(e);
            this.logger.warn({ msg: 'second verification failed', id: v.id, err: message });
            await this.repo.fail(v.id, message, MAX_ATTEMPTS);
          }
        }
      }
    } while (this.again);
    if (summary.verified + summary.failed > 0) this.logger.log({ msg: 'second verifications run', ...summary });
    return summary;
  }

  /** Screens the holder again and compares with the baseline; true when the outcome changed. */
  private async verify(v: SecondVerificationEntity): Promise<boolean> {
    const record = await this.openings.find(v.bankCode, v.accountNumber);
    if (!record) throw new DomainError('NOT_FOUND', 'no opening record for the account');
    const baseline = (await this.repo.lastDecision(v.bankCode, v.accountNumber)) ?? record.screeningDecision ?? 'PASS';
    const profile = record.profile as unknown as ApplicantProfile;
    const screening = await this.screening.screenInternal({
      institutionId: v.institutionId,
      requestId: `second-verification:${v.id}`,
      purpose: 'SECOND_VERIFICATION',
      profile,
      context: record.context as unknown as ScreeningContext,
    });
    const changed = screening.decision !== baseline;
    const now = this.clock.now();
    await this.openings.transaction(async (em) => {
      let reviewItemId: string | null = null;
      if (changed) {
        const reasons = screening.reasons as Finding[];
        const codes = [...new Set(reasons.map((r) => r.code))];
        const [id] = await this.reviewItems.create(
          [
            {
              institutionId: v.institutionId,
              kind: 'SECOND_VERIFICATION_CHANGED',
              severity: itemSeverity(screening.decision, reasons),
              title: `Second verification of account ${v.bankCode}:${v.accountNumber} changed from ${baseline} to ${screening.decision}`,
              screeningId: screening.id,
              bankCode: v.bankCode,
              accountNumber: v.accountNumber,
              subjectType: profile.type,
              subjectKey: profile.id.key,
              subjectMasked: profile.id.masked,
              subjectName: profile.name || null,
              findingCodes: codes,
              sourceRef: `second-verification:${v.id}`,
              details: { trigger: v.trigger, triggerRef: v.triggerRef, baseline, decision: screening.decision, score: screening.score, ruleSetVersion: screening.ruleSetVersion, reasons: reasons.map((r) => ({ code: r.code, severity: r.severity, message: r.message })) },
              dedupKey: `SECOND_VERIFICATION_CHANGED:${v.id}`,
            },
          ],
          em,
        );
        reviewItemId = id ?? null;
      }
      await this.repo.complete(v.id, { baselineDecision: baseline, screeningId: screening.id, decision: screening.decision, changed, reviewItemId, completedAt: now }, em);
    });
    return changed;
  }

  list(p: Principal, q: Omit<SecondVerificationQuery, 'institutionId'> & { institutionId?: string }): Promise<SecondVerificationEntity[]> {
    return this.repo.list({ ...q, institutionId: seesAllInstitutions(p) ? q.institutionId : p.institutionId });
  }

  async get(p: Principal, id: string): Promise<SecondVerificationEntity> {
    const v = await this.repo.findById(id);
    if (!v || (!seesAllInstitutions(p) && v.institutionId !== p.institutionId)) throw new DomainError('SECOND_VERIFICATION_NOT_FOUND', 'No such second verification.');
    return v;
  }
}
