import type { Severity } from '../../domain/cases/severity.js';
import { maskAccount } from '../../domain/identity/bank-card.js';
import type { AttachItemInput, CaseSource, CaseSubjectAttributes, CaseSubjectType } from './cases.types.js';

/** The fields of a review item (src/modules/review-items) a case needs. */
export interface ReviewItemLike {
  id: string;
  institutionId: string;
  kind: string;
  severity: Severity;
  title: string;
  screeningId: string | null;
  bankCode: string | null;
  accountNumber: string | null;
  subjectType: CaseSubjectType;
  subjectKey: string;
  subjectMasked: string | null;
  subjectName: string | null;
  findingCodes: string[];
  sourceRef: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

const SOURCE_OF_KIND: Record<string, CaseSource> = {
  SCREENING_REVIEW: 'SCREENING',
  SECOND_VERIFICATION_CHANGED: 'SECOND_VERIFICATION',
  RESCREEN_HIT: 'RESCREEN',
};

const MASKED_RESIDENT_ID = /^(\d{6})\*{8}(\d{2})(\d)([\dX])$/;

/**
 * What a masked resident ID still tells (division code and the sex digit are kept by masking),
 * plus a birth date when the source put one in the details.
 */
export function attributesFromMasked(masked: string | null, details: Record<string, unknown>): CaseSubjectAttributes | null {
  const m = masked ? MASKED_RESIDENT_ID.exec(masked) : null;
  const birthDate = typeof details.birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(details.birthDate) ? details.birthDate : undefined;
  if (!m && !birthDate) return null;
  return {
    ...(m ? { divisionCode: m[1]!, sex: Number(m[3]) % 2 === 1 ? ('MALE' as const) : ('FEMALE' as const) } : {}),
    ...(birthDate ? { birthDate } : {}),
  };
}

/**
 * A review item (screening in REVIEW, changed second verification, rescreen hit) as a case item.
 * The review item's id is the source id, so re-delivering the same item changes nothing.
 */
export function caseItemFromReviewItem(r: ReviewItemLike): AttachItemInput {
  const evidence: Record<string, unknown> = { reviewItemId: r.id, kind: r.kind, ...r.details };
  if (r.screeningId) evidence.screeningId = r.screeningId;
  if (r.sourceRef) evidence.sourceRef = r.sourceRef;
  if (r.bankCode && r.accountNumber) evidence.account = `${r.bankCode}:${r.accountNumber}`;
  if (r.subjectType === 'ACCOUNT' && r.subjectMasked) evidence.holder = r.subjectMasked;
  const small = JSON.stringify(evidence).length <= 15_000 ? evidence : { reviewItemId: r.id, kind: r.kind, truncated: true };
  // An account case shows the account; the holder's masked identifier stays in the evidence.
  const display = r.subjectType === 'ACCOUNT' && r.bankCode && r.accountNumber ? `${r.bankCode} ${maskAccount(r.accountNumber)}` : (r.subjectMasked ?? r.subjectKey.slice(0, 12));
  return {
    institutionId: r.institutionId,
    subject: {
      type: r.subjectType,
      key: r.subjectKey,
      display: display.slice(0, 80) || '-',
      name: r.subjectName,
      attributes: r.subjectType === 'PERSON' ? attributesFromMasked(r.subjectMasked, r.details) : null,
    },
    source: SOURCE_OF_KIND[r.kind] ?? 'SCREENING',
    sourceId: r.id,
    severity: r.severity,
    findingCodes: r.findingCodes.filter((c) => c.length > 0 && c.length <= 64).slice(0, 50),
    summary: r.title.trim() || r.kind,
    occurredAt: r.createdAt,
    evidence: small,
  };
}
