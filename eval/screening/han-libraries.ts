/**
 * `npx tsx eval/screening/han-libraries.ts` — measures the libraries that
 * could read Han characters for screening against what the matcher uses
 * (any-ascii, character by character), on the Han names of the real list
 * entries (src/screening/eval/entries.json, every split: this measures a
 * reading, it tunes nothing).
 *
 * For each Han name: the share of its syllables found among the words of
 * the same entry's Latin names (Mandarin pinyin for any-ascii and
 * pinyin-pro; simplified/traditional through opencc-js first), and the
 * time per name. Prints a table (docs/screening.md "Han readings").
 */
import anyAscii from 'any-ascii';
import { pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js';
import { ENTRIES } from '../../src/screening/eval/real-pairs.js';
import { HAN, hanPinyin } from '../../src/screening/chinese.js';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

type Reader = (name: string) => string[];
const readers: Record<string, Reader> = {
  'any-ascii (before)': (s) => [...s].filter((c) => HAN.test(c)).map((c) => anyAscii(c).toLowerCase()),
  'pinyin-pro (in context)': (s) => pinyin(s.replace(/[^\u3400-\u9fff]/g, ''), { toneType: 'none', type: 'array', nonZh: 'removed' }).map((x) => x.toLowerCase().replace(/ü/g, 'u').replace(/v/g, 'u')),
  'opencc-js → any-ascii': (s) => [...toSimplified(s)].filter((c) => HAN.test(c)).map((c) => anyAscii(c).toLowerCase()),
  'opencc-js → pinyin-pro': (s) => pinyin(toSimplified(s).replace(/[^\u3400-\u9fff]/g, ''), { toneType: 'none', type: 'array', nonZh: 'removed' }).map((x) => x.toLowerCase().replace(/ü/g, 'u').replace(/v/g, 'u')),
  'built (hanPinyin)': (s) => (s.match(/[\u3400-\u9fff]+/g) ?? []).flatMap((run) => hanPinyin(run).split(' ')),
};

/**
 * Words whose characters have more than one reading, with the reading
 * every dictionary and map gives them (place names, 银行 bank, 行业
 * industry, 会计 accounting), in simplified and traditional characters.
 */
const POLYPHONES: readonly [string, string][] = [
  ['重庆', 'chongqing'], ['重慶', 'chongqing'], ['银行', 'yinhang'], ['銀行', 'yinhang'], ['长沙', 'changsha'], ['長沙', 'changsha'],
  ['厦门', 'xiamen'], ['廈門', 'xiamen'], ['长春', 'changchun'], ['長春', 'changchun'], ['重工', 'zhonggong'], ['行业', 'hangye'],
  ['朝鲜', 'chaoxian'], ['乐山', 'leshan'], ['音乐', 'yinyue'], ['长城', 'changcheng'], ['長城', 'changcheng'], ['成长', 'chengzhang'],
  ['蚌埠', 'bengbu'], ['六安', 'luan'], ['大连', 'dalian'], ['单位', 'danwei'], ['会计', 'kuaiji'], ['會計', 'kuaiji'], ['传动', 'chuandong'],
  ['中国银行', 'zhongguoyinhang'], ['中國銀行', 'zhongguoyinhang'], ['曾荫权', 'zengyinquan'],
];

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const samples: { han: string; latin: string }[] = [];
for (const e of ENTRIES) {
  const latin = e.names.filter((n) => n.script === 'latin').map((n) => fold(n.value).replace(/[^a-z]/g, '')).join('|');
  for (const n of e.names) if (n.script === 'han') samples.push({ han: n.value, latin });
}

console.log(`${samples.length} Han names from ${new Set(ENTRIES.filter((e) => e.names.some((n) => n.script === 'han')).map((e) => e.id)).size} entries\n`);
console.log(`${'reader'.padEnd(26)} syllables found   names fully found   µs/name`);
for (const [name, read] of Object.entries(readers)) {
  let found = 0;
  let total = 0;
  let full = 0;
  for (const s of samples) {
    const syl = read(s.han);
    const hits = syl.filter((x) => s.latin.includes(x)).length;
    found += hits;
    total += syl.length;
    if (syl.length && hits === syl.length) full++;
  }
  const t0 = process.hrtime.bigint();
  const rounds = 200;
  for (let r = 0; r < rounds; r++) for (const s of samples) read(s.han);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / rounds / samples.length;
  console.log(`${name.padEnd(26)} ${`${found}/${total} (${(found / total).toFixed(3)})`.padEnd(17)} ${`${full}/${samples.length}`.padEnd(19)} ${us.toFixed(1)}`);
}

// Where the readers disagree (polyphones read in context), and which agrees with the list.
console.log('\nnames where any-ascii and pinyin-pro read differently:');
let differ = 0;
for (const s of samples) {
  const a = readers['any-ascii (before)']!(s.han);
  const b = readers['pinyin-pro (in context)']!(s.han);
  if (a.join(' ') === b.join(' ')) continue;
  differ++;
  const inList = (x: string[]) => x.filter((y) => s.latin.includes(y)).length;
  console.log(`  ${s.han}: any-ascii ${a.join(' ')} (${inList(a)} in list) | pinyin-pro ${b.join(' ')} (${inList(b)} in list)`);
}
console.log(`  ${differ} of ${samples.length}`);

console.log(`\npolyphones read as dictionaries give them (${POLYPHONES.length} words, simplified and traditional):`);
for (const [name, read] of Object.entries(readers)) {
  const right = POLYPHONES.filter(([w, want]) => read(w).join('') === want);
  const wrong = POLYPHONES.filter((p) => !right.includes(p)).map(([w]) => w);
  console.log(`  ${name.padEnd(26)} ${right.length}/${POLYPHONES.length}${wrong.length ? `  wrong: ${wrong.join(' ')}` : ''}`);
}
