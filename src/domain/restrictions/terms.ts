/**
 * Term arithmetic for joint punishment (联合惩戒办法, in force 2024-12-01: 3 years for convicted
 * persons, 2 years for persons designated for selling, renting or lending cards or accounts,
 * chained terms capped at 5 consecutive years), protective stop-payment (48 hours by default)
 * and expiry derived from the clock.
 *
 * Year terms are counted as the Civil Code counts periods (arts. 201-203), in Shanghai time:
 * the day the term starts is not counted unless it starts at 00:00; the last day is the day
 * with the same number in the final year, and when that day does not exist (Feb 29 in a common
 * year) the last day of that month (Feb 28); a term ends at 24:00 of its last day. So
 * `to` is always a Shanghai midnight: the first full day's anniversary, where the anniversary
 * of Feb 29 in a common year is Mar 1 00:00 (= Feb 28 24:00). This mapping never runs
 * backwards in time, which keeps terms monotonic in their start.
 *
 * Stop-payment terms are counted in exact hours from the instant they start.
 */
import { restrictionError } from './errors.js';
import type { OrderStatus } from './order-status.js';
import { assertValidDate, DAY_MS, SHANGHAI_OFFSET_MS } from './shanghai-time.js';

export interface Term {
  from: Date;
  to: Date;
}

export type JointPunishmentKind = 'CONVICTED' | 'CARD_SELLER';

export const JOINT_PUNISHMENT_YEARS: Readonly<Record<JointPunishmentKind, number>> = Object.freeze({
  CONVICTED: 3,
  CARD_SELLER: 2,
});

export const JOINT_PUNISHMENT_CAP_YEARS = 5;
export const DEFAULT_STOP_PAYMENT_HOURS = 48;

const HOUR_MS = 3_600_000;

function assertPositiveInteger(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw restrictionError('INVALID_TERM_LENGTH', `${field} must be a positive integer`, { field, value });
  }
}

/** The end of a term of `years` calendar years starting at `from` (see the file comment). */
export function addTermYears(from: Date, years: number): Date {
  assertValidDate(from, 'from');
  assertPositiveInteger(years, 'years');
  const local = from.getTime() + SHANGHAI_OFFSET_MS;
  let firstFullDay = Math.floor(local / DAY_MS) * DAY_MS;
  if (firstFullDay !== local) firstFullDay += DAY_MS;
  const day = new Date(firstFullDay);
  const end = new Date(0);
  // setUTCFullYear rolls Feb 29 of a common year over to Mar 1, which is what we want.
  end.setUTCFullYear(day.getUTCFullYear() + years, day.getUTCMonth(), day.getUTCDate());
  return new Date(end.getTime() - SHANGHAI_OFFSET_MS);
}

export function jointPunishmentTerm(kind: JointPunishmentKind, effectiveFrom: Date): Term {
  return { from: new Date(effectiveFrom.getTime()), to: addTermYears(effectiveFrom, JOINT_PUNISHMENT_YEARS[kind]) };
}

export function protectiveStopPaymentTerm(from: Date, hours: number = DEFAULT_STOP_PAYMENT_HOURS): Term {
  assertValidDate(from, 'from');
  assertPositiveInteger(hours, 'hours');
  return { from: new Date(from.getTime()), to: new Date(from.getTime() + hours * HOUR_MS) };
}

/**
 * Consecutive runs of terms. Two terms are consecutive when the later one starts no later than
 * the earlier one ends: overlapping terms and terms that abut exactly (a gap of zero) join into
 * one run; any positive gap, even a millisecond, separates runs. Returned sorted by start.
 */
export function consecutiveRuns(terms: readonly Term[]): Term[] {
  for (const [index, term] of terms.entries()) {
    assertValidDate(term.from, `existing[${index}].from`);
    assertValidDate(term.to, `existing[${index}].to`);
    if (term.to.getTime() < term.from.getTime()) {
      throw restrictionError('INVALID_TERM_INTERVAL', 'a term must not end before it starts', { index });
    }
  }
  const sorted = [...terms].sort((a, b) => a.from.getTime() - b.from.getTime());
  const runs: Array<{ from: number; to: number }> = [];
  for (const term of sorted) {
    const last = runs[runs.length - 1];
    if (last && term.from.getTime() <= last.to) last.to = Math.max(last.to, term.to.getTime());
    else runs.push({ from: term.from.getTime(), to: term.to.getTime() });
  }
  return runs.map((run) => ({ from: new Date(run.from), to: new Date(run.to) }));
}

