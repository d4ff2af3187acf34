/**
 * One account as a bank reports it: an opening through the API or a row of an existing-account
 * load. The same reader serves both, so a file and the API accept exactly the same accounts.
 * Hand-written rather than class-validator because a 10,000,000-row load validates a row in a
 * few microseconds. Identifiers are normalised as the negative list normalises them, so the
 * blind indexes meet.
 */
import { normaliseAccountNumber } from '../../domain/identity/bank-card.js';
import { DomainError } from '../../domain/domain-error.js';
import {
  deviceIdentifier,
  foreignDocIdentifier,
  normaliseBankCode,
  phoneIdentifier,
  residentIdIdentifier,
  usccIdentifier,
  type NormalisedIdentifier,
} from '../../domain/negative-list/subject.js';
import {
  optionalDate,
  optionalInstant,
  optionalString,
  rejectUnknownFields,
  requiredString,
  RowRejection,
  type LooseRecord,
} from '../../domain/records/record-fields.js';
import { ACCOUNT_CLASSES, CHANNELS, ID_TYPES, type AccountClass, type Channel, type IdType } from '../../domain/screening/index.js';
import type { AccountHolderType, BankAccountEntity } from '../accounts/bank-account.entity.js';
import { normaliseAddress } from '../../domain/registry/normalise.js';
import type { ApplicantProfile, BlindIndex, StoredIdentifier } from '../screening/applicant-profile.js';

/** Columns of a CSV load and keys of an NDJSON line (and of the opening API body). */
export const ACCOUNT_FIELDS = [
  'bankCode',
  'accountNumber',
  'branchCode',
  'accountClass',
  'holderType',
  'idType',
  'idNumber',
  'nationality',
  'birthDate',
  'idExpiry',
  'uscc',
  'holderName',
  'legalRepName',
  'legalRepIdNumber',
  'phone',
  'deviceId',
  'address',
  'channel',
  'openedAt',
  'closedAt',
  'screeningId',
] as const;

const KNOWN = new Set<string>(ACCOUNT_FIELDS);
const BRANCH = /^[A-Za-z0-9-]{1,20}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccountRecord {
  bankCode: string;
  accountNumber: string;
  branchCode: string | null;
  accountClass: AccountClass | null;
  holderType: AccountHolderType;
  idType: IdType | 'USCC';
  holder: NormalisedIdentifier;
  holderName: string | null;
  nationality: string | null;
  birthDate: string | null;
  /** undefined: not reported; null: long-term document. */
  idExpiry: string | null | undefined;
  legalRepresentative: { name: string; id: NormalisedIdentifier } | null;
  phone: NormalisedIdentifier | null;
  device: NormalisedIdentifier | null;
  address: string | null;
  channel: Channel | null;
  openedAt: Date;
  closedAt: Date | null;
  screeningId: string | null;
}

/** Turns a domain error of the identity normalisers into a row rejection naming the field. */
function field<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof DomainError) throw new RowRejection(e.code, `${name}: ${e.message}`, name);
    throw e;
  }
}

function oneOf<T extends string>(r: LooseRecord, name: string, allowed: readonly T[]): T | undefined {
  const s = optionalString(r, name, 40);
  if (s === undefined) return undefined;
  const v = s.toUpperCase();
  if (!(allowed as readonly string[]).includes(v)) throw new RowRejection('INVALID_FIELD', `${name} must be one of ${allowed.join(', ')}`, name);
  return v as T;
}

/**
 * Reads and validates one account. `now` judges "born in the future" and "opened in the future".
 * @throws RowRejection naming the field
 */
