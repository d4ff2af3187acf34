/**
 * Every threshold of the transfer detectors in one object, with where each default comes from.
 * "Our starting point" means no public figure exists: the pattern is named in the PBoC's
 * suspicious-transaction guidance or in DOMAIN.md, and the number is ours, to be tuned against
 * the simulator's labelled traffic and, in production, against confirmed cases.
 */
import { DomainError } from '../domain-error.js';
import type { DetectionErrorCode } from './detection-errors.js';
import type { CashOutMultiParams } from './detectors/cash-out-multi.js';
import type { CycleParams } from './detectors/cycle.js';
import type { DormantReactivatedParams } from './detectors/dormant-reactivated.js';
import type { FanInParams } from './detectors/fan-in.js';
import type { FanOutParams } from './detectors/fan-out.js';
import type { HighVelocityParams } from './detectors/high-velocity.js';
import type { NewAccountLargeParams } from './detectors/new-account-large.js';
import type { NightBurstParams } from './detectors/night-burst.js';
import type { RapidPassThroughParams } from './detectors/rapid-pass-through.js';
import type { ScatterGatherParams } from './detectors/scatter-gather.js';
import type { StructuringParams } from './detectors/structuring.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './event-time.js';
import type { VictimWarningParams } from './victim-warning.js';

export interface WindowParams {
  /** Events older than (watermark - this) are rejected as LATE; younger ones are put in order. */
  readonly allowedLatenessMs: number;
  /** A subject with no event for this long (by watermark) is evicted. Must exceed retention. */
  readonly idleTtlMs: number;
  /** Per-subject cap on stored entries; the oldest go first. */
  readonly maxEntriesPerSubject: number;
  /** Subjects checked for eviction per processed event (an incremental sweep, no pauses). */
  readonly sweepPerEvent: number;
}

export interface DetectionParams {
  readonly windows: WindowParams;
  readonly rapidPassThrough: RapidPassThroughParams;
  readonly fanIn: FanInParams;
  readonly fanOut: FanOutParams;
  readonly structuring: StructuringParams;
  readonly nightBurst: NightBurstParams;
  readonly dormantReactivated: DormantReactivatedParams;
  readonly newAccountLarge: NewAccountLargeParams;
  readonly cashOutMulti: CashOutMultiParams;
  readonly highVelocity: HighVelocityParams;
  readonly cycle: CycleParams;
  readonly scatterGather: ScatterGatherParams;
  readonly victimWarning: VictimWarningParams;
}

