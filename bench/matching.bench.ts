/**
 * Name-matching benchmark: fuzzy name search over N synthetic names (default 1,000,000).
 *
 * Run (the --expose-gc flag makes the memory figure exact):
 *   node --expose-gc --import tsx bench/matching.bench.ts [size]
 *   npx tsx bench/matching.bench.ts [size]          # works too; memory is then approximate
 *
 * Prints: index build time, fuzzy query p50/p99 over N names, heap added by the index, and
 * in-process exact lookups per second on a Map of N HMAC-like hex keys (the negative list's
 * blind-index maps) as a reference. Figures only; nothing here asserts timings.
 */
import { createHmac } from 'node:crypto';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { NameIndex } from '../src/domain/matching/name-index.js';
import { mulberry32 } from '../scripts/simulate/random.js';

const SIZE = Number(process.argv[2] ?? 1_000_000);
const QUERIES = 20_000;
const WARMUP = 2_000;

// Deterministic data: the same names on every run.
const random = mulberry32(20250601);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const SURNAMES = (
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 ' +
  '余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 ' +
  '史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 单 解 区 欧阳 司马 诸葛 上官 东方 尉迟'
).split(' ');
const GIVEN = (
  '伟 芳 娜 秀 英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 兰 霞 平 刚 桂 文 辉 力 燕 华 建 国 红 梅 玲 鹏 飞 林 峰 ' +
  '志 宇 浩 晨 婷 雪 颖 琳 欣 佳 俊 斌 博 轩 子 涵 雨 梓 欢 一 诺 思 彤 嘉 怡 晓 东 海 亮 龙 云 凤 春 晶 莉 慧 珍 鑫 宁 ' +
  '丹 蕾 倩 萍 凯 瑞 翔 昊 然 天 宏 成 立 新 永 荣 德 胜 清 正 安 乐 福 祥 光 振 达 坤 彬 健 鸿 毅 铭 泽 瑶 璐 薇 蓉 岚 ' +
  '琪 悦 可 心 妍 馨 萱 熙 航 宸 睿 晗 逸 宁 骏 啸 磊 朗 耀 宗 家 启 贤 良 义 礼 信 仁 智 勤 俭 恒 远 江 河 山 川 松 柏'
).split(' ');
const FIRST = (
  'James John Robert Michael William David Richard Joseph Thomas Charles Mary Patricia Jennifer Linda Elizabeth ' +
  'Barbara Susan Jessica Sarah Karen Daniel Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin ' +
  'Brian George Timothy Ronald Nancy Lisa Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda ' +
  'Maria Jose Juan Carlos Luis Ana Sofia Pierre Marie Hans Anna Ivan Olga Sergei Dmitri Yuki Hiroshi Ahmed ' +
  'Mohammed Fatima Omar Ali Priya Raj Arjun Minh Thanh Jae Min Soo Lars Ingrid Sven Astrid Marco Giulia Luca'
).split(' ');
const LAST = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson ' +
  'Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson ' +
  'Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell ' +
  'Mitchell Carter Roberts Muller Schmidt Schneider Fischer Weber Dubois Martin Bernard Rossi Russo Ferrari ' +
  'Ivanov Petrov Sidorov Tanaka Suzuki Sato Kim Park Choi Khan Hassan Haddad Singh Kumar Patel Tran Pham Jensen'
).split(' ');

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });

function hanName(): string {
  const length = random() < 0.4 ? 1 : 2;
  let name = pick(SURNAMES);
  for (let i = 0; i < length; i++) name += pick(GIVEN);
  return name;
}
function latinName(): string {
  const middle = random() < 0.15 ? ` ${pick(FIRST)}` : '';
  return `${pick(FIRST)}${middle} ${pick(LAST)}`;
}
function typo(s: string): string {
  const i = 1 + Math.floor(random() * (s.length - 2));
  const kind = random();
  if (kind < 0.33) return s.slice(0, i) + s.slice(i + 1); // deletion
  if (kind < 0.66) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2); // transposition
  return s.slice(0, i) + 'aeiou'[Math.floor(random() * 5)] + s.slice(i + 1); // substitution
}
function uuidLike(i: number): string {
  const h = createHmac('sha256', 'ids').update(String(i)).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}
function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

