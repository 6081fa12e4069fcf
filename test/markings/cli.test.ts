import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runIdentify } from '../../src/cli/identify.js';
import { buildProgram } from '../../src/cli/main.js';

async function run(markings: string[], opts: Parameters<typeof runIdentify>[1], stdin = ''): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => (text += c));
  await runIdentify(markings, opts, Readable.from([stdin]), out);
  return text;
}

describe('remnant identify', () => {
  it('is registered and needs no database', () => {
    const cmd = buildProgram().commands.find((c) => c.name() === 'identify');
    expect(cmd).toBeDefined();
    expect(cmd!.options.map((o) => o.long)).toEqual(expect.arrayContaining(['--json', '--recovered', '--today', '--maker']));
  });

  it('--json writes one object per input line, in order, with the documented fields', async () => {
    const input = ['STM32F405 / RGT6 / GH25Q 93 / CHN 215', 'ADSP-21060 / KS-160 / 2341', '', '113', 'garbage ###'].join('\n') + '\n';
    const text = await run([], { json: true, today: '2026-11-21', recovered: '2024-08-15' }, input);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(5);
    expect(lines.map((l) => l.marking)).toEqual(['STM32F405 / RGT6 / GH25Q 93 / CHN 215', 'ADSP-21060 / KS-160 / 2341', '', '113', 'garbage ###']);
    expect(lines[0]).toMatchObject({ maker: 'STMicroelectronics', makerCountry: 'CH', partNumber: 'STM32F405RGT6', hs6: '854231', chplTier: '1' });
    expect(lines[0].dates[0]).toEqual({ from: '2022-04-11', to: '2022-04-17', rule: 'st-yww' });
    expect(lines[0].warnings).toEqual(expect.arrayContaining(['clone-risk', 'ambiguous-date']));
    expect(lines[1]).toMatchObject({ maker: 'Analog Devices', makerCountry: 'US', partNumber: 'ADSP-21060KS-160', dates: [{ from: '2023-10-09', to: '2023-10-15', rule: 'adi-yyww' }] });
    expect(lines[2]).toMatchObject({ maker: null, makerCountry: null, partNumber: null, dates: [], hs6: null, chplTier: null, warnings: [] });
    expect(lines[3].dates[0]).toEqual({ from: '2021-03-29', to: '2021-04-04', rule: 'ecia-yww' });
    for (const l of lines) {
      for (const k of ['maker', 'makerCountry', 'partNumber', 'dates', 'hs6', 'chplTier', 'warnings']) expect(l, k).toHaveProperty(k);
      for (const d of l.dates) expect(d.from <= d.to && d.to <= '2024-08-15').toBe(true);
    }
  });

  it('prints a readable table with the windows, the set-aside readings and the warnings', async () => {
    const text = await run(['IRF540N / 1412', 'LTC2057 / 2147'], { today: '2026-11-21' });
    expect(text).toContain('Vishay Intertechnology');
    expect(text).toContain('International Rectifier (→ Infineon Technologies 2015)');
    expect(text).toContain('! ambiguous-prefix');
    expect(text).toMatch(/Linear Technology \(→ Analog Devices 2017\)\s+US\s+LTC2057/);
    expect(text).toContain('set aside: 2047-');
  });

  it('refuses a bad date option', async () => {
    await expect(run(['113'], { recovered: 'last summer' })).rejects.toThrow();
  });
});
