import fc from 'fast-check';
import {
  applyBirthDates,
  compareNames,
  DEFAULT_NAME_THRESHOLD,
  NAME_SCORE,
  nameSimilarity,
  scoreNames,
} from './name-similarity.js';
import { normaliseName } from './normalise-name.js';

describe('nameSimilarity', () => {
  it('treats traditional and simplified forms as the same name and says so', () => {
    const r = nameSimilarity('陳建國', '陈建国');
    expect(r.score).toBe(1);
    expect(r.explanation).toMatchObject({ reason: 'SAME_NAME', compared: ['陈建国', '陈建国'], pinyin: ['chen jian guo', 'chen jian guo'] });
    expect(r.explanation.notes).toContain('traditional/simplified');
  });

  it('scores homophones high with the shared pinyin in the explanation', () => {
    const r = nameSimilarity('张伟', '张玮');
    expect(r.score).toBe(NAME_SCORE.HOMOPHONE);
    expect(r.score).toBeGreaterThanOrEqual(DEFAULT_NAME_THRESHOLD);
    expect(r.explanation).toMatchObject({ reason: 'HOMOPHONE', pinyin: ['zhang wei', 'zhang wei'] });
  });

  it('keeps near-homophones and different given names below the threshold', () => {
    expect(nameSimilarity('张静', '张进')).toMatchObject({ score: 0.788, explanation: { reason: 'SIMILAR_PINYIN' } });
    expect(nameSimilarity('张伟', '张强').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
    expect(nameSimilarity('王小明', '王小刚').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
    expect(nameSimilarity('张伟', '张伟明').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
  });

  it('ignores Latin token order, case and diacritics', () => {
    expect(nameSimilarity('José Álvarez', 'ALVAREZ jose').score).toBe(1);
    expect(nameSimilarity('Smith John', 'John Smith').explanation.notes).toContain('token order');
  });

  it('scores small spelling slips high and explains them', () => {
    const r = nameSimilarity('Jonathan Smith', 'Jonathon Smith');
    expect(r.score).toBeGreaterThanOrEqual(DEFAULT_NAME_THRESHOLD);
    expect(r.explanation.reason).toBe('LATIN_TOKENS');
    expect(r.explanation.notes).toContain('spelling jonathan~jonathon (1 edit)');
    expect(r.explanation.distance).toBe(1);
    expect(nameSimilarity('Smiht John', 'John Smith').score).toBeGreaterThanOrEqual(DEFAULT_NAME_THRESHOLD);
  });

  it('keeps different people with similar Latin names below the threshold', () => {
    expect(nameSimilarity('John Smith', 'John Brown').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
    expect(nameSimilarity('John Smith', 'Jane Smith').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
    expect(nameSimilarity('Li Wei', 'Li Wen').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
    expect(nameSimilarity('Liu Yang', 'Liu Yan').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
    expect(nameSimilarity('Kevin Zhang', 'Kevin Zhong').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
  });

  it('handles a missing middle name and a different split into tokens', () => {
    expect(nameSimilarity('Maria Jose Garcia', 'Maria Garcia')).toMatchObject({ score: 0.9 });
    expect(nameSimilarity('Jean-Luc Picard', 'Jeanluc Picard').score).toBe(NAME_SCORE.MERGED_TOKENS);
    // a missing last token is not a middle name
    expect(nameSimilarity('Zhang Wei Ming', 'Zhang Wei').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
  });

  it('compares pinyin letters with Han characters in any token order', () => {
    expect(nameSimilarity('Wei Zhang', '張偉')).toMatchObject({ score: NAME_SCORE.TRANSLITERATION, explanation: { reason: 'PINYIN_TRANSLITERATION' } });
    expect(nameSimilarity('欧阳娜娜', 'Ouyang Nana').score).toBe(NAME_SCORE.TRANSLITERATION);
    expect(nameSimilarity('Lyu Bu', '吕布').score).toBe(NAME_SCORE.TRANSLITERATION);
    expect(nameSimilarity('Zhang Wei', '张伟明').score).toBeLessThan(DEFAULT_NAME_THRESHOLD);
  });

  it('halves the score when both birth dates are given and differ', () => {
    const base = nameSimilarity('张伟', '张伟');
    expect(applyBirthDates(base, '1990-01-01', '1990-01-01')).toMatchObject({ score: 1 });
    expect(applyBirthDates(base, '1990-01-01', '1990-01-01').explanation.notes).toContain('birth date equal');
    expect(applyBirthDates(base, '1990-01-01', '1991-01-01').score).toBe(0.5);
    expect(applyBirthDates(base, '1990-01-01', undefined)).toBe(base);
  });

  const nameArb = fc.oneof(
    fc
      .array(fc.constantFrom(...'陈陳张張刘劉黄黃赵伟玮偉国华明丽静进强欧阳娜单曾'.split('')), { minLength: 1, maxLength: 4 })
      .map((cs) => cs.join('')),
    fc
      .array(fc.constantFrom('john', 'jon', 'smith', 'smyth', 'maria', 'garcia', 'zhang', 'wei', 'li', 'na', 'wen', 'ouyang'), {
        minLength: 1,
        maxLength: 4,
      })
      .map((ts) => ts.join(' ')),
    fc.constantFrom('王小明 Wang Xiaoming', 'Zhang 伟'),
  );

  it('is symmetric, bounded, reflexive, and scoreNames agrees with compareNames (property)', () => {
    fc.assert(
      fc.property(nameArb, nameArb, (x, y) => {
        const a = normaliseName(x);
        const b = normaliseName(y);
        const ab = compareNames(a, b).score;
        expect(compareNames(b, a).score).toBe(ab);
        expect(scoreNames(a, b)).toBe(ab);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(compareNames(a, a).score).toBe(a.script === 'MIXED' ? NAME_SCORE.MIXED_SCRIPT_FACTOR : 1);
      }),
      { numRuns: 500 },
    );
  });
});
