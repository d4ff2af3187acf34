/**
 * Turns a validated application into the applicant as the platform keeps it: identifiers as
 * blind-index keys and masked forms, the name, and what the ID number tells (birth date, home
 * province). The profile is stored with the screening and is enough to screen the same person
 * again later (second verification) without keeping the full ID number.
 */
import type { BlindIndexKind } from '../../common/crypto/blind-index.service.js';
import { DomainError } from '../../domain/domain-error.js';
import { parseIsoDate } from '../../domain/identity/calendar-date.js';
import {
  deviceIdentifier,
  foreignDocIdentifier,
  phoneIdentifier,
  residentIdIdentifier,
  usccIdentifier,
  type NormalisedIdentifier,
} from '../../domain/negative-list/subject.js';
import type { AccountClass, Channel, IdType } from '../../domain/screening/index.js';
import { normaliseAddress } from '../../domain/registry/normalise.js';
import type { ProbedIdentifier } from './ports/negative-list.port.js';

export type BlindIndex = (kind: BlindIndexKind, normalisedValue: string) => string;

export interface StoredIdentifier {
  kind: ProbedIdentifier['kind'];
  key: string;
  masked: string;
}

export interface PersonProfile {
  type: 'PERSON';
  idType: IdType;
  id: StoredIdentifier;
  name: string;
  nationality: string | null;
  /** 'YYYY-MM-DD', from the resident ID or as given; null when unknown (an opening record without it). */
  birthDate: string | null;
  /** GB/T 2260 province of household registration (resident IDs only). */
  householdProvinceCode: string | null;
  /** 'YYYY-MM-DD', or null for a long-term document. */
  idExpiry: string | null;
  occupation: string | null;
  phone: StoredIdentifier | null;
  device: StoredIdentifier | null;
  addressKey: string | null;
}

export interface EntityProfile {
  type: 'ENTITY';
  /** USCCs are public registration data; kept in clear for registry lookups. */
  uscc: string;
  id: StoredIdentifier;
  name: string;
  /** Null only for accounts reported without one (no screening, no representative given). */
  legalRepresentative: { name: string; idType: IdType; id: StoredIdentifier; birthDate: string | null; nationality: string | null } | null;
  phone: StoredIdentifier | null;
  device: StoredIdentifier | null;
  addressKey: string | null;
}

export type ApplicantProfile = PersonProfile | EntityProfile;

/** The request context of a screening. */
export interface ScreeningContext {
  branchCode: string | null;
  /** GB/T 2260 code of the branch's area, when the caller gives it. */
  branchRegionCode: string | null;
  channel: Channel;
  requestedAccountClass: AccountClass | null;
}

/** Normalised identifiers to probe the negative list with while the raw values are at hand. */
export interface RawProbe {
  applicant: ProbedIdentifier;
  legalRepresentative?: ProbedIdentifier;
  phone?: ProbedIdentifier;
  device?: ProbedIdentifier;
}

export interface PersonApplicantInput {
  type: 'PERSON';
  name: string;
  idType: IdType;
  idNumber: string;
  idExpiry: string;
  nationality?: string;
  birthDate?: string;
  phone?: string;
  address?: string;
  occupation?: string;
  deviceId?: string;
}

export interface EntityApplicantInput {
  type: 'ENTITY';
  name: string;
  uscc: string;
  legalRepresentative: { name: string; idNumber: string; idType?: IdType; nationality?: string; birthDate?: string };
  phone?: string;
  registeredAddress?: string;
  deviceId?: string;
}

export type ApplicantInput = PersonApplicantInput | EntityApplicantInput;

export const LONG_TERM = 'LONG_TERM';

function invalidIdentifier(field: string, err: unknown): never {
  const reason = err instanceof DomainError ? String(err.details?.['reason'] ?? err.code) : 'FORMAT';
  throw new DomainError('INVALID_IDENTIFIER', `${field} is not a valid identifier (${reason}).`, { errors: [{ field, constraints: { identifier: reason } }] });
}

function normalised(field: string, f: () => NormalisedIdentifier): NormalisedIdentifier {
  try {
    return f();
  } catch (err) {
    if (err instanceof DomainError) invalidIdentifier(field, err);
    throw err;
  }
}

function stored(id: NormalisedIdentifier, blind: BlindIndex): { stored: StoredIdentifier; probe: ProbedIdentifier } {
  const key = blind(id.kind, id.value);
  return { stored: { kind: id.kind, key, masked: id.masked }, probe: { kind: id.kind, key, value: id.value } };
}

