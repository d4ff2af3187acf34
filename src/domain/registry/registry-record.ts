/**
 * Validates one market-entity registration record (市场主体登记信息) as a flat record: a CSV row,
 * an NDJSON line or the registration authority's feed. The same function serves the bulk load
 * and the single upsert, so both accept exactly the same data.
 *
 * Status accepts the codes below or the registry's own words (存续/在业/开业, 吊销, 注销, 迁出, 停业,
 * 清算). Abnormal-operations (经营异常名录) and serious-illegal-dishonest (严重违法失信名单) listings
 * come as arrays of {reason, listedAt, removedAt} in NDJSON, or one listing in CSV columns.
 */
import { DomainError } from '../domain-error.js';
import { parseAmountToFen } from '../detection/money.js';
import { maskResidentId, parseResidentId } from '../identity/national-id.js';
import { parseUscc } from '../identity/uscc.js';
import { normaliseDocumentNumber, normaliseNationality } from '../negative-list/subject.js';
import {
  type LooseRecord,
  optionalDate,
  optionalInstant,
  optionalString,
  parseInstant,
  rejectUnknownFields,
  requiredString,
  RowRejection,
} from '../records/record-fields.js';
import { normaliseAddress, normaliseEntityName } from './normalise.js';

export const REGISTRY_STATUSES = ['ACTIVE', 'REVOKED', 'DEREGISTERED', 'MOVED_OUT', 'SUSPENDED', 'LIQUIDATING', 'OTHER'] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];

const STATUS_WORDS: Readonly<Record<string, RegistryStatus>> = {
  存续: 'ACTIVE',
  在业: 'ACTIVE',
  开业: 'ACTIVE',
  吊销: 'REVOKED',
  注销: 'DEREGISTERED',
  迁出: 'MOVED_OUT',
  停业: 'SUSPENDED',
  清算: 'LIQUIDATING',
  其他: 'OTHER',
};

export const REGISTRY_FIELDS = [
  'uscc',
  'name',
  'formerNames',
  'entityType',
  'legalRepName',
  'legalRepIdNumber',
  'legalRepNationality',
  'registeredCapital',
  'establishedOn',
  'registeredAddress',
  'status',
  'abnormalOperations',
  'abnormalReason',
  'abnormalListedAt',
  'abnormalRemovedAt',
  'seriousDishonest',
  'dishonestReason',
  'dishonestListedAt',
  'dishonestRemovedAt',
  'businessScope',
  'registrationAuthority',
  'updatedAt',
] as const;
const KNOWN = new Set<string>(REGISTRY_FIELDS);

export interface Listing {
  readonly reason: string | null;
  /** ISO instant */
  readonly listedAt: string;
  readonly removedAt: string | null;
}

export interface LegalRepresentative {
  readonly name: string | null;
  /** Blind-index kind and the normal form to index; null when no ID was given. */
  readonly id: { readonly kind: 'RESIDENT_ID' | 'FOREIGN_DOC'; readonly value: string; readonly masked: string } | null;
}

export interface RegistryDraft {
  readonly uscc: string;
  readonly name: string;
  readonly nameNorm: string;
  readonly formerNames: readonly string[];
  readonly formerNamesNorm: readonly string[];
  readonly entityType: string | null;
  readonly legalRep: LegalRepresentative;
  readonly registeredCapitalFen: number | null;
  readonly establishedOn: string | null;
  readonly registeredAddress: string | null;
  /** Normal form of the address to blind-index; null without an address. */
  readonly addressNorm: string | null;
  readonly status: RegistryStatus;
  readonly abnormalOperations: readonly Listing[];
  readonly seriousDishonest: readonly Listing[];
  readonly businessScope: string | null;
  readonly registrationAuthority: string | null;
  readonly sourceUpdatedAt: Date | null;
}

function status(r: LooseRecord): RegistryStatus {
  const raw = requiredString(r, 'status', 32);
  const code = raw.toUpperCase();
  if ((REGISTRY_STATUSES as readonly string[]).includes(code)) return code as RegistryStatus;
  const word = Object.keys(STATUS_WORDS).find((w) => raw.includes(w));
  if (word) return STATUS_WORDS[word]!;
  throw new RowRejection('INVALID_FIELD', `status must be one of ${REGISTRY_STATUSES.join(', ')} or the registry's wording (存续, 吊销, 注销 ...)`, 'status');
}

function names(r: LooseRecord, field: string): string[] {
  const v = r[field];
  if (v === undefined || v === null || v === '') return [];
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[;|]/) : null;
  if (!items) throw new RowRejection('INVALID_FIELD', `${field} must be a list of names`, field);
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') throw new RowRejection('INVALID_FIELD', `${field} must be a list of names`, field);
    const t = item.trim();
    if (t.length > 300) throw new RowRejection('INVALID_FIELD', `${field}: a name has at most 300 characters`, field);
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  if (out.length > 50) throw new RowRejection('INVALID_FIELD', `${field} holds at most 50 names`, field);
  return out;
}

function instantText(v: unknown, field: string): string {
  const d = typeof v === 'string' ? parseInstant(v) : undefined;
  if (!d) throw new RowRejection('INVALID_DATE', `${field} must be YYYY-MM-DD or an ISO 8601 date-time with offset`, field);
  return d.toISOString();
}

