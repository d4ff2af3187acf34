/**
 * fast-check generators for screening facts and rule sets, for property tests here and in the
 * service (replay of stored screenings). Test-only: imports fast-check, a dev dependency.
 */
import fc from 'fast-check';
import {
  ACCOUNT_CLASSES,
  CHANNELS,
  ID_TYPES,
  NEGATIVE_LIST_MATCH_TYPES,
  NEGATIVE_LIST_SUBJECT_ROLES,
  type EntityScreeningFacts,
  type NegativeListHitFact,
  type PersonScreeningFacts,
  type RegistryFacts,
  type ScreeningFacts,
  type SharedIdentifierFacts,
} from '../facts.js';
import { SEVERITIES } from '../finding.js';
import { RULE_CODES } from '../rule-catalog.js';
import { DEFAULT_RULE_SET, type RuleSet } from '../rule-set.js';

const province = fc.constantFrom('11', '31', '43', '44', '51');
const count = fc.integer({ min: 0, max: 12 });

export const hitArbitrary: fc.Arbitrary<NegativeListHitFact> = fc.record({
  entryId: fc.constantFrom('nl-1', 'nl-2', 'nl-3', 'nl-4'),
  matchType: fc.constantFrom(...NEGATIVE_LIST_MATCH_TYPES),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
  category: fc.constantFrom('ACCOUNT_SELLER', 'FRAUD_SUSPECT', 'FRAUD_PHONE', 'OTHER'),
  measures: fc.subarray(['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED', 'PAYMENT_ACCOUNT_SUSPENDED']),
  subjectRole: fc.constantFrom(...NEGATIVE_LIST_SUBJECT_ROLES),
});

const sharedArbitrary: fc.Arbitrary<SharedIdentifierFacts> = fc.record({
  phoneApplicants: count,
  deviceApplicants: count,
  addressApplicants: count,
  windowDays: fc.constantFrom(30, 14),
});

export const personFactsArbitrary: fc.Arbitrary<PersonScreeningFacts> = fc.record(
  {
    applicantType: fc.constant('PERSON' as const),
    channel: fc.constantFrom(...CHANNELS),
    requestedAccountClass: fc.constantFrom(...ACCOUNT_CLASSES),
    idType: fc.constantFrom(...ID_TYPES),
    ageYears: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    householdProvinceCode: province,
    branchProvinceCode: province,
    idExpired: fc.boolean(),
    negativeListHits: fc.array(hitArbitrary, { maxLength: 4 }),
    personRestriction: fc.option(fc.record({ level: fc.constant('NO_NEW_ACCOUNTS' as const), orderId: fc.constant('RO-1') }), {
      nil: null,
    }),
    crossBank: fc.record({ openedOrAppliedElsewhere: count, windowDays: fc.constantFrom(7, 3) }),
    sharedIdentifiers: sharedArbitrary,
  },
  { requiredKeys: ['applicantType', 'channel', 'requestedAccountClass', 'idType', 'ageYears', 'idExpired', 'negativeListHits', 'crossBank', 'sharedIdentifiers'] },
);

const registryArbitrary: fc.Arbitrary<RegistryFacts> = fc.record(
  {
    found: fc.constant(true as const),
    nameMatches: fc.boolean(),
    status: fc.constantFrom('ACTIVE', 'REVOKED', 'DEREGISTERED', 'OTHER'),
    abnormalOperations: fc.boolean(),
    seriousDishonest: fc.boolean(),
    ageDays: fc.integer({ min: 0, max: 5000 }),
    registeredCapitalFen: fc.integer({ min: 0, max: 1_000_000_000 }),
    legalRepEntityCount: fc.integer({ min: 1, max: 20 }),
    addressEntityCount: fc.integer({ min: 1, max: 40 }),
  },
  {
    requiredKeys: ['found', 'nameMatches', 'status', 'abnormalOperations', 'seriousDishonest', 'ageDays', 'legalRepEntityCount', 'addressEntityCount'],
  },
);

export const entityFactsArbitrary: fc.Arbitrary<EntityScreeningFacts> = fc.record(
  {
    applicantType: fc.constant('ENTITY' as const),
    channel: fc.constantFrom(...CHANNELS),
    registry: fc.option(registryArbitrary, { nil: null, freq: 4 }),
    negativeListHits: fc.array(hitArbitrary, { maxLength: 4 }),
    sharedIdentifiers: sharedArbitrary,
    crossBank: fc.record({ openedOrAppliedElsewhere: count, windowDays: fc.constant(7) }),
  },
  { requiredKeys: ['applicantType', 'channel', 'registry', 'negativeListHits', 'sharedIdentifiers'] },
);

export const factsArbitrary: fc.Arbitrary<ScreeningFacts> = fc.oneof(personFactsArbitrary, entityFactsArbitrary);

/** Default params; random enabled flags, weights, cut-offs and class policy. */
export const ruleSetArbitrary: fc.Arbitrary<RuleSet> = fc
  .record({
    enabled: fc.array(fc.boolean(), { minLength: RULE_CODES.length, maxLength: RULE_CODES.length }),
    weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: RULE_CODES.length, maxLength: RULE_CODES.length }),
    cutoffs: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
    classLimits: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
    mildMaxSeverity: fc.constantFrom(...SEVERITIES),
  })
  .map(({ enabled, weights, cutoffs, classLimits, mildMaxSeverity }) => {
    const ruleSet = structuredClone(DEFAULT_RULE_SET) as RuleSet;
    ruleSet.version = 'prop.1';
    RULE_CODES.forEach((code, i) => {
      ruleSet.rules[code].enabled = enabled[i]!;
      ruleSet.rules[code].weight = weights[i]!;
    });
    ruleSet.cutoffs = { review: Math.min(...cutoffs), reject: Math.max(...cutoffs) };
    ruleSet.accountClass = {
      mildMaxSeverity,
      classIIMaxScore: Math.min(...classLimits),
      classIIIMaxScore: Math.max(...classLimits),
    };
    return ruleSet;
  });
