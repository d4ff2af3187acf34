/*
 * AlertsService: the alert store and what follows an alert.
 *
 *   record(findings: OwnedFinding[], em): Promise<UpsertedAlert[]>
 *     Inside the caller's transaction (the transfer pipeline writes events and alerts together):
 *     one row per dedup key, merged with any earlier row of that key, and, for an alert that is
 *     new or whose severity rose to CASE_ALERT_MIN_SEVERITY or above, a compliance case item per
 *     holder institution (idempotent by `${alertId}:${severity}`).
 *   dispatch(ids): Promise<void>
 *     After the commit: publishes the alerts to `risk.alerts` (Kafka on) and hands them to the
 *     restriction policies, then marks the version dispatched. A sweep re-dispatches anything a
 *     crash left behind (the outbox), so consumers of `risk.alerts` get every version at least
 *     once and should keep the highest `version` per `id`.
 *   list(principal, query) / get(principal, id): tenant-scoped reads.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { formatFen } from '../../domain/detection/money.js';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../domain/detection/finding.js';
import { DomainError } from '../../domain/domain-error.js';
import { maskAccount } from '../../domain/identity/bank-card.js';
import { KafkaService } from '../../infra/messaging/kafka.service.js';
import { AuditService } from '../audit/audit.service.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { CasesService } from '../cases/cases.service.js';
import type { CaseSubject } from '../cases/cases.types.js';
import type { AlertEntity } from './alert.entity.js';
import { mergeFindings, severityRank, type MergedFinding, type OwnedFinding } from './alert-merge.js';
import { splitAccountKey, type AlertViewer } from './alert-view.js';
import { AlertsRepository, type UpsertedAlert } from './alerts.repository.js';
import type { ListAlertsQuery } from './dto/alerts.dto.js';

export const RISK_ALERTS_TOPIC = 'risk.alerts';

/** A port to the restriction policies, bound by the alerts module when the restrictions module is present. */
export interface AlertPolicyPort {
  onAlert(alert: {
    alertId: string;
    detector: string;
    severity: AlertSeverity;
    occurredAt: Date;
    bankCode: string;
    accountNumber: string;
  }): Promise<unknown>;
}
export const ALERT_POLICY_PORT = Symbol('ALERT_POLICY_PORT');

/** The JSON published on risk.alerts (the operator's full view). */
export interface AlertMessage {
  id: string;
  version: number;
  dedupKey: string;
  detector: string;
  severity: AlertSeverity;
  subjectAccounts: Array<{ bankCode: string; accountNumber: string; institutionId: string | null }>;
  institutionIds: string[];
  evidence: { eventIds: string[]; aggregates: Record<string, number | string> };
  firstDetectedAt: string;
  lastDetectedAt: string;
  fireCount: number;
  updatedAt: string;
}

