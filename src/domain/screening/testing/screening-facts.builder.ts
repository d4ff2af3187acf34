/**
 * Test data for screening: a clean applicant of each type (no rule fires on it under the
 * default rule set) that a test changes in exactly the fact it is about.
 */
import type {
  EntityScreeningFacts,
  NegativeListHitFact,
  PersonScreeningFacts,
  RegistryFacts,
} from '../facts.js';

export function aPerson(overrides: Partial<PersonScreeningFacts> = {}): PersonScreeningFacts {
  return {
    applicantType: 'PERSON',
    channel: 'COUNTER',
    requestedAccountClass: 'I',
    idType: 'RESIDENT_ID',
    ageYears: 35,
    householdProvinceCode: '44',
    branchProvinceCode: '44',
    idExpired: false,
    negativeListHits: [],
    personRestriction: null,
    crossBank: { openedOrAppliedElsewhere: 0, windowDays: 7 },
    sharedIdentifiers: { phoneApplicants: 0, deviceApplicants: 0, addressApplicants: 0, windowDays: 30 },
    ...overrides,
  };
}

export function aRegistry(overrides: Partial<RegistryFacts> = {}): RegistryFacts {
  return {
    found: true,
    nameMatches: true,
    status: 'ACTIVE',
    abnormalOperations: false,
    seriousDishonest: false,
    ageDays: 1000,
    registeredCapitalFen: 100_000_000,
    legalRepEntityCount: 1,
    addressEntityCount: 1,
    ...overrides,
  };
}

export function anEntity(overrides: Partial<EntityScreeningFacts> = {}): EntityScreeningFacts {
  return {
    applicantType: 'ENTITY',
    channel: 'COUNTER',
    registry: aRegistry(),
    negativeListHits: [],
    sharedIdentifiers: { phoneApplicants: 0, deviceApplicants: 0, addressApplicants: 0, windowDays: 30 },
    ...overrides,
  };
}

export function aHit(overrides: Partial<NegativeListHitFact> = {}): NegativeListHitFact {
  return {
    entryId: 'nl-0001',
    matchType: 'EXACT_ID',
    score: 1,
    category: 'ACCOUNT_SELLER',
    measures: ['NO_NEW_ACCOUNTS'],
    subjectRole: 'APPLICANT',
    ...overrides,
  };
}
