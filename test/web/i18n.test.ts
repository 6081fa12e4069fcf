import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCatalogues, checkSources, englishKeys, formatFindings, type Finding } from '../../scripts/i18n-check.js';

/**
 * The translation check (issue 24): catalogues complete in English and Ukrainian, and no new
 * untranslated user-facing literal in src/web. The fixtures prove each rule can fail.
 */
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/i18n');
const BASELINE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'i18n-untranslated.json');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('translation check on fixtures', () => {
  it('fails on a missing key, a plural without its Ukrainian forms and a changed placeholder', () => {
    const out = formatFindings(checkCatalogues(path.join(fixtures, 'missing')));
    expect(out).toContain('demo:onlyEnglish is missing in uk (present in en)');
    expect(out).toContain('demo:photos plural forms in uk must be few/many/one/other; missing few, many');
    expect(out).toContain('demo:saved placeholders differ: en {name} vs uk {title}');
    expect(out).not.toContain('demo:title');
  });

  it('fails on untranslated JSX text and attribute and rendered literals, and on an unknown key', () => {
    const dir = path.join(fixtures, 'untranslated/web');
    const english = englishKeys(path.join(fixtures, 'missing'));
    const messages = checkSources(dir, english).map((f) => f.message);
    expect(messages.sort()).toEqual([
      '"aria-label" attribute not translated: "Recovered debris"',
      '"label" property not translated: "Said"',
      '"placeholder" attribute not translated: "Search markings"',
      'JSX text not translated: "Components found in the wreckage"',
      'rendered string not translated: "Saving…"',
      "t('missingKey'): no such key in en/demo.json",
    ]);
  });
});

describe('translations of the web app', () => {
  it('has every key in English and Ukrainian with the same plural forms and placeholders', () => {
    const findings = checkCatalogues();
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  it('leaves no more untranslated literals in any file than test/web/i18n-untranslated.json allows', () => {
    // Files not yet swept are listed with their count; a new literal anywhere fails, and a file
    // swept further must lower its count, so the list only shrinks.
    const allowed = JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, number>;
    const byFile = new Map<string, Finding[]>();
    for (const f of checkSources()) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    const problems: string[] = [];
    for (const [file, fs] of byFile) {
      const limit = allowed[file] ?? 0;
      if (fs.length > limit) problems.push(`${file}: ${fs.length} untranslated (allowed ${limit}):\n${formatFindings(fs)}`);
    }
    for (const [file, limit] of Object.entries(allowed)) {
      // A file listed but gone (renamed, or never committed) owes nothing.
      if (!existsSync(path.resolve(root, file))) continue;
      const n = byFile.get(file)?.length ?? 0;
      if (n < limit) problems.push(`${file}: now ${n} untranslated; lower its count in test/web/i18n-untranslated.json from ${limit} to ${n}`);
    }
    expect(problems.join('\n\n')).toBe('');
  });
});
