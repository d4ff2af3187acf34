/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) for companies and other organisations.
 *
 * Layout (18 characters from 0-9 A-H J-N P-R T-U W-Y, i.e. no I, O, Z, S, V):
 *   1     registration-authority code (9 = market regulation, 5 = civil affairs, 1 = establishment ...)
 *   2     entity-type code within that authority (for 9: 1 enterprise, 2 individual business, 3 co-op)
 *   3-8   division code of the registering authority (GB/T 2260)
 *   9-17  organisation code (GB 11714: 8 body characters + its own MOD 11 check character)
 *   18    check character, MOD 31 with weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
 *
 * Both check characters are gates by default. GB 32100 defines characters 9-17 as the GB 11714
 * organisation code, and the standard's example 91350100M000100Y43 passes both checks. The
 * organisation-code check can be turned into a signal (`organisationCodeCheck: 'SIGNAL'`) for data
 * sources known to carry codes whose middle part was assigned outside GB 11714.
 * The division code is informational: registering authorities keep codes that were later abolished.
 */
import { DomainError } from '../domain-error.js';
import { type DivisionNames, lookupDivision } from './division-table.js';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const USCC_PATTERN = /^[0-9A-HJ-NP-RT-UW-Y]{18}$/;

export type UsccRejection = 'FORMAT' | 'CHECKSUM' | 'ORGANISATION_CODE';

/** Names from GB 32100 appendix tables for the authority and entity-type codes. */
const AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: {} },
};

export interface ParsedUscc {
  /** Normalised code (upper case, no spaces). */
  readonly code: string;
  readonly registrationAuthority: { readonly code: string; readonly name?: string };
  readonly entityType: { readonly code: string; readonly name?: string };
  readonly divisionCode: string;
  /** Undefined when the division's province is unknown. */
  readonly division?: DivisionNames;
  /** Characters 9-17. */
  readonly organisationCode: string;
  /** Whether the organisation code's own GB 11714 check character is right. */
  readonly organisationCodeValid: boolean;
  readonly checkChar: string;
}

export interface UsccOptions {
  /** 'GATE' (default) rejects a bad GB 11714 check character; 'SIGNAL' only reports it. */
  readonly organisationCodeCheck?: 'GATE' | 'SIGNAL';
}

export function normaliseUscc(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Final check character for the first 17 characters (MOD 31). */
export function usccCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NP-RT-UW-Y]{17}$/.test(first17)) {
    throw new DomainError('INVALID_USCC', 'the body of a USCC is 17 characters of its alphabet', { reason: 'FORMAT' });
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

function orgCharValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55; // A = 10 ... Z = 35
  return -1;
}

/** GB 11714 check character for an 8-character organisation-code body. */
export function organisationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) {
    throw new DomainError('INVALID_USCC', 'an organisation-code body is 8 digits or capitals', { reason: 'FORMAT' });
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function reject(reason: UsccRejection, message: string): never {
  throw new DomainError('INVALID_USCC', message, { reason });
}

/** @throws DomainError INVALID_USCC with details.reason FORMAT | CHECKSUM | ORGANISATION_CODE */
export function parseUscc(raw: string, options: UsccOptions = {}): ParsedUscc {
  const code = normaliseUscc(raw);
  if (!USCC_PATTERN.test(code)) reject('FORMAT', 'a USCC is 18 characters from 0-9 and A-Y without I, O, S, V, Z');
  const checkChar = code[17]!;
  if (usccCheckChar(code.slice(0, 17)) !== checkChar) reject('CHECKSUM', 'the check character does not match');
  const organisationCode = code.slice(8, 17);
  const organisationCodeValid = organisationCodeCheckChar(organisationCode.slice(0, 8)) === organisationCode[8];
  if (!organisationCodeValid && (options.organisationCodeCheck ?? 'GATE') === 'GATE') {
    reject('ORGANISATION_CODE', 'the embedded organisation code has a wrong check character');
  }
  const authorityCode = code[0]!;
  const typeCode = code[1]!;
  const authority = AUTHORITIES[authorityCode];
  const authorityName = authority?.name;
  const typeName = authority?.types[typeCode];
  const divisionCode = code.slice(2, 8);
  const division = lookupDivision(divisionCode);
  return {
    code,
    registrationAuthority: { code: authorityCode, ...(authorityName !== undefined ? { name: authorityName } : {}) },
    entityType: { code: typeCode, ...(typeName !== undefined ? { name: typeName } : {}) },
    divisionCode,
    ...(division !== undefined ? { division } : {}),
    organisationCode,
    organisationCodeValid,
    checkChar,
  };
}

export function isValidUscc(raw: string, options: UsccOptions = {}): boolean {
  try {
    parseUscc(raw, options);
    return true;
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
}

export interface UsccSpec {
  /** Default '9' (market regulation). */
  readonly registrationAuthority?: string;
  /** Default '1' (enterprise). */
  readonly entityType?: string;
  /** Default '110105'. */
  readonly divisionCode?: string;
  /** 8-character organisation-code body (digits and USCC capitals); its check character is computed. */
  readonly organisationCodeBody: string;
}

/** Builds a valid USCC for tests and the simulator; both check characters are computed. */
export function makeUscc(spec: UsccSpec): string {
  const body8 = spec.organisationCodeBody;
  if (!/^[0-9A-HJ-NP-RT-UW-Y]{8}$/.test(body8)) {
    throw new DomainError('INVALID_USCC', 'organisation-code body must be 8 characters of the USCC alphabet', {
      reason: 'FORMAT',
    });
  }
  const orgCheck = organisationCodeCheckChar(body8);
  const first17 =
    (spec.registrationAuthority ?? '9') + (spec.entityType ?? '1') + (spec.divisionCode ?? '110105') + body8 + orgCheck;
  return first17 + usccCheckChar(first17);
}

/** Masks a USCC for logs: division and check character kept ('911101**********1X'). */
export function maskUscc(raw: string): string {
  const s = normaliseUscc(raw);
  if (s.length >= 12) return `${s.slice(0, 6)}${'*'.repeat(s.length - 8)}${s.slice(-2)}`;
  return '*'.repeat(s.length);
}
