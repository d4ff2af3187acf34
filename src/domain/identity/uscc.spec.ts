import fc from 'fast-check';
import { DomainError } from '../domain-error.js';
import {
  isValidUscc,
  makeUscc,
  maskUscc,
  organisationCodeCheckChar,
  parseUscc,
  USCC_ALPHABET,
  usccCheckChar,
  type UsccRejection,
} from './uscc.js';

const EXAMPLE = '91350100M000100Y43';

function rejection(raw: string): UsccRejection | undefined {
  try {
    parseUscc(raw);
    return undefined;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    expect(err.code).toBe('INVALID_USCC');
    return err.details?.['reason'] as UsccRejection;
  }
}

const usccCharArb = fc.constantFrom(...USCC_ALPHABET);
const specArb = fc.record({
  registrationAuthority: fc.constantFrom('1', '5', '9', 'Y'),
  entityType: fc.constantFrom('1', '2', '3', '9'),
  divisionCode: fc.constantFrom('110105', '350100', '440300', '310115'),
  organisationCodeBody: fc.string({ unit: usccCharArb, minLength: 8, maxLength: 8 }),
});

describe('parseUscc', () => {
  it('accepts the GB 32100 example and passes both check characters', () => {
    const parsed = parseUscc(EXAMPLE);
    expect(parsed).toMatchObject({
      code: EXAMPLE,
      registrationAuthority: { code: '9', name: '工商' },
      entityType: { code: '1', name: '企业' },
      divisionCode: '350100',
      organisationCode: 'M000100Y4',
      organisationCodeValid: true,
      checkChar: '3',
    });
    expect(parsed.division).toMatchObject({ province: '福建省', city: '福州市', resolved: 'CITY' });
    expect(organisationCodeCheckChar('M000100Y')).toBe('4');
    expect(usccCheckChar(EXAMPLE.slice(0, 17))).toBe('3');
  });

  it('normalises lower case, spaces and full-width characters', () => {
    expect(parseUscc(' 91350100m000100y43 ').code).toBe(EXAMPLE);
    expect(parseUscc('９１３５０１００Ｍ０００１００Ｙ４３').code).toBe(EXAMPLE);
  });

  it('rejects every single-character change of the example', () => {
    const candidates = `${USCC_ALPHABET}IOSVZ`;
    for (let i = 0; i < EXAMPLE.length; i++) {
      for (const c of candidates) {
        if (c === EXAMPLE[i]) continue;
        const changed = EXAMPLE.slice(0, i) + c + EXAMPLE.slice(i + 1);
        expect([changed, isValidUscc(changed)]).toEqual([changed, false]);
      }
    }
  });

  it('rejects every single-character change of any generated code (property)', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 17 }), usccCharArb, (spec, position, replacement) => {
        const code = makeUscc(spec);
        fc.pre(code[position] !== replacement);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        // Even with the organisation-code gate off, the MOD 31 check alone catches it.
        return !isValidUscc(changed, { organisationCodeCheck: 'SIGNAL' });
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips codes built by the factory (property)', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const parsed = parseUscc(makeUscc(spec));
        expect(parsed.registrationAuthority.code).toBe(spec.registrationAuthority);
        expect(parsed.divisionCode).toBe(spec.divisionCode);
        expect(parsed.organisationCodeValid).toBe(true);
      }),
    );
  });

  it.each([
    ['', 'FORMAT'],
    ['91350100M000100Y4', 'FORMAT'],
    ['91350100M000100Y433', 'FORMAT'],
    ['91350100I000100Y43', 'FORMAT'], // I is outside the alphabet
    ['91350100M000100Y4Z', 'FORMAT'],
    ['91350100M000100Y44', 'CHECKSUM'],
  ] as const)('rejects %j with %s', (raw, reason) => {
    expect(rejection(raw)).toBe(reason);
  });

  it('gates on the organisation-code check by default and reports it as a signal on request', () => {
    // Wrong organisation check character ('5' instead of '4') but a correct final MOD 31 character.
    const first17 = '91350100M000100Y5';
    const code = first17 + usccCheckChar(first17);
    expect(rejection(code)).toBe('ORGANISATION_CODE');
    const parsed = parseUscc(code, { organisationCodeCheck: 'SIGNAL' });
    expect(parsed.organisationCodeValid).toBe(false);
  });

  it('reports unknown authority and entity-type codes without names', () => {
    const code = makeUscc({ registrationAuthority: 'B', entityType: 'K', divisionCode: '999999', organisationCodeBody: '12345678' });
    const parsed = parseUscc(code);
    expect(parsed.registrationAuthority).toEqual({ code: 'B' });
    expect(parsed.entityType).toEqual({ code: 'K' });
    expect(parsed.division).toBeUndefined();
  });

  it('masks all but the division prefix and the last two characters', () => {
    expect(maskUscc(EXAMPLE)).toBe('913501**********43');
  });
});