/** A person's document: a resident ID, or for the other document types nationality + number. */
function personDocument(field: string, idType: IdType, idNumber: string, nationality: string | undefined, now: Date): NormalisedIdentifier {
  if (idType === 'RESIDENT_ID') return normalised(`${field}.idNumber`, () => residentIdIdentifier(idNumber, now));
  if (nationality === undefined) {
    throw new DomainError('VALIDATION_FAILED', `${field}.nationality is required when idType is not RESIDENT_ID.`, { errors: [{ field: `${field}.nationality`, constraints: { required: 'required' } }] });
  }
  return normalised(`${field}.idNumber`, () => foreignDocIdentifier(nationality, idNumber));
}

function checkedBirthDate(field: string, value: string | undefined, today: string): string {
  if (value === undefined) {
    throw new DomainError('VALIDATION_FAILED', `${field} is required when idType is not RESIDENT_ID.`, { errors: [{ field, constraints: { required: 'required' } }] });
  }
  if (parseIsoDate(value) === undefined || value > today) {
    throw new DomainError('INVALID_IDENTIFIER', `${field} must be a real date that is not in the future.`, { errors: [{ field, constraints: { date: 'IMPOSSIBLE_DATE' } }] });
  }
  return value;
}

function optionalIdentifiers(
  input: { phone?: string; deviceId?: string; address?: string },
  blind: BlindIndex,
): { phone: ReturnType<typeof stored> | null; device: ReturnType<typeof stored> | null; addressKey: string | null } {
  const phone = input.phone !== undefined ? stored(normalised('applicant.phone', () => phoneIdentifier(input.phone!)), blind) : null;
  const device = input.deviceId !== undefined ? stored(normalised('applicant.deviceId', () => deviceIdentifier(input.deviceId!)), blind) : null;
  const address = input.address !== undefined ? normaliseAddress(input.address) : '';
  return { phone, device, addressKey: address.length > 0 ? blind('ADDRESS', address) : null };
}

/**
 * Builds the stored profile and the negative-list probe of an application.
 * `today` is the screening's calendar date in China ('YYYY-MM-DD').
 * @throws DomainError INVALID_IDENTIFIER (422) or VALIDATION_FAILED (400)
 */
export function buildApplicantProfile(input: ApplicantInput, now: Date, today: string, blind: BlindIndex): { profile: ApplicantProfile; probe: RawProbe } {
  if (input.type === 'PERSON') {
    const doc = personDocument('applicant', input.idType, input.idNumber, input.nationality, now);
    const id = stored(doc, blind);
    const birthDate = doc.birthDate ?? checkedBirthDate('applicant.birthDate', input.birthDate, today);
    const extra = optionalIdentifiers({ phone: input.phone, deviceId: input.deviceId, address: input.address }, blind);
    const profile: PersonProfile = {
      type: 'PERSON',
      idType: input.idType,
      id: id.stored,
      name: input.name.trim(),
      nationality: input.idType === 'RESIDENT_ID' ? 'CHN' : doc.value.split(':')[0]!,
      birthDate,
      householdProvinceCode: input.idType === 'RESIDENT_ID' ? doc.value.slice(0, 2) : null,
      idExpiry: input.idExpiry === LONG_TERM ? null : input.idExpiry,
      occupation: input.occupation?.trim() || null,
      phone: extra.phone?.stored ?? null,
      device: extra.device?.stored ?? null,
      addressKey: extra.addressKey,
    };
    const probe: RawProbe = { applicant: id.probe };
    if (extra.phone) probe.phone = extra.phone.probe;
    if (extra.device) probe.device = extra.device.probe;
    return { profile, probe };
  }
  const uscc = normalised('applicant.uscc', () => usccIdentifier(input.uscc));
  const id = stored(uscc, blind);
  const rep = input.legalRepresentative;
  const repType = rep.idType ?? 'RESIDENT_ID';
  const repDoc = personDocument('applicant.legalRepresentative', repType, rep.idNumber, rep.nationality, now);
  const repId = stored(repDoc, blind);
  const extra = optionalIdentifiers({ phone: input.phone, deviceId: input.deviceId, address: input.registeredAddress }, blind);
  const profile: EntityProfile = {
    type: 'ENTITY',
    uscc: uscc.value,
    id: id.stored,
    name: input.name.trim(),
    legalRepresentative: {
      name: rep.name.trim(),
      idType: repType,
      id: repId.stored,
      birthDate: repDoc.birthDate ?? rep.birthDate ?? null,
      nationality: repType === 'RESIDENT_ID' ? 'CHN' : repDoc.value.split(':')[0]!,
    },
    phone: extra.phone?.stored ?? null,
    device: extra.device?.stored ?? null,
    addressKey: extra.addressKey,
  };
  const probe: RawProbe = { applicant: id.probe, legalRepresentative: repId.probe };
  if (extra.phone) probe.phone = extra.phone.probe;
  if (extra.device) probe.device = extra.device.probe;
  return { profile, probe };
}

/** The masked identifier shown for an applicant. */
export function maskedApplicantId(profile: ApplicantProfile): string {
  return profile.id.masked;
}
