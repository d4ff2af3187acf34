import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { compileDtoCheck, type DtoCheck } from '../../../common/validation/compiled-dto-check.js';
import { AccountOpeningScreeningDto, EntityApplicantDto, LegalRepresentativeDto, PersonApplicantDto } from './screening.dto.js';

// The options of the global validation pipe (src/common/http/validation.ts).
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false } as const;

/** The pipe's fast path: a DTO's compiled check, nested instances checked by their own class. */
const compiled = new Map<unknown, DtoCheck>();
const checkOf = (ctor: unknown): DtoCheck | null => {
  if (![AccountOpeningScreeningDto, PersonApplicantDto, EntityApplicantDto, LegalRepresentativeDto].includes(ctor as never)) return null;
  let check = compiled.get(ctor);
  if (!check) {
    check = compileDtoCheck(ctor as abstract new () => object, (value) => {
      const nested = typeof value === 'object' && value !== null ? checkOf(value.constructor) : null;
      return nested !== null && nested(value);
    });
    compiled.set(ctor, check);
  }
  return check;
};

const PERSON = { type: 'PERSON', name: '王小明', idType: 'RESIDENT_ID', idNumber: '11010519491231002X', idExpiry: '2035-06-30', phone: '13800138000' };
const ENTITY = { type: 'ENTITY', name: '深圳市某某科技有限公司', uscc: '91350100M000100Y43', legalRepresentative: { name: '李四', idNumber: '11010519491231002X' } };
const BODY = { requestId: 'r-1', branchCode: '0101', channel: 'COUNTER', requestedAccountClass: 'I', applicant: PERSON };

/**
 * A body as the JSON parser would hand it over (an undefined field is absent). Not structuredClone:
 * under Jest its objects come from another realm, which class-transformer's discriminator does not
 * recognise as plain objects.
 */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function both(raw: unknown): { fast: boolean; stock: boolean } {
  const instance = plainToInstance(AccountOpeningScreeningDto, clone(raw)) as object;
  return { fast: checkOf(AccountOpeningScreeningDto)!(instance), stock: validateSync(instance, OPTIONS).length === 0 };
}

describe('AccountOpeningScreeningDto on the compiled validation path', () => {
  it('compiles (the applicant union and IsDefined included) and accepts valid persons and companies', () => {
    expect(both(BODY)).toEqual({ fast: true, stock: true });
    const { requestedAccountClass: _, ...entityBody } = BODY;
    expect(both({ ...entityBody, applicant: ENTITY })).toEqual({ fast: true, stock: true });
    expect(both({ ...BODY, applicant: undefined })).toEqual({ fast: false, stock: false });
    expect(both({ ...entityBody, applicant: { ...ENTITY, legalRepresentative: undefined } })).toEqual({ fast: false, stock: false });
  });

  it('answers exactly as class-validator on mutated bodies', () => {
    const value = fc.constantFrom(undefined, null, '', 'x', 'PERSON', 'ENTITY', 'OTHER', 'I', 'IV', 'MOBILE', '440305', '2035-06-30', '2035-02-30', '11010519491231002X', '110105194912310021', 1, {}, []);
    const topField = fc.constantFrom('requestId', 'branchCode', 'branchRegionCode', 'channel', 'requestedAccountClass', 'applicant', 'extra');
    const applicantField = fc.constantFrom('type', 'name', 'idType', 'idNumber', 'idExpiry', 'birthDate', 'nationality', 'phone', 'uscc', 'legalRepresentative', 'deviceId', 'extra');
    const body = fc
      .record({
        entity: fc.boolean(),
        top: fc.array(fc.tuple(topField, value), { maxLength: 2 }),
        applicant: fc.array(fc.tuple(applicantField, value), { maxLength: 2 }),
        rep: fc.array(fc.tuple(fc.constantFrom('name', 'idNumber', 'idType', 'nationality', 'extra'), value), { maxLength: 1 }),
      })
      .map(({ entity, top, applicant, rep }) => {
        const b: Record<string, unknown> = clone(BODY);
        const a: Record<string, unknown> = clone(entity ? ENTITY : PERSON);
        if (entity) {
          const r = a.legalRepresentative as Record<string, unknown>;
          for (const [k, v] of rep) r[k] = v;
        }
        for (const [k, v] of applicant) a[k] = v;
        b.applicant = a;
        for (const [k, v] of top) b[k] = v;
        return b;
      });
    let accepted = 0;
    fc.assert(
      fc.property(body, (b) => {
        const { fast, stock } = both(b);
        expect(fast).toBe(stock);
        if (stock) accepted += 1;
      }),
      { numRuns: 1500 },
    );
    // Both answers occur: the property is not decided by refusals alone.
    expect(accepted).toBeGreaterThan(50);
  });
});
