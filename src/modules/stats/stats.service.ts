import { Inject, Injectable } from '@nestjs/common';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { CASE_STATUSES } from '../../domain/cases/case-status.js';
import { DECISION_KINDS } from '../../domain/cases/decision-policy.js';
import { falsePositiveRates, type FalsePositiveRate } from '../../domain/cases/feedback.js';
import { SEVERITIES } from '../../domain/cases/severity.js';
import { DomainError } from '../../domain/domain-error.js';
import { chinaCalendarDate, formatIsoDate } from '../../domain/identity/calendar-date.js';
import { LEVELS } from '../../domain/restrictions/ladder.js';
import { StatsRepository, type Count, type StatsScope } from './stats.repository.js';

const DAY = 86_400_000;
const MAX_PERIOD_DAYS = 3660;

export const SCREENING_DECISIONS = ['PASS', 'REVIEW', 'REJECT'] as const;
export const LIST_STATUSES = ['ACTIVE', 'UNDER_APPEAL', 'EXPIRED', 'REVOKED'] as const;
export const APPEAL_OUTCOMES = ['OPEN', 'UPHELD', 'REJECTED'] as const;

export interface BreakdownRow {
  key: string;
  total: number;
  by: Record<string, number>;
}

export interface InstitutionFigures {
  institutionId: string;
  code: string;
  name: string;
  kind: string;
  /** Stored queries: screenings (account opening and second verification) in the period. */
  queries: number;
  alerts: number;
  openCases: number;
  overdueCases: number;
}

export interface Stats {
  period: { from: string; to: string };
  institutionId: string | null;
  generatedAt: string;
  screenings: { total: number; byDecision: Record<string, number> };
  openingsBlocked: number;
  secondVerifications: { total: number; changed: number };
  accountsReviewed: number;
  alerts: { total: number; bySeverity: Record<string, number>; byDetector: BreakdownRow[] };
  restrictions: { accountsByLevel: Record<string, number>; accountsRestricted: number; personsRestricted: number };
  negativeList: { total: number; byStatus: Record<string, number>; byCategory: BreakdownRow[]; contributedByInstitution: number | null };
  appeals: { received: number; byOutcome: Record<string, number>; overdue: number };
  cases: { opened: number; closedInPeriod: number; byStatus: Record<string, number>; overdue: number; byResolution: Record<string, number>; byDay: Array<{ day: string; opened: number; closed: number }> };
  falsePositiveRates: FalsePositiveRate[];
  perInstitution: InstitutionFigures[];
  /** Figures whose source module is not part of this deployment yet: reported as zero. */
  pending: string[];
}

function zeros(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}

function tally(keys: readonly string[], rows: Count[]): Record<string, number> {
  const out = zeros(keys);
  for (const r of rows) out[r.key] = (out[r.key] ?? 0) + r.n;
  return out;
}

function chinaDay(t: number): string {
  return formatIsoDate(chinaCalendarDate(new Date(t)));
}

