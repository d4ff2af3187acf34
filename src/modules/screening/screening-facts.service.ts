import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../domain/domain-error.js';
import { normaliseEntityName } from '../../domain/registry/normalise.js';
import {
  ageInYears,
  isDocumentExpired,
  type EntityScreeningFacts,
  type PersonScreeningFacts,
  type RegistryFacts,
  type RuleSet,
  type ScreeningFacts,
} from '../../domain/screening/index.js';
import type { ApplicantProfile, EntityProfile, RawProbe, ScreeningContext } from './applicant-profile.js';
import { NEGATIVE_LIST_PORT, type NegativeListPort, type NegativeListProbe, type ProbedIdentifier, type ProbedSubject } from './ports/negative-list.port.js';
import { PERSON_RESTRICTIONS_PORT, type PersonRestrictionsPort } from './ports/person-restrictions.port.js';
import { REGISTRY_PORT, type RegistryPort, type RegistryRecord } from './ports/registry.port.js';
import { ActivityBatcher } from './activity-batcher.js';
import { RecentActivityService } from './recent-activity.service.js';
import type { Activity, ActivityQuery } from './screenings.repository.js';

const DAY_MS = 86_400_000;

export interface GatherInput {
  profile: ApplicantProfile;
  context: ScreeningContext;
  /** Normalised identifiers, when the application is at hand (not on second verification). */
  probe?: RawProbe;
  institutionId: string;
  requestId: string | null;
  now: Date;
  /** The screening's calendar date in China, 'YYYY-MM-DD'. */
  today: string;
  ruleSet: RuleSet;
}

/** Which sources were consulted; a source not wired in is reported, never silently "clean". */
export interface FactSources {
  negativeList: boolean;
  registry: boolean;
  restrictions: boolean;
}

export interface Gathered {
  facts: ScreeningFacts;
  existingId: string | null;
  sources: FactSources;
}

/**
 * An establishment date the registry does not know reads as long established: the rule for new
 * companies must not fire on a gap in the data.
 */
const UNKNOWN_AGE_DAYS = 36_500;

