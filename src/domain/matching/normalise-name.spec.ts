import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { DomainError } from '../domain-error.js';
import { hanToPinyin, normaliseName } from './normalise-name.js';

describe('normaliseName', () => {
  it.each([
    ['陳', '陈'],
    ['張', '张'],
    ['劉', '刘'],
    ['黃', '黄'],
    ['趙', '赵'],
    ['鄭秀文', '郑秀文'],
    ['衞蘭', '卫兰'],
    ['歐陽震華', '欧阳震华'],
  ])('converts traditional %s to simplified %s', (traditional, simplified) => {
    const n = normaliseName(traditional);
    expect(n.simplified).toBe(simplified);
    expect(n.steps).toContain('TRADITIONAL');
  });

  it('removes spaces, full-width spaces and separators inside Han names', () => {
    for (const raw of ['张 伟', '张　伟', ' 张伟 ', '張 偉', '张\t伟']) {
      expect(normaliseName(raw)).toMatchObject({ script: 'HAN', simplified: '张伟', pinyin: ['zhang', 'wei'], orderedTokens: [] });
    }
    expect(normaliseName('买买提·艾力')).toMatchObject({ simplified: '买买提艾力', steps: ['PUNCTUATION'] });
    expect(normaliseName('张　伟').steps).toEqual(['FULL_WIDTH', 'WHITESPACE']);
    expect(normaliseName('张伟').steps).toEqual([]);
  });

  it('reads polyphonic surnames as surnames', () => {
    expect(hanToPinyin('单田芳')[0]).toBe('shan');
    expect(hanToPinyin('曾国藩')[0]).toBe('zeng');
    expect(hanToPinyin('解缙')[0]).toBe('xie');
    expect(hanToPinyin('区志强')[0]).toBe('ou');
    expect(hanToPinyin('吕布')).toEqual(['lv', 'bu']);
  });

  it('reads names of single-reading characters character by character, as the whole-name reading does', () => {
    // Polyphonic names go through pinyin-pro's phrase and surname rules; the rest is read a
    // character at a time. Both must agree wherever the character-by-character path is taken.
    let seed = 20261121;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 3000; i++) {
      let name = '';
      for (let k = 2 + (next() % 3); k > 0; k--) name += String.fromCharCode(0x4e00 + (next() % 0x5200));
      const whole = pinyin(name, { toneType: 'none', type: 'array', mode: 'surname', surname: 'head', v: true });
      expect(hanToPinyin(name)).toEqual(whole);
    }
    expect(hanToPinyin('王伟明')).toEqual(['wang', 'wei', 'ming']);
    expect(hanToPinyin('单伟明')).toEqual(['shan', 'wei', 'ming']);
  });

  it('reads a name again from memory, the same and unchangeable, however many names came between', () => {
    const first = hanToPinyin('单田芳');
    expect(hanToPinyin('单田芳')).toBe(first);
    expect(() => (first as string[]).push('x')).toThrow(TypeError);
    // Past the memory's size (two generations of 50,000) old readings go and are worked out again, to the same result.
    for (let i = 0; i < 100_001; i++) hanToPinyin(`单${String.fromCharCode(0x4e00 + (i % 20_000))}${String.fromCharCode(0x4e00 + Math.floor(i / 20_000))}`);
    const again = hanToPinyin('单田芳');
    expect(again).not.toBe(first);
    expect(again).toEqual(['shan', 'tian', 'fang']);
  });

  it('folds Latin case, diacritics, special letters, apostrophes and punctuation', () => {
    expect(normaliseName('José ÁLVAREZ')).toMatchObject({
      script: 'LATIN',
      simplified: '',
      pinyin: [],
      orderedTokens: ['jose', 'alvarez'],
      tokens: ['alvarez', 'jose'],
      steps: ['CASE', 'DIACRITICS'],
    });
    expect(normaliseName('Max Strauß').orderedTokens).toEqual(['max', 'strauss']);
    expect(normaliseName('Ævar Þórsson').orderedTokens).toEqual(['aevar', 'thorsson']);
    expect(normaliseName('Łukasz Wróbel').orderedTokens).toEqual(['lukasz', 'wrobel']);
    expect(normaliseName("Sean O'Connor").orderedTokens).toEqual(['sean', 'oconnor']);
    expect(normaliseName('Smith, John-Paul').orderedTokens).toEqual(['smith', 'john', 'paul']);
    expect(normaliseName('ＪＯＨＮ　ＳＭＩＴＨ')).toMatchObject({ orderedTokens: ['john', 'smith'], steps: ['FULL_WIDTH', 'CASE'] });
  });

  it('keeps both parts of a mixed-script name', () => {
    expect(normaliseName('王小明 Wang Xiaoming')).toMatchObject({
      script: 'MIXED',
      simplified: '王小明',
      orderedTokens: ['wang', 'xiaoming'],
      display: '王小明 wang xiaoming',
    });
  });

  it('rejects names without letters and overlong input', () => {
    for (const raw of ['', '   ', '·—·', '!!!']) {
      expect(() => normaliseName(raw)).toThrow(DomainError);
    }
    expect(() => normaliseName('a'.repeat(201))).toThrow(DomainError);
  });

  const latinToken = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 10 });

  it('ignores token order, letter case and full-width forms (property)', () => {
    const toFullWidth = (s: string): string =>
      [...s].map((c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
    fc.assert(
      fc.property(fc.array(latinToken, { minLength: 1, maxLength: 4 }), (tokens) => {
        const base = normaliseName(tokens.join(' '));
        const shuffled = normaliseName([...tokens].reverse().join('  ').toUpperCase());
        const wide = normaliseName(toFullWidth(tokens.join(' ')));
        expect(shuffled.tokens).toEqual(base.tokens);
        expect(wide.orderedTokens).toEqual(base.orderedTokens);
      }),
    );
  });

  it('is idempotent on its display form (property)', () => {
    const hanChar = fc.constantFrom(...'陈陳张張刘劉黄黃赵趙伟偉国國华華明丽麗'.split(''));
    const name = fc.oneof(
      fc.array(hanChar, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(' ')),
      fc.array(latinToken, { minLength: 1, maxLength: 3 }).map((ts) => ts.join(' ')),
    );
    fc.assert(
      fc.property(name, (raw) => {
        const once = normaliseName(raw);
        const twice = normaliseName(once.display);
        expect(twice.simplified).toBe(once.simplified);
        expect(twice.orderedTokens).toEqual(once.orderedTokens);
        expect(twice.pinyin).toEqual(once.pinyin);
      }),
    );
  });
});
