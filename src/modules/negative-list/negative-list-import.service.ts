import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { type BatchItem, type BatchResult, isStatisticsPoint, type RowError } from '../../common/bulk-import/bulk-import.runner.js';
import { BulkImportService } from '../../common/bulk-import/bulk-import.service.js';
import type { ImportJobEntity } from '../../common/bulk-import/import-job.entity.js';
import type { Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { ENTRY_FIELDS, type EntryDraft } from '../../domain/negative-list/entry-record.js';
import { resolveEntryTerm, statutoryKind, type ResolvedTerm } from '../../domain/negative-list/entry-term.js';
import type { Term } from '../../domain/restrictions/terms.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { actorOf } from './negative-list.access.js';
import { NEGATIVE_LIST_TOPIC, NegativeListMatcher, type NegativeListChange } from './negative-list.matcher.js';
import { NegativeListRepository, type NewEntryRow, type UpsertedRow } from './negative-list.repository.js';
import { NegativeListService } from './negative-list.service.js';

export const NEGATIVE_LIST_IMPORT = 'NEGATIVE_LIST';
const INDEX_CHUNK = 250;

interface ParsedRow {
  draft: EntryDraft;
  key: string;
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
  ) {}

  async import(p: Principal, contentType: string | undefined, body: unknown): Promise<ImportJobEntity> {
    const format = this.bulk.formatOf(contentType, body);
    const job = await this.bulk.start(NEGATIVE_LIST_IMPORT, p, format);
    const now = this.clock.now();
    const actor = actorOf(p);
    let batches = 0;
    // Rows written by the previous batch, filed in the index while the database works on this one:
    // the index trails the import by one batch, and catches up when the import ends, however it ends.
    let written: UpsertedRow[] = [];
    try {
      return await this.bulk.run<ParsedRow>(job, body as Readable, {
        read: { knownColumns: new Set(ENTRY_FIELDS), requiredColumns: ['subjectType', 'category', 'fraudType', 'legalBasis'] },
        parse: (record) => this.entries.draft(record, now),
        key: (r) => r.draft.externalRef,
        write: async (batch) => {
          const previous = written;
          written = [];
          const statistics = isStatisticsPoint(++batches);
          const db = (async () => {
            if (statistics) await this.repo.analyze();
            return this.writeBatch(batch, actor, job.id, now);
          })();
          const [result] = await Promise.all([db, this.announce(previous, job.id)]);
          written = result.written;
          return result.outcome;
        },
      });
    } finally {
      await this.announce(written, job.id);
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

  private async writeBatch(batch: readonly BatchItem<ParsedRow>[], actor: ReturnType<typeof actorOf>, importId: string, now: Date): Promise<{ outcome: BatchResult; written: UpsertedRow[] }> {
    const refs = batch.map((b) => b.value.draft.externalRef).filter((r): r is string => r !== null);
    const existing = await this.repo.existingRefs(actor.institutionId, refs);
    const statutoryKeys = [...new Set(batch.filter((b) => statutoryKind(b.value.draft.subject.type, b.value.draft.category)).map((b) => b.value.key))];
    const terms = new Map<string, Array<{ externalRef: string | null; mine: boolean; term: Term }>>();
    for (const t of await this.repo.statutoryTerms(statutoryKeys)) {
      const list = terms.get(t.subjectKey) ?? [];
      list.push({ externalRef: t.externalRef, mine: t.contributorInstitutionId === actor.institutionId, term: t.term });
      terms.set(t.subjectKey, list);
    }
    const rows: NewEntryRow[] = [];
    const errors: RowError[] = [];
    for (const { row, value } of batch) {
      const { draft, key } = value;
      const before = draft.externalRef !== null ? existing.get(draft.externalRef) : undefined;
      const kind = statutoryKind(draft.subject.type, draft.category);
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
        const others = (terms.get(key) ?? []).filter((t) => !(t.mine && draft.externalRef !== null && t.externalRef === draft.externalRef)).map((t) => t.term);
        try {
          term = resolveEntryTerm({ subjectType: draft.subject.type, category: draft.category, requestedFrom: draft.requestedFrom, expiresAt: draft.expiresAt, existing: kind ? others : [] });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          errors.push({ row, code: e.code, message: e.message });
          continue;
        }
      }
      if (kind !== null && term.to !== null) {
        const list = (terms.get(key) ?? []).filter((t) => !(t.mine && draft.externalRef !== null && t.externalRef === draft.externalRef));
        list.push({ externalRef: draft.externalRef, mine: true, term: { from: term.from, to: term.to } });
        terms.set(key, list);
      }
      rows.push(this.entries.toRow(randomUUID(), draft, key, term));
    }
    // Rows that update nothing need no lock: a fresh load skips a round trip per batch.
    const written = await this.repo.upsertBatch(rows, actor, importId, now, { lockExisting: existing.size > 0 });
    const inserted = written.filter((w) => w.inserted).length;
    return { outcome: { inserted, updated: written.length - inserted, unchanged: rows.length - written.length, errors }, written };
  }
}
