/**
 * Validates one negative-list entry given as a flat record: a CSV row, an NDJSON line, or the
 * HTTP body flattened. Every import row and every API create goes through here, so a file and
 * the API accept exactly the same entries. Hand-written rather than class-validator because a
 * 1,000,000-row import validates a row in a few microseconds.
 */
import { DomainError } from '../domain-error.js';
import { MAX_NAME_LENGTH } from '../matching/normalise-name.js';
import {
  codeList,
  type LooseRecord,
  optionalDate,
  optionalInstant,
  optionalString,
  rejectUnknownFields,
  requiredCode,
  requiredString,
  RowRejection,
} from '../records/record-fields.js';
import {
  accountIdentifier,
  deviceIdentifier,
  foreignDocIdentifier,
  type NormalisedIdentifier,
  phoneIdentifier,
  residentIdIdentifier,
  usccIdentifier,
} from './subject.js';
import {
  ENTRY_CATEGORIES,
  ENTRY_MEASURES,
  type EntryCategory,
  type EntryMeasure,
  FRAUD_TYPES,
  type FraudType,
  SUBJECT_TYPES,
  type SubjectType,
} from './taxonomy.js';

/** The columns of a CSV import and the keys of an NDJSON line. */
export const ENTRY_FIELDS = [
  'externalRef',
  'subjectType',
  'idNumber',
  'documentNumber',
  'nationality',
  'name',
  'birthDate',
  'uscc',
  'phone',
  'bankCode',
  'accountNumber',
  'device',
  'category',
  'fraudType',
  'legalBasis',
  'legalBasisDocNo',
  'evidenceRef',
  'measures',
  'effectiveFrom',
  'expiresAt',
] as const;
const KNOWN = new Set<string>(ENTRY_FIELDS);

/** Identifier fields and the subject types they belong to. */
const SUBJECT_FIELDS: Readonly<Record<string, readonly SubjectType[]>> = {
  idNumber: ['PERSON'],
  documentNumber: ['PERSON'],
  nationality: ['PERSON'],
  birthDate: ['PERSON'],
  uscc: ['ENTITY'],
  phone: ['PHONE'],
  bankCode: ['ACCOUNT'],
  accountNumber: ['ACCOUNT'],
  device: ['DEVICE'],
};

export interface EntrySubject {
  readonly type: SubjectType;
  readonly identifier: NormalisedIdentifier;
  /** Person's name (required for persons), or the name of a company or account holder. */
  readonly name: string | null;
  readonly birthDate: string | null;
}

export interface EntryDraft {
  readonly externalRef: string | null;
  readonly subject: EntrySubject;
  readonly category: EntryCategory;
  readonly fraudType: FraudType;
  readonly legalBasis: string;
  readonly legalBasisDocNo: string | null;
  readonly evidenceRef: string | null;
  readonly measures: readonly EntryMeasure[];
  /** When the listing decision takes effect (before any chaining onto an earlier term). */
  readonly requestedFrom: Date;
  /** The expiry the contributor gave; null to take the statutory term. */
  readonly expiresAt: Date | null;
}

const NAME_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * The name a person can be matched by: what normaliseName accepts (a letter or digit, at most
 * MAX_NAME_LENGTH characters), checked without computing pinyin: the index does that once when
 * it files the name, and a bulk import should not pay for it twice.
 */
function assertPersonName(name: string): void {
  if (name.length > MAX_NAME_LENGTH || !NAME_CHARACTER.test(name.normalize('NFKC'))) {
    throw new RowRejection('INVALID_NAME', `a name holds at least one letter and at most ${MAX_NAME_LENGTH} characters`, 'name');
  }
}

function identifier<T>(field: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DomainError) throw new RowRejection(e.code, e.message, field);
    throw e;
  }
}

function hasValue(r: LooseRecord, field: string): boolean {
  const v = r[field];
  return !(v === undefined || v === null || (typeof v === 'string' && v.trim() === ''));
}

