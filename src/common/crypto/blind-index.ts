import { createHmac } from 'node:crypto';

export const BLIND_INDEX_KINDS = ['RESIDENT_ID', 'USCC', 'PHONE', 'ACCOUNT', 'DEVICE', 'FOREIGN_DOC', 'ADDRESS', 'NAME'] as const;
export type BlindIndexKind = (typeof BLIND_INDEX_KINDS)[number];

/**
 * The keyed blind index of a normalised value: HMAC-SHA256(key, kind:value) in hex. Shared by the
 * service and by worker threads that validate import files, which hold the key but no container.
 */
export function blindIndex(key: Buffer, kind: BlindIndexKind, normalisedValue: string): string {
  // One update of the joined text: the same digest as feeding the parts, in less time.
  return createHmac('sha256', key).update(`${kind}:${normalisedValue}`).digest('hex');
}
