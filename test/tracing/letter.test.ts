import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stripJpegMetadata } from '../../src/tracing/jpeg.js';
import { letterPdf, letterText, longDate, type LetterData } from '../../src/tracing/letter.js';

const JPEG = readFileSync(new URL('../fixtures/tracing/chip.jpg', import.meta.url));
const PNG = readFileSync(new URL('../fixtures/tracing/chip.png', import.meta.url));

const data: LetterData = {
  reference: 'TR-000042',
  status: 'sent',
  letterDate: '2024-03-04',
  replyDue: '2024-04-01',
  rightOfReplyDue: '2024-04-29',
  signingOrganisation: 'Example Armament Research',
  addressee: { name: 'Example Semiconductor Inc.', country: 'US' },
  context: 'The missile was identified as a KN-23 or KN-24.',
  items: [{ label: 'Remnant A', weaponModel: 'KN-23', recoveredOn: '2024-01-03', incidentTitle: 'Strike', incidentDate: '2024-01-02', place: 'Kharkiv' }],
  components: [
    { partNumber: 'EX1234-Q', markingRaw: 'EX1234-Q\n2213 ABC', lot: 'ABC', serial: null, dateCode: '2213', quantity: 1, makerName: 'Example Semiconductor Inc.' },
    { partNumber: 'EX77', markingRaw: 'EX77 深圳', lot: null, serial: 'S-99', dateCode: null, quantity: 2, makerName: 'Example Semiconductor Inc.' },
  ],
  photos: [
    { componentNumber: 1, caption: 'top side', mediaType: 'image/jpeg', content: JPEG },
    { componentNumber: 2, caption: null, mediaType: 'image/png', content: PNG },
  ],
  priorTransfer: null,
  illustrative: false,
};

/** The text a PDF shows: the hex strings of its TJ operators, decoded (core fonts, uncompressed streams). */
function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of s.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
    out.push([...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
  }
  return out.join('\n');
}

describe('JPEG metadata removal', () => {
  it('drops EXIF (GPS, artist) and keeps the image and its orientation', () => {
    expect(JPEG.includes(Buffer.from('Field Investigator Name'))).toBe(true);
    const s = stripJpegMetadata(JPEG);
    expect(s.orientation).toBe(6);
    expect(s.removedSegments).toBeGreaterThan(0);
    expect(s.data.includes(Buffer.from('Exif'))).toBe(false);
    expect(s.data.includes(Buffer.from('Field Investigator Name'))).toBe(false);
    // The entropy-coded image data is the tail of both files, byte for byte.
    const sos = JPEG.indexOf(Buffer.from([0xff, 0xda]));
    expect(s.data.subarray(s.data.length - (JPEG.length - sos)).equals(JPEG.subarray(sos))).toBe(true);
  });

  it('refuses what is not a JPEG', () => {
    expect(() => stripJpegMetadata(PNG)).toThrow(/not a JPEG/);
    expect(() => stripJpegMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toThrow(/malformed/);
  });
});

describe('request letter', () => {
  it('says what is asked, by when, with the component table, in plain text', () => {
    const t = letterText(data);
    expect(t).toContain('To: Example Semiconductor Inc. (US)');
    expect(t).toContain('Our reference: TR-000042');
    expect(t).toContain('Please reply by 1 April 2024');
    expect(t).toContain('until 29 April 2024');
    expect(t.replace(/\s+/g, ' ')).toContain('a KN-23 used in an attack on Kharkiv on 2 January 2024 and recovered on 3 January 2024');
    expect(t).toMatch(/^1\s+EX1234-Q\s+EX1234-Q 2213 ABC\s+ABC\s+-\s+2213\s+1$/m);
    expect(t).toContain('EX77 深圳');
    expect(t).toContain('2 photographs');
    expect(t).not.toContain('DRAFT');
  });

  it('marks drafts and illustrative letters', () => {
    const t = letterText({ ...data, status: 'draft', illustrative: true });
    expect(t).toContain('DRAFT - not sent');
    expect(t).toContain('ILLUSTRATIVE EXAMPLE');
  });

  it('builds a PDF with the table and both photos, and no photo metadata', async () => {
    const pdf = await letterPdf(data, { compress: false, fontsFrom: 'core' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw.match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(2);
    expect(pdf.includes(Buffer.from('Field Investigator Name'))).toBe(false);
    expect(pdf.includes(Buffer.from('Exif'))).toBe(false);
    const text = pdfText(pdf);
    expect(text).toContain('TR-000042');
    expect(text).toContain('EX1234-Q');
    expect(text).toContain('Example Armament Research');
    // Core fonts cannot show CJK: transliterated, not dropped.
    expect(text).toContain('EX77 ShenZhen');
    expect(text).toContain('Photo 1 - component 1: top side');
  });

  it('embeds a Unicode font when the system has one, so non-Latin names print as written', async () => {
    const pdf = await letterPdf(data, { compress: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(pdf.length - 64).toString('latin1')).toContain('%%EOF');
    const dejavu = existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');
    // An embedded TrueType font (subset) appears as /FontFile2; the core fonts embed nothing.
    expect(pdf.includes(Buffer.from('/FontFile2'))).toBe(dejavu);
  });

  it('writes dates the English way', () => {
    expect(longDate('2024-02-29')).toBe('29 February 2024');
  });
});
