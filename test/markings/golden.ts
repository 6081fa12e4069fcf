/**
 * The golden corpus: the benchmark's 10,000 markings, every marking the table tests use under a
 * spread of contexts, and seeded random and mutated strings with random contexts. Its answers were
 * recorded from the engine before it was tuned for speed (test/fixtures/markings-golden.jsonl.br),
 * and golden.test.ts asserts that the engine still gives exactly those answers, reasoning text
 * included: speed work must not change what the engine says.
 *
 * `npx tsx test/markings/golden.ts --write` re-records the fixture. Do that only when an answer is
 * meant to change, and say so in the commit.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { buildMix } from '../../bench/markings.js';
import { identify } from '../../src/markings/identify.js';
import type { IdentifyContext } from '../../src/markings/types.js';
import { mulberry32 } from '../../src/random.js';

export const GOLDEN_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'markings-golden.jsonl.br');

export interface GoldenCase {
  marking: string;
  ctx: IdentifyContext;
}

/** Every marking of identify.test.ts, fuzz.test.ts's seeds and the issue. */
const TABLE = [
  'STM32F405 / RGT6 / GH25Q 93 / CHN 215', 'ADSP-21060 / KS-160 / 2341', '113', 'LTC2057 / 2147', 'MAXIM / MAX2769 / 2210', 'DS18B20 / 2230C4',
  'OPA2134 / 2341', 'XILINX / XC3S400 / PQ208AGQ0525 / D1234567A / 4C', 'ALTERA / EP4CE22F17C8N / AB12CD2341X', 'MCIMX6Q5EYM10AC / QAB1107',
  'T491A106K016AT', 'INFINEON / BSC016N06NS / H1830', 'TI / LM358 / 2BK AF3E', 'PIC18F4550-I/PT / 2215ABC', 'ON / MC7805 / M2141',
  'FAIRCHILD / FDN340P / Z141', 'VISHAY / 293D106X9016 / P045XA', 'LPC1768FBD100 / HNN1312B', '74HC595D / 1530', 'NEO-M8N / 1853', 'SIM800L / 1930',
  'ESP32-D0WD / 2125', 'MURATA GRM188R71H104KA93D', 'NDK NX3225SA 16.000MHZ', 'SKF 6203-2Z', 'AMPHENOL D38999/26WB35PN', 'FLIR / TAU2 / 336',
  'STIM300 / 1912', 'QMC5883L', 'HMC5883L', 'GD / GD32F103 / C8T6 / 2215', 'CH32V003 / F4P6', 'SAMSUNG / K4B4G1646E / 2034', 'W25Q128JVSQ / 2215',
  'XYZ123 / 2341', 'IRF540N / 1412', 'IR / IRF540N / 1412', 'XC6206P332MR', '4812', '1243', 'ST / GD32F103C8T6 / 2215', 'STM32F405RGT6 / 0805', '215',
  'LM358 / 2341', 'LM358', 'STM32F405 / 6070', '9999', '주체113', 'stm32f405 / rgt6 / 215', 'LM358 '.repeat(2000), 'XILINX / XC3S400 / PQ208AGQ0525 / D1234567A',
  'MADE IN TAIWAN / 4812', 'garbage ###', '', '   ', '/', ' / / ', '????', '—', '\u0000\u0001', '🙂 / 🙂', 'e3 / #',
  'ADSP-21060\nKS-160\n2341', 'TI | LM358 | 2BK', 'MADE IN CHINA / NE555P / 1530', 'LINEAR / LTC1863 / 0805', 'ANALOG DEVICES / AD9361 / 1712',
];

