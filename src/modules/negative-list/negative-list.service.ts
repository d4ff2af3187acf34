import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import type { Principal } from '../../common/http/principal.js';
import { isUuid } from '../../common/http/uuid.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { DomainError } from '../../domain/domain-error.js';
import { type EntryDraft, parseEntryRecord } from '../../domain/negative-list/entry-record.js';
import { resolveEntryTerm, statutoryKind, type ResolvedTerm } from '../../domain/negative-list/entry-term.js';
import { buildNotice, type EntryNotice, renderNoticeText } from '../../domain/negative-list/notice.js';
import type { EntryCategory, EntryStatus, SubjectType } from '../../domain/negative-list/taxonomy.js';
import { parseInstant, RowRejection } from '../../domain/records/record-fields.js';
import { deriveStatus, LIST_ENTRY_EXPIRY } from '../../domain/restrictions/terms.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { AuditService } from '../audit/audit.service.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import type { AmendEntryDto, CreateEntryDto } from './dto/negative-list.dto.js';
import { draftEntry, type DraftedEntry } from './entry-rows.thread.js';
import { actorOf, mayChange, seesProvenance } from './negative-list.access.js';
import { NEGATIVE_LIST_TOPIC, NegativeListMatcher, type MatchHit, type MatchQuery, type NegativeListChange } from './negative-list.matcher.js';
import { NegativeListRepository, type EntryFilter, type EntryPatch, type NewEntryRow } from './negative-list.repository.js';
import type { NegativeListEntryEntity } from './negative-list-entry.entity.js';
import type { NegativeListEntryVersionEntity } from './negative-list-entry-version.entity.js';

const IDENTIFIER_CODES = new Set(['INVALID_RESIDENT_ID', 'INVALID_USCC', 'INVALID_PHONE', 'INVALID_ACCOUNT_NUMBER', 'INVALID_BANK_CODE', 'INVALID_NATIONALITY', 'INVALID_DOCUMENT_NUMBER', 'INVALID_DEVICE']);

/** A row-level rejection from the shared record validator, as an API error. */
export function rejectionToError(e: unknown): unknown {
  if (e instanceof RowRejection) {
    return new DomainError(IDENTIFIER_CODES.has(e.code) ? 'INVALID_IDENTIFIER' : 'VALIDATION_FAILED', e.field ? `${e.field}: ${e.message}` : e.message, { field: e.field, reason: e.code });
  }
  if (e instanceof DomainError && (IDENTIFIER_CODES.has(e.code) || e.code === 'INVALID_NAME' || e.code === 'INVALID_BIRTH_DATE')) {
    return new DomainError(IDENTIFIER_CODES.has(e.code) ? 'INVALID_IDENTIFIER' : 'VALIDATION_FAILED', e.message, { reason: e.code, ...e.details });
  }
  return e;
}

/** The HTTP body's nested subject flattened into the shape CSV and NDJSON rows have. */
export function flattenCreate(dto: CreateEntryDto): Record<string, unknown> {
  const { subject, ...rest } = dto;
  const { type, ...ids } = subject;
  return { ...rest, subjectType: type, ...ids };
}

export interface ListOptions {
  status?: EntryStatus;
  category?: EntryCategory;
  subjectType?: SubjectType;
  mine?: boolean;
  externalRef?: string;
  changedSince?: string;
  cursor?: string;
  limit?: number;
}

function instant(text: string | undefined, field: string): Date | undefined {
  if (text === undefined) return undefined;
  const d = parseInstant(text);
  if (!d) throw new DomainError('VALIDATION_FAILED', `${field} is not a valid date or date-time`, { field });
  return d;
}

/**
 * Negative-list entries: listing, amending, revoking, reading with provenance rules, history and
 * the written notice. Every write keeps the in-memory matcher current at once and tells other
 * processes through the change feed.
 */