const CNY = 100;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_DETECTION_PARAMS: DetectionParams = deepFreeze({
  windows: {
    // Kafka partitions and bank batch uploads interleave within seconds to minutes; 10 minutes
    // absorbs that without holding windows much longer than the detectors need.
    allowedLatenessMs: 10 * MINUTE_MS,
    // Longest detector span (24 h) + lateness + an hour of slack, so that an evicted account
    // can no longer be referred to by a live entry of another account.
    idleTtlMs: 25 * HOUR_MS + 10 * MINUTE_MS,
    // A collection account getting a transfer a minute all day stays under 1,500; beyond that the
    // oldest entries go (counts may undercount, findings still fire).
    maxEntriesPerSubject: 2_000,
    sweepPerEvent: 2,
  },
  rapidPassThrough: {
    enabled: true,
    // Issue 6 / DOMAIN.md: "money arrives and almost all of it leaves within minutes".
    inflowWindowMs: 60 * MINUTE_MS,
    leaveWithinMs: 30 * MINUTE_MS,
    minShare: 0.9,
    // Our starting point: below CNY 5,000 the pattern is everyday (paying a bill from a top-up).
    minInflowFen: 5_000 * CNY,
    severity: 'HIGH',
  },
  fanIn: {
    enabled: true,
    windowMs: 24 * HOUR_MS,
    // Our starting point: ten unrelated people paying one private account in a day is rare.
    minDistinctSenders: 10,
    minAmountFen: 500 * CNY,
    // Shops receive PAYMENTs from many customers legitimately.
    countPayments: false,
    severity: 'MEDIUM',
  },
  fanOut: {
    enabled: true,
    windowMs: 24 * HOUR_MS,
    minDistinctReceivers: 10,
    minAmountFen: 500 * CNY,
    countPayments: false,
    severity: 'MEDIUM',
  },
  structuring: {
    enabled: true,
    // PBoC Order [2016] No. 3, art. 5: cash of CNY 50,000 or more in a day is a large-value report.
    thresholdFen: 50_000 * CNY,
    // Issue 6: "just under" = at least 90% of the line.
    bandLowFen: 45_000 * CNY,
    minCount: 3,
    windowMs: 24 * HOUR_MS,
    types: ['CASH_WITHDRAWAL', 'CASH_DEPOSIT'],
    severity: 'HIGH',
  },
  nightBurst: {
    enabled: true,
    // Issue 6: 00:00-05:00 Asia/Shanghai.
    startHour: 0,
    endHour: 5,
    minCount: 5,
    minAmountFen: 100 * CNY,
    severity: 'MEDIUM',
  },
  dormantReactivated: {
    enabled: true,
    // Issue 6: no activity for 180 days or more.
    dormantMs: 180 * DAY_MS,
    activeWindowMs: 24 * HOUR_MS,
    // The cash large-value line reused as the yardstick of a "large sum".
    minAmountFen: 50_000 * CNY,
    severity: 'HIGH',
  },
  newAccountLarge: {
    enabled: true,
    // Our starting point: the first month of an account.
    maxAccountAgeMs: 30 * DAY_MS,
    windowMs: 24 * HOUR_MS,
    // Five times the CNY 10,000 daily limit of a class II account (DOMAIN.md).
    minAmountFen: 50_000 * CNY,
    severity: 'HIGH',
  },
  cashOutMulti: {
    enabled: true,
    windowMs: 24 * HOUR_MS,
    // A debit card may take at most CNY 20,000 a day at ATMs, so gangs use many machines and
    // cards; 4 ATMs, 3 cities or 3 banks in a day is our starting point.
    minDistinctAtms: 4,
    minDistinctRegions: 3,
    minDistinctBanks: 3,
    regionLevel: 'CITY',
    minAmountFen: 0,
    severity: 'HIGH',
  },
  highVelocity: {
    enabled: true,
    // Our starting point: 20 transactions in 10 minutes is faster than a person taps a phone.
    windowMs: 10 * MINUTE_MS,
    minCount: 20,
    countInboundPayments: false,
    severity: 'MEDIUM',
  },
  cycle: {
    enabled: true,
    windowMs: 24 * HOUR_MS,
    minLength: 3,
    // Issue 6: cycles up to length 4.
    maxLength: 4,
    minEdgeFen: 1_000 * CNY,
    minAmountRatio: 0.5,
    maxVisits: 2_000,
    severity: 'HIGH',
  },
  scatterGather: {
    enabled: true,
    windowMs: 24 * HOUR_MS,
    maxHopDelayMs: 2 * HOUR_MS,
    minIntermediaries: 3,
    minLegFen: 1_000 * CNY,
    minForwardShare: 0.8,
    maxVisits: 4_000,
    severity: 'HIGH',
  },
  victimWarning: {
    enabled: true,
    // Any amount: a first small "test" payment to a fraudster is the best moment to warn.
    minAmountFen: 1,
    callFromFen: 10_000 * CNY,
    visitFromFen: 50_000 * CNY,
    // Issue 6: elderly 60 or over, young 22 or under.
    elderlyFromAge: 60,
    youngUpToAge: 22,
    repeatFromWarnings: 1,
  },
} satisfies DetectionParams);

/** One level deep: each detector's block may be given in part. */
export type DetectionParamsOverrides = { readonly [K in keyof DetectionParams]?: Partial<DetectionParams[K]> };

/** Defaults (or `base`) with `overrides` merged per block, validated. */
export function detectionParams(
  overrides: DetectionParamsOverrides = {},
  base: DetectionParams = DEFAULT_DETECTION_PARAMS,
): DetectionParams {
  const merged = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(overrides)) {
    if (v !== undefined) merged[k] = { ...(base as unknown as Record<string, object>)[k], ...v };
  }
  const params = merged as unknown as DetectionParams;
  validateDetectionParams(params);
  return params;
}

/** How long entries must be kept: the longest detector span plus the allowed lateness. */
export function retentionMs(p: DetectionParams): number {
  const spans = [
    p.rapidPassThrough.enabled ? p.rapidPassThrough.inflowWindowMs : 0,
    p.fanIn.enabled ? p.fanIn.windowMs : 0,
    p.fanOut.enabled ? p.fanOut.windowMs : 0,
    p.structuring.enabled ? p.structuring.windowMs : 0,
    // A night never spans more than 24 hours.
    p.nightBurst.enabled ? DAY_MS : 0,
    p.dormantReactivated.enabled ? p.dormantReactivated.activeWindowMs : 0,
    p.newAccountLarge.enabled ? p.newAccountLarge.windowMs : 0,
    p.cashOutMulti.enabled ? p.cashOutMulti.windowMs : 0,
    p.highVelocity.enabled ? p.highVelocity.windowMs : 0,
    p.cycle.enabled ? p.cycle.windowMs : 0,
    p.scatterGather.enabled ? p.scatterGather.windowMs : 0,
  ];
  return Math.max(...spans) + p.windows.allowedLatenessMs;
}

function fail(path: string, message: string): never {
  throw new DomainError<DetectionErrorCode>('INVALID_DETECTION_PARAMS', `${path}: ${message}`, { path });
}

function positiveInt(value: number, path: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) fail(path, 'must be a positive integer');
}
function nonNegativeInt(value: number, path: string): void {
  if (!Number.isSafeInteger(value) || value < 0) fail(path, 'must be a non-negative integer');
}
function share(value: number, path: string): void {
  if (!(value > 0 && value <= 1)) fail(path, 'must be in (0, 1]');
}

