import { DomainError } from '../domain-error.js';
import { resolveEntryTerm } from './entry-term.js';

const at = (s: string): Date => new Date(s);
// 10:00 Shanghai on 2026-11-21: the first full day is 22 November, so terms end at a Shanghai midnight.
const FROM = at('2026-11-21T02:00:00.000Z');

describe('resolveEntryTerm', () => {
  it('gives a designated card seller 2 years and a convicted person 3', () => {
    const seller = resolveEntryTerm({ subjectType: 'PERSON', category: 'ACCOUNT_SELLER', requestedFrom: FROM, expiresAt: null, existing: [] });
    expect(seller).toMatchObject({ basis: 'JOINT_PUNISHMENT_CARD_SELLER', chained: false, clipped: false });
    expect(seller.to!.toISOString()).toBe('2028-11-21T16:00:00.000Z');
    const convicted = resolveEntryTerm({ subjectType: 'PERSON', category: 'CONVICTED_FRAUDSTER', requestedFrom: FROM, expiresAt: null, existing: [] });
    expect(convicted.basis).toBe('JOINT_PUNISHMENT_CONVICTED');
    expect(convicted.to!.toISOString()).toBe('2029-11-21T16:00:00.000Z');
  });

  it('chains a new listing onto the current term', () => {
    const first = resolveEntryTerm({ subjectType: 'PERSON', category: 'ACCOUNT_SELLER', requestedFrom: FROM, expiresAt: null, existing: [] });
    const second = resolveEntryTerm({ subjectType: 'PERSON', category: 'CONVICTED_FRAUDSTER', requestedFrom: at('2027-06-01T00:00:00Z'), expiresAt: null, existing: [{ from: first.from, to: first.to! }] });
    expect(second).toMatchObject({ chained: true, clipped: false });
    expect(second.from.toISOString()).toBe(first.to!.toISOString());
    // 2 + 3 years = exactly the 5-year cap from the run's start.
    expect(second.to!.toISOString()).toBe('2031-11-21T16:00:00.000Z');
  });

  it('clips a chained term at 5 consecutive years, then refuses any further chaining', () => {
    const first = resolveEntryTerm({ subjectType: 'PERSON', category: 'CONVICTED_FRAUDSTER', requestedFrom: FROM, expiresAt: null, existing: [] });
    const second = resolveEntryTerm({ subjectType: 'PERSON', category: 'CONVICTED_FRAUDSTER', requestedFrom: at('2027-01-01T00:00:00Z'), expiresAt: null, existing: [{ from: first.from, to: first.to! }] });
    expect(second).toMatchObject({ chained: true, clipped: true });
    expect(second.to!.toISOString()).toBe('2031-11-21T16:00:00.000Z');
    const existing = [{ from: first.from, to: first.to! }, { from: second.from, to: second.to! }];
    expect(() => resolveEntryTerm({ subjectType: 'PERSON', category: 'ACCOUNT_SELLER', requestedFrom: at('2028-01-01T00:00:00Z'), expiresAt: null, existing })).toThrow(
      expect.objectContaining({ code: 'NEGATIVE_LIST_TERM_CAP_REACHED' }) as DomainError,
    );
  });

  it('starts a fresh run after a gap', () => {
    const old = { from: at('2020-01-01T00:00:00Z'), to: at('2023-01-01T00:00:00Z') };
    const t = resolveEntryTerm({ subjectType: 'PERSON', category: 'CONVICTED_FRAUDSTER', requestedFrom: FROM, expiresAt: null, existing: [old] });
    expect(t).toMatchObject({ chained: false, clipped: false });
    expect(t.from).toEqual(FROM);
  });

  it('takes a given expiry as given, unless the consecutive run would pass 5 years', () => {
    const given = resolveEntryTerm({ subjectType: 'PERSON', category: 'ACCOUNT_SELLER', requestedFrom: FROM, expiresAt: at('2027-11-21T00:00:00Z'), existing: [] });
    expect(given).toMatchObject({ basis: 'GIVEN', to: at('2027-11-21T00:00:00Z') });
    expect(() => resolveEntryTerm({ subjectType: 'PERSON', category: 'ACCOUNT_SELLER', requestedFrom: FROM, expiresAt: at('2032-01-01T00:00:00Z'), existing: [] })).toThrow(DomainError);
  });

  it('leaves categories without a statutory term open-ended, and never chains non-persons', () => {
    expect(resolveEntryTerm({ subjectType: 'PERSON', category: 'FRAUD_SUSPECT', requestedFrom: FROM, expiresAt: null, existing: [] })).toMatchObject({ basis: 'OPEN_ENDED', to: null });
    expect(resolveEntryTerm({ subjectType: 'ACCOUNT', category: 'ACCOUNT_SELLER', requestedFrom: FROM, expiresAt: null, existing: [] })).toMatchObject({ basis: 'OPEN_ENDED', to: null });
  });
});
