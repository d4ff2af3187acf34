/**
 * In-process negative-list matching for every module that screens (openings, restrictions,
 * transfers, registry). No database round trip on the matching path:
 *
 *   matcher.match(query: MatchQuery): MatchHit[]
 *     Any combination of residentId, foreignDocument {nationality, number}, uscc, phone,
 *     account {bankCode, accountNumber}, device, and name (with birthDate; a resident ID also
 *     gives the birth date). Hits ranked by score (1 for exact identifiers), one per entry, with
 *     the match type and the reason. Pass institutionId to apply that institution's known
 *     non-match marks. Throws DomainError INVALID_* for an identifier that does not validate.
 *
 *   matcher.findActiveEntriesForPerson({ residentId } | { foreignDocument }): EntryView[]
 *     Entries in force naming the person by identifier (exact only).
 *
 *   matcher.activeEntriesByKey(kind, blindKey): EntryView[]
 *     The same for a caller that holds a blind index already (e.g. a legal representative's
 *     RESIDENT_ID key stored by the registry, an account holder key).
 *
 *   matcher.matchKeys({ identifiers: [{ kind, key }], name?, birthDate?, institutionId?, limit? }): MatchHit[]
 *     match() for callers holding blind indexes instead of identifiers (screening's ports).
 *
 *   matcher.summary(entryId): EntryView | undefined      category, measures, status, term
 *   matcher.identifiersInForce(entryIds?): Promise<{ entryId, kind, key }[]>   (rescreening; reads the database)
 *
 *   matcher.ready: Promise<void>   resolves once the index is loaded at start-up.
 *
 * The index is built at start-up from the database, updated at once by NegativeListService in
 * this process, and from other processes through the change feed (topic negative-list.changes).
 * A sweep every NEGATIVE_LIST_SWEEP_SECONDS stores expiry and catches up on anything missed.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { type EntryView, type IndexedEntry, type IndexHit, type IndexQuery, NegativeListIndex } from '../../domain/negative-list/entry-index.js';
import {
  accountIdentifier,
  deviceIdentifier,
  foreignDocIdentifier,
  nameSubjectInput,
  type NormalisedIdentifier,
  phoneIdentifier,
  residentIdIdentifier,
  usccIdentifier,
} from '../../domain/negative-list/subject.js';
import type { IdentifierKind } from '../../domain/negative-list/taxonomy.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { HealthService } from '../health/health.service.js';
import { NegativeListRepository, type IndexRow } from './negative-list.repository.js';
import { NegativeListNonMatchesRepository } from './negative-list-non-matches.repository.js';
import type { NegativeListNonMatchEntity } from './negative-list-non-match.entity.js';

export const NEGATIVE_LIST_TOPIC = 'negative-list.changes';

export type { EntryView, IndexHit as MatchHit };

export interface MatchQuery {
  residentId?: string;
  foreignDocument?: { nationality: string; number: string };
  uscc?: string;
  phone?: string;
  account?: { bankCode: string; accountNumber: string };
  device?: string;
  name?: string;
  /** 'YYYY-MM-DD' */
  birthDate?: string;
  /** Applies this institution's known non-match marks. */
  institutionId?: string;
  /** Default 20. */
  limit?: number;
}

/** A change-feed message on NEGATIVE_LIST_TOPIC. Single changes name the entry; bulk ones a change_seq range to reload. */
export interface NegativeListChange {
  /** IMPORTED names the change range of one batch of an import; IMPORT_FINISHED (no range) follows its last batch. */
  action: 'CREATED' | 'AMENDED' | 'REVOKED' | 'EXPIRED' | 'APPEAL_OPENED' | 'APPEAL_REJECTED' | 'IMPORTED' | 'IMPORT_FINISHED' | 'NON_MATCH_MARKED' | 'NON_MATCH_REVOKED';
  entryId?: string;
  version?: number;
  reason?: string;
  importId?: string;
  fromSeq?: string;
  toSeq?: string;
  markId?: string;
}

interface Mark {
  id: string;
  institutionId: string;
  entryId: string;
  endsAt: number;
}

const LOAD_PAGE = 20_000;

function maxSeq(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}

export function toIndexedEntry(r: IndexRow): IndexedEntry {
  return {
    id: r.id,
    version: r.version,
    subjectType: r.subject_type,
    idKind: r.id_kind,
    key: r.subject_key,
    identifierMasked: r.identifier_masked,
    name: r.subject_name,
    birthDate: r.birth_date,
    category: r.category,
    fraudType: r.fraud_type,
    measures: r.measures,
    status: r.status,
    effectiveFrom: r.effective_from,
    expiresAt: r.expires_at,
    termBasis: r.term_basis,
  };
}

