/**
 * Human-readable labels (English, Chinese) for the codes that appear in screening messages.
 * Unknown codes fall back to the code itself so a new list category never breaks a message.
 */
import { CATEGORY_LABELS, MEASURE_LABELS } from '../negative-list/taxonomy.js';
import type { LocalizedMessage } from './finding.js';

type Labels = Readonly<Record<string, LocalizedMessage>>;

/** List categories and measures are labelled once, in the negative-list taxonomy. */
const CATEGORY: Labels = CATEGORY_LABELS;
const MEASURE: Labels = MEASURE_LABELS;

const CHANNEL: Labels = {
  COUNTER: { en: 'counter', zh: '柜面' },
  MOBILE: { en: 'mobile', zh: '手机银行' },
  ONLINE: { en: 'online', zh: '网上银行' },
  AGENT: { en: 'agent', zh: '代理渠道' },
};

const ENTITY_STATUS: Labels = {
  ACTIVE: { en: 'active', zh: '存续' },
  REVOKED: { en: 'revoked', zh: '吊销' },
  DEREGISTERED: { en: 'deregistered', zh: '注销' },
  OTHER: { en: 'not active', zh: '非存续' },
};

/** GB/T 2260 province-level divisions by their 2-digit code. */
const PROVINCE: Labels = {
  '11': { en: 'Beijing', zh: '北京' },
  '12': { en: 'Tianjin', zh: '天津' },
  '13': { en: 'Hebei', zh: '河北' },
  '14': { en: 'Shanxi', zh: '山西' },
  '15': { en: 'Inner Mongolia', zh: '内蒙古' },
  '21': { en: 'Liaoning', zh: '辽宁' },
  '22': { en: 'Jilin', zh: '吉林' },
  '23': { en: 'Heilongjiang', zh: '黑龙江' },
  '31': { en: 'Shanghai', zh: '上海' },
  '32': { en: 'Jiangsu', zh: '江苏' },
  '33': { en: 'Zhejiang', zh: '浙江' },
  '34': { en: 'Anhui', zh: '安徽' },
  '35': { en: 'Fujian', zh: '福建' },
  '36': { en: 'Jiangxi', zh: '江西' },
  '37': { en: 'Shandong', zh: '山东' },
  '41': { en: 'Henan', zh: '河南' },
  '42': { en: 'Hubei', zh: '湖北' },
  '43': { en: 'Hunan', zh: '湖南' },
  '44': { en: 'Guangdong', zh: '广东' },
  '45': { en: 'Guangxi', zh: '广西' },
  '46': { en: 'Hainan', zh: '海南' },
  '50': { en: 'Chongqing', zh: '重庆' },
  '51': { en: 'Sichuan', zh: '四川' },
  '52': { en: 'Guizhou', zh: '贵州' },
  '53': { en: 'Yunnan', zh: '云南' },
  '54': { en: 'Tibet', zh: '西藏' },
  '61': { en: 'Shaanxi', zh: '陕西' },
  '62': { en: 'Gansu', zh: '甘肃' },
  '63': { en: 'Qinghai', zh: '青海' },
  '64': { en: 'Ningxia', zh: '宁夏' },
  '65': { en: 'Xinjiang', zh: '新疆' },
  '71': { en: 'Taiwan', zh: '台湾' },
  '81': { en: 'Hong Kong', zh: '香港' },
  '82': { en: 'Macao', zh: '澳门' },
};

function lookup(table: Labels, code: string): LocalizedMessage {
  return Object.hasOwn(table, code) ? table[code]! : { en: code, zh: code };
}

export const labels = {
  category: (code: string): LocalizedMessage => lookup(CATEGORY, code),
  measure: (code: string): LocalizedMessage => lookup(MEASURE, code),
  channel: (code: string): LocalizedMessage => lookup(CHANNEL, code),
  entityStatus: (code: string): LocalizedMessage => lookup(ENTITY_STATUS, code),
  province: (code: string): LocalizedMessage => {
    const known = Object.hasOwn(PROVINCE, code) ? PROVINCE[code]! : undefined;
    return known ? { en: `${known.en} (${code})`, zh: `${known.zh}（${code}）` } : { en: code, zh: code };
  },
  /** Joins several codes' labels: "a, b" / "a、b". */
  list: (codes: readonly string[], label: (code: string) => LocalizedMessage): LocalizedMessage => ({
    en: codes.map((c) => label(c).en).join(', ') || '-',
    zh: codes.map((c) => label(c).zh).join('、') || '-',
  }),
};

/** Formats integer fen as CNY with two decimals, without floating-point arithmetic. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  return `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}