export interface ChainTermRequest {
  /** The person's existing terms of the same kind of measure (lifted or revoked ones left out). */
  existing: readonly Term[];
  requestedFrom: Date;
  requestedYears: number;
  capYears?: number;
}

export type ChainTermResult =
  | {
      ok: true;
      from: Date;
      to: Date;
      /** Start of the consecutive run the new term belongs to. */
      runStart: Date;
      /** True when the cap shortened the term below the requested years. */
      clipped: boolean;
    }
  | {
      ok: false;
      code: 'TERM_CAP_REACHED';
      /** Zero-length: from === to, where the term would have started. */
      from: Date;
      to: Date;
      runStart: Date;
      /** The latest instant the run may reach. */
      capEnd: Date;
    };

/**
 * Places a new term: if `requestedFrom` falls inside a consecutive run or exactly at its end,
 * the new term starts where that run ends (it chains on); otherwise at `requestedFrom`. Its end
 * is clipped so the run, measured from the run's start, never passes `capYears` (the cap is
 * computed with the same calendar rule as a term of `capYears` starting at the run's start).
 *
 * A later, separate run that the new term would reach joins the run too. If that joined run
 * would pass the cap, the new term is refused: clipping cannot shorten a term that already
 * exists, and the caller should end or shorten the later term first.
 */
export function chainTerm(request: ChainTermRequest): ChainTermResult {
  const { requestedFrom, requestedYears } = request;
  const capYears = request.capYears ?? JOINT_PUNISHMENT_CAP_YEARS;
  assertValidDate(requestedFrom, 'requestedFrom');
  assertPositiveInteger(requestedYears, 'requestedYears');
  assertPositiveInteger(capYears, 'capYears');

  const runs = consecutiveRuns(request.existing);
  const at = requestedFrom.getTime();
  const current = runs.find((run) => run.from.getTime() <= at && at <= run.to.getTime());
  const start = current ? current.to : new Date(at);
  const runStart = current ? current.from : new Date(at);
  const capEnd = addTermYears(runStart, capYears);
  const natural = addTermYears(start, requestedYears);
  const end = Math.min(natural.getTime(), capEnd.getTime());

  const refused = (): ChainTermResult => ({
    ok: false,
    code: 'TERM_CAP_REACHED',
    from: new Date(start.getTime()),
    to: new Date(start.getTime()),
    runStart,
    capEnd,
  });
  if (end <= start.getTime()) return refused();

  let joinedEnd = end;
  for (const run of runs) {
    if (run.from.getTime() > start.getTime() && run.from.getTime() <= joinedEnd) {
      joinedEnd = Math.max(joinedEnd, run.to.getTime());
    }
  }
  if (joinedEnd > capEnd.getTime()) return refused();

  return { ok: true, from: new Date(start.getTime()), to: new Date(end), runStart, clipped: end < natural.getTime() };
}

/** Which stored statuses lapse when the clock passes `expiresAt`, and what they become. */
export interface ExpiryRule<S extends string> {
  readonly expiring: readonly S[];
  readonly expired: S;
}

/** A pending order that was never approved in time lapses as well as an active one. */
export const ORDER_EXPIRY: ExpiryRule<OrderStatus> = Object.freeze({
  expiring: Object.freeze(['PENDING_APPROVAL', 'ACTIVE'] as const),
  expired: 'EXPIRED',
});

export type ListEntryStatus = 'ACTIVE' | 'UNDER_APPEAL' | 'EXPIRED' | 'REVOKED';

/** An entry under appeal still lapses at the end of its term; the appeal becomes moot. */
export const LIST_ENTRY_EXPIRY: ExpiryRule<ListEntryStatus> = Object.freeze({
  expiring: Object.freeze(['ACTIVE', 'UNDER_APPEAL'] as const),
  expired: 'EXPIRED',
});

export interface Expiring<S extends string> {
  status: S;
  expiresAt: Date | null;
}

/**
 * The status as of `now`: the stored status, except that an expiring status whose `expiresAt`
 * has been reached (now >= expiresAt) reads as expired. Lets expiry take effect on time even
 * when no job has updated the stored row yet.
 */
export function deriveStatus<S extends string>(record: Expiring<S>, now: Date, rule: ExpiryRule<S>): S {
  assertValidDate(now, 'now');
  if (record.expiresAt === null || !rule.expiring.includes(record.status)) return record.status;
  assertValidDate(record.expiresAt, 'expiresAt');
  return now.getTime() >= record.expiresAt.getTime() ? rule.expired : record.status;
}
