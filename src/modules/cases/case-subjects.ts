import type { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import { attributesFromResidentId } from '../../domain/cases/subject-profile.js';
import { maskAccount, normaliseAccountNumber } from '../../domain/identity/bank-card.js';
import { maskResidentId, normaliseResidentId } from '../../domain/identity/national-id.js';
import { maskUscc, normaliseUscc } from '../../domain/identity/uscc.js';
import type { CaseSubject } from './cases.types.js';

/**
 * Builders of case subjects from raw identifiers, so every source keys subjects the same way as
 * the account registry does (bank_accounts.holder_key) and no raw number is stored in a case.
 */
export function personSubject(blind: BlindIndexService, idNumber: string, now: Date, name?: string | null): CaseSubject {
  const normalised = normaliseResidentId(idNumber);
  const attributes = attributesFromResidentId(normalised, now);
  return {
    type: 'PERSON',
    key: blind.of(attributes ? 'RESIDENT_ID' : 'FOREIGN_DOC', normalised),
    display: maskResidentId(normalised),
    name: name ?? null,
    attributes: attributes ?? null,
  };
}

export function entitySubject(blind: BlindIndexService, uscc: string, name?: string | null): CaseSubject {
  const normalised = normaliseUscc(uscc);
  return { type: 'ENTITY', key: blind.of('USCC', normalised), display: maskUscc(normalised), name: name ?? null };
}

export function accountSubject(bankCode: string, accountNumber: string, holderName?: string | null): CaseSubject {
  const normalised = normaliseAccountNumber(accountNumber);
  return { type: 'ACCOUNT', key: accountKey(bankCode, normalised), display: `${bankCode} ${maskAccount(normalised)}`.slice(0, 80), name: holderName ?? null };
}

export function accountKey(bankCode: string, accountNumber: string): string {
  return `${bankCode.trim()}:${normaliseAccountNumber(accountNumber)}`;
}

/** Splits an ACCOUNT subject key back into bank code and account number. */
export function parseAccountKey(key: string): { bankCode: string; accountNumber: string } | null {
  const i = key.indexOf(':');
  if (i <= 0 || i === key.length - 1) return null;
  return { bankCode: key.slice(0, i), accountNumber: key.slice(i + 1) };
}
