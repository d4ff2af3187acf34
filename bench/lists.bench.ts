/**
 * npm run bench:lists
 *
 * The negative list and the market-entity registry at scale, on PostgreSQL, through the service
 * as `npm start` builds it (in this process; autocannon in a child process):
 *   1. bulk import of N negative-list rows (NDJSON streamed over HTTP) — target: 1,000,000 in <= 60 s;
 *   2. memory added by an N-entry in-memory index — target <= 400 MB for 1,000,000;
 *   3. in-process exact lookups per second — target >= 1,000,000/s (the index probe; also shown
 *      end to end with normalisation and the HMAC blind index);
 *   4. fuzzy name queries over N names, p99 — target <= 5 ms;
 *   5. POST /v1/negative-list/match: requests/s and p99 against the foundation's baseline route in
 *      the same run — target >= 60% of baseline, p99 <= 10 ms;
 *   6. registry: bulk import of N entities, then lookup by USCC p99 — target <= 5 ms.
 * Environment: BENCH_ROWS (default 1000000), BENCH_DURATION (seconds per load run, default 10),
 * BENCH_ROUNDS (default 2), BENCH_CONNECTIONS (default 50), BENCH_LOW_CONNECTIONS (default 8: the
 * concurrency the p99 target is read at), BENCH_CPU_PROFILE=<dir> (CPU profiles of the list import
 * and the match load), IMPORT_PARSE_THREAD=false (the import without its reader thread), BENCH_WITH_RESTRICTIONS=1 to let the
 * restrictions module react to the imported entries meanwhile. Figures only: nothing here asserts.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createReadStream } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BlindIndexService } from '../dist/common/crypto/blind-index.service.js';
import { makeResidentId } from '../dist/domain/identity/national-id-factory.js';
import { makeUscc } from '../dist/domain/identity/uscc.js';
import { type IndexedEntry, NegativeListIndex } from '../dist/domain/negative-list/entry-index.js';
import { splitHexKey } from '../dist/domain/negative-list/key-table.js';
import { NegativeListMatcher, toIndexedEntry } from '../dist/modules/negative-list/negative-list.matcher.js';
import { NegativeListRepository } from '../dist/modules/negative-list/negative-list.repository.js';
import { RegistryService } from '../dist/modules/registry/registry.service.js';
import { NegativeListSubscriber } from '../dist/modules/restrictions/negative-list.subscriber.js';
import { compareAlternating, formatLoad, runLoad } from './support/http-load.js';
import { postgresCpuSeconds } from './support/cpu.js';
import { profiled } from './support/profile.js';
import { BENCH_OPERATOR_KEY, scratchPostgres, startBaseline, startService } from './support/servers.js';
import { mulberry32 } from '../scripts/simulate/random.js';
import { runWithStartOptions, startNodeOptions } from './support/node-options.js';

// The service runs in this process: with the Node options `npm start` gives it.
runWithStartOptions();

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const lowConnections = Number(process.env.BENCH_LOW_CONNECTIONS ?? 8);
const withRestrictions = process.env.BENCH_WITH_RESTRICTIONS === '1';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const random = mulberry32(20261121);
type Rng = () => number;
const pick = <T>(items: readonly T[], rng: Rng = random): T => items[Math.floor(rng() * items.length)]!;
/** Each row draws from its own seeded source, so row i is the same whenever it is generated. */
const rowRng = (i: number, salt: number): Rng => mulberry32((Math.imul(i + 1, 0x9e3779b1) ^ salt) >>> 0);

/** The baseline route's body (the foundation's HTTP bench sends the same). */
const ECHO_BODY = {
  requestId: 'bench-1',
  branchCode: '0101',
  channel: 'COUNTER',
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  age: 30,
  consent: true,
  requestedAt: '2026-11-21T10:00:00+08:00',
  note: 'benchmark',
};

