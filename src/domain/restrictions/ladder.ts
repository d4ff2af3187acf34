/**
 * The restriction ladder (分类分级管控), mild to severe, and the vocabulary an operation is
 * described in. The order follows DOMAIN.md: 加强监测 → 限额 → 暂停非柜面 → 只收不付 → 冻结.
 * Each level includes the milder ones (a frozen account is also monitored).
 *
 * NO_NEW_ACCOUNTS is not a rung: it restricts a person (or entity) from opening accounts and
 * says nothing about operations on existing accounts, so it is kept as a separate measure.
 */

export const LEVELS = [
  'ENHANCED_MONITORING',
  'LIMITED_NON_COUNTER',
  'NON_COUNTER_SUSPENDED',
  'RECEIVE_ONLY',
  'FROZEN',
] as const;

export type RestrictionLevel = (typeof LEVELS)[number];

export const PERSON_MEASURES = ['NO_NEW_ACCOUNTS'] as const;
export type PersonMeasure = (typeof PERSON_MEASURES)[number];

/** What an order may impose: a rung of the ladder or the person-level measure. */
export type RestrictionMeasure = RestrictionLevel | PersonMeasure;
export const MEASURES: readonly RestrictionMeasure[] = [...LEVELS, ...PERSON_MEASURES];

/** COUNTER is the only counter (柜面) channel: in person, identity verified by staff. */
export const CHANNELS = ['COUNTER', 'ATM', 'MOBILE', 'ONLINE', 'POS', 'THIRD_PARTY'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['IN', 'OUT'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * Withholdings the joint punishment measures keep working while non-counter outflow is
 * restricted (tax, social security, utilities).
 */
export const EXEMPT_PURPOSES = ['TAX', 'SOCIAL_SECURITY', 'UTILITY'] as const;
export type ExemptPurpose = (typeof EXEMPT_PURPOSES)[number];

const RANK: ReadonlyMap<string, number> = new Map(LEVELS.map((level, index) => [level, index]));

export function isRestrictionLevel(value: unknown): value is RestrictionLevel {
  return typeof value === 'string' && RANK.has(value);
}

export function isPersonMeasure(value: unknown): value is PersonMeasure {
  return value === 'NO_NEW_ACCOUNTS';
}

export function isRestrictionMeasure(value: unknown): value is RestrictionMeasure {
  return isRestrictionLevel(value) || isPersonMeasure(value);
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isDirection(value: unknown): value is Direction {
  return value === 'IN' || value === 'OUT';
}

export function isCounterChannel(channel: Channel): boolean {
  return channel === 'COUNTER';
}

export function isExemptPurpose(code: string | undefined | null): code is ExemptPurpose {
  return typeof code === 'string' && (EXEMPT_PURPOSES as readonly string[]).includes(code);
}

/** 0 for ENHANCED_MONITORING up to 4 for FROZEN; -1 for "no restriction" (null). */
export function levelRank(level: RestrictionLevel | null): number {
  return level === null ? -1 : (RANK.get(level) as number);
}

/** Negative when a is milder than b, 0 when equal, positive when more severe. null is mildest. */
export function compareLevels(a: RestrictionLevel | null, b: RestrictionLevel | null): number {
  return levelRank(a) - levelRank(b);
}

/** The most severe level in the list, or null when the list holds no level. */
export function mostSevere(levels: Iterable<RestrictionLevel | null>): RestrictionLevel | null {
  let worst: RestrictionLevel | null = null;
  for (const level of levels) {
    if (compareLevels(level, worst) > 0) worst = level;
  }
  return worst;
}

/**
 * Orders that stop non-counter business or more need a second person (a supervisor who is not
 * the issuer). NO_NEW_ACCOUNTS also does: it bars a person at every member bank, a punishment
 * at least as heavy as suspending non-counter business. The exemptions (police orders, orders
 * derived from regulator entries) are configuration and belong to the service.
 */
export function requiresFourEyes(measure: RestrictionMeasure): boolean {
  if (isPersonMeasure(measure)) return true;
  return compareLevels(measure, 'NON_COUNTER_SUSPENDED') >= 0;
}