function daysBetween(fromIso: string, toIso: string): number {
  const diff = Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`);
  return Number.isFinite(diff) ? Math.max(0, Math.floor(diff / DAY_MS)) : 0;
}

export function registryFacts(record: RegistryRecord, applicantName: string, today: string): RegistryFacts {
  const wanted = normaliseEntityName(applicantName);
  const facts: RegistryFacts = {
    found: true,
    nameMatches: [record.name, ...record.formerNames].some((n) => normaliseEntityName(n) === wanted),
    status: record.status,
    abnormalOperations: record.abnormalOperations,
    seriousDishonest: record.seriousDishonest,
    ageDays: record.establishedOn === null ? UNKNOWN_AGE_DAYS : daysBetween(record.establishedOn, today),
    legalRepEntityCount: record.legalRepEntityCount,
    addressEntityCount: record.addressEntityCount,
  };
  if (record.registeredCapitalFen !== undefined) facts.registeredCapitalFen = record.registeredCapitalFen;
  return facts;
}

function keyOnly(id: { kind: ProbedIdentifier['kind']; key: string }): ProbedIdentifier {
  return { kind: id.kind, key: id.key };
}

/** The negative-list probe for a profile, with normalised values when they are at hand. */
export function probeFor(profile: ApplicantProfile, raw?: RawProbe): NegativeListProbe {
  const probe: NegativeListProbe = { subjects: [] };
  const subject = (s: ProbedSubject, name: string, birthDate: string | null): ProbedSubject => {
    if (name.length > 0) s.name = name;
    if (birthDate) s.birthDate = birthDate;
    return s;
  };
  if (profile.type === 'PERSON') {
    probe.subjects.push(subject({ role: 'APPLICANT', subjectType: 'PERSON', identifier: raw?.applicant ?? keyOnly(profile.id) }, profile.name, profile.birthDate));
  } else {
    probe.subjects.push(subject({ role: 'APPLICANT', subjectType: 'ENTITY', identifier: raw?.applicant ?? { ...keyOnly(profile.id), value: profile.uscc } }, profile.name, null));
    const rep = profile.legalRepresentative;
    if (rep) probe.subjects.push(subject({ role: 'LEGAL_REPRESENTATIVE', subjectType: 'PERSON', identifier: raw?.legalRepresentative ?? keyOnly(rep.id) }, rep.name, rep.birthDate));
  }
  const phone = raw?.phone ?? (profile.phone ? keyOnly(profile.phone) : undefined);
  const device = raw?.device ?? (profile.device ? keyOnly(profile.device) : undefined);
  if (phone) probe.phone = phone;
  if (device) probe.device = device;
  return probe;
}

/**
 * Gathers the facts the rules run on: negative-list hits, registry, restrictions and the
 * platform-wide counts, in parallel. Every lookup happens here; the rules stay pure.
 */
@Injectable()
export class ScreeningFactsService {
  constructor(
    private readonly activity: ActivityBatcher,
    private readonly recent: RecentActivityService,
    @Inject(NEGATIVE_LIST_PORT) private readonly negativeList: NegativeListPort,
    @Inject(REGISTRY_PORT) private readonly registry: RegistryPort,
    @Inject(PERSON_RESTRICTIONS_PORT) private readonly restrictions: PersonRestrictionsPort,
  ) {}

  get sourcesReady(): FactSources {
    return { negativeList: this.negativeList.ready, registry: this.registry.ready, restrictions: this.restrictions.ready };
  }

  async gather(input: GatherInput): Promise<Gathered> {
    const { profile, context, now, today, ruleSet } = input;
    if (!this.negativeList.ready) throw new DomainError('SCREENING_SOURCE_UNAVAILABLE', 'The negative list is not available; screening cannot decide without it.');
    if (profile.type === 'ENTITY' && !this.registry.ready) throw new DomainError('SCREENING_SOURCE_UNAVAILABLE', 'The market-entity registry is not available; companies cannot be screened without it.');

    const crossBankSince = new Date(now.getTime() - ruleSet.windows.crossBankDays * DAY_MS);
    const sharedSince = new Date(now.getTime() - ruleSet.windows.sharedIdentifierDays * DAY_MS);
    const [activity, hits, registry, order] = await Promise.all([
      this.countActivity({
        institutionId: input.institutionId,
        requestId: input.requestId,
        holderKey: profile.id.key,
        phoneKey: profile.phone?.key ?? null,
        deviceKey: profile.device?.key ?? null,
        addressKey: profile.addressKey,
        crossBankSince,
        sharedSince,
        until: now,
      }),
      this.negativeList.match({ ...probeFor(profile, input.probe), institutionId: input.institutionId }),
      profile.type === 'ENTITY' ? this.registry.lookup((profile as EntityProfile).uscc) : Promise.resolve(null),
      profile.type === 'PERSON' && this.restrictions.ready ? this.restrictions.noNewAccountsOrder(profile.id.key, now) : Promise.resolve(undefined),
    ]);

    const sharedIdentifiers = {
      phoneApplicants: activity.phoneApplicants,
      deviceApplicants: activity.deviceApplicants,
      addressApplicants: activity.addressApplicants,
      windowDays: ruleSet.windows.sharedIdentifierDays,
    };
    const crossBank = { openedOrAppliedElsewhere: activity.openedOrAppliedElsewhere, windowDays: ruleSet.windows.crossBankDays };
    let facts: ScreeningFacts;
    if (profile.type === 'PERSON') {
      let ageYears: number | undefined;
      try {
        ageYears = profile.birthDate ? ageInYears(profile.birthDate, today) : undefined;
      } catch {
        ageYears = undefined;
      }
      const person: PersonScreeningFacts = {
        applicantType: 'PERSON',
        channel: context.channel,
        requestedAccountClass: context.requestedAccountClass ?? 'I',
        idType: profile.idType,
        ageYears,
        idExpired: isDocumentExpired(profile.idExpiry, today),
        negativeListHits: hits,
        sharedIdentifiers,
        crossBank,
      };
      if (profile.householdProvinceCode) person.householdProvinceCode = profile.householdProvinceCode;
      if (context.branchRegionCode) person.branchProvinceCode = context.branchRegionCode.slice(0, 2);
      if (order !== undefined) person.personRestriction = order === null ? null : { level: 'NO_NEW_ACCOUNTS', orderId: order.orderId };
      facts = person;
    } else {
      const entity: EntityScreeningFacts = {
        applicantType: 'ENTITY',
        channel: context.channel,
        registry: registry ? registryFacts(registry, profile.name, today) : null,
        negativeListHits: hits,
        sharedIdentifiers,
        crossBank,
      };
      facts = entity;
    }
    return { facts, existingId: activity.existingId, sources: this.sourcesReady };
  }

  /**
   * The counts from the in-memory window when it is held, else from the database. Memory does
   * not look for an earlier screening with the same request id: storing the screening finds it
   * (the insert skips a taken request id and the caller answers with the first result).
   */
  private countActivity(q: ActivityQuery): Promise<Activity> {
    const counts = this.recent.counts({ ...q, crossBankSince: q.crossBankSince.getTime(), sharedSince: q.sharedSince.getTime(), until: q.until.getTime() });
    return counts === null ? this.activity.activity(q) : Promise.resolve({ existingId: null, ...counts });
  }
}
