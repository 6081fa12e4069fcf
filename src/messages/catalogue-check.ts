import type { Catalogue } from './catalogue.js';

/**
 * Differences between the English catalogue and another language's, as sentences: a key missing on
 * either side, or a translation whose `{{placeholders}}` differ from the English. Plural keys
 * (`x_one`, `x_other`) may have the extra forms the language needs (`x_few`, `x_many`) when the
 * English has the base. Run by test/messages/catalogue.test.ts on the real catalogues.
 */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const names = (s: string) => [...s.matchAll(/\{\{\s*([A-Za-z0-9_]+)/g)].map((m) => m[1]!).sort();

export function compareCatalogues(en: Catalogue, other: Catalogue, language: string): string[] {
  const problems: string[] = [];
  for (const ns of Object.keys(en) as (keyof Catalogue)[]) {
    const a = en[ns];
    const b = other[ns] ?? {};
    const pluralBases = new Set(Object.keys(a).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
    for (const key of Object.keys(a)) {
      if (!(key in b)) {
        problems.push(`${ns}:${key} has no ${language} text`);
        continue;
      }
      // A plural form always receives `count`: one language may print it where another says "one".
      const used = (s: string) => names(s).filter((n) => !(PLURAL.test(key) && n === 'count'));
      if (used(a[key]!).join() !== used(b[key]!).join()) problems.push(`${ns}:${key} has placeholders ${used(b[key]!).join(', ') || '(none)'} in ${language}, ${used(a[key]!).join(', ') || '(none)'} in English`);
    }
    for (const key of Object.keys(b)) {
      if (key in a) continue;
      if (PLURAL.test(key) && pluralBases.has(key.replace(PLURAL, ''))) continue;
      problems.push(`${ns}:${key} is in ${language} but not in English`);
    }
  }
  return problems;
}