@Injectable()
export class NegativeListService {
  constructor(
    private readonly repo: NegativeListRepository,
    private readonly matcher: NegativeListMatcher,
    private readonly blind: BlindIndexService,
    private readonly feed: ChangeFeedService,
    private readonly audit: AuditService,
    private readonly institutions: InstitutionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** An export with identifiers revealed (where the caller may see them) is one audited read. */
  async auditExport(filter: object): Promise<void> {
    await this.audit.record({ action: 'negative-list.export.identifiers-read', subjectType: 'negative-list', details: { filter: { ...filter } } });
  }

  /** Parses and validates a flat record (API or file row) and computes its blind index. */
  draft(record: Record<string, unknown>, now: Date): DraftedEntry {
    return draftEntry(record, now, (kind, value) => this.blind.of(kind, value));
  }

  toRow(id: string, d: EntryDraft, key: string, term: ResolvedTerm): NewEntryRow {
    return {
      id,
      externalRef: d.externalRef,
      subjectType: d.subject.type,
      idKind: d.subject.identifier.kind,
      subjectKey: key,
      identifier: d.subject.identifier.value,
      identifierMasked: d.subject.identifier.masked,
      subjectName: d.subject.name,
      birthDate: d.subject.birthDate,
      category: d.category,
      fraudType: d.fraudType,
      legalBasis: d.legalBasis,
      legalBasisDocNo: d.legalBasisDocNo,
      evidenceRef: d.evidenceRef,
      measures: d.measures,
      requestedFrom: d.requestedFrom,
      effectiveFrom: term.from,
      expiresAt: term.to,
      termBasis: term.basis,
    };
  }

  async create(p: Principal, dto: CreateEntryDto): Promise<NegativeListEntryEntity> {
    const now = this.clock.now();
    let parsed: DraftedEntry;
    try {
      parsed = this.draft(flattenCreate(dto), now);
    } catch (e) {
      throw rejectionToError(e);
    }
    const { draft, key } = parsed;
    const actor = actorOf(p);
    const entry = await this.repo.transaction(async (em) => {
      await this.repo.lockSubject(em, key);
      if (draft.externalRef !== null && (await this.repo.existingRefs(p.institutionId, [draft.externalRef])).size > 0) {
        throw new DomainError('NEGATIVE_LIST_EXTERNAL_REF_TAKEN', `Your institution already has an entry with external reference ${draft.externalRef}; amend it instead.`);
      }
      const existing = statutoryKind(draft.subject.type, draft.category) ? (await this.repo.statutoryTerms([key], em)).map((t) => t.term) : [];
      const term = resolveEntryTerm({ subjectType: draft.subject.type, category: draft.category, requestedFrom: draft.requestedFrom, expiresAt: draft.expiresAt, existing });
      return this.repo.insert(em, this.toRow(randomUUID(), draft, key, term), actor, now);
    });
    await this.changed(entry, 'CREATED');
    await this.audit.record({ action: 'negative-list.entry.created', subjectType: 'negative-list-entry', subjectId: entry.id, details: { category: entry.category, subjectType: entry.subjectType, termBasis: entry.termBasis } });
    return entry;
  }

  /** Applies a committed change to this process's index and tells the others. */
  async changed(entry: NegativeListEntryEntity, action: NegativeListChange['action'], reason?: string): Promise<void> {
    this.matcher.apply([
      {
        id: entry.id,
        version: entry.version,
        subject_type: entry.subjectType,
        id_kind: entry.idKind,
        subject_key: entry.subjectKey,
        identifier_masked: entry.identifierMasked,
        subject_name: entry.subjectName,
        birth_date: entry.birthDate,
        category: entry.category,
        fraud_type: entry.fraudType,
        measures: entry.measures,
        status: entry.status,
        effective_from: entry.effectiveFrom,
        expires_at: entry.expiresAt,
        term_basis: entry.termBasis,
        change_seq: entry.changeSeq,
      },
    ]);
    await this.feed.publish(NEGATIVE_LIST_TOPIC, { entryId: entry.id, version: entry.version, action, ...(reason ? { reason } : {}) } satisfies NegativeListChange);
  }

  /** Every member sees every entry (masked); not found reads the same for everyone. */
  async find(id: string): Promise<NegativeListEntryEntity> {
    const e = await this.repo.findById(id);
    if (!e) throw new DomainError('NEGATIVE_LIST_ENTRY_NOT_FOUND', 'No such negative-list entry.');
    return e;
  }

  /** Entries by id (missing ones left out), for modules reacting to the change feed. */
  findMany(ids: readonly string[]): Promise<NegativeListEntryEntity[]> {
    return this.repo.findByIds(ids.filter(isUuid));
  }

  /** Entries written between two change sequence numbers (the range an IMPORTED change announces). */
  changedInRange(fromSeq: string, toSeq: string): Promise<NegativeListEntryEntity[]> {
    return this.repo.entitiesInRange(fromSeq, toSeq);
  }

  async get(p: Principal, id: string, reveal: boolean): Promise<{ entry: NegativeListEntryEntity; provenance: boolean; reveal: boolean }> {
    const entry = await this.find(id);
    const provenance = seesProvenance(p, entry.contributorInstitutionId);
    if (reveal && provenance) await this.auditReveal([entry.id], 'negative-list.entry.identifier-read');
    return { entry, provenance, reveal: reveal && provenance };
  }

  async auditReveal(ids: readonly string[], action: string, details: Record<string, unknown> = {}): Promise<void> {
    if (ids.length === 0) return;
    await this.audit.record({ action, subjectType: 'negative-list-entry', subjectId: ids.length === 1 ? ids[0]! : null, details: { ...details, entryIds: ids.slice(0, 1000), count: ids.length } });
  }

  filterOf(p: Principal, o: ListOptions): EntryFilter {
    return {
      now: this.clock.now(),
      ...(o.status ? { status: o.status } : {}),
      ...(o.category ? { category: o.category } : {}),
      ...(o.subjectType ? { subjectType: o.subjectType } : {}),
      ...(o.mine ? { contributorInstitutionId: p.institutionId } : {}),
      ...(o.mine && o.externalRef ? { externalRef: o.externalRef } : {}),
      ...(o.changedSince ? { changedSince: instant(o.changedSince, 'changedSince')! } : {}),
    };
  }

  async list(p: Principal, o: ListOptions): Promise<{ items: NegativeListEntryEntity[]; nextCursor: string | null }> {
    const limit = o.limit ?? 50;
    const items = await this.repo.list(this.filterOf(p, o), o.cursor, limit);
    return { items, nextCursor: items.length === limit ? items[items.length - 1]!.changeSeq : null };
  }

  stream(p: Principal, o: ListOptions): AsyncGenerator<NegativeListEntryEntity[]> {
    return this.repo.stream(this.filterOf(p, o));
  }

  private async changeable(p: Principal, em: Parameters<Parameters<NegativeListRepository['transaction']>[0]>[0], id: string): Promise<NegativeListEntryEntity> {
    const entry = await this.repo.findById(id, em);
    if (!entry) throw new DomainError('NEGATIVE_LIST_ENTRY_NOT_FOUND', 'No such negative-list entry.');
    if (!mayChange(p, entry.contributorInstitutionId)) throw new DomainError('NEGATIVE_LIST_NOT_CONTRIBUTOR', 'Only the contributing institution or the operator may change this entry.');
    return entry;
  }

  async amend(p: Principal, id: string, dto: AmendEntryDto): Promise<NegativeListEntryEntity> {
    const now = this.clock.now();
    const effectiveFrom = instant(dto.effectiveFrom, 'effectiveFrom');
    const expiresAt = dto.expiresAt === null ? null : instant(dto.expiresAt, 'expiresAt');
    const entry = await this.repo.transaction(async (em) => {
      const e = await this.changeable(p, em, id);
      const status = deriveStatus({ status: e.status, expiresAt: e.expiresAt }, now, LIST_ENTRY_EXPIRY);
      if (status === 'REVOKED' || status === 'EXPIRED') throw new DomainError('NEGATIVE_LIST_ENTRY_NOT_AMENDABLE', `The entry is ${status.toLowerCase()}; list the subject again instead.`);
      if (dto.subjectName !== undefined && e.subjectType === 'PERSON') {
        try {
          parseEntryRecord({ subjectType: 'PERSON', idNumber: e.idKind === 'RESIDENT_ID' ? e.identifier : undefined, documentNumber: e.idKind === 'FOREIGN_DOC' ? e.identifier.split(':')[1] : undefined, nationality: e.idKind === 'FOREIGN_DOC' ? e.identifier.split(':')[0] : undefined, birthDate: e.idKind === 'FOREIGN_DOC' ? e.birthDate : undefined, name: dto.subjectName, category: e.category, fraudType: e.fraudType, legalBasis: e.legalBasis }, now);
        } catch (err) {
          throw rejectionToError(err);
        }
      }
      const patch: EntryPatch = {
        ...(dto.subjectName !== undefined ? { subjectName: dto.subjectName } : {}),
        ...(dto.category !== undefined ? { category: dto.category } : {}),
        ...(dto.fraudType !== undefined ? { fraudType: dto.fraudType } : {}),
        ...(dto.legalBasis !== undefined ? { legalBasis: dto.legalBasis } : {}),
        ...(dto.legalBasisDocNo !== undefined ? { legalBasisDocNo: dto.legalBasisDocNo } : {}),
        ...(dto.evidenceRef !== undefined ? { evidenceRef: dto.evidenceRef } : {}),
        ...(dto.measures !== undefined ? { measures: [...new Set(dto.measures)] } : {}),
      };
      const category = dto.category ?? e.category;
      const requestedFrom = effectiveFrom ?? e.requestedFrom;
      const termTouched = dto.category !== undefined || effectiveFrom !== undefined || dto.expiresAt !== undefined;
      if (termTouched) {
        const given = dto.expiresAt !== undefined ? expiresAt! : e.termBasis === 'GIVEN' ? e.expiresAt : null;
        if (given !== null && given.getTime() <= requestedFrom.getTime()) throw new DomainError('VALIDATION_FAILED', 'expiresAt must be after effectiveFrom', { field: 'expiresAt' });
        const existing = statutoryKind(e.subjectType, category) ? (await this.repo.statutoryTerms([e.subjectKey], em)).filter((t) => t.id !== e.id).map((t) => t.term) : [];
        const term = resolveEntryTerm({ subjectType: e.subjectType, category, requestedFrom, expiresAt: given, existing });
        Object.assign(patch, { requestedFrom, effectiveFrom: term.from, expiresAt: term.to, termBasis: term.basis });
        // A term moved into the future of an entry that had expired in storage is in force again.
        if (e.status === 'EXPIRED') patch.status = 'ACTIVE';
      }
      return this.repo.update(em, id, patch, 'AMENDED', actorOf(p), now, dto.reason);
    });
    await this.changed(entry, 'AMENDED');
    await this.audit.record({ action: 'negative-list.entry.amended', subjectType: 'negative-list-entry', subjectId: id, details: { version: entry.version, fields: Object.keys(dto).filter((k) => k !== 'reason'), reason: dto.reason } });
    return entry;
  }

  async revoke(p: Principal, id: string, reason: string): Promise<NegativeListEntryEntity> {
    const now = this.clock.now();
    const entry = await this.repo.transaction(async (em) => {
      const e = await this.changeable(p, em, id);
      if (e.status === 'REVOKED') throw new DomainError('NEGATIVE_LIST_ENTRY_NOT_AMENDABLE', 'The entry is already revoked.');
      return this.repo.update(em, id, { status: 'REVOKED', statusReason: reason }, 'REVOKED', actorOf(p), now, reason);
    });
    await this.changed(entry, 'REVOKED', reason);
    await this.audit.record({ action: 'negative-list.entry.revoked', subjectType: 'negative-list-entry', subjectId: id, details: { version: entry.version, reason } });
    return entry;
  }

  async history(p: Principal, id: string): Promise<{ versions: NegativeListEntryVersionEntity[]; provenance: boolean }> {
    const entry = await this.find(id);
    return { versions: await this.repo.history(id), provenance: seesProvenance(p, entry.contributorInstitutionId) };
  }

  async notice(p: Principal, id: string): Promise<{ json: EntryNotice; text: string }> {
    const e = await this.find(id);
    if (!seesProvenance(p, e.contributorInstitutionId)) throw new DomainError('NEGATIVE_LIST_PROVENANCE_HIDDEN', 'The notice names the basis and the contributor: it is for the contributor, the operator and regulators.');
    if (e.subjectType !== 'PERSON') throw new DomainError('NEGATIVE_LIST_NOTICE_PERSONS_ONLY', 'Notices are written for person entries.');
    const now = this.clock.now();
    const issuer = await this.institutions.findById(e.contributorInstitutionId);
    const json = buildNotice({
      entryId: e.id,
      version: e.version,
      subjectName: e.subjectName ?? '',
      identifierMasked: e.identifierMasked,
      category: e.category,
      fraudType: e.fraudType,
      legalBasis: e.legalBasis,
      legalBasisDocNo: e.legalBasisDocNo,
      measures: e.measures,
      effectiveFrom: e.effectiveFrom,
      expiresAt: e.expiresAt,
      termBasis: e.termBasis,
      status: deriveStatus({ status: e.status, expiresAt: e.expiresAt }, now, LIST_ENTRY_EXPIRY),
      issuerName: issuer?.name ?? 'the listing institution',
      appealAnswerDays: this.config.NEGATIVE_LIST_APPEAL_DAYS,
      issuedAt: now,
    });
    await this.audit.record({ action: 'negative-list.notice.produced', subjectType: 'negative-list-entry', subjectId: e.id, details: { version: e.version } });
    return { json, text: renderNoticeText(json) };
  }

  /** Matching for the HTTP API: in memory, with the caller's known non-matches applied. */
  match(p: Principal, q: MatchQuery): { hits: MatchHit[]; threshold: number } {
    if (q.residentId === undefined && q.foreignDocument === undefined && q.uscc === undefined && q.phone === undefined && q.account === undefined && q.device === undefined && q.name === undefined) {
      throw new DomainError('NEGATIVE_LIST_EMPTY_QUERY', 'Give at least one identifier or a name.');
    }
    try {
      return { hits: this.matcher.match({ ...q, institutionId: p.institutionId }), threshold: this.matcher.threshold };
    } catch (e) {
      throw rejectionToError(e);
    }
  }
}
