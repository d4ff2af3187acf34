import { DomainError } from '../domain-error.js';
import { chinaDayKey, chinaDayStart, formatChinaTime, msIntoChinaDay, parseEventTime } from './event-time.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof DomainError ? err.code : 'NOT_A_DOMAIN_ERROR';
  }
}

describe('parseEventTime', () => {
  it('reads an offset and converts to the instant', () => {
    expect(parseEventTime('2025-03-01T10:00:00+08:00')).toBe(Date.UTC(2025, 2, 1, 2, 0, 0));
    expect(parseEventTime('2025-03-01T02:00:00Z')).toBe(Date.UTC(2025, 2, 1, 2, 0, 0));
    expect(parseEventTime('2025-02-28T21:30:00-04:30')).toBe(Date.UTC(2025, 2, 1, 2, 0, 0));
  });

  it('keeps milliseconds and truncates finer fractions', () => {
    expect(parseEventTime('2025-03-01T10:00:00.123+08:00') % 1000).toBe(123);
    expect(parseEventTime('2025-03-01T10:00:00.1+08:00') % 1000).toBe(100);
    expect(parseEventTime('2025-03-01T10:00:00.123999999+08:00') % 1000).toBe(123);
  });

  it('accepts 29 February in a leap year only', () => {
    expect(code(() => parseEventTime('2024-02-29T00:00:00+08:00'))).toBeUndefined();
    expect(code(() => parseEventTime('2025-02-29T00:00:00+08:00'))).toBe('INVALID_OCCURRED_AT');
  });

  it.each([
    ['no offset', '2025-03-01T10:00:00'],
    ['date only', '2025-03-01'],
    ['no seconds', '2025-03-01T10:00+08:00'],
    ['space separator', '2025-03-01 10:00:00+08:00'],
    ['month 13', '2025-13-01T10:00:00+08:00'],
    ['day 31 of April', '2025-04-31T10:00:00+08:00'],
    ['hour 24', '2025-03-01T24:00:00+08:00'],
    ['leap second', '2025-03-01T23:59:60+08:00'],
    ['offset beyond 14 h', '2025-03-01T10:00:00+15:00'],
    ['before 1970', '1969-12-31T23:59:59Z'],
    ['epoch number as text', '1740794400000'],
  ])('rejects %s', (_label, text) => {
    expect(code(() => parseEventTime(text))).toBe('INVALID_OCCURRED_AT');
  });
});

describe('China-time calendar helpers', () => {
  const justBeforeMidnight = parseEventTime('2025-03-01T23:59:59.999+08:00');
  const midnight = parseEventTime('2025-03-02T00:00:00+08:00');

  it('formats with +08:00 whatever the instant was written in', () => {
    expect(formatChinaTime(parseEventTime('2025-03-01T16:00:00Z'))).toBe('2025-03-02T00:00:00.000+08:00');
  });

  it('formats and parses back to the same instant', () => {
    expect(parseEventTime(formatChinaTime(justBeforeMidnight))).toBe(justBeforeMidnight);
  });

  it('splits days at China midnight, not UTC midnight', () => {
    expect(chinaDayKey(justBeforeMidnight)).toBe('20250301');
    expect(chinaDayKey(midnight)).toBe('20250302');
    expect(chinaDayStart(justBeforeMidnight + 1)).toBe(midnight);
    expect(msIntoChinaDay(midnight)).toBe(0);
    expect(msIntoChinaDay(justBeforeMidnight)).toBe(86_399_999);
  });
});
