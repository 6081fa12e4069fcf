/**
 * Names written in Han characters reach lists in three shapes: Mandarin
 * pinyin (what `foldText` produces, syllable by syllable), an English name
 * whose generic words are translations (中国移动通信集团 = China Mobile
 * Communications Group), and — for Hong Kong and Macau people — Cantonese
 * in the Hong Kong government's spelling (林鄭月娥 = Lam Cheng Yuet-ngor).
 * `hanVariants` gives the last two as extra names to match, so a query in
 * characters meets a listed English or Cantonese name and the other way
 * round.
 *
 * Cantonese readings come from the to-jyutping package (its dictionary of
 * jyutping readings, chosen over a hand table: it knows polyphones in
 * context); `jyutpingToHongKong` then spells jyutping the way Hong Kong
 * identity documents do (b/d/g written p/t/k, z/c written ch, j written y,
 * oe written eu, yu written ue, aa written a). The business-word table is
 * ours (version 1, 2026-12), from the English names companies on the OFAC
 * NS-CMIC and entity lists give beside their registered Chinese names.
 */
import toJyutping from 'to-jyutping';
import { pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js';

export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Generic words of company names, simplified and traditional, with their English. */
const WORDS: ReadonlyMap<string, string> = new Map([
  ['中国', 'china'], ['中華', 'china'], ['中华', 'china'], ['香港', 'hong kong'], ['北京', 'beijing'], ['上海', 'shanghai'],
  ['集团', 'group'], ['集團', 'group'], ['控股', 'holdings'], ['国际', 'international'], ['國際', 'international'],
  ['移动', 'mobile'], ['移動', 'mobile'], ['通信', 'communications'], ['通讯', 'communications'], ['電信', 'telecommunications'], ['电信', 'telecommunications'],
  ['联合', 'united'], ['聯合', 'united'], ['网络', 'network'], ['網絡', 'network'], ['石油', 'oil'], ['化工', 'chemical'], ['海洋', 'offshore'],
  ['航空', 'aviation'], ['航天', 'aerospace'], ['工业', 'industry'], ['工業', 'industry'], ['重工', 'heavy industry'], ['科技', 'technology'],
  ['技术', 'technology'], ['技術', 'technology'], ['科工', 'science industry'], ['电子', 'electronics'], ['電子', 'electronics'],
  ['船舶', 'shipbuilding'], ['数字', 'digital'], ['數字', 'digital'], ['实业', 'industrial'], ['實業', 'industrial'], ['发展', 'development'], ['發展', 'development'],
  ['集成电路', 'integrated circuit'], ['制造', 'manufacturing'], ['製造', 'manufacturing'], ['半导体', 'semiconductor'], ['半導體', 'semiconductor'],
  ['创新', 'innovation'], ['創新', 'innovation'], ['贸易', 'trading'], ['貿易', 'trading'], ['进出口', 'import export'], ['進出口', 'import export'],
  ['物流', 'logistics'], ['投资', 'investment'], ['投資', 'investment'], ['机械', 'machinery'], ['機械', 'machinery'], ['设备', 'equipment'], ['設備', 'equipment'],
  ['能源', 'energy'], ['核电', 'nuclear power'], ['核電', 'nuclear power'], ['铁路', 'railway'], ['鐵路', 'railway'], ['建设', 'construction'], ['建設', 'construction'],
  ['铁建', 'railway construction'], ['生产', 'production'], ['生產', 'production'], ['兵团', 'corps'], ['兵團', 'corps'], ['航运', 'shipping'], ['航運', 'shipping'],
  ['船务', 'shipping'], ['船務', 'shipping'], ['银行', 'bank'], ['銀行', 'bank'], ['研究所', 'research institute'], ['研究院', 'research institute'], ['大学', 'university'], ['大學', 'university'],
  ['光电', 'optoelectronics'], ['光電', 'optoelectronics'], ['精密', 'precision'], ['仪器', 'instruments'], ['儀器', 'instruments'], ['材料', 'materials'],
  ['新疆', 'xinjiang'], ['深圳', 'shenzhen'], ['杭州', 'hangzhou'], ['浙江', 'zhejiang'], ['大连', 'dalian'], ['丹东', 'dandong'], ['天津', 'tianjin'],
  ['有限公司', ''], ['股份有限公司', ''], ['有限责任公司', ''], ['有限責任公司', ''], ['公司', ''], ['市', ''],
]);
const MAX_WORD = 6;

/**
 * Traditional characters (Hong Kong, Taiwan, Macau) to simplified, with
 * opencc-js's dictionaries: pinyin-pro knows its words in simplified only
 * (重慶 reads zhong qing, 重庆 chong qing; 銀行 yin xing, 银行 yin hang),
 * and the business-word table can then meet either script. Simplified text
 * passes through unchanged.
 */
// opencc-js ships no types: its converter is a function from string to string.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
const toSimplified: (s: string) => string = OpenCC.Converter({ from: 'hk', to: 'cn' });

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/**
 * Mandarin pinyin, without tones, of a run of Han characters, syllables
 * separated by spaces. pinyin-pro reads each character in its word, which
 * a character-by-character reading cannot: 重庆 is Chongqing not
 * Zhongqing, 银行 yinhang not yinxing, 长沙 Changsha not Zhangsha (measured
 * in docs/screening.md "Han readings": any-ascii read 10 of 20 such words
 * as the lists spell them, pinyin-pro 20). A run of two or three characters
 * may be a person's name: its first character is then read as a surname
 * (曾 Zeng, 单 Shan).
 */
export function hanPinyin(run: string): string {
  const surname = run.length >= 2 && run.length <= 3 ? 'head' : 'off';
  return pinyin(toSimplified(run), { toneType: 'none', type: 'array', surname, nonZh: 'consecutive', v: true })
    .map((x) => x.replace(/v/g, 'u'))
    .join(' ');
}

/** Every run of Han characters in `text` read as pinyin, spaced from its neighbours. */
export function romaniseHan(text: string): string {
  return text.replace(HAN_RUN, (run) => ` ${hanPinyin(run)} `);
}

/** The name with known generic words in English and the rest in pinyin; null when nothing was translated. */
export function translateHan(written: string): string | null {
  const name = toSimplified(written);
  let out = '';
  let rest = '';
  let translated = false;
  for (let i = 0; i < name.length; ) {
    let hit = false;
    for (let k = Math.min(MAX_WORD, name.length - i); k >= 2; k--) {
      const en = WORDS.get(name.slice(i, i + k));
      if (en !== undefined) {
        out += ` ${romaniseHan(rest)} ${en} `;
        rest = '';
        i += k;
        hit = translated = true;
        break;
      }
    }
    if (hit) continue;
    rest += name[i]!;
    i++;
  }
  out += ` ${romaniseHan(rest)}`;
  return translated ? out.replace(/\s+/g, ' ').trim() : null;
}

/** Surnames whose family-name reading differs from the character's common one. */
const SURNAME_READINGS: ReadonlyMap<string, string> = new Map([
  ['曾', 'zang1'], ['單', 'sin6'], ['单', 'sin6'], ['區', 'au1'], ['区', 'au1'], ['仇', 'kau4'], ['樂', 'lok6'], ['乐', 'lok6'],
]);

const INITIALS: readonly [string, string][] = [
  ['gw', 'kw'], ['kw', 'kw'], ['ng', 'ng'], ['b', 'p'], ['p', 'p'], ['m', 'm'], ['f', 'f'], ['d', 't'], ['t', 't'], ['n', 'n'], ['l', 'l'],
  ['g', 'k'], ['k', 'k'], ['h', 'h'], ['w', 'w'], ['z', 'ch'], ['c', 'ch'], ['s', 's'], ['j', 'y'],
];
const FINALS: readonly [RegExp, string][] = [
  [/^aa$/, 'a'], [/^aa/, 'a'], [/^oeng$/, 'eung'], [/^oek$/, 'euk'], [/^oe$/, 'eu'], [/^eoi$/, 'ui'], [/^eon$/, 'un'], [/^eot$/, 'ut'],
  [/^yun$/, 'uen'], [/^yut$/, 'uet'], [/^yu$/, 'u'], [/^ou$/, 'o'], [/^ei$/, 'ei'],
];

/** One jyutping syllable ("zeng6") in Hong Kong spelling ("cheng"). */
export function jyutpingToHongKong(syllable: string): string {
  const s = syllable.replace(/[1-6]$/, '');
  let initial = '';
  let rest = s;
  for (const [jp, hk] of INITIALS) {
    if (s.startsWith(jp) && s.length > jp.length) {
      initial = hk;
      rest = s.slice(jp.length);
      break;
    }
  }
  for (const [re, hk] of FINALS) {
    if (re.test(rest)) {
      rest = rest.replace(re, hk);
      break;
    }
  }
  // j + yu...: "jyut" is y + "uet" = "yuet", not "yyuet".
  if (initial === 'y' && rest.startsWith('u')) return `y${rest}`;
  return initial + rest;
}

/** A personal name in characters read in Cantonese, Hong Kong spelling; null for longer names or unknown characters. */
export function cantoneseReading(name: string): string | null {
  const chars = [...name.replace(/\s+/g, '')];
  if (chars.length < 2 || chars.length > 4 || !chars.every((c) => HAN.test(c))) return null;
  const list = toJyutping.getJyutpingList(chars.join(''));
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const [ch, reading] = list[i]!;
    const r = (i === 0 ? SURNAME_READINGS.get(ch) : undefined) ?? reading?.split(' ')[0];
    if (!r) return null;
    out.push(jyutpingToHongKong(r));
  }
  return out.join(' ');
}

