import type { RegistryFacts } from '../facts.js';
import { aPerson, aRegistry, anEntity } from '../testing/screening-facts.builder.js';
import { entityAbnormalOperationsRule } from './entity-abnormal-operations.js';
import { entityNameMismatchRule } from './entity-name-mismatch.js';
import { entityNewlyEstablishedRule } from './entity-newly-established.js';
import { entityNotFoundRule } from './entity-not-found.js';
import { entityRevokedOrDeregisteredRule } from './entity-revoked-or-deregistered.js';
import { entitySeriouslyDishonestRule } from './entity-seriously-dishonest.js';
import { entityStatusNotActiveRule } from './entity-status-not-active.js';
import { legalRepManyEntitiesRule } from './legal-rep-many-entities.js';
import { manyEntitiesAtAddressRule } from './many-entities-at-address.js';

const withRegistry = (overrides: Partial<RegistryFacts>) => anEntity({ registry: aRegistry(overrides) });

describe('ENTITY_NOT_FOUND', () => {
  const params = entityNotFoundRule.defaultParams;
  it('found -> nothing, not found -> REVIEW by default', () => {
    expect(entityNotFoundRule.evaluate(anEntity(), params)).toEqual([]);
    const [finding] = entityNotFoundRule.evaluate(anEntity({ registry: null }), params);
    expect(finding).toMatchObject({ code: 'ENTITY_NOT_FOUND', outcome: 'REVIEW', severity: 'HIGH' });
    expect(finding!.message.zh).toBe('市场主体登记信息中未查询到该企业。');
  });
  it('rejects when configured to', () => {
    expect(entityNotFoundRule.evaluate(anEntity({ registry: null }), { outcome: 'REJECT' })[0]!.outcome).toBe('REJECT');
  });
  it('never fires for persons', () => {
    expect(entityNotFoundRule.evaluate(aPerson(), params)).toEqual([]);
  });
});

describe('ENTITY_NAME_MISMATCH', () => {
  it('matching name -> nothing, differing -> REVIEW; unknown company -> nothing (ENTITY_NOT_FOUND says it)', () => {
    expect(entityNameMismatchRule.evaluate(withRegistry({ nameMatches: true }), {})).toEqual([]);
    expect(entityNameMismatchRule.evaluate(withRegistry({ nameMatches: false }), {})[0]).toMatchObject({ outcome: 'REVIEW' });
    expect(entityNameMismatchRule.evaluate(anEntity({ registry: null }), {})).toEqual([]);
  });
});

describe('ENTITY_REVOKED_OR_DEREGISTERED and ENTITY_STATUS_NOT_ACTIVE', () => {
  it.each([
    ['ACTIVE', [], []],
    ['REVOKED', ['REJECT'], []],
    ['DEREGISTERED', ['REJECT'], []],
    ['OTHER', [], ['REVIEW']],
  ] as const)('%s -> revoked rule %j, not-active rule %j', (status, revoked, other) => {
    const facts = withRegistry({ status });
    expect(entityRevokedOrDeregisteredRule.evaluate(facts, {}).map((f) => f.outcome)).toEqual(revoked);
    expect(entityStatusNotActiveRule.evaluate(facts, {}).map((f) => f.outcome)).toEqual(other);
  });
  it('names the status in both languages', () => {
    const [finding] = entityRevokedOrDeregisteredRule.evaluate(withRegistry({ status: 'DEREGISTERED' }), {});
    expect(finding!.message.en).toContain('deregistered');
    expect(finding!.message.zh).toContain('注销');
  });
});

