/**
 * Shared reading of negative-list hits for the subject rules (person, legal representative,
 * entity) and the identifier rules (phone, device).
 */
import type { NegativeListHitFact } from '../facts.js';
import type { LocalizedMessage, Outcome, RuleFinding, Severity } from '../finding.js';
import { labels } from '../labels.js';
import { fire } from '../rule.js';

const EXACT_RANK = 1;
const FUZZY_RANK = 0;

function strength(hit: NegativeListHitFact): number {
  return hit.matchType === 'NAME_FUZZY' ? FUZZY_RANK : EXACT_RANK;
}

/** Positive when `a` is the better evidence: exact before fuzzy, higher score, then a fixed order. */
function preference(a: NegativeListHitFact, b: NegativeListHitFact): number {
  if (strength(a) !== strength(b)) return strength(a) - strength(b);
  if (a.score !== b.score) return a.score - b.score;
  const ka = tieKey(a);
  const kb = tieKey(b);
  return ka < kb ? 1 : ka > kb ? -1 : 0;
}

function tieKey(hit: NegativeListHitFact): string {
  return JSON.stringify([hit.matchType, hit.subjectRole, hit.category, [...hit.measures].sort()]);
}

/**
 * One hit per entry (the matcher may find an entry by ID and by name), the strongest kept:
 * exact before fuzzy, then the higher score. Sorted by entry id, so the order of the matcher's
 * answer never changes a finding.
 */
export function strongestHitPerEntry(hits: readonly NegativeListHitFact[]): NegativeListHitFact[] {
  const best = new Map<string, NegativeListHitFact>();
  for (const hit of hits) {
    const seen = best.get(hit.entryId);
    if (seen === undefined || preference(hit, seen) > 0) best.set(hit.entryId, hit);
  }
  return [...best.values()].sort((a, b) => (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
}

export function hitEvidence(hit: NegativeListHitFact): Record<string, unknown> {
  return {
    entryId: hit.entryId,
    subjectRole: hit.subjectRole,
    matchType: hit.matchType,
    score: hit.score,
    category: hit.category,
    measures: [...hit.measures].sort(),
  };
}

export interface SubjectHitParams {
  /** Measures on an exactly matched entry that make the application a REJECT. */
  rejectMeasures: string[];
  /** Fuzzy name hits scoring below this are ignored (the matcher already applies its own threshold). */
  minFuzzyScore: number;
}

/** Who the hit is about, as written in messages. */
export interface SubjectWording {
  en: string;
  zh: string;
  /** 姓名 for persons, 名称 for companies. */
  nameZh?: string;
}

/**
 * Exact hit with a rejecting measure -> REJECT; any other exact hit -> REVIEW; a fuzzy name hit
 * -> REVIEW, since a similar name alone does not prove it is the same person.
 */
export function subjectHitFindings(
  code: string,
  hits: readonly NegativeListHitFact[],
  params: Readonly<SubjectHitParams>,
  subject: SubjectWording,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const hit of strongestHitPerEntry(hits)) {
    const category = labels.category(hit.category);
    const measures = labels.list([...hit.measures].sort(), labels.measure);
    const measuresEn = hit.measures.length > 0 ? `; measures: ${measures.en}` : '';
    const measuresZh = hit.measures.length > 0 ? `；措施：${measures.zh}` : '';
    if (hit.matchType === 'NAME_FUZZY') {
      if (hit.score < params.minFuzzyScore) continue;
      const score = hit.score.toFixed(2);
      findings.push(
        fire(code, 'MEDIUM', 'REVIEW', {
          en: `The ${subject.en}'s name resembles negative-list entry ${hit.entryId} (similarity ${score}, category: ${category.en}); check whether it is the same subject.`,
          zh: `${subject.zh}${subject.nameZh ?? '姓名'}与负面名单条目${hit.entryId}相似（相似度${score}，类别：${category.zh}），需核实是否为同一主体。`,
        }, hitEvidence(hit)),
      );
      continue;
    }
    const rejecting = hit.measures.filter((m) => params.rejectMeasures.includes(m)).sort();
    if (rejecting.length > 0) {
      const barred = labels.list(rejecting, labels.measure);
      findings.push(
        fire(code, 'CRITICAL', 'REJECT', {
          en: `The ${subject.en} is on the negative list (entry ${hit.entryId}, category: ${category.en}) with the measure: ${barred.en}.`,
          zh: `${subject.zh}在负面名单中（条目${hit.entryId}，类别：${category.zh}），惩戒措施：${barred.zh}。`,
        }, hitEvidence(hit)),
      );
    } else {
      findings.push(
        fire(code, 'HIGH', 'REVIEW', {
          en: `The ${subject.en} is on the negative list (entry ${hit.entryId}, category: ${category.en}${measuresEn}).`,
          zh: `${subject.zh}在负面名单中（条目${hit.entryId}，类别：${category.zh}${measuresZh}），需人工复核。`,
        }, hitEvidence(hit)),
      );
    }
  }
  return findings;
}

export interface IdentifierHitParams {
  /** Entry categories for which a hit on this identifier rejects instead of asking for review. */
  rejectCategories: string[];
}

export function identifierHitFindings(
  code: string,
  hits: readonly NegativeListHitFact[],
  params: Readonly<IdentifierHitParams>,
  identifier: SubjectWording,
): RuleFinding[] {
  return strongestHitPerEntry(hits)
    .filter((hit) => hit.matchType !== 'NAME_FUZZY')
    .map((hit) => {
      const reject = params.rejectCategories.includes(hit.category);
      const severity: Severity = reject ? 'CRITICAL' : 'HIGH';
      const outcome: Outcome = reject ? 'REJECT' : 'REVIEW';
      const category = labels.category(hit.category);
      const message: LocalizedMessage = {
        en: `The ${identifier.en} given is on the negative list (entry ${hit.entryId}, category: ${category.en}).`,
        zh: `申请预留的${identifier.zh}命中负面名单（条目${hit.entryId}，类别：${category.zh}）。`,
      };
      return fire(code, severity, outcome, message, hitEvidence(hit));
    });
}

export const SUBJECT_HIT_PARAM_SPEC = {
  rejectMeasures: { type: 'string-list' },
  minFuzzyScore: { type: 'number', min: 0, max: 1 },
} as const;

export const IDENTIFIER_HIT_PARAM_SPEC = {
  rejectCategories: { type: 'string-list' },
} as const;