const SURNAMES = '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 欧阳 司马'.split(' ');
const GIVEN = '伟 芳 娜 秀 英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 兰 霞 平 刚 桂 文 辉 力 燕 华 建 国 红 梅 玲 鹏 飞 林 峰 志 宇 浩 晨 婷 雪 颖 琳 欣 佳 俊 斌 博 轩 子 涵 雨 梓 欢 一 诺 思 彤 嘉 怡 晓 东 海 亮 龙 云 凤 春 晶 莉 慧 珍 鑫 宁 丹 蕾 倩 萍 凯 瑞 翔 昊 然 天 宏 成 立 新 永 荣 德 胜 清 正 安 乐 福 祥 光 振 达 坤 彬 健 鸿 毅 铭 泽 瑶 璐 薇 蓉 岚 琪 悦 可 心 妍 馨 萱 熙 航 宸 睿 晗 逸 骏 啸 朗 耀 宗 家 启 贤 良 义 礼 信 仁 智 勤 俭 恒 远 江 河 山 川 松 柏'.split(' ');
const FIRST = 'James John Robert Michael William David Mary Patricia Jennifer Linda Maria Jose Juan Carlos Ana Sofia Pierre Marie Hans Anna Ivan Olga Yuki Hiroshi Ahmed Fatima Omar Priya Minh Lars Marco Giulia'.split(' ');
const LAST = 'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Lopez Wilson Anderson Taylor Moore Martin Lee Perez White Harris Nguyen Muller Schmidt Dubois Rossi Ivanov Tanaka Kim Park Khan Singh Patel Tran Jensen'.split(' ');
const DIVISIONS = ['110105', '110108', '310101', '310115', '440305', '440106', '330106', '320102', '510104', '420102', '610113', '350203', '370202', '210102', '500103', '430104'];
const CATEGORIES = ['ACCOUNT_SELLER', 'ACCOUNT_SELLER', 'CONVICTED_FRAUDSTER', 'FRAUD_SUSPECT', 'MONEY_MULE'];
const FRAUD = ['ORDER_BRUSHING', 'FAKE_INVESTMENT', 'FAKE_LOAN', 'IMPERSONATING_CUSTOMER_SERVICE', 'IMPERSONATING_AUTHORITIES', 'ONLINE_ROMANCE', 'ONLINE_GAMBLING'];

function chineseName(rng: Rng = random): string {
  return pick(SURNAMES, rng) + pick(GIVEN, rng) + (rng() < 0.7 ? pick(GIVEN, rng) : '');
}

