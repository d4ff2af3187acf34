import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { type BatchItem, isStatisticsPoint, type RowError } from '../../common/bulk-import/bulk-import.runner.js';
import { BulkImportService } from '../../common/bulk-import/bulk-import.service.js';
import type { ImportJobEntity } from '../../common/bulk-import/import-job.entity.js';
import type { Principal } from '../../common/http/principal.js';
import { siblingModule } from '../../common/background/module-worker.js';
import { APP_SECRETS, type AppSecrets, CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { ENTRY_FIELDS } from '../../domain/negative-list/entry-record.js';
import { resolveEntryTerm, statutoryKind, type ResolvedTerm } from '../../domain/negative-list/entry-term.js';
import type { Term } from '../../domain/restrictions/terms.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { decodeEntryRows, type DraftedEntry, type EntryRowOptions } from './entry-rows.thread.js';
import { actorOf } from './negative-list.access.js';
import { NEGATIVE_LIST_TOPIC, NegativeListMatcher, type NegativeListChange } from './negative-list.matcher.js';
import { batchDocument, type ExistingRefRow, NegativeListRepository, type NewEntryRow, type UpsertedRow } from './negative-list.repository.js';
import { NegativeListService } from './negative-list.service.js';

export const NEGATIVE_LIST_IMPORT = 'NEGATIVE_LIST';
const INDEX_CHUNK = 125;

/** Rows are read and validated on a worker thread (IMPORT_PARSE_THREAD) by this module. */
const ROW_THREAD = siblingModule(import.meta.url, './entry-rows.thread');

/** A statutory term that chains a person's next listing: from the database, or from a batch not yet committed. */
interface KnownTerm {
  id: string;
  externalRef: string | null;
  mine: boolean;
  term: Term;
}

/**
 * What a batch will have written, for the batch after it: that one is prepared while this one is
 * still being written, so its reads may not show this batch yet. As the database will show them:
 * the batch's rows by external reference, the ids of those without one, and the statutory terms
 * (not of revoked entries) by person.
 */
interface BatchTrail {
  readonly refs: ReadonlyMap<string, ExistingRefRow>;
  readonly ids: ReadonlySet<string>;
  readonly terms: ReadonlyMap<string, readonly KnownTerm[]>;
}

interface PreparedBatch {
  readonly rows: NewEntryRow[];
  /** The rows as the write sends them (batchDocument), made ahead of the write. */
  readonly document: string;
  readonly errors: RowError[];
  /** Whether any row updates an entry (which is then locked before the write). */
  readonly updates: boolean;
  readonly trail: BatchTrail;
}

/**
 * Streamed bulk import of entries (CSV or NDJSON, the columns of ENTRY_FIELDS). Rows with the
 * contributor's external reference update the entry they name instead of adding one. Statutory
 * terms chain per person across the whole list and within the file; a re-imported row whose
 * effective-from and category did not change keeps the term it has.
 */
@Injectable()
export class NegativeListImportService {
  constructor(
    private readonly bulk: BulkImportService,
    private readonly repo: NegativeListRepository,
    private readonly entries: NegativeListService,
    private readonly matcher: NegativeListMatcher,
    private readonly feed: ChangeFeedService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_SECRETS) private readonly secrets: AppSecrets,
  ) {}

  async import(p: Principal, contentType: string | undefined, body: unknown): Promise<ImportJobEntity> {
    const format = this.bulk.formatOf(contentType, body);
    const job = await this.bulk.start(NEGATIVE_LIST_IMPORT, p, format);
    const now = this.clock.now();
    const actor = actorOf(p);
    let batches = 0;
    let trail: BatchTrail | null = null;
    // Written rows are filed in this process's index after each write, a chunk at a time, while
    // the next batches are parsed, prepared and written: the index trails the import by a batch or
    // two, and catches up when the import ends, however it ends.
    let announced: Promise<void> = Promise.resolve();
    let announceFailure: { error: unknown } | null = null;
    try {
      return await this.bulk.run<DraftedEntry, PreparedBatch>(job, body as Readable, {
        read: { knownColumns: new Set(ENTRY_FIELDS), requiredColumns: ['subjectType', 'category', 'fraudType', 'legalBasis'] },
        parse: (record) => this.entries.draft(record, now),
        thread: { module: ROW_THREAD, options: { blindIndexKey: this.secrets.blindIndexKey, now: now.getTime() } satisfies EntryRowOptions, decode: decodeEntryRows },
        key: (r) => r.draft.externalRef,
        prepare: async (batch) => {
          const prepared = await this.prepareBatch(batch, actor.institutionId, trail);
          trail = prepared.trail;
          return prepared;
        },
        write: async (_batch, prepared) => {
          if (announceFailure) throw announceFailure.error;
          if (isStatisticsPoint(++batches)) await this.repo.analyze();
          const written = await this.repo.upsertBatch(prepared.rows, actor, job.id, now, { lockExisting: prepared.updates, document: prepared.document });
          announced = announced.then(() => this.announce(written, job.id));
          announced.catch((error: unknown) => (announceFailure ??= { error }));
          const inserted = written.filter((w) => w.inserted).length;
          return { inserted, updated: written.length - inserted, unchanged: prepared.rows.length - written.length, errors: prepared.errors };
        },
      });
    } finally {
      try {
        await announced;
      } finally {
        // Whatever landed is one change for those who act on an import as a whole (the rescreen).
        await this.feed.publish(NEGATIVE_LIST_TOPIC, { action: 'IMPORT_FINISHED', importId: job.id } satisfies NegativeListChange);
      }
    }
  }

  /**
   * Files written rows in this process's index, a few hundred at a time so the event loop keeps
   * serving the database round trips of the next batch in between, and tells other processes
   * which change range to reload.
   */
  private async announce(written: readonly UpsertedRow[], importId: string): Promise<void> {
    if (written.length === 0) return;
    for (let i = 0; i < written.length; i += INDEX_CHUNK) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.matcher.apply(written.slice(i, i + INDEX_CHUNK));
    }
    let from = written[0]!.change_seq;
    let to = from;
    for (const w of written) {
      if (BigInt(w.change_seq) < BigInt(from)) from = w.change_seq;
      if (BigInt(w.change_seq) > BigInt(to)) to = w.change_seq;
    }
    await this.feed.publish(NEGATIVE_LIST_TOPIC, { action: 'IMPORTED', importId, fromSeq: from, toSeq: to } satisfies NegativeListChange);
  }

  /**
   * Resolves the batch's terms: a re-imported row whose category and effective-from did not change
   * keeps its term; statutory terms chain on the person's other listings, in the database, in the
   * batch still being written (`previous`) and earlier in this batch.
   */
  private async prepareBatch(batch: readonly BatchItem<DraftedEntry>[], institutionId: string, previous: BatchTrail | null): Promise<PreparedBatch> {
    const refs = batch.map((b) => b.value.draft.externalRef).filter((r): r is string => r !== null);
    const statutoryKeys = [...new Set(batch.filter((b) => statutoryKind(b.value.draft.subject.type, b.value.draft.category)).map((b) => b.value.key))];
    const [existing, stored] = await Promise.all([this.repo.existingRefs(institutionId, refs), this.repo.statutoryTerms(statutoryKeys)]);
    const terms = new Map<string, KnownTerm[]>();
    const add = (key: string, t: KnownTerm): void => {
      const list = terms.get(key);
      if (list) list.push(t);
      else terms.set(key, [t]);
    };
    for (const t of stored) {
      const mine = t.contributorInstitutionId === institutionId;
      // The batch still being written supersedes what the database may show of its rows.
      if (previous && (t.externalRef !== null ? mine && previous.refs.has(t.externalRef) : previous.ids.has(t.id))) continue;
      add(t.subjectKey, { id: t.id, externalRef: t.externalRef, mine, term: t.term });
    }
    if (previous) {
      for (const ref of refs) {
        const row = previous.refs.get(ref);
        if (row) existing.set(ref, row);
      }
      for (const key of statutoryKeys) for (const t of previous.terms.get(key) ?? []) add(key, t);
    }

    const rows: NewEntryRow[] = [];
    const errors: RowError[] = [];
    const trailRefs = new Map<string, ExistingRefRow>();
    const trailIds = new Set<string>();
    const trailTerms = new Map<string, KnownTerm[]>();
    for (const { row, value } of batch) {
      const { draft, key } = value;
      const before = draft.externalRef !== null ? existing.get(draft.externalRef) : undefined;
      const kind = statutoryKind(draft.subject.type, draft.category);
      const notThisRow = (t: KnownTerm): boolean => !(t.mine && draft.externalRef !== null && t.externalRef === draft.externalRef);
      let term: ResolvedTerm;
      if (
        before &&
        kind !== null &&
        draft.expiresAt === null &&
        before.category === draft.category &&
        before.requestedFrom.getTime() === draft.requestedFrom.getTime() &&
        (before.termBasis === 'JOINT_PUNISHMENT_CONVICTED' || before.termBasis === 'JOINT_PUNISHMENT_CARD_SELLER')
      ) {
        term = { from: before.effectiveFrom, to: before.expiresAt, basis: before.termBasis, chained: false, clipped: false };
      } else {
        const others = (terms.get(key) ?? []).filter(notThisRow).map((t) => t.term);
        try {
          term = resolveEntryTerm({ subjectType: draft.subject.type, category: draft.category, requestedFrom: draft.requestedFrom, expiresAt: draft.expiresAt, existing: kind ? others : [] });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          errors.push({ row, code: e.code, message: e.message });
          continue;
        }
      }
      const id = randomUUID();
      if (kind !== null && term.to !== null) {
        const known: KnownTerm = { id, externalRef: draft.externalRef, mine: true, term: { from: term.from, to: term.to } };
        terms.set(key, [...(terms.get(key) ?? []).filter(notThisRow), known]);
        if (!before?.revoked) trailTerms.set(key, [...(trailTerms.get(key) ?? []).filter(notThisRow), known]);
      }
      if (draft.externalRef !== null) {
        trailRefs.set(draft.externalRef, {
          externalRef: draft.externalRef,
          category: draft.category,
          requestedFrom: draft.requestedFrom,
          effectiveFrom: term.from,
          expiresAt: term.to,
          termBasis: term.basis,
          revoked: before?.revoked ?? false,
        });
      } else {
        trailIds.add(id);
      }
      rows.push(this.entries.toRow(id, draft, key, term));
    }
    return { rows, document: batchDocument(rows), errors, updates: existing.size > 0, trail: { refs: trailRefs, ids: trailIds, terms: trailTerms } };
  }
}
