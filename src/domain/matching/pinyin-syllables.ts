/**
 * The toneless Mandarin syllables (ü written v) that pinyin-pro produces for the CJK Unified
 * Ideographs block, without the interjections m, n, ng and hng. Used to tell whether a
 * Latin-script name could be pinyin ("Zhang Weiming") and so be compared with Han names.
 */
const SYLLABLES =
  'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng ' +
  'cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu ' +
  'cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ' +
  'ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan ' +
  'guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian ' +
  'jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan ' +
  'kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan ' +
  'lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ' +
  'ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei ' +
  'pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran ' +
  'rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang ' +
  'shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta ' +
  'tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo ' +
  'wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu ' +
  'yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu ' +
  'zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo';

export const PINYIN_SYLLABLES: ReadonlySet<string> = new Set(SYLLABLES.split(' '));
const LONGEST = 6;

/** True when `s` (lower-case letters) splits into pinyin syllables. */
export function isPinyinSequence(s: string): boolean {
  if (s.length === 0 || !/^[a-z]+$/.test(s)) return false;
  const ok = new Uint8Array(s.length + 1);
  ok[0] = 1;
  for (let end = 1; end <= s.length; end++) {
    for (let len = 1; len <= LONGEST && len <= end; len++) {
      if (ok[end - len] === 1 && PINYIN_SYLLABLES.has(s.slice(end - len, end))) {
        ok[end] = 1;
        break;
      }
    }
  }
  return ok[s.length] === 1;
}

/**
 * Splits `s` into the fewest pinyin syllables, or returns undefined when it is not pinyin.
 * ("xian" stays one syllable, not xi + an.)
 */
export function segmentPinyin(s: string): string[] | undefined {
  const n = s.length;
  if (n === 0 || !/^[a-z]+$/.test(s)) return undefined;
  const best = new Int32Array(n + 1).fill(-1);
  const from = new Int32Array(n + 1);
  best[0] = 0;
  for (let end = 1; end <= n; end++) {
    for (let len = 1; len <= LONGEST && len <= end; len++) {
      const start = end - len;
      if (best[start]! < 0 || !PINYIN_SYLLABLES.has(s.slice(start, end))) continue;
      if (best[end]! < 0 || best[start]! + 1 < best[end]!) {
        best[end] = best[start]! + 1;
        from[end] = start;
      }
    }
  }
  if (best[n]! < 0) return undefined;
  const out: string[] = [];
  for (let end = n; end > 0; end = from[end]!) out.push(s.slice(from[end]!, end));
  return out.reverse();
}

/**
 * ü is written v by pinyin-pro, yu on passports since 2012 (LYU) and u before that (LU); all
 * three compare equal after this fold.
 */
export function foldUmlaut(s: string): string {
  return s.replace(/([ln])(?:yu|v)/g, '$1u');
}