@Injectable()
export class NegativeListMatcher implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NegativeListMatcher');
  private index = new NegativeListIndex();
  private readonly marks = new Map<string, Mark[]>();
  private watermark = '0';
  private loading = true;
  private pending: NegativeListChange[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | null = null;
  private resolveReady!: () => void;
  readonly ready: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));

  constructor(
    private readonly repo: NegativeListRepository,
    private readonly nonMatches: NegativeListNonMatchesRepository,
    private readonly blind: BlindIndexService,
    private readonly feed: ChangeFeedService,
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe(NEGATIVE_LIST_TOPIC, (payload, meta) => (meta.origin === 'remote' ? this.onRemoteChange(payload as unknown as NegativeListChange) : undefined));
    this.health.register('negative-list-index', async () => {
      if (this.loading) throw new Error('the negative-list index is loading');
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.load();
    this.timer = setInterval(() => void this.sweep().catch((e: unknown) => this.logger.error({ msg: 'negative-list sweep failed', err: e instanceof Error ? e.message : String(e) })), this.config.NEGATIVE_LIST_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  get threshold(): number {
    return this.config.NEGATIVE_LIST_NAME_THRESHOLD;
  }

  /** Entries in the index and memory held by its typed arrays (for metrics and the benchmark). */
  stats(): ReturnType<NegativeListIndex['stats']> {
    return this.index.stats();
  }

  match(q: MatchQuery): IndexHit[] {
    const now = this.clock.now();
    const ids: NormalisedIdentifier[] = [];
    if (q.residentId !== undefined) ids.push(residentIdIdentifier(q.residentId, now));
    if (q.foreignDocument !== undefined) ids.push(foreignDocIdentifier(q.foreignDocument.nationality, q.foreignDocument.number));
    if (q.uscc !== undefined) ids.push(usccIdentifier(q.uscc));
    if (q.phone !== undefined) ids.push(phoneIdentifier(q.phone));
    if (q.account !== undefined) ids.push(accountIdentifier(q.account.bankCode, q.account.accountNumber));
    if (q.device !== undefined) ids.push(deviceIdentifier(q.device));
    const identifiers = ids.map((i) => ({ kind: i.kind, key: this.blind.of(i.kind, i.value) }));
    const birthDate = q.birthDate ?? ids.find((i) => i.birthDate)?.birthDate;
    const subjects = q.institutionId !== undefined && this.marks.size > 0 ? this.querySubjectKeys(identifiers, q.name, birthDate) : [];
    const exclude = subjects.length > 0 ? this.excluder(subjects, q.institutionId!, now.getTime()) : undefined;
    return this.index.match(
      { identifiers, ...(q.name !== undefined ? { name: q.name } : {}), ...(birthDate ? { birthDate } : {}) },
      now,
      { threshold: this.threshold, limit: q.limit ?? 20, ...(exclude ? { exclude } : {}) },
    );
  }

  matchKeys(q: IndexQuery & { institutionId?: string; limit?: number }): IndexHit[] {
    const now = this.clock.now();
    const subjects = q.institutionId !== undefined && this.marks.size > 0 ? this.querySubjectKeys(q.identifiers, q.name, q.birthDate) : [];
    const exclude = subjects.length > 0 ? this.excluder(subjects, q.institutionId!, now.getTime()) : undefined;
    return this.index.match(
      { identifiers: q.identifiers, ...(q.name !== undefined ? { name: q.name } : {}), ...(q.birthDate ? { birthDate: q.birthDate } : {}) },
      now,
      { threshold: this.threshold, limit: q.limit ?? 20, ...(exclude ? { exclude } : {}) },
    );
  }

  summary(entryId: string): EntryView | undefined {
    return this.index.get(entryId, this.clock.now());
  }

  identifiersInForce(entryIds?: readonly string[]): Promise<Array<{ entryId: string; kind: IdentifierKind; key: string }>> {
    return this.repo.identifiersInForce(this.clock.now(), entryIds);
  }

  findActiveEntriesForPerson(person: { residentId?: string; foreignDocument?: { nationality: string; number: string } }): EntryView[] {
    const now = this.clock.now();
    const out: EntryView[] = [];
    if (person.residentId !== undefined) {
      const id = residentIdIdentifier(person.residentId, now);
      out.push(...this.index.entriesByKey('RESIDENT_ID', this.blind.of('RESIDENT_ID', id.value), now));
    }
    if (person.foreignDocument !== undefined) {
      const id = foreignDocIdentifier(person.foreignDocument.nationality, person.foreignDocument.number);
      out.push(...this.index.entriesByKey('FOREIGN_DOC', this.blind.of('FOREIGN_DOC', id.value), now));
    }
    return out;
  }

  activeEntriesByKey(kind: IdentifierKind, blindKey: string): EntryView[] {
    return this.index.entriesByKey(kind, blindKey, this.clock.now());
  }

  /**
   * The keys under which a queried subject may have been marked as a known non-match: one per
   * identifier given, and one for the name with the birth date.
   */
  querySubjectKeys(identifiers: readonly { kind: IdentifierKind; key: string }[], name: string | undefined, birthDate: string | undefined): string[] {
    const keys = identifiers.map((i) => `${i.kind}:${i.key}`);
    if (name !== undefined) keys.push(`NAME:${this.blind.of('NAME', nameSubjectInput(name, birthDate))}`);
    return keys;
  }

  private excluder(subjects: readonly string[], institutionId: string, now: number): ((entryId: string) => boolean) | undefined {
    const applicable: Mark[] = [];
    for (const s of subjects) for (const m of this.marks.get(s) ?? []) if (m.institutionId === institutionId && m.endsAt > now) applicable.push(m);
    if (applicable.length === 0) return undefined;
    return (entryId) => applicable.some((m) => m.entryId === entryId);
  }

  // ------------------------------------------------------------------ keeping the index current

  /** Applies rows written in this process (or reloaded): version-aware, so order does not matter. */
  apply(rows: readonly IndexRow[]): void {
    for (const r of rows) {
      this.index.upsert(toIndexedEntry(r));
      this.watermark = maxSeq(this.watermark, r.change_seq);
    }
    this.metrics.gauge('negative_list_index_entries', 'Negative-list entries held by the in-memory index').set(this.index.size);
  }

  addMark(m: NegativeListNonMatchEntity): void {
    if (m.revokedAt !== null) return this.removeMark(m.id);
    const list = this.marks.get(m.subjectKey) ?? [];
    if (!list.some((x) => x.id === m.id)) list.push({ id: m.id, institutionId: m.institutionId, entryId: m.entryId, endsAt: m.endsAt?.getTime() ?? Number.POSITIVE_INFINITY });
    this.marks.set(m.subjectKey, list);
  }

  removeMark(id: string): void {
    for (const [k, list] of this.marks) {
      const kept = list.filter((m) => m.id !== id);
      if (kept.length === 0) this.marks.delete(k);
      else if (kept.length !== list.length) this.marks.set(k, kept);
    }
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const now = this.clock.now();
    const fresh = new NegativeListIndex();
    // Anything changed after this point is caught up from here, whatever the pages below saw.
    const startSeq = await this.repo.maxChangeSeq();
    let after = '0';
    for (;;) {
      const page = await this.repo.indexPage(after, LOAD_PAGE, now);
      for (const r of page) fresh.upsert(toIndexedEntry(r));
      if (page.length === 0) break;
      after = page[page.length - 1]!.change_seq;
      if (page.length < LOAD_PAGE) break;
    }
    this.index = fresh;
    this.watermark = startSeq;
    for (const m of await this.nonMatches.active(now)) this.addMark(m);
    this.loading = false;
    const queued = this.pending;
    this.pending = [];
    for (const change of queued) await this.onRemoteChange(change);
    this.apply([]);
    this.resolveReady();
    this.logger.log({ msg: 'negative-list index loaded', entries: this.index.size, ms: Date.now() - started });
  }

  private async onRemoteChange(c: NegativeListChange): Promise<void> {
    if (this.loading) {
      this.pending.push(c);
      return;
    }
    if (c.action === 'NON_MATCH_MARKED' || c.action === 'NON_MATCH_REVOKED') {
      if (!c.markId) return;
      const mark = await this.nonMatches.findById(c.markId);
      if (mark) this.addMark(mark);
      else this.removeMark(c.markId);
      return;
    }
    if (c.entryId) {
      const row = await this.repo.indexRow(c.entryId);
      if (row) this.apply([row]);
      return;
    }
    if (c.fromSeq !== undefined && c.toSeq !== undefined) this.apply(await this.repo.changedInRange(c.fromSeq, c.toSeq));
  }

  /**
   * Stores expiry for entries whose term has ended (publishing each), then catches up on any
   * change this process has not heard of (a lost notification, a restart of the listener).
   */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        for (;;) {
          const expired = await this.repo.expireDue(this.clock.now(), 1000);
          if (expired.length === 0) break;
          this.apply(expired);
          for (const r of expired) await this.feed.publish(NEGATIVE_LIST_TOPIC, { entryId: r.id, version: r.version, action: 'EXPIRED' } satisfies NegativeListChange);
          if (expired.length < 1000) break;
        }
        for (;;) {
          const changed = await this.repo.changedSince(this.watermark, 5000);
          if (changed.length === 0) break;
          this.apply(changed);
        }
        const now = this.clock.now().getTime();
        for (const [k, list] of this.marks) {
          const kept = list.filter((m) => m.endsAt > now);
          if (kept.length === 0) this.marks.delete(k);
          else if (kept.length !== list.length) this.marks.set(k, kept);
        }
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }
}
