import type { EntryView as IndexEntryView, IndexHit } from '../../../domain/negative-list/entry-index.js';
import { deriveStatus, LIST_ENTRY_EXPIRY } from '../../../domain/restrictions/terms.js';
import type { NegativeListAppealEntity } from '../negative-list-appeal.entity.js';
import type { NegativeListEntryEntity } from '../negative-list-entry.entity.js';
import type { NegativeListEntryVersionEntity } from '../negative-list-entry-version.entity.js';
import type { NegativeListNonMatchEntity } from '../negative-list-non-match.entity.js';
import type { AppealResponse, EntryResponse, EntryVersionResponse, MatchEntryResponse, MatchHitResponse, NonMatchResponse } from './negative-list.dto.js';

export interface EntryView {
  /** The caller may see contributor, basis and evidence. */
  provenance: boolean;
  /** Show the identifier in full (only ever true together with provenance). */
  reveal: boolean;
  now: Date;
}

/** Snapshot fields that belong to provenance. */
const PROVENANCE_FIELDS = ['externalRef', 'legalBasis', 'legalBasisDocNo', 'evidenceRef', 'contributorInstitutionId', 'contributorActorType', 'contributorActorId', 'birthDate'];

export function toEntryResponse(e: NegativeListEntryEntity, v: EntryView): EntryResponse {
  const reveal = v.reveal && v.provenance;
  return {
    id: e.id,
    version: e.version,
    subjectType: e.subjectType,
    idKind: e.idKind,
    identifier: reveal ? e.identifier : e.identifierMasked,
    identifierRevealed: reveal,
    subjectName: e.subjectName,
    birthDate: v.provenance ? e.birthDate : null,
    category: e.category,
    fraudType: e.fraudType,
    measures: [...e.measures],
    status: deriveStatus({ status: e.status, expiresAt: e.expiresAt }, v.now, LIST_ENTRY_EXPIRY),
    statusReason: e.statusReason,
    effectiveFrom: e.effectiveFrom.toISOString(),
    expiresAt: e.expiresAt?.toISOString() ?? null,
    termBasis: e.termBasis,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    provenance: v.provenance
      ? {
          contributorInstitutionId: e.contributorInstitutionId,
          contributorActorType: e.contributorActorType,
          contributorActorId: e.contributorActorId,
          externalRef: e.externalRef,
          legalBasis: e.legalBasis,
          legalBasisDocNo: e.legalBasisDocNo,
          evidenceRef: e.evidenceRef,
          importId: e.importId,
        }
      : null,
  };
}

export function toEntryVersionResponse(r: NegativeListEntryVersionEntity, provenance: boolean): EntryVersionResponse {
  const snapshot: Record<string, unknown> = { ...r.snapshot };
  if (!provenance) for (const f of PROVENANCE_FIELDS) delete snapshot[f];
  return {
    version: r.version,
    action: r.action,
    changedAt: r.changedAt.toISOString(),
    reason: r.reason,
    actorType: provenance ? r.actorType : null,
    actorId: provenance ? r.actorId : null,
    institutionId: provenance ? r.institutionId : null,
    snapshot,
  };
}

export function toAppealResponse(a: NegativeListAppealEntity, now: Date): AppealResponse {
  return {
    id: a.id,
    entryId: a.entryId,
    receivedAt: a.receivedAt.toISOString(),
    receivedByInstitutionId: a.receivedByInstitutionId,
    grounds: a.grounds,
    deadlineAt: a.deadlineAt.toISOString(),
    status: a.status,
    overdue: a.status === 'OPEN' && a.deadlineAt.getTime() < now.getTime(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decisionReason: a.decisionReason,
    createdAt: a.createdAt.toISOString(),
  };
}

export function toMatchEntryResponse(v: IndexEntryView): MatchEntryResponse {
  return {
    id: v.id,
    version: v.version,
    subjectType: v.subjectType,
    idKind: v.idKind,
    identifier: v.identifierMasked,
    subjectName: v.subjectName,
    category: v.category,
    fraudType: v.fraudType,
    measures: v.measures,
    status: v.status,
    effectiveFrom: v.effectiveFrom.toISOString(),
    expiresAt: v.expiresAt?.toISOString() ?? null,
    termBasis: v.termBasis,
  };
}

export function toMatchHitResponse(h: IndexHit): MatchHitResponse {
  return {
    entryId: h.entryId,
    matchType: h.matchType,
    score: h.score,
    entry: toMatchEntryResponse(h.entry),
    explanation: h.explanation.name
      ? {
          text: h.explanation.text,
          reason: h.explanation.name.reason,
          compared: h.explanation.name.compared,
          ...(h.explanation.name.pinyin ? { pinyin: h.explanation.name.pinyin } : {}),
          ...(h.explanation.name.distance !== undefined ? { distance: h.explanation.name.distance } : {}),
          notes: h.explanation.name.notes,
        }
      : { text: h.explanation.text, identifierKind: h.explanation.identifierKind },
  };
}

export function toNonMatchResponse(m: NegativeListNonMatchEntity): NonMatchResponse {
  return {
    id: m.id,
    institutionId: m.institutionId,
    entryId: m.entryId,
    subject: m.subjectLabel,
    reason: m.reason,
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
    endsAt: m.endsAt?.toISOString() ?? null,
    revokedAt: m.revokedAt?.toISOString() ?? null,
    revokedBy: m.revokedBy,
    revokeReason: m.revokeReason,
  };
}
