import { aHit, anEntity, aPerson } from '../testing/screening-facts.builder.js';
import { negativeListPersonRule, negativeListPersonRule as rule } from './negative-list-person.js';

const params = rule.defaultParams;

describe('NEGATIVE_LIST_PERSON', () => {
  it('does not fire without hits', () => {
    expect(rule.evaluate(aPerson(), params)).toEqual([]);
  });

  it('rejects an exact ID hit whose entry forbids new accounts', () => {
    const [finding, ...rest] = rule.evaluate(aPerson({ negativeListHits: [aHit()] }), params);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'NEGATIVE_LIST_PERSON', outcome: 'REJECT', severity: 'CRITICAL' });
    expect(finding!.evidence).toMatchObject({ entryId: 'nl-0001', matchType: 'EXACT_ID', measures: ['NO_NEW_ACCOUNTS'] });
    expect(finding!.message.en).toContain('no new accounts');
    expect(finding!.message.zh).toContain('不得新开账户');
  });

  it('reviews an exact hit on an entry without the rejecting measure (boundary: measure present / absent)', () => {
    const hit = aHit({ category: 'FRAUD_SUSPECT', measures: ['NON_COUNTER_SUSPENDED'] });
    const [finding] = rule.evaluate(aPerson({ negativeListHits: [hit] }), params);
    expect(finding).toMatchObject({ outcome: 'REVIEW', severity: 'HIGH' });
    expect(finding!.message.zh).toContain('涉诈嫌疑人员');
  });

  it('reviews a fuzzy name hit even when the entry forbids new accounts', () => {
    const hit = aHit({ matchType: 'NAME_FUZZY', score: 0.91 });
    const [finding] = rule.evaluate(aPerson({ negativeListHits: [hit] }), params);
    expect(finding).toMatchObject({ outcome: 'REVIEW', severity: 'MEDIUM' });
    expect(finding!.message.en).toContain('0.91');
  });

  it('ignores fuzzy hits below minFuzzyScore: 0.79 -> nothing, 0.80 -> finding', () => {
    const tuned = { ...params, minFuzzyScore: 0.8 };
    const at = (score: number) => aPerson({ negativeListHits: [aHit({ matchType: 'NAME_FUZZY', score })] });
    expect(rule.evaluate(at(0.79), tuned)).toEqual([]);
    expect(rule.evaluate(at(0.8), tuned)).toHaveLength(1);
  });

  it('keeps the exact hit when an entry is matched both by ID and by name', () => {
    const hits = [aHit({ matchType: 'NAME_FUZZY', score: 0.95 }), aHit()];
    const findings = rule.evaluate(aPerson({ negativeListHits: hits }), params);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.outcome).toBe('REJECT');
  });

  it('picks the same hit for an entry whatever the order of equally strong hits', () => {
    const a = aHit({ matchType: 'EXACT_ID', measures: [] });
    const b = aHit({ matchType: 'EXACT_ACCOUNT', measures: ['NO_NEW_ACCOUNTS'] });
    const run = (hits: ReturnType<typeof aHit>[]) => rule.evaluate(aPerson({ negativeListHits: hits }), params);
    expect(run([a, b])).toEqual(run([b, a]));
  });

  it('reports one finding per entry, ordered by entry id whatever the input order', () => {
    const hits = [aHit({ entryId: 'nl-b' }), aHit({ entryId: 'nl-a', measures: [] })];
    const ids = (h: typeof hits) => rule.evaluate(aPerson({ negativeListHits: h }), params).map((f) => f.evidence.entryId);
    expect(ids(hits)).toEqual(['nl-a', 'nl-b']);
    expect(ids([...hits].reverse())).toEqual(['nl-a', 'nl-b']);
  });

  it('ignores phone and device hits (other rules)', () => {
    const hits = [aHit({ subjectRole: 'PHONE', matchType: 'EXACT_PHONE' }), aHit({ subjectRole: 'DEVICE', matchType: 'EXACT_DEVICE' })];
    expect(rule.evaluate(aPerson({ negativeListHits: hits }), params)).toEqual([]);
  });

  it("fires for a company's legal representative, not for the company's own listing", () => {
    const rep = aHit({ subjectRole: 'LEGAL_REPRESENTATIVE' });
    const own = aHit({ entryId: 'nl-co', subjectRole: 'APPLICANT', matchType: 'EXACT_USCC' });
    const findings = rule.evaluate(anEntity({ negativeListHits: [rep, own] }), params);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message.en).toContain('legal representative');
    expect(findings[0]!.message.zh).toContain('法定代表人');
  });

  it('honours a custom list of rejecting measures', () => {
    const hit = aHit({ measures: ['PAYMENT_ACCOUNT_SUSPENDED'] });
    const tuned = { ...params, rejectMeasures: ['PAYMENT_ACCOUNT_SUSPENDED'] };
    expect(rule.evaluate(aPerson({ negativeListHits: [hit] }), params)[0]!.outcome).toBe('REVIEW');
    expect(rule.evaluate(aPerson({ negativeListHits: [hit] }), tuned)[0]!.outcome).toBe('REJECT');
  });
});

describe('NEGATIVE_LIST_PERSON messages', () => {
  const params = negativeListPersonRule.defaultParams;
  it('reads naturally in both languages', () => {
    const fuzzy = negativeListPersonRule.evaluate(aPerson({ negativeListHits: [aHit({ matchType: 'NAME_FUZZY', score: 0.934 })] }), params)[0]!;
    expect(fuzzy.message.zh).toBe('申请人姓名与负面名单条目nl-0001相似（相似度0.93，类别：买卖租借账户、银行卡人员），需核实是否为同一主体。');
    const bare = negativeListPersonRule.evaluate(aPerson({ negativeListHits: [aHit({ measures: [] })] }), params)[0]!;
    expect(bare.message.en).toBe('The applicant is on the negative list (entry nl-0001, category: account seller or card dealer).');
    const reject = negativeListPersonRule.evaluate(aPerson({ negativeListHits: [aHit()] }), params)[0]!;
    expect(reject.message.zh).toBe('申请人在负面名单中（条目nl-0001，类别：买卖租借账户、银行卡人员），惩戒措施：不得新开账户。');
  });
});
