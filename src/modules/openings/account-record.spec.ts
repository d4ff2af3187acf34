import { createHash } from 'node:crypto';
import { makeResidentId } from '../../domain/identity/national-id-factory.js';
import { makeUscc } from '../../domain/identity/uscc.js';
import { RowRejection } from '../../domain/records/record-fields.js';
import { profileOfRecord, readAccountRecord, toBankAccount } from './account-record.js';

const now = new Date('2026-11-21T02:00:00Z');
/** A stand-in for the keyed blind index: a one-way hash of kind and value. */
const blind = (kind: string, value: string): string => createHash('sha256').update(`${kind}:${value}`).digest('hex');
const key = (kind: string, value: string): string => blind(kind, value);
const id = makeResidentId({ divisionCode: '440305', birthDate: '1985-06-15', sequence: 3 });

function rejection(row: Record<string, unknown>): { code: string; field?: string } {
  try {
    readAccountRecord(row, now);
  } catch (e) {
    if (e instanceof RowRejection) return { code: e.code, ...(e.field ? { field: e.field } : {}) };
    throw e;
  }
  throw new Error('accepted');
}

describe('readAccountRecord', () => {
  it('normalises a person row: bank code, account digits, phone, address, a date read as midnight in China', () => {
    const rec = readAccountRecord({ bankCode: 'icbc', accountNumber: '6222 0202 0011 2233', idNumber: id.toLowerCase(), phone: '+86 139-0000-1111', address: '深圳市 南山区（科技园）1号', openedAt: '2026-01-02', accountClass: 'ii' }, now);
    expect(rec).toMatchObject({ bankCode: 'ICBC', accountNumber: '6222020200112233', holderType: 'PERSON', idType: 'RESIDENT_ID', accountClass: 'II', birthDate: '1985-06-15', nationality: 'CHN' });
    expect(rec.phone?.value).toBe('13900001111');
    expect(rec.address).toBe('深圳市南山区科技园1号');
    expect(rec.openedAt.toISOString()).toBe('2026-01-01T16:00:00.000Z');
    expect(rec.idExpiry).toBeUndefined();
  });

  it('reads a company with its legal representative', () => {
    const uscc = makeUscc({ organisationCodeBody: 'MA5F0001', divisionCode: '440300' });
    const rep = makeResidentId({ divisionCode: '110105', birthDate: '1970-01-01' });
    const rec = readAccountRecord({ bankCode: 'ICBC', accountNumber: '6222020200112233', holderType: 'ENTITY', uscc, legalRepName: '李四', legalRepIdNumber: rep, openedAt: '2026-01-02T10:00:00+08:00' }, now);
    expect(rec).toMatchObject({ holderType: 'ENTITY', idType: 'USCC', accountClass: null, legalRepresentative: { name: '李四' } });
    const profile = profileOfRecord(rec, blind);
    expect(profile).toMatchObject({ type: 'ENTITY', uscc, id: { kind: 'USCC', key: key('USCC', uscc) }, legalRepresentative: { id: { kind: 'RESIDENT_ID', key: key('RESIDENT_ID', rep) } } });
  });

  it('names the field of every bad row', () => {
    const base = { bankCode: 'ICBC', accountNumber: '6222020200112233', idNumber: id, openedAt: '2026-01-02' };
    expect(rejection({ ...base, colour: 'blue' })).toEqual({ code: 'UNKNOWN_FIELD', field: 'colour' });
    expect(rejection({ ...base, idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') })).toEqual({ code: 'INVALID_RESIDENT_ID', field: 'idNumber' });
    expect(rejection({ ...base, openedAt: '2027-01-01' })).toEqual({ code: 'INVALID_DATE', field: 'openedAt' });
    expect(rejection({ ...base, openedAt: '2026-02-30' })).toEqual({ code: 'INVALID_DATE', field: 'openedAt' });
    expect(rejection({ ...base, openedAt: undefined })).toEqual({ code: 'MISSING_FIELD', field: 'openedAt' });
    expect(rejection({ ...base, bankCode: 'BANK-1' })).toEqual({ code: 'INVALID_BANK_CODE', field: 'bankCode' });
    expect(rejection({ ...base, idType: 'PASSPORT', idNumber: 'E1234567' })).toEqual({ code: 'MISSING_FIELD', field: 'nationality' });
    expect(rejection({ ...base, holderType: 'ENTITY', idNumber: undefined })).toEqual({ code: 'MISSING_FIELD', field: 'uscc' });
    expect(rejection({ ...base, holderType: 'ENTITY', idNumber: undefined, uscc: makeUscc({ organisationCodeBody: 'MA5F0001' }), legalRepName: '李四' })).toEqual({ code: 'MISSING_FIELD', field: 'legalRepIdNumber' });
    expect(rejection({ ...base, screeningId: 'not-a-uuid' })).toEqual({ code: 'INVALID_FIELD', field: 'screeningId' });
  });
});

describe('toBankAccount and profileOfRecord', () => {
  it('keeps identifiers as blind indexes and masked forms only', () => {
    const rec = readAccountRecord({ bankCode: 'ICBC', accountNumber: '6222020200112233', idNumber: id, holderName: '王小明', phone: '13900001111', deviceId: 'DEV-0001-abcd', address: '深圳市南山区1号', openedAt: '2026-01-02', idExpiry: 'LONG_TERM' }, now);
    const row = toBankAccount(rec, '00000000-0000-4000-8000-000000000001', 'OPENING', blind, now);
    expect(row).toMatchObject({ holderKey: key('RESIDENT_ID', id), phoneKey: key('PHONE', '13900001111'), deviceKey: key('DEVICE', 'dev-0001-abcd'), addressKey: key('ADDRESS', '深圳市南山区1号'), source: 'OPENING' });
    expect(row.holderMasked).toBe(`440305********${id.slice(-4)}`);
    expect(JSON.stringify(row)).not.toContain(id.slice(6, 14));
    const profile = profileOfRecord(rec, blind);
    expect(profile).toMatchObject({ type: 'PERSON', name: '王小明', birthDate: '1985-06-15', householdProvinceCode: '44', idExpiry: null, phone: { key: key('PHONE', '13900001111'), masked: '139****1111' } });
  });
});