function parseSubject(r: LooseRecord, type: SubjectType, now: Date): EntrySubject {
  for (const [field, types] of Object.entries(SUBJECT_FIELDS)) {
    if (hasValue(r, field) && !types.includes(type)) {
      throw new RowRejection('INVALID_FIELD', `${field} does not belong to a ${type} entry: an entry names its subject by one identifier`, field);
    }
  }
  const rawName = optionalString(r, 'name', 200);
  switch (type) {
    case 'PERSON': {
      if (rawName === undefined) throw new RowRejection('MISSING_FIELD', 'name is required for a person', 'name');
      assertPersonName(rawName);
      const birthDate = optionalDate(r, 'birthDate');
      const idNumber = optionalString(r, 'idNumber', 40);
      const documentNumber = optionalString(r, 'documentNumber', 60);
      if (idNumber !== undefined && documentNumber !== undefined) {
        throw new RowRejection('INVALID_FIELD', 'give idNumber (resident ID) or documentNumber (foreign document), not both', 'documentNumber');
      }
      if (idNumber !== undefined) {
        const id = identifier('idNumber', () => residentIdIdentifier(idNumber, now));
        if (birthDate !== undefined && birthDate !== id.birthDate) {
          throw new RowRejection('INVALID_FIELD', 'birthDate differs from the birth date in the resident ID number', 'birthDate');
        }
        return { type, identifier: id, name: rawName, birthDate: id.birthDate ?? null };
      }
      if (documentNumber === undefined) {
        throw new RowRejection('MISSING_FIELD', 'a person needs idNumber, or documentNumber with nationality and birthDate', 'idNumber');
      }
      const nationality = requiredString(r, 'nationality', 3);
      if (birthDate === undefined) throw new RowRejection('MISSING_FIELD', 'birthDate is required with a foreign document', 'birthDate');
      const id = identifier('documentNumber', () => foreignDocIdentifier(nationality, documentNumber));
      return { type, identifier: id, name: rawName, birthDate };
    }
    case 'ENTITY': {
      const uscc = requiredString(r, 'uscc', 40);
      return { type, identifier: identifier('uscc', () => usccIdentifier(uscc)), name: rawName ?? null, birthDate: null };
    }
    case 'PHONE': {
      const phone = requiredString(r, 'phone', 40);
      return { type, identifier: identifier('phone', () => phoneIdentifier(phone)), name: rawName ?? null, birthDate: null };
    }
    case 'ACCOUNT': {
      const bankCode = requiredString(r, 'bankCode', 40);
      const accountNumber = requiredString(r, 'accountNumber', 60);
      return { type, identifier: identifier('accountNumber', () => accountIdentifier(bankCode, accountNumber)), name: rawName ?? null, birthDate: null };
    }
    case 'DEVICE': {
      const device = requiredString(r, 'device', 200);
      return { type, identifier: identifier('device', () => deviceIdentifier(device)), name: rawName ?? null, birthDate: null };
    }
  }
}

/**
 * @param now decides "in the future" for birth dates and the default effective-from.
 * @throws RowRejection with a stable code (MISSING_FIELD, INVALID_FIELD, UNKNOWN_FIELD,
 *   INVALID_DATE, INVALID_TERM, or the identity code such as INVALID_RESIDENT_ID) and the field.
 */
export function parseEntryRecord(r: LooseRecord, now: Date): EntryDraft {
  rejectUnknownFields(r, KNOWN);
  const subjectType = requiredCode(r, 'subjectType', SUBJECT_TYPES);
  const subject = parseSubject(r, subjectType, now);
  const category = requiredCode(r, 'category', ENTRY_CATEGORIES);
  const fraudType = requiredCode(r, 'fraudType', FRAUD_TYPES);
  const legalBasis = requiredString(r, 'legalBasis', 1000);
  const legalBasisDocNo = optionalString(r, 'legalBasisDocNo', 100) ?? null;
  const evidenceRef = optionalString(r, 'evidenceRef', 200) ?? null;
  const measures = codeList(r, 'measures', ENTRY_MEASURES).sort((a, b) => ENTRY_MEASURES.indexOf(a) - ENTRY_MEASURES.indexOf(b));
  const requestedFrom = optionalInstant(r, 'effectiveFrom') ?? now;
  const expiresAt = optionalInstant(r, 'expiresAt') ?? null;
  if (expiresAt !== null && expiresAt.getTime() <= requestedFrom.getTime()) {
    throw new RowRejection('INVALID_TERM', 'expiresAt must be after effectiveFrom', 'expiresAt');
  }
  const externalRef = optionalString(r, 'externalRef', 200) ?? null;
  return { externalRef, subject, category, fraudType, legalBasis, legalBasisDocNo, evidenceRef, measures, requestedFrom, expiresAt };
}
