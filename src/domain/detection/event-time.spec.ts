import { DomainError } from '../domain-error.js';
import fc from 'fast-check';
import { chinaDayKey, chinaDayStart, formatChinaTime, matchIso, msIntoChinaDay, parseEventTime, scanIso } from './event-time.js';

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

describe('the character scan of event times', () => {
  const piece = fc.constantFrom('2025', '1969', '0000', '-', '03', '3', '31', '29', 'T', 't', ' ', ':', '23', '24', '59', '60', '.', '1', '12', '123', '1234567890', 'Z', 'z', '+', '-', '08', '14', '15', '00', 'x', '');
  const iso = fc
    .record({
      date: fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })),
      time: fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })),
      fraction: fc.option(fc.stringMatching(/^\d{0,11}$/), { nil: undefined }),
      zone: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([s, h, m]) => `${s}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`), fc.constantFrom('', '+8', '+08', '+0800', 'ZZ')),
    })
    .map(({ date: [y, mo, d], time: [h, mi, se], fraction, zone }) => {
      const p2 = (n: number): string => String(n).padStart(2, '0');
      return `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(se)}${fraction === undefined ? '' : `.${fraction}`}${zone}`;
    });
  const fields = (f: () => unknown): unknown => {
    try {
      return f();
    } catch {
      return 'refused';
    }
  };

  it('reads every text the regular expression reads, to the same fields, and nothing it refuses', () => {
    fc.assert(
      fc.property(fc.oneof(iso, fc.array(piece, { maxLength: 14 }).map((p) => p.join('')), fc.string({ maxLength: 40 })), (text) => {
        const scanned = scanIso(text);
        if (scanned !== undefined) expect(scanned).toEqual(fields(() => matchIso(text)));
      }),
      { numRuns: 5000 },
    );
    expect(scanIso('2025-03-01T10:00:00.5+08:00')).toEqual([2025, 3, 1, 10, 0, 0, 500, 1, 8, 0]);
    expect(scanIso('2025-03-01T10:00:00.123456789Z')).toEqual([2025, 3, 1, 10, 0, 0, 123, 0, 0, 0]);
    expect(scanIso('2025-03-01T10:00:00.1234567890Z')).toBeUndefined();
    expect(() => parseEventTime('2025-03-01T10:00:00.1234567890Z')).toThrow(DomainError);
  });

  it('reads the usual forms itself, so the regular expression is left for the rest', () => {
    for (const text of ['2025-03-01T10:00:00+08:00', '2025-03-01T10:00:00.12-05:30', '2025-03-01T02:00:00Z']) {
      expect(scanIso(text)).toEqual(matchIso(text));
    }
  });
});
