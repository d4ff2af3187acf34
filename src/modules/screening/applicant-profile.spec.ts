import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/domain-error.js';
import { makeResidentId } from '../../domain/identity/national-id-factory.js';
import { makeUscc } from '../../domain/identity/uscc.js';
import { buildApplicantProfile, type ApplicantInput } from './applicant-profile.js';

const now = new Date('2026-11-21T02:00:00Z');
const today = '2026-11-21';
/** A stand-in for the keyed blind index: a one-way hash of kind and value. */
const blind = (kind: string, value: string): string => createHash('sha256').update(`${kind}:${value}`).digest('hex');
const key = (kind: string, value: string): string => blind(kind, value);

function code(input: ApplicantInput): string {
  try {
    buildApplicantProfile(input, now, today, blind);
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'ACCEPTED';
}

describe('buildApplicantProfile', () => {
  it('keeps a resident ID as key and masked form, with birth date and home province from the number', () => {
    const id = makeResidentId({ divisionCode: '450103', birthDate: '2006-04-04', sex: 'FEMALE' });
    const { profile, probe } = buildApplicantProfile({ type: 'PERSON', name: ' 覃小燕 ', idType: 'RESIDENT_ID', idNumber: id, idExpiry: 'LONG_TERM', phone: '+86 137 1111 2222', deviceId: 'Dev-42-abcdef', address: '深圳市 南山区 1号' }, now, today, blind);
    expect(profile).toMatchObject({
      type: 'PERSON',
      name: '覃小燕',
      id: { kind: 'RESIDENT_ID', key: key('RESIDENT_ID', id), masked: `450103********${id.slice(-4)}` },
      birthDate: '2006-04-04',
      householdProvinceCode: '45',
      nationality: 'CHN',
      idExpiry: null,
      phone: { key: key('PHONE', '13711112222'), masked: '137****2222' },
      device: { key: key('DEVICE', 'dev-42-abcdef') },
      addressKey: key('ADDRESS', '深圳市南山区1号'),
    });
    expect(JSON.stringify(profile)).not.toContain(id);
    // The probe carries the normal forms for the negative list while the application is at hand.
    expect(probe.applicant).toEqual({ kind: 'RESIDENT_ID', key: key('RESIDENT_ID', id), value: id });
    expect(probe.phone?.value).toBe('13711112222');
  });

  it('keys other documents by nationality and number, and needs both and a birth date', () => {
    const { profile } = buildApplicantProfile({ type: 'PERSON', name: 'John Smith', idType: 'PASSPORT', idNumber: 'e 1234-5678', nationality: 'usa', birthDate: '1990-01-31', idExpiry: '2030-01-01' }, now, today, blind);
    expect(profile).toMatchObject({ id: { kind: 'FOREIGN_DOC', key: key('FOREIGN_DOC', 'USA:E12345678') }, nationality: 'USA', birthDate: '1990-01-31', householdProvinceCode: null, idExpiry: '2030-01-01' });
    expect(code({ type: 'PERSON', name: 'x', idType: 'PASSPORT', idNumber: 'E12345678', birthDate: '1990-01-31', idExpiry: '2030-01-01' })).toBe('VALIDATION_FAILED');
    expect(code({ type: 'PERSON', name: 'x', idType: 'PASSPORT', idNumber: 'E12345678', nationality: 'USA', idExpiry: '2030-01-01' })).toBe('VALIDATION_FAILED');
    expect(code({ type: 'PERSON', name: 'x', idType: 'PASSPORT', idNumber: 'E12345678', nationality: 'USA', birthDate: '2027-01-01', idExpiry: '2030-01-01' })).toBe('INVALID_IDENTIFIER');
    expect(code({ type: 'PERSON', name: 'x', idType: 'RESIDENT_ID', idNumber: '440305199001011234', idExpiry: '2030-01-01' })).toBe('INVALID_IDENTIFIER');
  });

  it('keys a company by USCC (kept in clear: public registration data) and its legal representative by ID', () => {
    const uscc = makeUscc({ organisationCodeBody: 'MA5F0003', divisionCode: '440300' });
    const rep = makeResidentId({ divisionCode: '440304', birthDate: '1975-02-02' });
    const { profile, probe } = buildApplicantProfile({ type: 'ENTITY', name: '深圳市速达科技有限公司', uscc, legalRepresentative: { name: '陈一', idNumber: rep }, registeredAddress: '深圳市福田区 2 号' }, now, today, blind);
    expect(profile).toMatchObject({ type: 'ENTITY', uscc, id: { kind: 'USCC', key: key('USCC', uscc) }, legalRepresentative: { name: '陈一', birthDate: '1975-02-02', id: { key: key('RESIDENT_ID', rep) } }, addressKey: key('ADDRESS', '深圳市福田区2号') });
    expect(probe.legalRepresentative).toEqual({ kind: 'RESIDENT_ID', key: key('RESIDENT_ID', rep), value: rep });
  });
});