function listings(r: LooseRecord, arrayField: string, prefix: 'abnormal' | 'dishonest'): Listing[] {
  const v = r[arrayField];
  const flat = [`${prefix}Reason`, `${prefix}ListedAt`, `${prefix}RemovedAt`].some((f) => r[f] !== undefined && r[f] !== null && r[f] !== '');
  if (v !== undefined && v !== null && v !== '' && flat) throw new RowRejection('INVALID_FIELD', `give ${arrayField} or the ${prefix}* columns, not both`, arrayField);
  if (flat) {
    const listedAt = r[`${prefix}ListedAt`];
    if (listedAt === undefined || listedAt === null || listedAt === '') throw new RowRejection('MISSING_FIELD', `${prefix}ListedAt is required with a listing`, `${prefix}ListedAt`);
    const removed = r[`${prefix}RemovedAt`];
    return [
      {
        reason: optionalString(r, `${prefix}Reason`, 500) ?? null,
        listedAt: instantText(listedAt, `${prefix}ListedAt`),
        removedAt: removed === undefined || removed === null || removed === '' ? null : instantText(removed, `${prefix}RemovedAt`),
      },
    ];
  }
  if (v === undefined || v === null || v === '') return [];
  let items: unknown = v;
  if (typeof v === 'string') {
    try {
      items = JSON.parse(v);
    } catch {
      throw new RowRejection('INVALID_FIELD', `${arrayField} must be a JSON array of {reason, listedAt, removedAt}`, arrayField);
    }
  }
  if (!Array.isArray(items) || items.length > 100) throw new RowRejection('INVALID_FIELD', `${arrayField} must be an array of at most 100 listings`, arrayField);
  return items.map((item) => {
    if (item === null || typeof item !== 'object') throw new RowRejection('INVALID_FIELD', `${arrayField} items are objects`, arrayField);
    const o = item as Record<string, unknown>;
    const reason = o.reason === undefined || o.reason === null ? null : String(o.reason).slice(0, 500);
    const listedAt = instantText(o.listedAt, `${arrayField}.listedAt`);
    const removedAt = o.removedAt === undefined || o.removedAt === null || o.removedAt === '' ? null : instantText(o.removedAt, `${arrayField}.removedAt`);
    return { reason, listedAt, removedAt };
  });
}

function legalRep(r: LooseRecord, now: Date): LegalRepresentative {
  const name = optionalString(r, 'legalRepName', 200) ?? null;
  const raw = optionalString(r, 'legalRepIdNumber', 60);
  if (raw === undefined) return { name, id: null };
  const compact = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  try {
    if (/^\d{17}[\dX]$/.test(compact)) {
      const parsed = parseResidentId(compact, now);
      return { name, id: { kind: 'RESIDENT_ID', value: parsed.number, masked: maskResidentId(parsed.number) } };
    }
    const doc = normaliseDocumentNumber(compact);
    const nationality = normaliseNationality(optionalString(r, 'legalRepNationality', 3) ?? 'XX');
    return { name, id: { kind: 'FOREIGN_DOC', value: `${nationality}:${doc}`, masked: `${nationality}:${'*'.repeat(Math.max(0, doc.length - 4))}${doc.slice(-4)}` } };
  } catch (e) {
    if (e instanceof DomainError) throw new RowRejection(e.code, e.message, 'legalRepIdNumber');
    throw e;
  }
}

/**
 * @throws RowRejection with a stable code (MISSING_FIELD, INVALID_FIELD, UNKNOWN_FIELD,
 *   INVALID_DATE, INVALID_USCC, INVALID_RESIDENT_ID, INVALID_AMOUNT) and the field.
 */
export function parseRegistryRecord(r: LooseRecord, now: Date): RegistryDraft {
  rejectUnknownFields(r, KNOWN);
  const rawUscc = requiredString(r, 'uscc', 40);
  let uscc: string;
  try {
    uscc = parseUscc(rawUscc, { organisationCodeCheck: 'SIGNAL' }).code;
  } catch (e) {
    if (e instanceof DomainError) throw new RowRejection(e.code, e.message, 'uscc');
    throw e;
  }
  const name = requiredString(r, 'name', 300);
  const formerNames = names(r, 'formerNames').filter((n) => n !== name);
  const capital = optionalString(r, 'registeredCapital', 30);
  let registeredCapitalFen: number | null = null;
  if (capital !== undefined) {
    try {
      registeredCapitalFen = parseAmountToFen(capital.replace(/,/g, ''));
    } catch (e) {
      if (e instanceof DomainError) throw new RowRejection('INVALID_AMOUNT', 'registeredCapital must be a decimal amount of CNY with at most 2 decimals', 'registeredCapital');
      throw e;
    }
  }
  const registeredAddress = optionalString(r, 'registeredAddress', 500) ?? null;
  const address = registeredAddress !== null ? normaliseAddress(registeredAddress) : '';
  return {
    uscc,
    name,
    nameNorm: normaliseEntityName(name),
    formerNames,
    formerNamesNorm: [...new Set(formerNames.map(normaliseEntityName))],
    entityType: optionalString(r, 'entityType', 100) ?? null,
    legalRep: legalRep(r, now),
    registeredCapitalFen,
    establishedOn: optionalDate(r, 'establishedOn') ?? null,
    registeredAddress,
    addressNorm: address === '' ? null : address,
    status: status(r),
    abnormalOperations: listings(r, 'abnormalOperations', 'abnormal'),
    seriousDishonest: listings(r, 'seriousDishonest', 'dishonest'),
    businessScope: optionalString(r, 'businessScope', 4000) ?? null,
    registrationAuthority: optionalString(r, 'registrationAuthority', 200) ?? null,
    sourceUpdatedAt: optionalInstant(r, 'updatedAt') ?? null,
  };
}
