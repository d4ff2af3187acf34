/**
 * The identifier an entry (or a match query) names, reduced to one normal form so that two
 * spellings of the same identifier blind-index to the same key: resident IDs upper-cased, USCCs
 * checked, phones reduced to 11 national digits, accounts as BANKCODE:digits, foreign documents
 * as NATIONALITY:NUMBER, device fingerprints lower-cased. The normal form is what a caller passes
 * to the blind index (kind = the identifier kind) and what allowed roles may see in full.
 *
 * A foreign person's exact key is nationality + document number; name and birth date go to the
 * fuzzy name index, where a spelling difference does not lose the person.
 */
import { DomainError } from '../domain-error.js';
import { maskAccount, normaliseAccountNumber } from '../identity/bank-card.js';
import { maskResidentId, parseResidentId } from '../identity/national-id.js';
import { maskPhone, normaliseCnMobile } from '../identity/phone.js';
import { maskUscc, parseUscc } from '../identity/uscc.js';
import { normaliseName } from '../matching/normalise-name.js';
import type { IdentifierKind } from './taxonomy.js';

const BANK_CODE = /^[A-Z0-9]{2,20}$/;
const NATIONALITY = /^[A-Z]{2,3}$/;
const DOCUMENT = /^[A-Z0-9]{4,30}$/;
const DEVICE = /^[a-z0-9:_.-]{8,128}$/;

export interface NormalisedIdentifier {
  readonly kind: IdentifierKind;
  /** The value to blind-index and, for allowed roles, to show. */
  readonly value: string;
  readonly masked: string;
  /** 'YYYY-MM-DD' read from a resident ID. */
  readonly birthDate?: string;
}

function invalid(code: string, message: string, reason: string): never {
  throw new DomainError(code, message, { reason });
}

export function normaliseBankCode(raw: string): string {
  const code = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!BANK_CODE.test(code)) invalid('INVALID_BANK_CODE', 'a bank code is 2-20 letters or digits', 'FORMAT');
  return code;
}

export function normaliseNationality(raw: string): string {
  const code = raw.normalize('NFKC').trim().toUpperCase();
  if (!NATIONALITY.test(code)) invalid('INVALID_NATIONALITY', 'nationality is an ISO 3166 alpha-2 or alpha-3 code', 'FORMAT');
  return code;
}

export function normaliseDocumentNumber(raw: string): string {
  const doc = raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  if (!DOCUMENT.test(doc)) invalid('INVALID_DOCUMENT_NUMBER', 'a document number is 4-30 letters or digits', 'FORMAT');
  return doc;
}

export function normaliseDevice(raw: string): string {
  const d = raw.normalize('NFKC').trim().toLowerCase();
  if (!DEVICE.test(d)) invalid('INVALID_DEVICE', 'a device fingerprint is 8-128 letters, digits, colon, dot, dash or underscore', 'FORMAT');
  return d;
}

function maskMiddle(s: string, keepStart: number, keepEnd: number): string {
  if (s.length <= keepStart + keepEnd) return '*'.repeat(s.length);
  return `${s.slice(0, keepStart)}${'*'.repeat(s.length - keepStart - keepEnd)}${s.slice(-keepEnd)}`;
}

/** @throws DomainError INVALID_RESIDENT_ID */
export function residentIdIdentifier(raw: string, now: Date): NormalisedIdentifier {
  const parsed = parseResidentId(raw, now);
  return { kind: 'RESIDENT_ID', value: parsed.number, masked: maskResidentId(parsed.number), birthDate: parsed.birthDate };
}

/** @throws DomainError INVALID_NATIONALITY, INVALID_DOCUMENT_NUMBER */
export function foreignDocIdentifier(nationality: string, documentNumber: string): NormalisedIdentifier {
  const n = normaliseNationality(nationality);
  const d = normaliseDocumentNumber(documentNumber);
  return { kind: 'FOREIGN_DOC', value: `${n}:${d}`, masked: `${n}:${maskMiddle(d, 0, 4)}` };
}

/** @throws DomainError INVALID_USCC */
export function usccIdentifier(raw: string): NormalisedIdentifier {
  const parsed = parseUscc(raw, { organisationCodeCheck: 'SIGNAL' });
  return { kind: 'USCC', value: parsed.code, masked: maskUscc(parsed.code) };
}

/** @throws DomainError INVALID_PHONE */
export function phoneIdentifier(raw: string): NormalisedIdentifier {
  const digits = normaliseCnMobile(raw);
  return { kind: 'PHONE', value: digits, masked: maskPhone(digits) };
}

/** @throws DomainError INVALID_BANK_CODE, INVALID_ACCOUNT_NUMBER */
export function accountIdentifier(bankCode: string, accountNumber: string): NormalisedIdentifier {
  const code = normaliseBankCode(bankCode);
  const number = normaliseAccountNumber(accountNumber);
  return { kind: 'ACCOUNT', value: `${code}:${number}`, masked: `${code}:${maskAccount(number)}` };
}

/** @throws DomainError INVALID_DEVICE */
export function deviceIdentifier(raw: string): NormalisedIdentifier {
  const d = normaliseDevice(raw);
  return { kind: 'DEVICE', value: d, masked: maskMiddle(d, 4, 4) };
}

/**
 * The normal form of a name (with an optional birth date) under which a queried subject known only
 * by name is remembered, e.g. for a known non-match: simplified Han characters and the Latin tokens
 * sorted, so "Wang Li" and "LI, Wang" are one subject.
 * @throws DomainError INVALID_NAME
 */
export function nameSubjectInput(name: string, birthDate?: string): string {
  const n = normaliseName(name);
  return `${n.simplified}|${n.tokens.join(' ')}|${birthDate ?? ''}`;
}
