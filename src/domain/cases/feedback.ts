/**
 * Feedback from case outcomes to the rules and detectors that raised them: of the cases a finding
 * contributed to, how many ended FALSE_POSITIVE. A rule with a high rate wastes analysts' time and
 * is a candidate for a new threshold (see the screening backtest).
 */
export interface DispositionCount {
  readonly findingCode: string;
  readonly kind: 'RULE' | 'DETECTOR';
  readonly disposition: string;
  readonly count: number;
}

export interface FalsePositiveRate {
  readonly findingCode: string;
  readonly kind: 'RULE' | 'DETECTOR';
  readonly decided: number;
  readonly falsePositives: number;
  /** falsePositives / decided, rounded to 4 decimals; null when nothing was decided. */
  readonly rate: number | null;
}

export function falsePositiveRates(counts: readonly DispositionCount[]): FalsePositiveRate[] {
  const by = new Map<string, { findingCode: string; kind: 'RULE' | 'DETECTOR'; decided: number; fp: number }>();
  for (const c of counts) {
    const key = `${c.kind}:${c.findingCode}`;
    const e = by.get(key) ?? { findingCode: c.findingCode, kind: c.kind, decided: 0, fp: 0 };
    e.decided += c.count;
    if (c.disposition === 'FALSE_POSITIVE') e.fp += c.count;
    by.set(key, e);
  }
  return [...by.values()]
    .map((e) => ({ findingCode: e.findingCode, kind: e.kind, decided: e.decided, falsePositives: e.fp, rate: e.decided === 0 ? null : Math.round((e.fp / e.decided) * 10_000) / 10_000 }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.decided - a.decided || a.findingCode.localeCompare(b.findingCode));
}
