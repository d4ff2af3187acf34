/**
 * The market-entity registry (市场主体登记信息) for branch systems and screening.
 *
 * In-process API:
 *   registry.lookup(uscc: string): Promise<RegistryLookup | null>
 *     The entity with derived indicators: ageDays, legalRepEntityCount, addressEntityCount (both
 *     counting this entity, not counting deregistered ones; 1 when the ID or address is unknown),
 *     legalRepOnNegativeList, and `status` reduced to ACTIVE | REVOKED | DEREGISTERED | OTHER with
 *     abnormalOperations / seriousDishonest true while listed (the shape screening's RegistryPort
 *     reads). Throws DomainError INVALID_USCC for a malformed code.
 *   registry.flaggedEntities(): Promise<{ uscc, status, abnormalOperations, seriousDishonest }[]>
 *     Entities not active, or listed now, for rescreening.
 */
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { BatchPump } from '../../common/background/batch-pump.js';
import { type BatchItem, type BatchResult, isStatisticsPoint } from '../../common/bulk-import/bulk-import.runner.js';
import { BulkImportService } from '../../common/bulk-import/bulk-import.service.js';
import type { ImportJobEntity } from '../../common/bulk-import/import-job.entity.js';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import type { Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { parseUscc } from '../../domain/identity/uscc.js';
import { ageInDays, listedNow } from '../../domain/registry/indicators.js';
import { normaliseEntityName } from '../../domain/registry/normalise.js';
import { type Listing, parseRegistryRecord, REGISTRY_FIELDS, type RegistryDraft, type RegistryStatus } from '../../domain/registry/registry-record.js';
import { RowRejection } from '../../domain/records/record-fields.js';
import { AuditService } from '../audit/audit.service.js';
import { NegativeListMatcher } from '../negative-list/negative-list.matcher.js';
import { RegistryRepository, type RegistryRow, type StoredEntity } from './registry.repository.js';
import type { RegistryEntityVersionEntity } from './registry-entity-version.entity.js';

export const REGISTRY_IMPORT = 'REGISTRY';
/** Lookup statements in flight at once, and USCCs in one. */
const LOOKUPS_IN_FLIGHT = 2;
const LOOKUP_BATCH = 100;

export type ScreeningEntityStatus = 'ACTIVE' | 'REVOKED' | 'DEREGISTERED' | 'OTHER';

export interface RegistryLookup {
  uscc: string;
  version: number;
  name: string;
  formerNames: string[];
  entityType: string | null;
  legalRep: { name: string | null; idMasked: string | null };
  registeredCapitalFen?: number;
  establishedOn: string | null;
  registeredAddress: string | null;
  /** Reduced for screening rules. */
  status: ScreeningEntityStatus;
  /** As registered. */
  registryStatus: RegistryStatus;
  abnormalOperations: boolean;
  seriousDishonest: boolean;
  abnormalListings: Listing[];
  dishonestListings: Listing[];
  businessScope: string | null;
  registrationAuthority: string | null;
  updatedAt: Date | null;
  ageDays: number | null;
  legalRepEntityCount: number;
  legalRepKnown: boolean;
  addressEntityCount: number;
  addressKnown: boolean;
  legalRepOnNegativeList: boolean;
  legalRepNegativeListEntryIds: string[];
}

function screeningStatus(s: RegistryStatus): ScreeningEntityStatus {
  return s === 'ACTIVE' || s === 'REVOKED' || s === 'DEREGISTERED' ? s : 'OTHER';
}

function rowError(e: unknown): unknown {
  if (e instanceof RowRejection) return new DomainError(e.code === 'INVALID_USCC' || e.code === 'INVALID_RESIDENT_ID' ? 'INVALID_IDENTIFIER' : 'VALIDATION_FAILED', e.field ? `${e.field}: ${e.message}` : e.message, { field: e.field, reason: e.code });
  return e;
}

@Injectable()
export class RegistryService {
  /** Lookups that arrive together (companies screened at once) share one statement. */
  private readonly finder: BatchPump<string, StoredEntity | null>;

  constructor(
    private readonly repo: RegistryRepository,
    private readonly bulk: BulkImportService,
    private readonly blind: BlindIndexService,
    private readonly matcher: NegativeListMatcher,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.finder = new BatchPump(async (codes) => {
      const found = await this.repo.findMany(codes);
      return codes.map((c) => found.get(c) ?? null);
    }, LOOKUPS_IN_FLIGHT, LOOKUP_BATCH);
  }

  now(): Date {
    return this.clock.now();
  }

  private toRow(d: RegistryDraft): RegistryRow {
    return {
      uscc: d.uscc,
      name: d.name,
      nameNorm: d.nameNorm,
      formerNames: d.formerNames,
      formerNamesNorm: d.formerNamesNorm,
      entityType: d.entityType,
      legalRepName: d.legalRep.name,
      legalRepIdKind: d.legalRep.id?.kind ?? null,
      legalRepKey: d.legalRep.id ? this.blind.of(d.legalRep.id.kind, d.legalRep.id.value) : null,
      legalRepIdMasked: d.legalRep.id?.masked ?? null,
      registeredCapitalFen: d.registeredCapitalFen,
      establishedOn: d.establishedOn,
      registeredAddress: d.registeredAddress,
      addressKey: d.addressNorm !== null ? this.blind.of('ADDRESS', d.addressNorm) : null,
      status: d.status,
      abnormalOperations: d.abnormalOperations,
      seriousDishonest: d.seriousDishonest,
      businessScope: d.businessScope,
      registrationAuthority: d.registrationAuthority,
      sourceUpdatedAt: d.sourceUpdatedAt,
    };
  }

  toLookup(e: StoredEntity): RegistryLookup {
    const now = this.clock.now();
    const listed = e.legalRepKey && e.legalRepIdKind ? this.matcher.activeEntriesByKey(e.legalRepIdKind, e.legalRepKey) : [];
    return {
      uscc: e.uscc,
      version: e.version,
      name: e.name,
      formerNames: [...e.formerNames],
      entityType: e.entityType,
      legalRep: { name: e.legalRepName, idMasked: e.legalRepIdMasked },
      ...(e.registeredCapitalFen !== null ? { registeredCapitalFen: e.registeredCapitalFen } : {}),
      establishedOn: e.establishedOn,
      registeredAddress: e.registeredAddress,
      status: screeningStatus(e.status),
      registryStatus: e.status,
      abnormalOperations: listedNow(e.abnormalOperations, now) !== undefined,
      seriousDishonest: listedNow(e.seriousDishonest, now) !== undefined,
      abnormalListings: [...e.abnormalOperations],
      dishonestListings: [...e.seriousDishonest],
      businessScope: e.businessScope,
      registrationAuthority: e.registrationAuthority,
      updatedAt: e.sourceUpdatedAt,
      ageDays: ageInDays(e.establishedOn, now),
      legalRepEntityCount: e.legalRepEntityCount ?? 1,
      legalRepKnown: e.legalRepEntityCount !== null,
      addressEntityCount: e.addressEntityCount ?? 1,
      addressKnown: e.addressEntityCount !== null,
      legalRepOnNegativeList: listed.length > 0,
      legalRepNegativeListEntryIds: listed.map((v) => v.id),
    };
  }

  /** @throws DomainError INVALID_USCC */
  async lookup(uscc: string): Promise<RegistryLookup | null> {
    const code = parseUscc(uscc, { organisationCodeCheck: 'SIGNAL' }).code;
    const e = await this.finder.call(code);
    return e ? this.toLookup(e) : null;
  }

  async get(uscc: string): Promise<RegistryLookup> {
    const found = await this.lookup(uscc);
    if (!found) throw new DomainError('REGISTRY_ENTITY_NOT_FOUND', `No registered entity with USCC ${uscc}.`);
    return found;
  }

  async search(name: string, mode: 'prefix' | 'contains', limit: number): Promise<RegistryLookup[]> {
    const norm = normaliseEntityName(name);
    if (norm.length === 0) throw new DomainError('VALIDATION_FAILED', 'name must hold at least one letter or character', { field: 'name' });
    return (await this.repo.search(norm, mode, limit)).map((e) => this.toLookup(e));
  }

  async history(uscc: string): Promise<RegistryEntityVersionEntity[]> {
    await this.get(uscc);
    return this.repo.history(parseUscc(uscc, { organisationCodeCheck: 'SIGNAL' }).code);
  }

  async flaggedEntities(): Promise<Array<{ uscc: string; status: ScreeningEntityStatus; abnormalOperations: boolean; seriousDishonest: boolean }>> {
    return (await this.repo.flagged(this.clock.now())).map((r) => ({ uscc: r.uscc, status: screeningStatus(r.status), abnormalOperations: r.abnormal, seriousDishonest: r.dishonest }));
  }

  private assertWriter(p: Principal): void {
    // Keys are admitted by their registry:write scope; staff must be the operator's administrators.
    if (p.kind === 'USER' && !(p.institutionKind === 'OPERATOR' && p.roles.includes('ADMIN'))) {
      throw new DomainError('REGISTRY_WRITE_FORBIDDEN', "Registry records come from the registration authority's feed through the operator.");
    }
  }

  /** The registration authority's feed: one entity, upserted by USCC. */
  async upsert(p: Principal, uscc: string, body: Record<string, unknown>): Promise<{ entity: RegistryLookup; changed: boolean }> {
    this.assertWriter(p);
    const now = this.clock.now();
    let draft: RegistryDraft;
    try {
      draft = parseRegistryRecord({ ...body, uscc: body.uscc ?? uscc }, now);
    } catch (e) {
      throw rowError(e);
    }
    if (draft.uscc !== parseUscc(uscc, { organisationCodeCheck: 'SIGNAL' }).code) throw new DomainError('REGISTRY_USCC_MISMATCH', 'The USCC in the body differs from the one in the path.');
    const [outcome] = await this.repo.upsertBatch([this.toRow(draft)], 'FEED', { type: p.kind, id: p.id }, null, now);
    const stored = (await this.repo.find(draft.uscc))!;
    if (!outcome && draft.sourceUpdatedAt && stored.sourceUpdatedAt && draft.sourceUpdatedAt.getTime() < stored.sourceUpdatedAt.getTime()) {
      throw new DomainError('REGISTRY_STALE_UPDATE', `A record updated at ${stored.sourceUpdatedAt.toISOString()} is already stored.`);
    }
    if (outcome) await this.audit.record({ action: 'registry.entity.upserted', subjectType: 'registry-entity', subjectId: draft.uscc, details: { version: outcome.version, created: outcome.inserted } });
    return { entity: this.toLookup(stored), changed: outcome !== undefined };
  }

  async import(p: Principal, contentType: string | undefined, body: unknown): Promise<ImportJobEntity> {
    this.assertWriter(p);
    const format = this.bulk.formatOf(contentType, body);
    const job = await this.bulk.start(REGISTRY_IMPORT, p, format);
    const now = this.clock.now();
    let batches = 0;
    return this.bulk.run<RegistryRow>(job, body as Readable, {
      read: { knownColumns: new Set(REGISTRY_FIELDS), requiredColumns: ['uscc', 'name', 'status'] },
      parse: (record) => this.toRow(parseRegistryRecord(record, now)),
      key: (r) => r.uscc,
      write: async (batch: readonly BatchItem<RegistryRow>[]): Promise<BatchResult> => {
        if (isStatisticsPoint(++batches)) await this.repo.analyze();
        const out = await this.repo.upsertBatch(batch.map((b) => b.value), 'IMPORT', { type: p.kind, id: p.id }, job.id, now);
        const inserted = out.filter((o) => o.inserted).length;
        return { inserted, updated: out.length - inserted, unchanged: batch.length - out.length };
      },
    });
  }
}
