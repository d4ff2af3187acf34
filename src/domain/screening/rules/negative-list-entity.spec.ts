import { aHit, anEntity, aPerson } from '../testing/screening-facts.builder.js';
import { negativeListEntityRule as rule } from './negative-list-entity.js';

const params = rule.defaultParams;
const uscc = (overrides: Parameters<typeof aHit>[0] = {}) =>
  aHit({ entryId: 'nl-co', matchType: 'EXACT_USCC', subjectRole: 'APPLICANT', ...overrides });

describe('NEGATIVE_LIST_ENTITY', () => {
  it('does not fire for an unlisted company', () => {
    expect(rule.evaluate(anEntity(), params)).toEqual([]);
  });

  it('rejects a USCC hit with "no new accounts", reviews one without', () => {
    expect(rule.evaluate(anEntity({ negativeListHits: [uscc()] }), params)[0]).toMatchObject({ outcome: 'REJECT' });
    expect(rule.evaluate(anEntity({ negativeListHits: [uscc({ measures: [] })] }), params)[0]).toMatchObject({
      outcome: 'REVIEW',
    });
  });

  it('reviews a fuzzy company-name hit', () => {
    const [finding] = rule.evaluate(anEntity({ negativeListHits: [uscc({ matchType: 'NAME_FUZZY', score: 0.9 })] }), params);
    expect(finding).toMatchObject({ outcome: 'REVIEW', severity: 'MEDIUM' });
    expect(finding!.message.zh).toContain('申请企业');
  });

  it('does not look at persons or at the legal representative', () => {
    expect(rule.evaluate(aPerson({ negativeListHits: [aHit()] }), params)).toEqual([]);
    expect(rule.evaluate(anEntity({ negativeListHits: [aHit({ subjectRole: 'LEGAL_REPRESENTATIVE' })] }), params)).toEqual([]);
  });
});