const CONTEXTS: IdentifyContext[] = [
  { today: '2026-11-21' },
  { today: '2026-11-21', explain: false },
  { today: '2026-11-21', recoveryDate: '2013-06-01' },
  { today: '2026-11-21', recoveryDate: '2024-01-02' },
  { today: '2026-11-21', recoveryDate: '2024-08-15' },
  { today: '2026-11-21', recoveryDate: '2021-06-01', introducedYear: 2015 },
  { today: '2026-11-21', recoveredOn: '2024-03-10' },
  { today: '2026-11-21', maker: 'Texas Instruments' },
  { today: '2026-11-21', maker: 'infineon' },
  { today: '2026-11-21', maker: 'No Such Maker Ltd' },
  { today: '2009-01-01' },
  {},
  { today: '2026-11-21', recoveryDate: '2024-08-15', dprk: true },
];

const ALL = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz / \n\r\t |-.#*()&+,;:_"\'주체北朝鮮ÄÖßéİı\u0000\u0007\u001b\u200b\ufeff';

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function randomContext(r: () => number): IdentifyContext {
  const ctx: IdentifyContext = { today: iso(2000 + Math.floor(r() * 31), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28)) };
  if (r() < 0.6) ctx.recoveryDate = iso(1990 + Math.floor(r() * 45), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
  if (r() < 0.2) ctx.introducedYear = [1850, 1995, 2011, 2019, 2300, 2020.5][Math.floor(r() * 6)]!;
  if (r() < 0.1) ctx.maker = ['ti', 'STMicroelectronics', 'maxim', 'nobody', ''][Math.floor(r() * 5)]!;
  if (r() < 0.3) ctx.explain = false;
  return ctx;
}

function mutate(r: () => number, s: string): string {
  const steps = 1 + Math.floor(r() * 6);
  for (let k = 0; k < steps; k++) {
    const i = Math.floor(r() * (s.length + 1));
    const c = ALL[Math.floor(r() * ALL.length)]!;
    switch (Math.floor(r() * 8)) {
      case 0: s = s.slice(0, i) + c + s.slice(i); break;
      case 1: s = s.slice(0, i) + s.slice(i + 1); break;
      case 2: s = s.slice(0, i) + c + s.slice(i + 1); break;
      case 3: s = s + ' / ' + TABLE[Math.floor(r() * 40)]; break;
      case 4: s = s.split(' / ').reverse().join(' / '); break;
      case 5: s = s.slice(0, i) + String(Math.floor(r() * 10000)).padStart(4, '0') + s.slice(i); break;
      case 6: s = r() < 0.5 ? s.toLowerCase() : s.toUpperCase(); break;
      default: s = s.slice(0, i) + ' ' + s.slice(i); break;
    }
  }
  return s;
}

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = buildMix(10_000).map((m) => ({ marking: m.marking, ctx: m.ctx }));
  for (const marking of TABLE) for (const ctx of CONTEXTS) cases.push({ marking, ctx });
  const r = mulberry32(4812);
  for (let i = 0; i < 3000; i++) {
    let marking: string;
    if (i % 3 === 0) {
      marking = '';
      const n = Math.floor(r() ** 2 * 80);
      for (let k = 0; k < n; k++) marking += ALL[Math.floor(r() * ALL.length)];
    } else marking = mutate(r, TABLE[Math.floor(r() * 40)]!);
    cases.push({ marking, ctx: randomContext(r) });
  }
  return cases;
}

/** One JSON line per case: the case and the engine's whole answer. */
export function goldenLine(c: GoldenCase): string {
  return JSON.stringify({ marking: c.marking, ctx: c.ctx, result: identify(c.marking, c.ctx) });
}

if (process.argv.includes('--write')) {
  const lines = goldenCases().map(goldenLine);
  const text = Buffer.from(lines.join('\n') + '\n');
  // Brotli with a 16 MiB window finds the repeats between cases: 26 MB of JSON in under 0.7 MB (about a minute to write).
  const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: text.length };
  writeFileSync(GOLDEN_FILE, brotliCompressSync(text, { params }));
  process.stdout.write(`wrote ${lines.length} cases to ${GOLDEN_FILE}\n`);
}