export function toAlertMessage(a: AlertEntity): AlertMessage {
  return {
    id: a.id,
    version: a.version,
    dedupKey: a.dedupKey,
    detector: a.detector,
    severity: a.severity,
    subjectAccounts: a.subjectAccounts.map((k) => ({ ...splitAccountKey(k), institutionId: a.subjectOwners[k] ?? null })),
    institutionIds: a.institutionIds,
    evidence: { eventIds: a.eventIds, aggregates: a.aggregates },
    firstDetectedAt: a.firstDetectedAt.toISOString(),
    lastDetectedAt: a.lastDetectedAt.toISOString(),
    fireCount: a.fireCount,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** One line for the case queue: the detector and its figures, amounts in CNY. */
export function alertSummary(detector: string, severity: string, display: string, aggregates: Record<string, number | string>): string {
  const parts = Object.entries(aggregates)
    .filter(([, v]) => typeof v === 'number' || !String(v).includes(':'))
    .map(([k, v]) => (k.endsWith('Fen') && typeof v === 'number' ? `${k.slice(0, -3)} CNY ${formatFen(v)}` : `${k} ${v}`));
  return `${detector} (${severity}) on ${display}: ${parts.join(', ')}`;
}

function accountCaseSubject(key: string): CaseSubject {
  const { bankCode, accountNumber } = splitAccountKey(key);
  return { type: 'ACCOUNT', key, display: `${bankCode} ${maskAccount(accountNumber)}`.slice(0, 80) };
}

const SWEEP_MS = 15_000;

@Injectable()
export class AlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertsService');
  private readonly caseFloor: number;
  private operatorId: string | null | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly repo: AlertsRepository,
    private readonly cases: CasesService,
    private readonly institutions: InstitutionsRepository,
    private readonly kafka: KafkaService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(ALERT_POLICY_PORT) private readonly policies?: AlertPolicyPort,
  ) {
    const floor = config.CASE_ALERT_MIN_SEVERITY as AlertSeverity;
    this.caseFloor = ALERT_SEVERITIES.includes(floor) ? severityRank(floor) : severityRank('HIGH');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /**
   * Reads what record() needs before the caller opens its transaction (record() itself may
   * only use the caller's connection): the operator institution, owner of alerts on accounts
   * no member holds.
   */
  async prepare(): Promise<void> {
    if (this.operatorId === undefined) this.operatorId = (await this.institutions.findByCode('OPERATOR'))?.id ?? null;
  }

  // ------------------------------------------------------------------ writing

  /** Stores the findings of a batch inside the caller's transaction; see the top of the file. */
  async record(findings: readonly OwnedFinding[], em: EntityManager): Promise<UpsertedAlert[]> {
    if (findings.length === 0) return [];
    const merged = mergeFindings(findings);
    const now = this.clock.now();
    const written = await this.repo.upsert(
      merged.map((m) => ({
        id: randomUUID(),
        dedupKey: m.dedupKey,
        detector: m.detector,
        severity: m.severity,
        subjectAccounts: m.subjectAccounts,
        subjectOwners: m.subjectOwners,
        institutionIds: m.institutionIds,
        eventIds: m.eventIds,
        aggregates: m.aggregates,
        firstDetectedAt: new Date(m.firstMs),
        lastDetectedAt: new Date(m.lastMs),
        fireCount: m.fireCount,
      })),
      now,
      em,
    );
    const byKey = new Map(merged.map((m) => [m.dedupKey, m]));
    for (const w of written) {
      this.metrics.counter('alerts_written_total', 'Alert writes by detector and outcome', ['detector', 'outcome']).inc({ detector: byKey.get(w.dedupKey)!.detector, outcome: w.inserted ? 'created' : 'updated' });
      const rose = w.previousSeverity === null || severityRank(w.severity) > severityRank(w.previousSeverity);
      if (rose && severityRank(w.severity) >= this.caseFloor) await this.attachToCases(w, byKey.get(w.dedupKey)!, em);
    }
    return written;
  }

  /** One case item per holder institution, about its own first subject account; the operator's when no holder is known. */
  private async attachToCases(w: UpsertedAlert, m: MergedFinding, em: EntityManager): Promise<void> {
    const targets = new Map<string, string>();
    for (const key of m.subjectAccounts) {
      const owner = m.subjectOwners[key];
      if (owner && !targets.has(owner)) targets.set(owner, key);
    }
    if (targets.size === 0) {
      const operator = this.operatorId ?? null;
      if (operator && m.subjectAccounts[0] !== undefined) targets.set(operator, m.subjectAccounts[0]);
    }
    for (const [institutionId, key] of targets) {
      const subject = accountCaseSubject(key);
      await this.cases.attachItem(
        {
          institutionId,
          subject,
          source: 'ALERT',
          sourceId: `${w.id}:${w.severity}`,
          severity: w.severity,
          findingCodes: [m.detector],
          summary: alertSummary(m.detector, w.severity, subject.display, m.aggregates),
          occurredAt: new Date(m.lastMs),
          evidence: { alertId: w.id, eventIds: m.eventIds, aggregates: m.aggregates, subjectAccounts: m.subjectAccounts.length },
        },
        em,
      );
    }
  }

  // ------------------------------------------------------------------ after the commit

  /** Publishes and hands off the given alerts' current versions; safe to call again. */
  async dispatch(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const alerts = (await this.repo.findByIds(ids)).filter((a) => a.dispatchedVersion < a.version);
    if (alerts.length === 0) return;
    if (this.kafka.enabled) {
      const producer = await this.kafka.producer();
      await producer.send({
        topic: RISK_ALERTS_TOPIC,
        messages: alerts.map((a) => ({
          key: a.subjectAccounts[0] ?? a.dedupKey,
          value: JSON.stringify(toAlertMessage(a)),
          headers: { 'content-type': 'application/json', 'alert-version': String(a.version), detector: a.detector },
        })),
      });
    }
    for (const a of alerts) {
      let handedOff: AlertSeverity | null = null;
      const rose = a.handedOffSeverity === null || severityRank(a.severity) > severityRank(a.handedOffSeverity);
      if (this.policies && rose && a.subjectAccounts[0] !== undefined) {
        const { bankCode, accountNumber } = splitAccountKey(a.subjectAccounts[0]);
        try {
          await this.policies.onAlert({ alertId: a.id, detector: a.detector, severity: a.severity, occurredAt: a.lastDetectedAt, bankCode, accountNumber });
          handedOff = a.severity;
        } catch (err) {
          // Left undispatched: the sweep tries again.
          this.logger.warn({ msg: 'restriction policies failed on an alert', alertId: a.id, err: err instanceof Error ? err.message : String(err) });
          continue;
        }
      }
      await this.repo.markDispatched(a.id, a.version, handedOff);
      if (a.dispatchedVersion === 0) {
        void this.audit
          .record({ action: 'alert.created', subjectType: 'alert', subjectId: a.id, actor: { type: 'SYSTEM', id: 'transfer-detection' }, institutionId: null, details: { detector: a.detector, severity: a.severity } })
          .catch(() => undefined);
      }
    }
  }

  /** Re-dispatches alerts a crash or a failed publish left behind; one sweep at a time. */
  sweep(): Promise<void> {
    if (this.sweeping !== null) return this.sweeping;
    const run = (async () => {
      try {
        const before = new Date(this.clock.now().getTime() - SWEEP_MS);
        for (;;) {
          const due = await this.repo.undispatched(before, 200);
          if (due.length === 0) break;
          await this.dispatch(due.map((a) => a.id));
          if (due.length < 200) break;
        }
      } catch (err) {
        this.logger.warn({ msg: 'alert dispatch sweep failed', err: err instanceof Error ? err.message : String(err) });
      }
    })();
    this.sweeping = run;
    void run.then(() => (this.sweeping = null));
    return run;
  }

  // ------------------------------------------------------------------ reading

  viewerOf(p: Principal): AlertViewer {
    return { seesAll: seesAllInstitutions(p), institutionId: p.institutionId };
  }

  async list(p: Principal, q: ListAlertsQuery): Promise<{ items: AlertEntity[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const seesAll = seesAllInstitutions(p);
    const severities = q.minSeverity !== undefined ? ALERT_SEVERITIES.slice(severityRank(q.minSeverity)).filter((s) => !q.severity || q.severity.includes(s)) : q.severity;
    if (severities !== undefined && severities.length === 0) return { items: [], nextCursor: null };
    const institutionId = seesAll ? q.institutionId : p.institutionId;
    // A bank asking for another institution's alerts gets nothing, the same as for none.
    if (!seesAll && q.institutionId !== undefined && q.institutionId !== p.institutionId) return { items: [], nextCursor: null };
    const rows = await this.repo.list({
      ...(institutionId !== undefined ? { institutionId } : {}),
      ...(q.detector ? { detectors: q.detector } : {}),
      ...(severities ? { severities: [...severities] } : {}),
      ...(q.account !== undefined ? { account: q.account } : {}),
      ...(q.from !== undefined ? { from: new Date(q.from) } : {}),
      ...(q.to !== undefined ? { to: new Date(q.to) } : {}),
      ...(q.cursor !== undefined ? { beforeSeq: q.cursor } : {}),
      limit,
    });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.seq : null };
  }

  /** Not found and not yours read the same. */
  async get(p: Principal, id: string): Promise<AlertEntity> {
    const a = await this.repo.findById(id);
    if (!a || !(seesAllInstitutions(p) || a.institutionIds.includes(p.institutionId))) throw new DomainError('ALERT_NOT_FOUND', 'No such alert.');
    return a;
  }
}
