/**
 * The vocabulary of negative-list entries: what an entry names, why it is listed, the fraud type
 * from the taxonomy used in reports (docs DOMAIN.md, "Fraud types"), and the measures the joint
 * punishment measures and the 2016/2019 central-bank notices attach to a listing.
 * Codes are stable: they are stored, exported and used by screening rules.
 */
import type { ListEntryStatus } from '../restrictions/terms.js';

export const SUBJECT_TYPES = ['PERSON', 'ENTITY', 'PHONE', 'ACCOUNT', 'DEVICE'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** A person is named by a resident ID, or (foreigners) by a travel/residence document. */
export const PERSON_ID_TYPES = ['RESIDENT_ID', 'FOREIGN_DOC'] as const;
export type PersonIdType = (typeof PERSON_ID_TYPES)[number];

/** The identifier kind an entry is looked up by; also the blind-index kind. */
export const IDENTIFIER_KINDS = ['RESIDENT_ID', 'FOREIGN_DOC', 'USCC', 'PHONE', 'ACCOUNT', 'DEVICE'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const ENTRY_CATEGORIES = [
  'ACCOUNT_SELLER',
  'CONVICTED_FRAUDSTER',
  'FRAUD_SUSPECT',
  'MONEY_MULE',
  'CASE_ACCOUNT',
  'FRAUD_PHONE',
  'OTHER',
] as const;
export type EntryCategory = (typeof ENTRY_CATEGORIES)[number];

export const FRAUD_TYPES = [
  'ORDER_BRUSHING',
  'FAKE_INVESTMENT',
  'FAKE_LOAN',
  'IMPERSONATING_CUSTOMER_SERVICE',
  'IMPERSONATING_AUTHORITIES',
  'IMPERSONATING_ACQUAINTANCE',
  'ONLINE_ROMANCE',
  'FAKE_GAME_TRADING',
  'ONLINE_GAMBLING',
  'OTHER',
] as const;
export type FraudType = (typeof FRAUD_TYPES)[number];

export const ENTRY_MEASURES = ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED', 'PAYMENT_ACCOUNT_SUSPENDED'] as const;
export type EntryMeasure = (typeof ENTRY_MEASURES)[number];

export const ENTRY_STATUSES = ['ACTIVE', 'UNDER_APPEAL', 'EXPIRED', 'REVOKED'] as const satisfies readonly ListEntryStatus[];
export type EntryStatus = ListEntryStatus;

/** Where an entry's term came from. */
export const TERM_BASES = ['GIVEN', 'JOINT_PUNISHMENT_CONVICTED', 'JOINT_PUNISHMENT_CARD_SELLER', 'OPEN_ENDED'] as const;
export type TermBasis = (typeof TERM_BASES)[number];

export interface Label {
  readonly en: string;
  readonly zh: string;
}

export const FRAUD_TYPE_LABELS: Readonly<Record<FraudType, Label>> = {
  ORDER_BRUSHING: { en: 'order-brushing rebate scam', zh: '刷单返利类诈骗' },
  FAKE_INVESTMENT: { en: 'fake investment and wealth management', zh: '虚假投资理财类诈骗' },
  FAKE_LOAN: { en: 'fake online loan', zh: '虚假网络贷款类诈骗' },
  IMPERSONATING_CUSTOMER_SERVICE: { en: 'impersonating e-commerce or logistics customer service', zh: '冒充电商物流客服类诈骗' },
  IMPERSONATING_AUTHORITIES: { en: 'impersonating police, prosecutors or courts', zh: '冒充公检法类诈骗' },
  IMPERSONATING_ACQUAINTANCE: { en: 'impersonating a boss or acquaintance', zh: '冒充领导熟人类诈骗' },
  ONLINE_ROMANCE: { en: 'online romance', zh: '网络婚恋交友类诈骗' },
  FAKE_GAME_TRADING: { en: 'fake game-item trading', zh: '网络游戏产品虚假交易类诈骗' },
  ONLINE_GAMBLING: { en: 'online gambling', zh: '网络赌博' },
  OTHER: { en: 'other', zh: '其他' },
};

export const CATEGORY_LABELS: Readonly<Record<EntryCategory, Label>> = {
  ACCOUNT_SELLER: { en: 'account seller or card dealer', zh: '买卖租借账户、银行卡人员' },
  CONVICTED_FRAUDSTER: { en: 'convicted fraudster', zh: '电信网络诈骗犯罪被定罪人员' },
  FRAUD_SUSPECT: { en: 'fraud suspect', zh: '涉诈嫌疑人员' },
  MONEY_MULE: { en: 'money mule', zh: '涉诈资金转移人员' },
  CASE_ACCOUNT: { en: 'account involved in a case', zh: '涉案账户' },
  FRAUD_PHONE: { en: 'fraud phone number', zh: '涉诈电话号码' },
  OTHER: { en: 'other', zh: '其他' },
};

export const MEASURE_LABELS: Readonly<Record<EntryMeasure, Label>> = {
  NO_NEW_ACCOUNTS: { en: 'no new accounts', zh: '不得新开账户' },
  NON_COUNTER_SUSPENDED: { en: 'non-counter business suspended', zh: '暂停非柜面业务' },
  PAYMENT_ACCOUNT_SUSPENDED: { en: 'payment-account business suspended', zh: '暂停支付账户业务' },
};

export function isOneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}

/** Measures as a bit mask (bit i = ENTRY_MEASURES[i]) for compact in-memory storage. */
export function measuresToMask(measures: readonly EntryMeasure[]): number {
  let mask = 0;
  for (const m of measures) mask |= 1 << ENTRY_MEASURES.indexOf(m);
  return mask;
}

export function maskToMeasures(mask: number): EntryMeasure[] {
  return ENTRY_MEASURES.filter((_, i) => (mask & (1 << i)) !== 0);
}