// ------------------------------------------------------------------ data
console.log(`name-matching benchmark: ${SIZE} names (node ${process.version})`);
if (!(globalThis as { gc?: unknown }).gc) console.log('note: run with node --expose-gc --import tsx for exact memory figures');
let t0 = performance.now();
const ids: string[] = new Array<string>(SIZE);
const names: string[] = new Array<string>(SIZE);
const births: (string | undefined)[] = new Array<string | undefined>(SIZE);
for (let i = 0; i < SIZE; i++) {
  ids[i] = uuidLike(i);
  const r = random();
  let name = r < 0.9 ? hanName() : latinName();
  if (r < 0.9 && random() < 0.05) name = toTraditional(name);
  names[i] = name;
  births[i] =
    random() < 0.5
      ? `${1950 + Math.floor(random() * 55)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
      : undefined;
}
console.log(`generated data in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ------------------------------------------------------------------ build
// Typed arrays live outside the JavaScript heap: count heapUsed and arrayBuffers together.
const indexMemory = (): { heap: number; buffers: number } => {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
};
gc();
const before = indexMemory();
const index = new NameIndex();
t0 = performance.now();
for (let i = 0; i < SIZE; i++) {
  const birthDate = births[i];
  index.add(ids[i]!, names[i]!, birthDate !== undefined ? { birthDate } : {});
}
const buildSeconds = (performance.now() - t0) / 1000;
gc();
const after = indexMemory();
const stats = index.stats();
const heapAdded = after.heap - before.heap;
const buffersAdded = after.buffers - before.buffers;
console.log(`index build: ${SIZE} names in ${buildSeconds.toFixed(1)} s (${Math.round(SIZE / buildSeconds)} names/s)`);
console.log(
  `memory added by the name index: ${mb(heapAdded + buffersAdded)} MB for ${SIZE} names ` +
    `(heapUsed +${mb(heapAdded)} MB, typed-array buffers +${mb(buffersAdded)} MB; ` +
    `${((heapAdded + buffersAdded) / SIZE).toFixed(0)} B/name; ${stats.blockingKeys} blocking keys, ${stats.postings} postings)`,
);

// ------------------------------------------------------------------ queries
type QueryKind = 'exact' | 'traditional' | 'homophone-or-other' | 'latin-typo' | 'latin-order' | 'cross-script' | 'absent';
function makeQuery(): { kind: QueryKind; name: string; birthDate?: string } {
  const i = Math.floor(random() * SIZE);
  const name = names[i]!;
  const isLatin = /[a-z]/i.test(name);
  const r = random();
  if (isLatin) {
    const tokens = name.split(' ');
    if (r < 0.5) {
      const j = Math.floor(random() * tokens.length);
      if (tokens[j]!.length >= 4) tokens[j] = typo(tokens[j]!);
      return { kind: 'latin-typo', name: tokens.join(' ') };
    }
    return { kind: 'latin-order', name: [...tokens].reverse().join(' ') };
  }
  if (r < 0.3) return { kind: 'exact', name, ...(births[i] !== undefined ? { birthDate: births[i] } : {}) };
  if (r < 0.45) return { kind: 'traditional', name: toTraditional(name) };
  if (r < 0.75) return { kind: 'homophone-or-other', name: name.slice(0, -1) + pick(GIVEN) };
  if (r < 0.9) {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', mode: 'surname', surname: 'head', v: true });
    return { kind: 'cross-script', name: `${syllables[0]} ${syllables.slice(1).join('')}` };
  }
  return { kind: 'absent', name: `${pick(GIVEN)}${pick(GIVEN)}${pick(GIVEN)}` };
}
const queries = Array.from({ length: QUERIES + WARMUP }, makeQuery);
const times = new Float64Array(QUERIES);
const kindTimes = new Map<QueryKind, number[]>();
let totalHits = 0;
let maxHits = 0;
for (let q = 0; q < queries.length; q++) {
  const query = queries[q]!;
  const start = performance.now();
  const hits = index.search(query.name, query.birthDate !== undefined ? { birthDate: query.birthDate } : {});
  const elapsed = performance.now() - start;
  if (q >= WARMUP) {
    times[q - WARMUP] = elapsed;
    totalHits += hits.length;
    maxHits = Math.max(maxHits, hits.length);
    const list = kindTimes.get(query.kind) ?? [];
    list.push(elapsed);
    kindTimes.set(query.kind, list);
  }
}
times.sort();
console.log(
  `fuzzy name query over ${SIZE} names: p50=${percentile(times, 0.5).toFixed(3)} ms p99=${percentile(times, 0.99).toFixed(3)} ms ` +
    `max=${times[times.length - 1]!.toFixed(3)} ms (${QUERIES} queries at the default threshold, ${(totalHits / QUERIES).toFixed(1)} hits/query, max ${maxHits})`,
);
for (const [kind, list] of kindTimes) {
  const sorted = Float64Array.from(list).sort();
  console.log(`  ${kind.padEnd(20)} n=${String(sorted.length).padStart(5)} p50=${percentile(sorted, 0.5).toFixed(3)} ms p99=${percentile(sorted, 0.99).toFixed(3)} ms`);
}

// ------------------------------------------------------------------ exact lookups (reference)
const key = Buffer.from('bench-blind-index-key');
const hexKeys: string[] = new Array<string>(SIZE);
for (let i = 0; i < SIZE; i++) hexKeys[i] = createHmac('sha256', key).update(`ID:${i}`).digest('hex');
gc();
const mapHeapBefore = process.memoryUsage().heapUsed;
const keyStringBytes = SIZE * (12 + 64 + 4); // header + one-byte characters, rounded, per key string
const exact = new Map<string, number>();
for (let i = 0; i < SIZE; i++) exact.set(hexKeys[i]!, i);
gc();
const mapHeapAfter = process.memoryUsage().heapUsed;
const LOOKUPS = 5_000_000;
const probe: string[] = Array.from({ length: 1 << 16 }, (_, i) =>
  i % 4 === 3 ? createHmac('sha256', key).update(`absent:${i}`).digest('hex') : hexKeys[Math.floor(random() * SIZE)]!,
);
let found = 0;
t0 = performance.now();
for (let i = 0; i < LOOKUPS; i++) if (exact.get(probe[i & 0xffff]!) !== undefined) found++;
const lookupSeconds = (performance.now() - t0) / 1000;
console.log(
  `exact lookups on Map<hex, entry> of ${SIZE} keys: ${Math.round(LOOKUPS / lookupSeconds).toLocaleString('en-US')} lookups/s ` +
    `(${found} found of ${LOOKUPS}; the Map adds ${mb(mapHeapAfter - mapHeapBefore)} MB on top of ~${mb(keyStringBytes)} MB of key strings)`,
);
console.log(`process rss=${mb(process.memoryUsage().rss)} MB heapUsed=${mb(process.memoryUsage().heapUsed)} MB`);
