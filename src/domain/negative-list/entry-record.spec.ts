import { RowRejection } from '../records/record-fields.js';
import { parseEntryRecord } from './entry-record.js';

const NOW = new Date('2026-11-21T02:00:00Z');
const base = { subjectType: 'PERSON', idNumber: '11010519491231002x', name: '张伟', category: 'account_seller', fraudType: 'ORDER_BRUSHING', legalBasis: '认定书' };

function rejection(r: Record<string, unknown>): { code: string; field?: string } {
  try {
    parseEntryRecord(r, NOW);
  } catch (e) {
    if (e instanceof RowRejection) return { code: e.code, ...(e.field ? { field: e.field } : {}) };
    throw e;
  }
  throw new Error('accepted');
}

describe('parseEntryRecord', () => {
  it('normalises a CSV-style person row', () => {
    const d = parseEntryRecord({ ...base, measures: 'non_counter_suspended; NO_NEW_ACCOUNTS', effectiveFrom: '2026-11-01', externalRef: ' R-1 ' }, NOW);
    expect(d.subject.identifier).toMatchObject({ kind: 'RESIDENT_ID', value: '11010519491231002X', masked: '110105********002X' });
    expect(d.subject.birthDate).toBe('1949-12-31');
    expect(d.category).toBe('ACCOUNT_SELLER');
    expect(d.measures).toEqual(['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED']);
    expect(d.requestedFrom.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(d.externalRef).toBe('R-1');
    expect(d.expiresAt).toBeNull();
  });

  it('accepts foreigners by document with nationality and birth date, and the other subject types', () => {
    const f = parseEntryRecord({ ...base, idNumber: '', documentNumber: 'e 1234-5678', nationality: 'usa', name: 'John Smith', birthDate: '1980-02-29' }, NOW);
    expect(f.subject.identifier).toMatchObject({ kind: 'FOREIGN_DOC', value: 'USA:E12345678' });
    expect(parseEntryRecord({ ...base, idNumber: undefined, name: undefined, subjectType: 'PHONE', phone: '+86 138-0013-8000' }, NOW).subject.identifier.value).toBe('13800138000');
    expect(parseEntryRecord({ ...base, idNumber: undefined, name: undefined, subjectType: 'ACCOUNT', bankCode: 'icbc', accountNumber: '6222 0200 0000 0000 000' }, NOW).subject.identifier.value).toBe('ICBC:6222020000000000000');
    expect(parseEntryRecord({ ...base, idNumber: undefined, name: undefined, subjectType: 'DEVICE', device: 'A1B2C3D4E5F6' }, NOW).subject.identifier.value).toBe('a1b2c3d4e5f6');
  });

  it('rejects rows with a stable code and the field at fault', () => {
    expect(rejection({ ...base, idNumber: '110105194912310021' })).toEqual({ code: 'INVALID_RESIDENT_ID', field: 'idNumber' });
    expect(rejection({ ...base, name: '' })).toEqual({ code: 'MISSING_FIELD', field: 'name' });
    expect(rejection({ ...base, category: 'SPAMMER' })).toEqual({ code: 'INVALID_FIELD', field: 'category' });
    expect(rejection({ ...base, phone: '13800138000' })).toEqual({ code: 'INVALID_FIELD', field: 'phone' });
    expect(rejection({ ...base, birthDate: '1950-01-01' })).toEqual({ code: 'INVALID_FIELD', field: 'birthDate' });
    expect(rejection({ ...base, expiresAt: '2026-01-01' })).toEqual({ code: 'INVALID_TERM', field: 'expiresAt' });
    expect(rejection({ ...base, effectiveFrom: '2026-02-30' })).toEqual({ code: 'INVALID_DATE', field: 'effectiveFrom' });
    expect(rejection({ ...base, colour: 'red' })).toEqual({ code: 'UNKNOWN_FIELD', field: 'colour' });
    expect(rejection({ ...base, measures: ['NO_NEW_ACCOUNTS', 'FREEZE'] })).toEqual({ code: 'INVALID_FIELD', field: 'measures' });
  });
});
