import { DomainError } from '../domain-error.js';
import { DEFAULT_DETECTION_PARAMS, detectionParams, retentionMs, validateDetectionParams } from './detection-params.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './event-time.js';

function path(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof DomainError && err.code === 'INVALID_DETECTION_PARAMS') return err.details?.['path'];
    throw err;
  }
}

describe('detection params', () => {
  it('defaults are valid and frozen all the way down', () => {
    expect(() => validateDetectionParams(DEFAULT_DETECTION_PARAMS)).not.toThrow();
    expect(Object.isFrozen(DEFAULT_DETECTION_PARAMS.fanIn)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DETECTION_PARAMS.structuring.types)).toBe(true);
  });

  it('retention is the longest span plus lateness', () => {
    expect(retentionMs(DEFAULT_DETECTION_PARAMS)).toBe(DAY_MS + 10 * MINUTE_MS);
    const short = detectionParams({
      fanIn: { windowMs: HOUR_MS },
      fanOut: { enabled: false },
      structuring: { enabled: false },
      nightBurst: { enabled: false },
      dormantReactivated: { enabled: false },
      newAccountLarge: { enabled: false },
      cashOutMulti: { enabled: false },
      cycle: { enabled: false },
      scatterGather: { enabled: false },
    });
    expect(retentionMs(short)).toBe(HOUR_MS + 10 * MINUTE_MS);
  });

  it('merges overrides per block and leaves the defaults alone', () => {
    const p = detectionParams({ fanIn: { minDistinctSenders: 5 } });
    expect(p.fanIn).toMatchObject({ minDistinctSenders: 5, windowMs: DAY_MS });
    expect(DEFAULT_DETECTION_PARAMS.fanIn.minDistinctSenders).toBe(10);
  });

  it.each([
    ['an idle TTL not beyond the retention', { windows: { idleTtlMs: DAY_MS + 10 * MINUTE_MS } }, 'windows.idleTtlMs'],
    ['a zero cap', { windows: { maxEntriesPerSubject: 0 } }, 'windows.maxEntriesPerSubject'],
    ['a share above 1', { rapidPassThrough: { minShare: 1.5 } }, 'rapidPassThrough.minShare'],
    ['a band above the line', { structuring: { bandLowFen: 5_000_000 } }, 'structuring.bandLowFen'],
    ['a fractional amount', { fanIn: { minAmountFen: 0.5 } }, 'fanIn.minAmountFen'],
    ['hour 24', { nightBurst: { endHour: 24 } }, 'nightBurst.endHour'],
    ['a cycle of 1', { cycle: { minLength: 1 } }, 'cycle.minLength'],
    ['grades out of order', { victimWarning: { callFromFen: 10_000_000 } }, 'victimWarning.callFromFen'],
    ['young above elderly', { victimWarning: { youngUpToAge: 60 } }, 'victimWarning.youngUpToAge'],
  ])('rejects %s', (_label, overrides, expected) => {
    expect(path(() => detectionParams(overrides))).toBe(expected);
  });
});
