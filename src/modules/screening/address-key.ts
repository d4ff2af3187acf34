/**
 * Card farming shows as one contact or registered address given by many applicants, spelled
 * a little differently each time. Addresses are compared after folding full-width characters,
 * case, spaces and punctuation, and traditional to simplified characters; nothing smarter, so
 * that a match is always explainable.
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
const NOISE = /[\s\p{P}\p{S}]/gu;

export function normaliseAddress(raw: string): string {
  return toSimplified(raw.normalize('NFKC').toLowerCase().replace(NOISE, ''));
}
