import fc from 'fast-check';
import { foldSyllable, phoneticKey, syllableDistance } from './pinyin-fuzzy.js';
import { foldUmlaut, isPinyinSequence, PINYIN_SYLLABLES, segmentPinyin } from './pinyin-syllables.js';

describe('fuzzy pinyin', () => {
  it('folds the input-method confusion pairs', () => {
    expect(foldSyllable('zhang')).toBe(foldSyllable('zang'));
    expect(foldSyllable('chen')).toBe(foldSyllable('ceng'));
    expect(foldSyllable('shi')).toBe(foldSyllable('si'));
    expect(foldSyllable('ning')).toBe(foldSyllable('lin'));
    expect(foldSyllable('wang')).not.toBe(foldSyllable('wei'));
  });

  it('weighs near-homophone syllables at a quarter of a different syllable', () => {
    expect(syllableDistance(['zhang', 'jing'], ['zhang', 'jin'])).toBe(0.25);
    expect(syllableDistance(['zhang', 'wei'], ['zhang', 'qiang'])).toBe(1);
    expect(syllableDistance(['zhang', 'wei'], ['zhang', 'wei', 'ming'])).toBe(1);
  });

  it('gives near-homophones the same phonetic key (property)', () => {
    const syllables = [...PINYIN_SYLLABLES];
    const sequence = fc.array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(sequence, sequence, (a, b) => {
        const near = a.length === b.length && a.every((s, i) => foldSyllable(s) === foldSyllable(b[i]!));
        if (near) expect(phoneticKey(a.join(''))).toBe(phoneticKey(b.join('')));
      }),
    );
    fc.assert(
      fc.property(sequence, fc.nat(), (a, i) => {
        // swap one syllable for a near-homophone, when it has one
        const j = i % a.length;
        const alternative = syllables.find((s) => s !== a[j] && foldSyllable(s) === foldSyllable(a[j]!));
        fc.pre(alternative !== undefined);
        const b = [...a];
        b[j] = alternative!;
        return phoneticKey(a.join('')) === phoneticKey(b.join(''));
      }),
    );
  });
});

describe('pinyin syllables', () => {
  it('recognises and segments pinyin', () => {
    expect(isPinyinSequence('zhangweiming')).toBe(true);
    expect(isPinyinSequence('ouyang')).toBe(true);
    expect(isPinyinSequence('smith')).toBe(false);
    expect(isPinyinSequence('')).toBe(false);
    expect(segmentPinyin('xian')).toEqual(['xian']);
    expect(segmentPinyin('xiaoming')).toEqual(['xiao', 'ming']);
    expect(segmentPinyin('xiaomng')).toBeUndefined();
  });

  it('folds the spellings of ü', () => {
    expect(foldUmlaut('lyu')).toBe(foldUmlaut('lv'));
    expect(foldUmlaut('nyu')).toBe('nu');
    expect(foldUmlaut('yuan')).toBe('yuan');
  });
});
