/**
 * Normal forms for registry names and addresses. Registered names and addresses are typed by
 * hand at many counters: full-width brackets and digits, stray spaces and punctuation differ while
 * the entity or the place is the same, so they are folded before comparing or counting.
 */

const ADDRESS_NOISE = /[\s,，。.、;；:：'"“”‘’\-—–_#＃/\\()（）[\]【】{}<>《》]/gu;
const NAME_NOISE = /[\s'"“”‘’·・]/gu;

/** Company name: NFKC (full-width to half-width), no whitespace or quotes, Latin upper-cased. */
export function normaliseEntityName(raw: string): string {
  return raw.normalize('NFKC').replace(NAME_NOISE, '').toUpperCase();
}

/** Address: NFKC, without whitespace and punctuation, Latin upper-cased. */
export function normaliseAddress(raw: string): string {
  return raw.normalize('NFKC').replace(ADDRESS_NOISE, '').toUpperCase();
}
