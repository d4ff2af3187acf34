/**
 * Checks facts that come back from storage (JSONB) or from another process before they are
 * replayed or backtested, so one corrupt row is reported by path instead of deciding wrongly.
 * Returns a fresh copy; `null` for an unknown age is read as undefined (JSON has no undefined).
 */
import { DomainError } from '../domain-error.js';
import {
  ACCOUNT_CLASSES,
  APPLICANT_TYPES,
  CHANNELS,
  ID_TYPES,
  NEGATIVE_LIST_MATCH_TYPES,
  NEGATIVE_LIST_SUBJECT_ROLES,
  type CrossBankFacts,
  type EntityScreeningFacts,
  type EntityStatus,
  type NegativeListHitFact,
  type PersonScreeningFacts,
  type RegistryFacts,
  type ScreeningFacts,
  type SharedIdentifierFacts,
} from './facts.js';
import { isPlainObject, type ValidationIssue } from './params.js';

const ENTITY_STATUSES: readonly EntityStatus[] = ['ACTIVE', 'REVOKED', 'DEREGISTERED', 'OTHER'];
const PROVINCE_CODE = /^\d{2}$/;

class Reader {
  readonly issues: ValidationIssue[] = [];

  object(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> | undefined {
    if (!isPlainObject(value)) {
      this.issues.push({ path, message: 'must be an object' });
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) this.issues.push({ path: `${path}.${key}`, message: 'unknown field' });
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.issues.push({ path, message: `must be one of ${allowed.join(', ')}` });
    return allowed[0]!;
  }

  count(value: unknown, path: string, min = 0): number {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
    this.issues.push({ path, message: `must be an integer of at least ${min}` });
    return min;
  }

  bool(value: unknown, path: string): boolean {
    if (typeof value === 'boolean') return value;
    this.issues.push({ path, message: 'must be a boolean' });
    return false;
  }

  text(value: unknown, path: string): string {
    if (typeof value === 'string' && value.length > 0) return value;
    this.issues.push({ path, message: 'must be a non-empty string' });
    return '';
  }

  province(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && PROVINCE_CODE.test(value)) return value;
    this.issues.push({ path, message: 'must be a 2-digit province code' });
    return undefined;
  }
}

export function validateScreeningFacts(input: unknown): ScreeningFacts {
  const r = new Reader();
  const facts = readFacts(r, input);
  if (r.issues.length > 0 || facts === undefined) {
    const issues = r.issues.length > 0 ? r.issues : [{ path: '$', message: 'must be an object' }];
    const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new DomainError('INVALID_SCREENING_FACTS', `Invalid screening facts: ${shown}`, { issues });
  }
  return facts;
}

const COMMON_KEYS = ['applicantType', 'channel', 'negativeListHits', 'sharedIdentifiers', 'crossBank'] as const;
const PERSON_KEYS = [
  ...COMMON_KEYS,
  'requestedAccountClass',
  'idType',
  'ageYears',
  'householdProvinceCode',
  'branchProvinceCode',
  'idExpired',
  'personRestriction',
];
const ENTITY_KEYS = [...COMMON_KEYS, 'registry'];

function readFacts(r: Reader, input: unknown): ScreeningFacts | undefined {
  if (!isPlainObject(input)) return undefined;
  const type = r.oneOf(input.applicantType, 'applicantType', APPLICANT_TYPES);
  const o = r.object(input, '$', type === 'PERSON' ? PERSON_KEYS : ENTITY_KEYS)!;
  const channel = r.oneOf(o.channel, 'channel', CHANNELS);
  const negativeListHits = readHits(r, o.negativeListHits);
  const sharedIdentifiers = readShared(r, o.sharedIdentifiers);

  if (type === 'ENTITY') {
    const entity: EntityScreeningFacts = {
      applicantType: 'ENTITY',
      channel,
      registry: o.registry === null ? null : readRegistry(r, o.registry),
      negativeListHits,
      sharedIdentifiers,
    };
    if (o.crossBank !== undefined) entity.crossBank = readCrossBank(r, o.crossBank);
    return entity;
  }

  const person: PersonScreeningFacts = {
    applicantType: 'PERSON',
    channel,
    requestedAccountClass: r.oneOf(o.requestedAccountClass, 'requestedAccountClass', ACCOUNT_CLASSES),
    idType: r.oneOf(o.idType, 'idType', ID_TYPES),
    ageYears: o.ageYears === undefined || o.ageYears === null ? undefined : r.count(o.ageYears, 'ageYears'),
    idExpired: r.bool(o.idExpired, 'idExpired'),
    negativeListHits,
    crossBank: readCrossBank(r, o.crossBank),
    sharedIdentifiers,
  };
  const home = r.province(o.householdProvinceCode, 'householdProvinceCode');
  if (home !== undefined) person.householdProvinceCode = home;
  const branch = r.province(o.branchProvinceCode, 'branchProvinceCode');
  if (branch !== undefined) person.branchProvinceCode = branch;
  if (o.personRestriction === null) person.personRestriction = null;
  else if (o.personRestriction !== undefined) {
    const order = r.object(o.personRestriction, 'personRestriction', ['level', 'orderId']);
    if (order) {
      person.personRestriction = {
        level: r.oneOf(order.level, 'personRestriction.level', ['NO_NEW_ACCOUNTS'] as const),
        orderId: r.text(order.orderId, 'personRestriction.orderId'),
      };
    }
  }
  return person;
}