/**
 * The platform's figures for a period (the table in DOMAIN.md and more). Flows (screenings,
 * alerts, cases opened, appeals received, dispositions) count within the period; stocks
 * (accounts under each level, list size, open and overdue cases) are as of now.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly repo: StatsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  scope(p: Principal, q: { from?: string; to?: string; institutionId?: string }): StatsScope {
    const now = this.clock.now();
    const to = q.to ? new Date(q.to) : now;
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from.getTime() >= to.getTime()) {
      throw new DomainError('STATS_INVALID_PERIOD', 'from must be before to.');
    }
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY) throw new DomainError('STATS_INVALID_PERIOD', `A period spans at most ${MAX_PERIOD_DAYS} days.`);
    const institutionId = seesAllInstitutions(p) ? (q.institutionId ?? null) : p.institutionId;
    return { from, to, institutionId, now };
  }

  async stats(p: Principal, q: { from?: string; to?: string; institutionId?: string }): Promise<Stats> {
    const s = this.scope(p, q);
    const pending: string[] = [];
    const when = async <T>(ok: boolean, name: string, fallback: T, fn: () => Promise<T>): Promise<T> => {
      if (ok) return fn();
      pending.push(name);
      return fallback;
    };
    const r = this.repo;
    const hasScreenings = await r.has('screenings', 'purpose', 'decision', 'screened_at', 'institution_id');
    const hasStates = (await r.has('restriction_account_states', 'level', 'bank_code', 'account_number')) && (await r.has('bank_accounts', 'holder_key', 'institution_id'));
    const hasOrders = await r.has('restriction_orders', 'target_type', 'status', 'holder_key', 'expires_at');
    const hasEntries = await r.has('negative_list_entries', 'category', 'status', 'expires_at', 'contributor_institution_id');
    const hasAppeals = await r.has('negative_list_appeals', 'status', 'received_at', 'deadline_at', 'received_by_institution_id');
    const hasAlerts = await r.has('alerts', 'detector', 'severity', 'institution_ids', 'first_detected_at');
    const hasSecondVerifications = await r.has('second_verifications', 'completed_at', 'changed', 'institution_id');
    const hasRescreens = (await r.has('rescreen_jobs', 'kind', 'status', 'completed_at', 'institution_id')) && (await r.has('bank_accounts', 'opened_at', 'institution_id'));

    const [screenRows, sv, reviewed, levels, persons, entries, contributed, appeals, appealsOverdue, alertRows, casesByStatus, casesOverdue, opened, closed, dispositions, byDay, institutions, perInstScreens, perInstAlerts, perInstCases] = await Promise.all([
      when(hasScreenings, 'screenings', [], () => r.screeningsByPurposeAndDecision(s)),
      when(hasSecondVerifications, 'secondVerifications', { total: 0, changed: 0 }, () => r.secondVerifications(s)),
      when(hasRescreens, 'accountsReviewed', 0, () => r.accountsReviewed(s)),
      when(hasStates, 'restrictions.accountsByLevel', [], () => r.accountsByRestrictionLevel(s)),
      when(hasStates && hasOrders, 'restrictions.personsRestricted', 0, () => r.personsRestricted(s)),
      when(hasEntries, 'negativeList', [], () => r.listEntriesByCategoryAndStatus(s.now)),
      hasEntries && s.institutionId ? r.listEntriesContributedBy(s.institutionId) : Promise.resolve(null),
      when(hasAppeals, 'appeals', [], () => r.appealsByStatus(s)),
      hasAppeals ? r.appealsOverdue(s) : Promise.resolve(0),
      when(hasAlerts, 'alerts', [], () => r.alertsByDetectorAndSeverity(s)),
      r.casesByStatus(s),
      r.casesOverdue(s),
      r.casesOpened(s),
      r.casesClosedByResolution(s),
      r.dispositions(s),
      r.casesByDay(s),
      r.institutions(),
      hasScreenings ? r.screeningsPerInstitution(s) : Promise.resolve([]),
      hasAlerts ? r.alertsPerInstitution(s) : Promise.resolve([]),
      r.casesPerInstitution(s),
    ]);
    const byDecision = zeros(SCREENING_DECISIONS);
    let blocked = 0;
    for (const row of screenRows) {
      if (row.a !== 'ACCOUNT_OPENING') continue;
      byDecision[row.b] = (byDecision[row.b] ?? 0) + row.n;
      if (row.b === 'REJECT') blocked += row.n;
    }

    const accountsByLevel = tally(LEVELS, levels);
    const listByStatus = zeros(LIST_STATUSES);
    const categories = new Map<string, BreakdownRow>();
    for (const e of entries) {
      listByStatus[e.b] = (listByStatus[e.b] ?? 0) + e.n;
      const row = categories.get(e.a) ?? { key: e.a, total: 0, by: zeros(LIST_STATUSES) };
      row.total += e.n;
      row.by[e.b] = (row.by[e.b] ?? 0) + e.n;
      categories.set(e.a, row);
    }
    const alertsBySeverity = zeros(SEVERITIES);
    const detectors = new Map<string, BreakdownRow>();
    for (const a of alertRows) {
      alertsBySeverity[a.b] = (alertsBySeverity[a.b] ?? 0) + a.n;
      const row = detectors.get(a.a) ?? { key: a.a, total: 0, by: zeros(SEVERITIES) };
      row.total += a.n;
      row.by[a.b] = (row.by[a.b] ?? 0) + a.n;
      detectors.set(a.a, row);
    }
    const appealsByOutcome = tally(APPEAL_OUTCOMES, appeals);

    const openedByDay = new Map(byDay.opened.map((x) => [x.key, x.n]));
    const closedByDay = new Map(byDay.closed.map((x) => [x.key, x.n]));
    const days: Array<{ day: string; opened: number; closed: number }> = [];
    if (s.to.getTime() - s.from.getTime() <= 366 * DAY) {
      for (let t = s.from.getTime(); chinaDay(t) <= chinaDay(s.to.getTime() - 1); t += DAY) {
        const day = chinaDay(t);
        days.push({ day, opened: openedByDay.get(day) ?? 0, closed: closedByDay.get(day) ?? 0 });
      }
    }

    const screensBy = new Map(perInstScreens.map((x) => [x.key, x.n]));
    const alertsBy = new Map(perInstAlerts.map((x) => [x.key, x.n]));
    const casesBy = new Map(perInstCases.map((x) => [x.key, x]));
    const perInstitution = institutions
      .filter((i) => s.institutionId === null || i.id === s.institutionId)
      .map((i) => ({
        institutionId: i.id,
        code: i.code,
        name: i.name,
        kind: i.kind,
        queries: screensBy.get(i.id) ?? 0,
        alerts: alertsBy.get(i.id) ?? 0,
        openCases: casesBy.get(i.id)?.open ?? 0,
        overdueCases: casesBy.get(i.id)?.overdue ?? 0,
      }));

    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    return {
      period: { from: s.from.toISOString(), to: s.to.toISOString() },
      institutionId: s.institutionId,
      generatedAt: s.now.toISOString(),
      screenings: { total: sum(byDecision), byDecision },
      openingsBlocked: blocked,
      secondVerifications: sv,
      accountsReviewed: reviewed,
      alerts: { total: sum(alertsBySeverity), bySeverity: alertsBySeverity, byDetector: [...detectors.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)) },
      restrictions: { accountsByLevel, accountsRestricted: sum(accountsByLevel), personsRestricted: persons },
      negativeList: { total: sum(listByStatus), byStatus: listByStatus, byCategory: [...categories.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)), contributedByInstitution: contributed },
      appeals: { received: sum(appealsByOutcome), byOutcome: appealsByOutcome, overdue: appealsOverdue },
      cases: { opened, closedInPeriod: closed.reduce((a, c) => a + c.n, 0), byStatus: tally(CASE_STATUSES, casesByStatus), overdue: casesOverdue, byResolution: tally(DECISION_KINDS, closed), byDay: days },
      falsePositiveRates: falsePositiveRates(dispositions),
      perInstitution,
      pending,
    };
  }
}
