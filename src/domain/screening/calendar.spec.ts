import { DomainError } from '../domain-error.js';
import { ageInYears, calendarDate, isDocumentExpired } from './calendar.js';

describe('calendarDate', () => {
  it('uses China Standard Time: 15:59:59Z is still the same day, 16:00Z is the next', () => {
    expect(calendarDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(calendarDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
  it('takes another offset', () => {
    expect(calendarDate(new Date('2026-03-01T16:00:00Z'), 0)).toBe('2026-03-01');
  });
  it('rejects an invalid date', () => {
    expect(() => calendarDate(new Date('nope'))).toThrow(DomainError);
  });
});

describe('ageInYears', () => {
  it('the day before the 16th birthday -> 15, on it -> 16', () => {
    expect(ageInYears('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageInYears('2010-06-15', '2026-06-15')).toBe(16);
  });
  it('25 on the day before the 26th birthday, 26 on it', () => {
    expect(ageInYears('2000-01-01', '2025-12-31')).toBe(25);
    expect(ageInYears('2000-01-01', '2026-01-01')).toBe(26);
  });
  it('a 29 February birth completes the year on 1 March in a common year, on 29 February in a leap year', () => {
    expect(ageInYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageInYears('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageInYears('2008-02-29', '2028-02-29')).toBe(20);
  });
  it('is 0 on the birth date and refuses births after the date', () => {
    expect(ageInYears('2026-05-05', '2026-05-05')).toBe(0);
    expect(() => ageInYears('2026-05-06', '2026-05-05')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });
  it('refuses impossible dates', () => {
    expect(() => ageInYears('2001-02-29', '2026-01-01')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() => ageInYears('2001-13-01', '2026-01-01')).toThrow(DomainError);
    expect(() => ageInYears('20010101', '2026-01-01')).toThrow(DomainError);
  });
});

describe('isDocumentExpired', () => {
  it('valid on the expiry day, expired the day after', () => {
    expect(isDocumentExpired('2026-11-30', '2026-11-30')).toBe(false);
    expect(isDocumentExpired('2026-11-30', '2026-12-01')).toBe(true);
  });
  it('a long-term document never expires', () => {
    expect(isDocumentExpired(null, '2099-12-31')).toBe(false);
  });
  it('refuses malformed dates', () => {
    expect(() => isDocumentExpired('2026-02-30', '2026-01-01')).toThrow(DomainError);
    expect(() => isDocumentExpired(null, 'tomorrow')).toThrow(DomainError);
  });
});