function readHits(r: Reader, value: unknown): NegativeListHitFact[] {
  if (!Array.isArray(value)) {
    r.issues.push({ path: 'negativeListHits', message: 'must be an array' });
    return [];
  }
  const hits: NegativeListHitFact[] = [];
  value.forEach((item: unknown, i) => {
    const path = `negativeListHits[${i}]`;
    const o = r.object(item, path, ['entryId', 'matchType', 'score', 'category', 'measures', 'subjectRole']);
    if (!o) return;
    let score = 0;
    if (typeof o.score === 'number' && Number.isFinite(o.score) && o.score >= 0 && o.score <= 1) score = o.score;
    else r.issues.push({ path: `${path}.score`, message: 'must be a number from 0 to 1' });
    let measures: string[] = [];
    if (Array.isArray(o.measures) && o.measures.every((m) => typeof m === 'string')) measures = [...(o.measures as string[])];
    else r.issues.push({ path: `${path}.measures`, message: 'must be an array of strings' });
    hits.push({
      entryId: r.text(o.entryId, `${path}.entryId`),
      matchType: r.oneOf(o.matchType, `${path}.matchType`, NEGATIVE_LIST_MATCH_TYPES),
      score,
      category: r.text(o.category, `${path}.category`),
      measures,
      subjectRole: r.oneOf(o.subjectRole, `${path}.subjectRole`, NEGATIVE_LIST_SUBJECT_ROLES),
    });
  });
  return hits;
}

function readShared(r: Reader, value: unknown): SharedIdentifierFacts {
  const o = r.object(value, 'sharedIdentifiers', ['phoneApplicants', 'deviceApplicants', 'addressApplicants', 'windowDays']) ?? {};
  return {
    phoneApplicants: r.count(o.phoneApplicants, 'sharedIdentifiers.phoneApplicants'),
    deviceApplicants: r.count(o.deviceApplicants, 'sharedIdentifiers.deviceApplicants'),
    addressApplicants: r.count(o.addressApplicants, 'sharedIdentifiers.addressApplicants'),
    windowDays: r.count(o.windowDays, 'sharedIdentifiers.windowDays', 1),
  };
}

function readCrossBank(r: Reader, value: unknown): CrossBankFacts {
  const o = r.object(value, 'crossBank', ['openedOrAppliedElsewhere', 'windowDays']) ?? {};
  return {
    openedOrAppliedElsewhere: r.count(o.openedOrAppliedElsewhere, 'crossBank.openedOrAppliedElsewhere'),
    windowDays: r.count(o.windowDays, 'crossBank.windowDays', 1),
  };
}

function readRegistry(r: Reader, value: unknown): RegistryFacts {
  const o =
    r.object(value, 'registry', [
      'found',
      'nameMatches',
      'status',
      'abnormalOperations',
      'seriousDishonest',
      'ageDays',
      'registeredCapitalFen',
      'legalRepEntityCount',
      'addressEntityCount',
    ]) ?? {};
  if (o.found !== true) r.issues.push({ path: 'registry.found', message: 'must be true (use registry: null when not found)' });
  const registry: RegistryFacts = {
    found: true,
    nameMatches: r.bool(o.nameMatches, 'registry.nameMatches'),
    status: r.oneOf(o.status, 'registry.status', ENTITY_STATUSES),
    abnormalOperations: r.bool(o.abnormalOperations, 'registry.abnormalOperations'),
    seriousDishonest: r.bool(o.seriousDishonest, 'registry.seriousDishonest'),
    ageDays: r.count(o.ageDays, 'registry.ageDays'),
    legalRepEntityCount: r.count(o.legalRepEntityCount, 'registry.legalRepEntityCount'),
    addressEntityCount: r.count(o.addressEntityCount, 'registry.addressEntityCount'),
  };
  if (o.registeredCapitalFen !== undefined && o.registeredCapitalFen !== null) {
    registry.registeredCapitalFen = r.count(o.registeredCapitalFen, 'registry.registeredCapitalFen');
  }
  return registry;
}