describe('ENTITY_ABNORMAL_OPERATIONS and ENTITY_SERIOUSLY_DISHONEST', () => {
  it('not listed -> nothing, listed -> REVIEW', () => {
    const abnormal = entityAbnormalOperationsRule;
    expect(abnormal.evaluate(withRegistry({ abnormalOperations: false }), abnormal.defaultParams)).toEqual([]);
    expect(abnormal.evaluate(withRegistry({ abnormalOperations: true }), abnormal.defaultParams)[0]).toMatchObject({
      outcome: 'REVIEW',
      severity: 'MEDIUM',
      message: { zh: '该企业被列入经营异常名录。' },
    });
    const dishonest = entitySeriouslyDishonestRule;
    expect(dishonest.evaluate(withRegistry({ seriousDishonest: false }), dishonest.defaultParams)).toEqual([]);
    expect(dishonest.evaluate(withRegistry({ seriousDishonest: true }), dishonest.defaultParams)[0]).toMatchObject({
      outcome: 'REVIEW',
      severity: 'HIGH',
    });
  });
  it('take a configured outcome', () => {
    expect(entityAbnormalOperationsRule.evaluate(withRegistry({ abnormalOperations: true }), { outcome: 'SCORE_ONLY' })[0]!.outcome).toBe(
      'SCORE_ONLY',
    );
    expect(entitySeriouslyDishonestRule.evaluate(withRegistry({ seriousDishonest: true }), { outcome: 'REJECT' })[0]!.outcome).toBe('REJECT');
  });
});

describe('ENTITY_NEWLY_ESTABLISHED', () => {
  const rule = entityNewlyEstablishedRule;
  const params = rule.defaultParams;

  it('89 days -> SCORE_ONLY (LOW), 90 days -> nothing', () => {
    expect(rule.evaluate(withRegistry({ ageDays: 89 }), params)[0]).toMatchObject({ outcome: 'SCORE_ONLY', severity: 'LOW' });
    expect(rule.evaluate(withRegistry({ ageDays: 90 }), params)).toEqual([]);
  });

  it('new with capital CNY 9,999.99 -> REVIEW (MEDIUM); CNY 10,000.00 -> SCORE_ONLY', () => {
    const [tiny] = rule.evaluate(withRegistry({ ageDays: 10, registeredCapitalFen: 999_999 }), params);
    expect(tiny).toMatchObject({ outcome: 'REVIEW', severity: 'MEDIUM' });
    expect(tiny!.message.en).toBe('The company was established 10 days ago with a registered capital of only CNY 9999.99.');
    expect(tiny!.message.zh).toBe('该企业成立仅10天，注册资本仅9999.99元。');
    expect(rule.evaluate(withRegistry({ ageDays: 10, registeredCapitalFen: 1_000_000 }), params)[0]!.outcome).toBe('SCORE_ONLY');
  });

  it('unknown capital counts as new only; old with tiny capital -> nothing', () => {
    expect(rule.evaluate(withRegistry({ ageDays: 10, registeredCapitalFen: undefined }), params)[0]!.severity).toBe('LOW');
    expect(rule.evaluate(withRegistry({ ageDays: 400, registeredCapitalFen: 0 }), params)).toEqual([]);
  });
});

describe('LEGAL_REP_MANY_ENTITIES', () => {
  const params = legalRepManyEntitiesRule.defaultParams;
  it('4 companies -> nothing, 5 -> REVIEW', () => {
    expect(legalRepManyEntitiesRule.evaluate(withRegistry({ legalRepEntityCount: 4 }), params)).toEqual([]);
    const [finding] = legalRepManyEntitiesRule.evaluate(withRegistry({ legalRepEntityCount: 5 }), params);
    expect(finding).toMatchObject({ outcome: 'REVIEW', evidence: { legalRepEntityCount: 5, reviewAt: 5 } });
    expect(finding!.message.zh).toBe('法定代表人共担任5家企业（含本企业）的法定代表人。');
  });
});

describe('MANY_ENTITIES_AT_ADDRESS', () => {
  const params = manyEntitiesAtAddressRule.defaultParams;
  it('9 companies -> nothing, 10 -> REVIEW', () => {
    expect(manyEntitiesAtAddressRule.evaluate(withRegistry({ addressEntityCount: 9 }), params)).toEqual([]);
    const [finding] = manyEntitiesAtAddressRule.evaluate(withRegistry({ addressEntityCount: 10 }), params);
    expect(finding).toMatchObject({ outcome: 'REVIEW' });
    expect(finding!.message.en).toBe('10 companies, this one included, are registered at the same address.');
  });
  it('needs the registry', () => {
    expect(manyEntitiesAtAddressRule.evaluate(anEntity({ registry: null }), params)).toEqual([]);
  });
});