export function readAccountRecord(r: LooseRecord, now: Date): AccountRecord {
  rejectUnknownFields(r, KNOWN);
  const bankCode = field('bankCode', () => normaliseBankCode(requiredString(r, 'bankCode', 40)));
  const accountNumber = field('accountNumber', () => normaliseAccountNumber(requiredString(r, 'accountNumber', 60)));
  const branchCode = optionalString(r, 'branchCode', 20) ?? null;
  if (branchCode !== null && !BRANCH.test(branchCode)) throw new RowRejection('INVALID_FIELD', 'branchCode must be 1-20 letters, digits or dashes', 'branchCode');
  const holderType = oneOf(r, 'holderType', ['PERSON', 'ENTITY'] as const) ?? 'PERSON';
  const holderName = optionalString(r, 'holderName', 200) ?? null;
  const openedAt = optionalInstant(r, 'openedAt');
  if (!openedAt) throw new RowRejection('MISSING_FIELD', 'openedAt is required', 'openedAt');
  if (openedAt.getTime() > now.getTime() + 5 * 60_000) throw new RowRejection('INVALID_DATE', 'openedAt is in the future', 'openedAt');
  const closedAt = optionalInstant(r, 'closedAt') ?? null;
  const screeningId = optionalString(r, 'screeningId', 36) ?? null;
  if (screeningId !== null && !UUID.test(screeningId)) throw new RowRejection('INVALID_FIELD', 'screeningId must be a screening id (UUID)', 'screeningId');
  const phoneRaw = optionalString(r, 'phone', 40);
  const deviceRaw = optionalString(r, 'deviceId', 128);
  const addressRaw = optionalString(r, 'address', 300);
  const common = {
    bankCode,
    accountNumber,
    branchCode,
    holderName,
    phone: phoneRaw !== undefined ? field('phone', () => phoneIdentifier(phoneRaw)) : null,
    device: deviceRaw !== undefined ? field('deviceId', () => deviceIdentifier(deviceRaw)) : null,
    address: addressRaw !== undefined ? normaliseAddress(addressRaw) || null : null,
    channel: oneOf(r, 'channel', CHANNELS) ?? null,
    openedAt,
    closedAt,
    screeningId,
  };

  if (holderType === 'ENTITY') {
    const uscc = field('uscc', () => usccIdentifier(requiredString(r, 'uscc', 40)));
    const repName = optionalString(r, 'legalRepName', 100);
    const repId = optionalString(r, 'legalRepIdNumber', 40);
    if ((repName === undefined) !== (repId === undefined)) throw new RowRejection('MISSING_FIELD', 'legalRepName and legalRepIdNumber go together', repName === undefined ? 'legalRepName' : 'legalRepIdNumber');
    return {
      ...common,
      accountClass: null,
      holderType,
      idType: 'USCC',
      holder: uscc,
      nationality: null,
      birthDate: null,
      idExpiry: undefined,
      legalRepresentative: repName !== undefined && repId !== undefined ? { name: repName, id: field('legalRepIdNumber', () => residentIdIdentifier(repId, now)) } : null,
    };
  }

  const idType = oneOf(r, 'idType', ID_TYPES) ?? 'RESIDENT_ID';
  const idNumber = requiredString(r, 'idNumber', 40);
  const nationality = optionalString(r, 'nationality', 3);
  let holder: NormalisedIdentifier;
  if (idType === 'RESIDENT_ID') {
    holder = field('idNumber', () => residentIdIdentifier(idNumber, now));
  } else {
    if (nationality === undefined) throw new RowRejection('MISSING_FIELD', 'nationality is required unless idType is RESIDENT_ID', 'nationality');
    holder = field('idNumber', () => foreignDocIdentifier(nationality, idNumber));
  }
  const expiryText = optionalString(r, 'idExpiry', 10);
  const idExpiry = expiryText === undefined ? undefined : expiryText.toUpperCase() === 'LONG_TERM' ? null : optionalDate(r, 'idExpiry')!;
  return {
    ...common,
    accountClass: oneOf(r, 'accountClass', ACCOUNT_CLASSES) ?? null,
    holderType,
    idType,
    holder,
    nationality: idType === 'RESIDENT_ID' ? 'CHN' : holder.value.split(':')[0]!,
    birthDate: holder.birthDate ?? optionalDate(r, 'birthDate') ?? null,
    idExpiry,
    legalRepresentative: null,
  };
}

/** The registry row of an account. */
export function toBankAccount(rec: AccountRecord, institutionId: string, source: BankAccountEntity['source'], blind: BlindIndex, now: Date): BankAccountEntity {
  return {
    bankCode: rec.bankCode,
    accountNumber: rec.accountNumber,
    institutionId,
    branchCode: rec.branchCode,
    holderType: rec.holderType,
    holderKey: blind(rec.holder.kind, rec.holder.value),
    holderMasked: rec.holder.masked.slice(0, 40),
    holderName: rec.holderName,
    accountClass: rec.accountClass,
    openedAt: rec.openedAt,
    source,
    phoneKey: rec.phone ? blind('PHONE', rec.phone.value) : null,
    deviceKey: rec.device ? blind('DEVICE', rec.device.value) : null,
    addressKey: rec.address ? blind('ADDRESS', rec.address) : null,
    screeningId: rec.screeningId,
    closedAt: rec.closedAt,
    updatedAt: now,
  };
}

function storedId(id: NormalisedIdentifier, blind: BlindIndex): StoredIdentifier {
  return { kind: id.kind as StoredIdentifier['kind'], key: blind(id.kind, id.value), masked: id.masked };
}

/** The applicant profile of an account's holder as reported, for screening it again later. */
export function profileOfRecord(rec: AccountRecord, blind: BlindIndex): ApplicantProfile {
  const phone = rec.phone ? storedId(rec.phone, blind) : null;
  const device = rec.device ? storedId(rec.device, blind) : null;
  const addressKey = rec.address ? blind('ADDRESS', rec.address) : null;
  if (rec.holderType === 'ENTITY') {
    const rep = rec.legalRepresentative;
    return {
      type: 'ENTITY',
      uscc: rec.holder.value,
      id: storedId(rec.holder, blind),
      name: rec.holderName ?? '',
      legalRepresentative: rep ? { name: rep.name, idType: 'RESIDENT_ID', id: storedId(rep.id, blind), birthDate: rep.id.birthDate ?? null, nationality: 'CHN' } : null,
      phone,
      device,
      addressKey,
    };
  }
  return {
    type: 'PERSON',
    idType: rec.idType as IdType,
    id: storedId(rec.holder, blind),
    name: rec.holderName ?? '',
    nationality: rec.nationality,
    birthDate: rec.birthDate,
    householdProvinceCode: rec.idType === 'RESIDENT_ID' ? rec.holder.value.slice(0, 2) : null,
    idExpiry: rec.idExpiry ?? null,
    occupation: null,
    phone,
    device,
    addressKey,
  };
}