/** @throws DomainError INVALID_DETECTION_PARAMS (details.path) */
export function validateDetectionParams(p: DetectionParams): void {
  const w = p.windows;
  nonNegativeInt(w.allowedLatenessMs, 'windows.allowedLatenessMs');
  positiveInt(w.idleTtlMs, 'windows.idleTtlMs');
  positiveInt(w.maxEntriesPerSubject, 'windows.maxEntriesPerSubject');
  nonNegativeInt(w.sweepPerEvent, 'windows.sweepPerEvent');
  // An evicted window's id is reused; a live entry elsewhere must never still point at it.
  if (w.idleTtlMs <= retentionMs(p)) fail('windows.idleTtlMs', `must exceed the retention of ${retentionMs(p)} ms`);

  const r = p.rapidPassThrough;
  positiveInt(r.inflowWindowMs, 'rapidPassThrough.inflowWindowMs');
  positiveInt(r.leaveWithinMs, 'rapidPassThrough.leaveWithinMs');
  share(r.minShare, 'rapidPassThrough.minShare');
  nonNegativeInt(r.minInflowFen, 'rapidPassThrough.minInflowFen');
  for (const [name, f] of [
    ['fanIn', p.fanIn],
    ['fanOut', p.fanOut],
  ] as const) {
    positiveInt(f.windowMs, `${name}.windowMs`);
    nonNegativeInt(f.minAmountFen, `${name}.minAmountFen`);
  }
  positiveInt(p.fanIn.minDistinctSenders, 'fanIn.minDistinctSenders');
  positiveInt(p.fanOut.minDistinctReceivers, 'fanOut.minDistinctReceivers');
  const s = p.structuring;
  positiveInt(s.thresholdFen, 'structuring.thresholdFen');
  nonNegativeInt(s.bandLowFen, 'structuring.bandLowFen');
  if (s.bandLowFen >= s.thresholdFen) fail('structuring.bandLowFen', 'must be below thresholdFen');
  positiveInt(s.minCount, 'structuring.minCount');
  positiveInt(s.windowMs, 'structuring.windowMs');
  const n = p.nightBurst;
  for (const [k, h] of [
    ['startHour', n.startHour],
    ['endHour', n.endHour],
  ] as const) {
    if (!Number.isInteger(h) || h < 0 || h > 23) fail(`nightBurst.${k}`, 'must be an hour 0..23');
  }
  if (n.startHour === n.endHour) fail('nightBurst.endHour', 'must differ from startHour');
  positiveInt(n.minCount, 'nightBurst.minCount');
  const d = p.dormantReactivated;
  positiveInt(d.dormantMs, 'dormantReactivated.dormantMs');
  positiveInt(d.activeWindowMs, 'dormantReactivated.activeWindowMs');
  const a = p.newAccountLarge;
  positiveInt(a.maxAccountAgeMs, 'newAccountLarge.maxAccountAgeMs');
  positiveInt(a.windowMs, 'newAccountLarge.windowMs');
  const c = p.cashOutMulti;
  positiveInt(c.windowMs, 'cashOutMulti.windowMs');
  positiveInt(c.minDistinctAtms, 'cashOutMulti.minDistinctAtms');
  positiveInt(c.minDistinctRegions, 'cashOutMulti.minDistinctRegions');
  positiveInt(c.minDistinctBanks, 'cashOutMulti.minDistinctBanks');
  positiveInt(p.highVelocity.windowMs, 'highVelocity.windowMs');
  positiveInt(p.highVelocity.minCount, 'highVelocity.minCount');
  const y = p.cycle;
  positiveInt(y.windowMs, 'cycle.windowMs');
  if (!Number.isInteger(y.minLength) || y.minLength < 2) fail('cycle.minLength', 'must be at least 2');
  if (!Number.isInteger(y.maxLength) || y.maxLength < y.minLength || y.maxLength > 6) {
    fail('cycle.maxLength', 'must be minLength..6');
  }
  share(y.minAmountRatio, 'cycle.minAmountRatio');
  positiveInt(y.maxVisits, 'cycle.maxVisits');
  const g = p.scatterGather;
  positiveInt(g.windowMs, 'scatterGather.windowMs');
  positiveInt(g.maxHopDelayMs, 'scatterGather.maxHopDelayMs');
  positiveInt(g.minIntermediaries, 'scatterGather.minIntermediaries');
  share(g.minForwardShare, 'scatterGather.minForwardShare');
  positiveInt(g.maxVisits, 'scatterGather.maxVisits');
  const v = p.victimWarning;
  nonNegativeInt(v.minAmountFen, 'victimWarning.minAmountFen');
  if (!(v.minAmountFen <= v.callFromFen && v.callFromFen <= v.visitFromFen)) {
    fail('victimWarning.callFromFen', 'must satisfy minAmountFen <= callFromFen <= visitFromFen');
  }
  if (v.youngUpToAge >= v.elderlyFromAge) fail('victimWarning.youngUpToAge', 'must be below elderlyFromAge');
}