/**
 * Places that open Chinese company names. A Chinese company's registered
 * name is administrative division + trade name + industry + organisational
 * form (State Council, Regulations on the Administration of Enterprise Name
 * Registration, 2020 revision, art. 6: 杭州 + 海康威视 + 数字技术 + 股份有限公司),
 * and English names drop the division as often as they keep it (Hikvision,
 * Dahua Technology). Leading an organisation's name of three words or more,
 * these weigh like particles (score.ts `tokenWeightFactor`). The
 * provincial-level divisions of the mainland and the larger cities, in
 * pinyin as companies write them. Version 1, 2026-12.
 */
export const CHINESE_LOCALITIES: ReadonlySet<string> = new Set([
  'anhui', 'fujian', 'gansu', 'guangdong', 'guizhou', 'hainan', 'hebei', 'heilongjiang', 'henan', 'hubei', 'hunan', 'jiangsu',
  'jiangxi', 'jilin', 'liaoning', 'qinghai', 'shaanxi', 'shandong', 'shanxi', 'sichuan', 'yunnan', 'zhejiang', 'guangxi', 'ningxia',
  'xinjiang', 'xizang', 'beijing', 'tianjin', 'shanghai', 'chongqing',
  'shenzhen', 'hangzhou', 'guangzhou', 'dalian', 'dandong', 'qingdao', 'xiamen', 'ningbo', 'suzhou', 'wuxi', 'nanjing', 'wuhan',
  'chengdu', 'harbin', 'shenyang', 'changsha', 'zhengzhou', 'jinan', 'hefei', 'fuzhou', 'kunming', 'nanning', 'changchun',
  'taiyuan', 'shijiazhuang', 'lanzhou', 'urumqi', 'hohhot', 'dongguan', 'foshan', 'zhuhai', 'yantai', 'weihai', 'tangshan', 'baotou',
]);

