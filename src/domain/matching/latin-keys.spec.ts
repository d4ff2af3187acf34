import { latinBlockingKeys, soundex } from './latin-keys.js';

describe('soundex', () => {
  it.each([
    ['robert', 'r163'],
    ['rupert', 'r163'],
    ['ashcraft', 'a261'],
    ['tymczak', 't522'],
    ['pfister', 'p236'],
    ['honeyman', 'h555'],
    ['lee', 'l000'],
  ])('codes %s as %s', (token, code) => {
    expect(soundex(token)).toBe(code);
  });
});

describe('latinBlockingKeys', () => {
  it('does not depend on token order', () => {
    expect(latinBlockingKeys(['john', 'smith']).sort()).toEqual(latinBlockingKeys(['smith', 'john']).sort());
  });

  it('shares a key between a name and the same name with one slip', () => {
    const shares = (a: string[], b: string[]): boolean => latinBlockingKeys(a).some((k) => latinBlockingKeys(b).includes(k));
    expect(shares(['john', 'smith'], ['jonh', 'smiht'])).toBe(true);
    expect(shares(['catherine', 'johnson'], ['katherine', 'johnson'])).toBe(true);
    expect(shares(['yevgeny', 'popov'], ['evgeny', 'popov'])).toBe(true);
    expect(shares(['smith', 'john'], ['sbith', 'john'])).toBe(true);
    expect(shares(['madonna'], ['madona'])).toBe(true);
    expect(shares(['john', 'smith'], ['peter', 'parker'])).toBe(false);
  });

  it('uses at most the three longest tokens', () => {
    const keys = latinBlockingKeys(['a', 'maria', 'de', 'los', 'angeles', 'garcia']);
    expect(keys.some((k) => k.includes('/de'))).toBe(false);
  });
});
