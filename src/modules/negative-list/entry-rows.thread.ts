/**
 * Validation of negative-list import rows, as run on the import's worker thread
 * (common/bulk-import/parse-thread.ts), and the packing of validated rows for the trip back.
 * Framework-free: the worker loads this module on its own.
 */
import { blindIndex, type BlindIndexKind } from '../../common/crypto/blind-index.js';
import type { ThreadRowParser } from '../../common/bulk-import/parse-thread.js';
import { type EntryDraft, parseEntryRecord } from '../../domain/negative-list/entry-record.js';
import type { NormalisedIdentifier } from '../../domain/negative-list/subject.js';
import type { EntryCategory, EntryMeasure, FraudType, SubjectType } from '../../domain/negative-list/taxonomy.js';

/** A validated row: the draft and the blind index of its identifier. */
export interface DraftedEntry {
  draft: EntryDraft;
  key: string;
}

export interface EntryRowOptions {
  readonly blindIndexKey: string;
  /** The import's clock reading, epoch milliseconds (effective-from defaults to it). */
  readonly now: number;
}

/**
 * Parses and validates a flat record (API or file row) and computes its blind index: what
 * NegativeListService.draft does with the service's key, and the reader thread with its own copy.
 */
export function draftEntry(record: Record<string, unknown>, now: Date, blind: (kind: BlindIndexKind, value: string) => string): DraftedEntry {
  const draft = parseEntryRecord(record, now);
  return { draft, key: blind(draft.subject.identifier.kind, draft.subject.identifier.value) };
}

/** The worker's entry point: drafts rows as the service does. */
export function createThreadRowParser(o: EntryRowOptions): ThreadRowParser<DraftedEntry> {
  const key = Buffer.from(o.blindIndexKey, 'utf8');
  const now = new Date(o.now);
  const blind = (kind: BlindIndexKind, value: string): string => blindIndex(key, kind, value);
  return { parse: (record) => draftEntry(record, now, blind), encode: encodeEntryRows };
}

/** Drafts as columns: one array per field (null for absent), times as epoch milliseconds (NaN for none). */
interface EntryColumns {
  ref: (string | null)[];
  subjectType: SubjectType[];
  idKind: NormalisedIdentifier['kind'][];
  idValue: string[];
  idMasked: string[];
  idBirthDate: (string | null)[];
  name: (string | null)[];
  birthDate: (string | null)[];
  category: EntryCategory[];
  fraudType: FraudType[];
  legalBasis: string[];
  legalBasisDocNo: (string | null)[];
  evidenceRef: (string | null)[];
  measures: string[];
  requestedFrom: Float64Array;
  expiresAt: Float64Array;
  key: string[];
}

export function encodeEntryRows(values: readonly DraftedEntry[]): EntryColumns {
  const n = values.length;
  const c: EntryColumns = {
    ref: [], subjectType: [], idKind: [], idValue: [], idMasked: [], idBirthDate: [], name: [], birthDate: [], category: [], fraudType: [],
    legalBasis: [], legalBasisDocNo: [], evidenceRef: [], measures: [], requestedFrom: new Float64Array(n), expiresAt: new Float64Array(n), key: [],
  };
  for (let i = 0; i < n; i++) {
    const { draft: d, key } = values[i]!;
    const id = d.subject.identifier;
    c.ref.push(d.externalRef);
    c.subjectType.push(d.subject.type);
    c.idKind.push(id.kind);
    c.idValue.push(id.value);
    c.idMasked.push(id.masked);
    c.idBirthDate.push(id.birthDate ?? null);
    c.name.push(d.subject.name);
    c.birthDate.push(d.subject.birthDate);
    c.category.push(d.category);
    c.fraudType.push(d.fraudType);
    c.legalBasis.push(d.legalBasis);
    c.legalBasisDocNo.push(d.legalBasisDocNo);
    c.evidenceRef.push(d.evidenceRef);
    c.measures.push(d.measures.join(','));
    c.requestedFrom[i] = d.requestedFrom.getTime();
    c.expiresAt[i] = d.expiresAt === null ? Number.NaN : d.expiresAt.getTime();
    c.key.push(key);
  }
  return c;
}

export function decodeEntryRows(data: unknown): DraftedEntry[] {
  const c = data as EntryColumns;
  const out = new Array<DraftedEntry>(c.key.length);
  for (let i = 0; i < out.length; i++) {
    const idBirthDate = c.idBirthDate[i]!;
    const identifier: NormalisedIdentifier = idBirthDate === null
      ? { kind: c.idKind[i]!, value: c.idValue[i]!, masked: c.idMasked[i]! }
      : { kind: c.idKind[i]!, value: c.idValue[i]!, masked: c.idMasked[i]!, birthDate: idBirthDate };
    const measures = c.measures[i]!;
    const expiresAt = c.expiresAt[i]!;
    out[i] = {
      draft: {
        externalRef: c.ref[i]!,
        subject: { type: c.subjectType[i]!, identifier, name: c.name[i]!, birthDate: c.birthDate[i]! },
        category: c.category[i]!,
        fraudType: c.fraudType[i]!,
        legalBasis: c.legalBasis[i]!,
        legalBasisDocNo: c.legalBasisDocNo[i]!,
        evidenceRef: c.evidenceRef[i]!,
        measures: measures === '' ? [] : (measures.split(',') as EntryMeasure[]),
        requestedFrom: new Date(c.requestedFrom[i]!),
        expiresAt: Number.isNaN(expiresAt) ? null : new Date(expiresAt),
      },
      key: c.key[i]!,
    };
  }
  return out;
}
