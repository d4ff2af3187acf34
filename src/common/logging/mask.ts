/**
 * Masks personal identifiers inside free text before it reaches a log line: resident ID numbers
 * keep the division code and the last four characters, mobile numbers the first three and
 * last four digits, long card or account numbers the last four.
 */
const RESIDENT_ID = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LONG_NUMBER = /(?<!\d)\d{12,15}(\d{4})(?!\d)/g;

export function maskText(text: string): string {
  return text
    .replace(RESIDENT_ID, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`)
    .replace(LONG_NUMBER, (_m, tail: string) => `************${tail}`);
}

export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}