function isoDate(dayOffset: number): string {
  return new Date(Date.UTC(1960, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

/** Row i of the negative-list file: persons (resident IDs, a few foreigners), some phones. Unique identifiers. */
function entryRow(i: number): Record<string, unknown> {
  const rng = rowRng(i, 1);
  const common = { externalRef: `B-${i}`, category: pick(CATEGORIES, rng), fraudType: pick(FRAUD, rng), legalBasis: '公安机关认定', legalBasisDocNo: `认字〔2026〕${i}号`, measures: i % 10 === 0 ? 'NO_NEW_ACCOUNTS;NON_COUNTER_SUSPENDED' : 'PAYMENT_ACCOUNT_SUSPENDED', effectiveFrom: '2026-10-01' };
  if (i % 20 === 19) return { ...common, subjectType: 'PHONE', phone: `13${String(100_000_000 + i).slice(-9)}`, category: 'FRAUD_PHONE' };
  if (i % 20 === 18) return { ...common, subjectType: 'PERSON', documentNumber: `P${String(i).padStart(9, '0')}`, nationality: 'USA', name: `${pick(FIRST, rng)} ${pick(LAST, rng)}`, birthDate: isoDate(i % 14_000) };
  // Unique per i: division x birth date x sequence.
  const division = DIVISIONS[i % DIVISIONS.length]!;
  const rest = Math.floor(i / DIVISIONS.length);
  const birth = isoDate(rest % 14_600);
  const sequence = Math.floor(rest / 14_600) % 100;
  return { ...common, subjectType: 'PERSON', idNumber: makeResidentId({ divisionCode: division, birthDate: birth, sequence }), name: chineseName(rng) };
}

function registryRow(i: number): Record<string, unknown> {
  const rng = rowRng(i, 2);
  const body = String(i).padStart(8, '0').replace(/^0/, 'M');
  const rep = makeResidentId({ divisionCode: DIVISIONS[i % DIVISIONS.length]!, birthDate: isoDate((i * 7) % 14_600), sequence: (i >> 3) % 100 });
  return {
    uscc: makeUscc({ organisationCodeBody: body, divisionCode: '440300' }),
    name: `深圳市${chineseName(rng)}${['科技', '贸易', '咨询', '网络'][i % 4]}有限公司${i}`,
    legalRepName: chineseName(rng),
    legalRepIdNumber: rep,
    registeredCapital: `${(i % 500) * 1000}.00`,
    establishedOn: isoDate(15_000 + (i % 9000)),
    registeredAddress: `深圳市南山区示例路${i % 50_000}号`,
    status: i % 50 === 0 ? '吊销' : '存续',
    updatedAt: '2026-11-01',
  };
}

async function writeNdjson(path: string, n: number, row: (i: number) => Record<string, unknown>): Promise<number> {
  const out = createWriteStream(path);
  for (let i = 0; i < n; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(n, i + 1000); j++) chunk += JSON.stringify(row(j)) + '\n';
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

/** Streams a file as the request body and returns the parsed JSON answer. */
function upload(url: string, path: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', 'x-api-key': BENCH_OPERATOR_KEY } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(text) as Record<string, unknown>) : reject(new Error(`${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    createReadStream(path).pipe(req);
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function verdict(ok: boolean): string {
  return ok ? 'MET' : 'NOT MET';
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (s: string): void => {
    lines.push(s);
    console.log(s);
  };
  const dir = await mkdtemp(join(tmpdir(), 'bench-lists-'));
  const db = await scratchPostgres('bench_lists');
  const baseline = await startBaseline();
  // IMPORT_PARSE_THREAD=false in the benchmark's environment compares the import without the reader thread.
  const service = await startService({ DATABASE_URL: db.url, LOG_LEVEL: 'error', ...(process.env.IMPORT_PARSE_THREAD ? { IMPORT_PARSE_THREAD: process.env.IMPORT_PARSE_THREAD } : {}) });
  try {
    const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
    say(`bench:lists  rows ${ROWS.toLocaleString('en')}, PostgreSQL, Node ${process.version} (${startNodeOptions().join(' ')}, as npm start), ${cpus().length} CPUs, load average ${load()} (other processes share the machine: compare with the baseline of the same run)`);

    // The restrictions module reacts to every imported entry in the background (reads it, runs
    // its policies, may make orders). That is its own cost, measured by its own benchmark; here it
    // is paused unless BENCH_WITH_RESTRICTIONS=1, so these figures are the list's.
    const subscriber = (() => {
      try {
        return service.app.get(NegativeListSubscriber, { strict: false });
      } catch {
        return undefined;
      }
    })();
    if (subscriber && !withRestrictions) (subscriber as unknown as { handle: () => Promise<void> }).handle = async () => undefined;
    say(`   restrictions module's reaction to list changes: ${!subscriber ? 'not present' : withRestrictions ? 'on' : 'paused for this benchmark (BENCH_WITH_RESTRICTIONS=1 keeps it on)'}`);

    // 1. Negative-list bulk import.
    const listFile = join(dir, 'entries.ndjson');
    const listBytes = await writeNdjson(listFile, ROWS, entryRow);
    // The machine's speed drifts between runs; a fixed CPU-bound task measured just before the
    // import tells runs on a fast stretch from runs on a slow one.
    const gaugeBlind = service.app.get(BlindIndexService);
    const gaugeIds = Array.from({ length: 2_000 }, (_, i) => makeResidentId({ divisionCode: '110105', birthDate: isoDate(i), sequence: i % 100 }));
    const gaugeStart = performance.now();
    for (let i = 0; i < 200_000; i++) gaugeBlind.of('RESIDENT_ID', gaugeIds[i % gaugeIds.length]!);
    const gaugeRate = 200_000 / ((performance.now() - gaugeStart) / 1000);
    const database = new URL(db.url).pathname.slice(1);
    const cpu0 = process.cpuUsage();
    const pg0 = postgresCpuSeconds(database);
    let t0 = performance.now();
    const job = await profiled('list-import', () => upload(`${service.url}/v1/negative-list/imports`, listFile));
    const importSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const pg1 = postgresCpuSeconds(database);
    say(`1. negative-list import: ${ROWS.toLocaleString('en')} rows (${mb(listBytes)}) in ${importSeconds.toFixed(1)} s = ${Math.round(ROWS / importSeconds).toLocaleString('en')} rows/s; accepted ${job.rowsAccepted}, rejected ${job.rowsRejected} (target: 1,000,000 in <= 60 s) ${ROWS >= 1_000_000 ? verdict(importSeconds <= 60) : 'scaled run'}`);
    const serviceCpu = (cpu.user + cpu.system) / 1e6;
    const dbCpu = pg0 !== undefined && pg1 !== undefined ? pg1 - pg0 : undefined;
    say(`   CPU used by the import: service process ${serviceCpu.toFixed(1)} s${dbCpu !== undefined ? `, PostgreSQL backends ${dbCpu.toFixed(1)} s (so on 2 idle cores at least ${Math.max(serviceCpu, dbCpu, (serviceCpu + dbCpu) / 2).toFixed(1)} s)` : ''}; load average ${load()}`);
    say(`   machine gauge just before the import: blind index (HMAC-SHA256) of a resident ID ${Math.round(gaugeRate).toLocaleString('en')}/s (the machine's speed drifts: compare runs by it)`);

    if (subscriber && withRestrictions) {
      t0 = performance.now();
      await Promise.race([subscriber.idle(), new Promise((r) => setTimeout(r, 20 * 60_000))]);
      say(`   waited ${((performance.now() - t0) / 1000).toFixed(1)} s for the restrictions module to finish reacting to the imported entries`);
    }

    // 2. Memory of an index like the service's, loaded from the database the way it loads at start-up.
    const repo = service.app.get(NegativeListRepository);
    const keys: ReturnType<typeof splitHexKey>[] = [];
    const kinds: IndexedEntry['idKind'][] = [];
    let loaded = 0;
    const loadPages = async (each: (r: IndexedEntry, i: number) => void): Promise<void> => {
      let i = 0;
      for (let after = '0'; ; ) {
        const page = await repo.indexPage(after, 50_000, new Date());
        if (page.length === 0) break;
        for (const row of page) each(toIndexedEntry(row), i++);
        after = page[page.length - 1]!.change_seq;
      }
      loaded = i;
    };
    await loadPages((r, i) => {
      if (i % 7 === 0 && keys.length < 200_000) {
        keys.push(splitHexKey(r.key));
        kinds.push(r.idKind);
      }
    });
    gc();
    const before = process.memoryUsage();
    t0 = performance.now();
    const index = new NegativeListIndex(loaded);
    await loadPages((r) => index.upsert(r));
    const buildSeconds = (performance.now() - t0) / 1000;
    gc();
    const after = process.memoryUsage();
    const added = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
    const perMillion = (added / loaded) * 1_000_000;
    say(`2. index memory: ${loaded.toLocaleString('en')} entries add ${mb(added)} (${mb(perMillion)} per 1,000,000; typed arrays ${mb(index.stats().typedArrayBytes)}; masked identifiers and names included), loaded and built in ${buildSeconds.toFixed(1)} s (target <= 400 MB) ${verdict(perMillion <= 400 * 1024 * 1024)}`);

    // 3. Exact lookups in process.
    const now = new Date();
    let found = 0;
    for (let i = 0; i < keys.length; i++) if (index.hasKey(kinds[i]!, keys[i]!, now.getTime())) found++;
    const probes = 5_000_000;
    t0 = performance.now();
    for (let i = 0; i < probes; i++) {
      const k = i % keys.length;
      if (index.hasKey(kinds[k]!, keys[k]!, now.getTime())) found++;
    }
    const probeRate = probes / ((performance.now() - t0) / 1000);
    const matcher = service.app.get(NegativeListMatcher);
    const blind = service.app.get(BlindIndexService);
    const ids = Array.from({ length: 20_000 }, (_, i) => entryRow(i * 13)).filter((r) => r.idNumber).map((r) => r.idNumber as string);
    let hits = 0;
    const e2eN = 200_000;
    t0 = performance.now();
    for (let i = 0; i < e2eN; i++) hits += matcher.match({ residentId: ids[i % ids.length]! }).length;
    const e2eRate = e2eN / ((performance.now() - t0) / 1000);
    t0 = performance.now();
    for (let i = 0; i < e2eN; i++) blind.of('RESIDENT_ID', ids[i % ids.length]!);
    const hmacRate = e2eN / ((performance.now() - t0) / 1000);
    say(`3. exact lookups in process: index probe ${Math.round(probeRate).toLocaleString('en')}/s (target >= 1,000,000/s) ${verdict(probeRate >= 1_000_000)}; matcher.match({residentId}) end to end with validation and HMAC ${Math.round(e2eRate).toLocaleString('en')}/s (HMAC alone ${Math.round(hmacRate).toLocaleString('en')}/s; ${hits} hits, ${found > 0 ? 'keys found' : 'NO KEYS FOUND'})`);

    // 4. Fuzzy names.
    // Three in four queries are names on the list (Latin ones in reversed order), one in four fresh names.
    const queries: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const name = entryRow(Math.floor(random() * ROWS)).name;
      queries.push(i % 4 === 0 || typeof name !== 'string' ? chineseName() : /^[A-Za-z]/.test(name) ? name.split(' ').reverse().join(' ') : name);
    }
    for (let i = 0; i < 1000; i++) matcher.match({ name: queries[i]! });
    const times: number[] = [];
    let fuzzyHits = 0;
    for (const q of queries) {
      const s = performance.now();
      fuzzyHits += matcher.match({ name: q }).length;
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const p99 = percentile(times, 99);
    say(`4. fuzzy name queries over ${matcher.stats().names.entries.toLocaleString('en')} names: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(1)} ms, ${(fuzzyHits / queries.length).toFixed(1)} hits/query (target p99 <= 5 ms) ${verdict(p99 <= 5)}`);

    // 5. The match route under load, against the baseline.
    const miss = { idNumber: makeResidentId({ divisionCode: '110105', birthDate: '2010-01-01', sequence: 1 }), name: '欧阳不存在', phone: '13000000001' };
    const hitRow = entryRow(3);
    const hit = { idNumber: hitRow.idNumber as string, name: hitRow.name as string };
    const matchUrl = `${service.url}/v1/negative-list/match`;
    const headers = { 'x-api-key': BENCH_OPERATOR_KEY };
    await runLoad({ url: baseline.url, method: 'POST', body: ECHO_BODY, connections, durationSeconds: 2 });
    await runLoad({ url: matchUrl, method: 'POST', body: miss, headers, connections, durationSeconds: 2 });
    const r = await compareAlternating(rounds, () => runLoad({ url: baseline.url, method: 'POST', body: ECHO_BODY, connections, durationSeconds: duration }), () => profiled('match', () => runLoad({ url: matchUrl, method: 'POST', body: miss, headers, connections, durationSeconds: duration })));
    const h = await runLoad({ url: matchUrl, method: 'POST', body: hit, headers, connections, durationSeconds: duration });
    say(`5. POST /v1/negative-list/match, autocannon -c ${connections} -d ${duration}, ${rounds} alternating rounds`);
    say(`   ${formatLoad('(a) baseline: Nest+Fastify 10-field DTO echo', r.a)}`);
    say(`   ${formatLoad('(b) match: ID + name + phone, no hit', r.b)}`);
    say(`   ${formatLoad('(c) match: ID + name, exact and fuzzy hit', h)}`);
    const ratio = r.b.requestsPerSecond / r.a.requestsPerSecond;
    say(`   (b)/(a) ${(ratio * 100).toFixed(1)}% (target >= 60%) ${verdict(ratio >= 0.6)}; p99 at -c ${connections}: (b) ${r.b.p99Ms} ms, (c) ${h.p99Ms} ms`);
    // With every connection kept busy, mean latency is connections / throughput (Little's law): at
    // -c 50 even the bare baseline's p99 is above 10 ms on this machine. The p99 target is read at
    // a branch-like concurrency, where latency is the route's own.
    const low = await compareAlternating(rounds, () => runLoad({ url: baseline.url, method: 'POST', body: ECHO_BODY, connections: lowConnections, durationSeconds: duration }), () => runLoad({ url: matchUrl, method: 'POST', body: miss, headers, connections: lowConnections, durationSeconds: duration }));
    const lowHit = await runLoad({ url: matchUrl, method: 'POST', body: hit, headers, connections: lowConnections, durationSeconds: duration });
    say(`   at -c ${lowConnections}:`);
    say(`   ${formatLoad('(a) baseline: Nest+Fastify 10-field DTO echo', low.a)}`);
    say(`   ${formatLoad('(b) match: ID + name + phone, no hit', low.b)}`);
    say(`   ${formatLoad('(c) match: ID + name, exact and fuzzy hit', lowHit)}`);
    say(`   p99 at -c ${lowConnections}: (b) ${low.b.p99Ms} ms, (c) ${lowHit.p99Ms} ms (target <= 10 ms) ${verdict(low.b.p99Ms <= 10 && lowHit.p99Ms <= 10)}`);

    // 6. Registry.
    const regFile = join(dir, 'entities.ndjson');
    const regBytes = await writeNdjson(regFile, ROWS, registryRow);
    t0 = performance.now();
    const regJob = await upload(`${service.url}/v1/registry/imports`, regFile);
    const regSeconds = (performance.now() - t0) / 1000;
    say(`   load average now ${load()}`);
    say(`6. registry import: ${ROWS.toLocaleString('en')} entities (${mb(regBytes)}) in ${regSeconds.toFixed(1)} s = ${Math.round(ROWS / regSeconds).toLocaleString('en')} rows/s; accepted ${regJob.rowsAccepted}, rejected ${regJob.rowsRejected}`);
    const registry = service.app.get(RegistryService);
    const usccs = Array.from({ length: 5000 }, () => registryRow(Math.floor(random() * ROWS)).uscc as string);
    for (let i = 0; i < 500; i++) await registry.lookup(usccs[i]!);
    const lookupTimes: number[] = [];
    for (const u of usccs) {
      const s = performance.now();
      await registry.lookup(u);
      lookupTimes.push(performance.now() - s);
    }
    lookupTimes.sort((a, b) => a - b);
    const lp99 = percentile(lookupTimes, 99);
    say(`   RegistryService.lookup (random USCCs, with indicator counts): p50 ${percentile(lookupTimes, 50).toFixed(2)} ms, p99 ${lp99.toFixed(2)} ms (target <= 5 ms) ${verdict(lp99 <= 5)}`);
    const get = await runLoad({ url: `${service.url}/v1/registry/entities/${usccs[0]}`, method: 'GET', headers, connections: 10, durationSeconds: Math.min(duration, 5) });
    say(`   ${formatLoad('GET /v1/registry/entities/{uscc}, -c 10', get)}`);
  } finally {
    await service.close();
    await baseline.close();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
