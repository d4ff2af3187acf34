/**
 * Blocking keys for Latin-script names, so that a fuzzy search looks at a handful of candidates
 * instead of every name. A typo rarely hits two tokens at once, and Soundex codes survive most
 * vowel slips and same-sounding consonants, so keys pair the Soundex code of one token with the
 * first two letters of another ("smith" ~ "smyth" with any Jo- name), or with its first and last
 * letters (a slip in the second letter), or with its Soundex code. A second family pairs a token's
 * code, or the code of the token without its first letter, with another token's code, which
 * catches slips in the first letter (Catherine / Katherine, Yevgeny / Evgeny). Each key names the
 * roles of its two tokens, so token order in the name does not matter.
 */
const CODES: Readonly<Record<string, string>> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
};

/** American Soundex (letter + 3 digits); letters outside a-z keep only the first character. */
export function soundex(token: string): string {
  if (token.length === 0) return '';
  let out = token[0]!;
  let last = CODES[token[0]!] ?? '';
  for (let i = 1; i < token.length && out.length < 4; i++) {
    const c = token[i]!;
    const code = CODES[c];
    if (code !== undefined) {
      if (code !== last) out += code;
      last = code;
    } else if (c !== 'h' && c !== 'w') {
      last = '';
    }
  }
  return out.padEnd(4, '0');
}

const MAX_KEY_TOKENS = 3;

/*
 * With one slip in one token of a name of two or more tokens, at least one key survives: a slip
 * in the first letter keeps the code of the rest of the token, one in the second letter keeps
 * the first and last letters, and one further on keeps the first two letters. The exception is
 * swapping the first two letters. Two slips in one token usually keep the Soundex code.
 */

/** The tokens used for keys: the three longest, in written order. */
function keyTokens(tokens: readonly string[]): string[] {
  const unique = [...new Set(tokens)];
  if (unique.length <= MAX_KEY_TOKENS) return unique;
  const longest = new Set([...unique].sort((a, b) => b.length - a.length).slice(0, MAX_KEY_TOKENS));
  return unique.filter((t) => longest.has(t));
}

export function latinBlockingKeys(tokens: readonly string[]): string[] {
  const ts = keyTokens(tokens);
  const keys: string[] = [];
  if (ts.length === 1) {
    const t = ts[0]!;
    keys.push(`1${soundex(t)}`);
    if (t.length > 1) keys.push(`1${soundex(t.slice(1))}`);
    return keys;
  }
  for (let i = 0; i < ts.length; i++) {
    for (let j = 0; j < ts.length; j++) {
      if (i === j) continue;
      const a = ts[i]!;
      const b = ts[j]!;
      const codeA = soundex(a);
      const codeB = soundex(b);
      keys.push(`2a${codeA}/${b.slice(0, 2)}`);
      keys.push(`2c${codeA}/${b[0]!}${b[b.length - 1]!}`);
      keys.push(`2b${codeA}/${codeB}`);
      if (a.length > 1) keys.push(`2b${soundex(a.slice(1))}/${codeB}`);
    }
  }
  return keys;
}
