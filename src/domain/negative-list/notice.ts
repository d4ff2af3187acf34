/**
 * The written notice a listed person must receive under the joint punishment measures: the basis,
 * the term, the measures and the right to appeal. Produced as data (for branch systems that print
 * their own letter) and as plain text in Chinese and English.
 */
import { CATEGORY_LABELS, type EntryCategory, type EntryMeasure, type EntryStatus, FRAUD_TYPE_LABELS, type FraudType, type Label, MEASURE_LABELS, type TermBasis } from './taxonomy.js';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface NoticeInput {
  readonly entryId: string;
  readonly version: number;
  readonly subjectName: string;
  readonly identifierMasked: string;
  readonly category: EntryCategory;
  readonly fraudType: FraudType;
  readonly legalBasis: string;
  readonly legalBasisDocNo: string | null;
  readonly measures: readonly EntryMeasure[];
  readonly effectiveFrom: Date;
  readonly expiresAt: Date | null;
  readonly termBasis: TermBasis;
  readonly status: EntryStatus;
  readonly issuerName: string;
  /** How many days the platform has to answer an appeal from its receipt. */
  readonly appealAnswerDays: number;
  readonly issuedAt: Date;
}

export interface CodeLabel extends Label {
  readonly code: string;
}

export interface EntryNotice {
  readonly noticeNo: string;
  readonly issuedAt: string;
  readonly status: EntryStatus;
  readonly subject: { readonly name: string; readonly identifier: string };
  readonly issuer: string;
  readonly category: CodeLabel;
  readonly fraudType: CodeLabel;
  readonly basis: { readonly text: string; readonly documentNo: string | null };
  readonly measures: readonly CodeLabel[];
  readonly term: { readonly from: string; readonly to: string | null; readonly basis: TermBasis; readonly description: Label };
  readonly appeal: { readonly answerWithinDays: number; readonly description: Label };
}

/** 'YYYY-MM-DD HH:mm' in China Standard Time. */
export function formatShanghai(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function termDescription(basis: TermBasis): Label {
  switch (basis) {
    case 'JOINT_PUNISHMENT_CONVICTED':
      return { en: '3 years under the joint punishment measures for persons convicted of telecom-fraud-related crime (consecutive listings at most 5 years)', zh: '依据电信网络诈骗及其关联犯罪联合惩戒办法，对被定罪人员惩戒期限为3年（连续惩戒累计不超过5年）' };
    case 'JOINT_PUNISHMENT_CARD_SELLER':
      return { en: '2 years under the joint punishment measures for persons designated for selling, renting or lending cards or accounts (consecutive listings at most 5 years)', zh: '依据联合惩戒办法，对被认定买卖、出租、出借电话卡或银行账户的人员惩戒期限为2年（连续惩戒累计不超过5年）' };
    case 'GIVEN':
      return { en: 'as set by the listing decision', zh: '依据列入决定确定的期限' };
    case 'OPEN_ENDED':
      return { en: 'until the listing is revoked', zh: '至列入被撤销之日止' };
  }
}

export function buildNotice(i: NoticeInput): EntryNotice {
  return {
    noticeNo: `NL-${i.entryId.replace(/-/g, '').slice(0, 12).toUpperCase()}-V${i.version}`,
    issuedAt: i.issuedAt.toISOString(),
    status: i.status,
    subject: { name: i.subjectName, identifier: i.identifierMasked },
    issuer: i.issuerName,
    category: { code: i.category, ...CATEGORY_LABELS[i.category] },
    fraudType: { code: i.fraudType, ...FRAUD_TYPE_LABELS[i.fraudType] },
    basis: { text: i.legalBasis, documentNo: i.legalBasisDocNo },
    measures: i.measures.map((m) => ({ code: m, ...MEASURE_LABELS[m] })),
    term: { from: i.effectiveFrom.toISOString(), to: i.expiresAt?.toISOString() ?? null, basis: i.termBasis, description: termDescription(i.termBasis) },
    appeal: {
      answerWithinDays: i.appealAnswerDays,
      description: {
        en: `You may appeal against this listing, giving your grounds, to the listing institution or to any member bank. The appeal is verified and answered within ${i.appealAnswerDays} days of its receipt; if it is upheld, the listing is revoked and the measures are released at every member institution.`,
        zh: `如对本次列入有异议，可向列入机构或任一成员银行提出申诉并说明理由。申诉自受理之日起${i.appealAnswerDays}日内核查答复；申诉成立的，撤销列入，并在各成员机构解除相应惩戒措施。`,
      },
    },
  };
}

export function renderNoticeText(n: EntryNotice): string {
  const to = n.term.to ? formatShanghai(new Date(n.term.to)) : null;
  const from = formatShanghai(new Date(n.term.from));
  const measuresZh = n.measures.length > 0 ? n.measures.map((m) => m.zh).join('、') : '无';
  const measuresEn = n.measures.length > 0 ? n.measures.map((m) => m.en).join(', ') : 'none';
  const basisDoc = n.basis.documentNo ? `（${n.basis.documentNo}）` : '';
  const basisDocEn = n.basis.documentNo ? ` (${n.basis.documentNo})` : '';
  return [
    '惩戒措施告知书',
    `编号：${n.noticeNo}`,
    '',
    `${n.subject.name}（证件：${n.subject.identifier}）：`,
    `经${n.issuer}认定，您被列入账户风险防控负面名单，类别：${n.category.zh}，涉及诈骗类型：${n.fraudType.zh}。`,
    `依据：${n.basis.text}${basisDoc}。`,
    `惩戒措施：${measuresZh}。`,
    `期限：自${from}起${to ? `至${to}止` : '至撤销之日止'}（北京时间）；${n.term.description.zh}。`,
    `申诉权利：${n.appeal.description.zh}`,
    '',
    'NOTICE OF MEASURES',
    `No. ${n.noticeNo}`,
    '',
    `To ${n.subject.name} (document ${n.subject.identifier}):`,
    `${n.issuer} has listed you on the shared account-risk negative list as: ${n.category.en}; fraud type: ${n.fraudType.en}.`,
    `Basis: ${n.basis.text}${basisDocEn}.`,
    `Measures: ${measuresEn}.`,
    `Term: from ${from}${to ? ` until ${to}` : ' until revoked'} (UTC+8); ${n.term.description.en}.`,
    `Right to appeal: ${n.appeal.description.en}`,
    '',
    `Issued ${formatShanghai(new Date(n.issuedAt))} (UTC+8).`,
    '',
  ].join('\n');
}
