/**
 * The web app's translation check (issue 24), run by test/web/i18n.test.ts and so by `npm test`:
 *
 * 1. Catalogues: every namespace file exists in every language; every key exists in every
 *    language; a plural key has exactly the forms the language's `Intl.PluralRules` needs
 *    (English one/other, Ukrainian one/few/many/other); `{{placeholders}}` agree.
 * 2. Sources: a TypeScript-AST pass over `src/web` that flags user-facing text left outside
 *    `t()`: JSX text, string literals given to user-facing attributes (`title`, `placeholder`,
 *    `aria-label`, `alt`, `label`…), and string literals a JSX child expression renders
 *    (`{busy ? 'Saving…' : 'Save'}`); and `t('key')` calls whose key English lacks.
 *
 * `npx tsx scripts/i18n-check.ts` prints the findings; exit 1 when there are any.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface Finding {
  file: string;
  line?: number;
  message: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_ROOT = path.resolve(here, '../src/web');
export const LOCALES = path.join(WEB_ROOT, 'i18n/locales');
export const CHECKED_LANGUAGES = ['en', 'uk'] as const;

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(obj: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, String(obj));
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!))].sort();
}

/** key → { forms: plural categories present (empty for a plain key), texts } */
function group(flat: Flat): Map<string, { forms: Set<string>; texts: string[] }> {
  const out = new Map<string, { forms: Set<string>; texts: string[] }>();
  for (const [key, text] of flat) {
    const m = PLURAL_SUFFIX.exec(key);
    const base = m ? key.slice(0, -m[0].length) : key;
    const g = out.get(base) ?? { forms: new Set<string>(), texts: [] };
    if (m) g.forms.add(m[1]!);
    g.texts.push(text);
    out.set(base, g);
  }
  return out;
}

function readJson(file: string, findings: Finding[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    findings.push({ file, message: `not valid JSON: ${(e as Error).message}` });
    return {};
  }
}

/** Checks the message catalogues under `localesDir` (`<lang>/<namespace>.json`). */
export function checkCatalogues(localesDir: string = LOCALES, languages: readonly string[] = CHECKED_LANGUAGES): Finding[] {
  const findings: Finding[] = [];
  const namespaces = new Set<string>();
  for (const lang of languages) {
    const dir = path.join(localesDir, lang);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.json')) namespaces.add(f.slice(0, -5));
  }
  for (const ns of [...namespaces].sort()) {
    const byLang = new Map<string, ReturnType<typeof group>>();
    for (const lang of languages) {
      const file = path.join(localesDir, lang, `${ns}.json`);
      if (!existsSync(file)) {
        findings.push({ file, message: `namespace "${ns}" has no ${lang} file` });
        continue;
      }
      const grouped = group(flatten(readJson(file, findings)));
      byLang.set(lang, grouped);
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [key, g] of grouped) {
        if (g.forms.size === 0) continue;
        const missing = needed.filter((c) => !g.forms.has(c));
        const extra = [...g.forms].filter((c) => !needed.includes(c as Intl.LDMLPluralRule));
        if (missing.length || extra.length) {
          findings.push({ file, message: `${ns}:${key} plural forms in ${lang} must be ${needed.join('/')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not used in ${lang}: ${extra.join(', ')}` : ''}` });
        }
      }
    }
    const all = new Set<string>();
    for (const g of byLang.values()) for (const k of g.keys()) all.add(k);
    for (const key of [...all].sort()) {
      const present = [...byLang].filter(([, g]) => g.has(key));
      for (const [lang] of byLang) {
        if (!byLang.get(lang)!.has(key)) findings.push({ file: path.join(localesDir, lang, `${ns}.json`), message: `${ns}:${key} is missing in ${lang} (present in ${present.map(([l]) => l).join(', ')})` });
      }
      if (present.length < 2) continue;
      const [refLang, ref] = present[0]!;
      const refHolders = placeholders(ref.get(key)!.texts.join(' ')).join(', ');
      const refPlural = ref.get(key)!.forms.size > 0;
      for (const [lang, g] of present.slice(1)) {
        const mine = g.get(key)!;
        if ((mine.forms.size > 0) !== refPlural) {
          findings.push({ file: path.join(localesDir, lang, `${ns}.json`), message: `${ns}:${key} is ${refPlural ? '' : 'not '}a plural in ${refLang} but ${refPlural ? 'not ' : ''}in ${lang}` });
        }
        const holders = placeholders(mine.texts.join(' ')).join(', ');
        if (holders !== refHolders) {
          findings.push({ file: path.join(localesDir, lang, `${ns}.json`), message: `${ns}:${key} placeholders differ: ${refLang} {${refHolders}} vs ${lang} {${holders}}` });
        }
      }
    }
  }
  return findings;
}

/** Attributes whose text a reader sees or hears (our components' `lede`, `eyebrow`, `hint` too). */
const USER_FACING_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'aria-description', 'alt', 'label', 'lede', 'eyebrow', 'hint', 'empty', 'emptyText', 'legend', 'confirm', 'caption', 'help']);

/**
 * Properties of object literals in `.tsx` files that name what a reader sees (a table's column
 * `label`, a tab's `title`). A lowercase word without spaces is taken for a message key ('dashboard').
 */
const USER_FACING_PROPERTIES = new Set(['label', 'title', 'caption', 'placeholder', 'hint', 'lede', 'help']);

/**
 * Text that is not language and stays as written: the product's name, units, codes and symbols.
 * Kept short on purpose; a line ending in `// i18n-ignore` is skipped too (say why beside it).
 */
const ALLOWED = new Set(['Remnant', 'Natural Earth', 'API', 'English', 'Українська', 'KN-23', 'OK', 'ID', 'URL', 'JSON', 'CSV', 'PDF', 'FtM', 'GeoJSON', 'JSONL', 'SHA-256', 'EXIF', 'OCR', 'HS', 'UTC', 'mm', 'px', 'km', 'kg', 'x', '×']);

function isLanguageText(raw: string): boolean {
  // HTML entities (&nbsp;) are spacing, not words.
  const s = raw.replace(/&[a-z]+;/g, ' ').replace(/\s+/g, ' ').trim();
  if (!s || ALLOWED.has(s)) return false;
  // Codes and symbols: upper-case letters, digits and punctuation only (UTC, HS 8542, KN-23, A/B).
  if (/^[\p{Lu}\d\s.,:;/()[\]#%+–—·•…'"-]*$/u.test(s) && !/\p{Lu}\p{Ll}/u.test(s)) return false;
  return /\p{L}/u.test(s);
}

function listSources(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) {
      if (f === 'generated' || f === 'locales' || f === 'node_modules') continue;
      listSources(p, out);
    } else if (/\.tsx?$/.test(f) && !f.endsWith('.d.ts') && f !== 'vite.config.ts') {
      out.push(p);
    }
  }
  return out;
}

/** Is this literal what a JSX child expression renders (not a call's argument, a comparison or a key)? */
function renderedByJsxChild(node: ts.Node): boolean {
  let n: ts.Node = node;
  for (;;) {
    const p = n.parent;
    if (!p) return false;
    if (ts.isJsxExpression(p)) return !ts.isJsxAttribute(p.parent) || false;
    if (ts.isParenthesizedExpression(p) || ts.isTemplateSpan(p) || ts.isTemplateExpression(p)) {
      n = p;
      continue;
    }
    if (ts.isConditionalExpression(p) && n !== p.condition) {
      n = p;
      continue;
    }
    if (ts.isBinaryExpression(p) && n === p.right && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind)) {
      n = p;
      continue;
    }
    return false;
  }
}

/** Literal text of an attribute's value: `title="x"`, `title={'x'}`, `title={c ? 'x' : 'y'}`, `title={`x ${y}`}`. */
function attributeTexts(init: ts.JsxAttributeValue | undefined): ts.Node[] {
  if (!init) return [];
  if (ts.isStringLiteral(init)) return [init];
  if (!ts.isJsxExpression(init) || !init.expression) return [];
  const out: ts.Node[] = [];
  const visit = (e: ts.Expression) => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) out.push(e);
    else if (ts.isTemplateExpression(e)) out.push(e.head, ...e.templateSpans.map((s) => s.literal));
    else if (ts.isParenthesizedExpression(e)) visit(e.expression);
    else if (ts.isConditionalExpression(e)) {
      visit(e.whenTrue);
      visit(e.whenFalse);
    } else if (ts.isBinaryExpression(e) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) visit(e.right);
  };
  visit(init.expression);
  return out;
}

function literalText(n: ts.Node): string {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) return n.text;
  if (ts.isJsxText(n)) return n.text;
  return '';
}

/**
 * Flags untranslated user-facing literals in `.ts`/`.tsx` files under `dir`, and `t('key')` calls
 * whose key the English catalogue (`english`: namespace → flat keys) does not have.
 */
export function checkSources(dir: string = WEB_ROOT, english: Map<string, Set<string>> = englishKeys()): Finding[] {
  const findings: Finding[] = [];
  for (const file of listSources(dir)) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const rel = path.relative(path.resolve(dir, '..', '..'), file);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const ignored = (line: number) => /\/\/ i18n-ignore/.test(lines[line - 1] ?? '') || /\{\/\* i18n-ignore/.test(lines[line - 1] ?? '');
    const flag = (n: ts.Node, what: string) => {
      const line = lineOf(n);
      const s = literalText(n).replace(/\s+/g, ' ').trim();
      if (!ignored(line) && isLanguageText(s)) findings.push({ file: rel, line, message: `${what} not translated: "${s.slice(0, 70)}"` });
    };
    // The file's default namespace: the first useTranslation('ns') (else 'common').
    const nsMatch = /useTranslation\(\s*['"]([\w-]+)['"]/.exec(text);
    const defaultNs = nsMatch?.[1] ?? 'common';
    const visit = (n: ts.Node): void => {
      if (ts.isJsxText(n)) flag(n, 'JSX text');
      else if (ts.isJsxAttribute(n) && USER_FACING_ATTRIBUTES.has(n.name.getText(sf))) {
        for (const lit of attributeTexts(n.initializer)) flag(lit, `"${n.name.getText(sf)}" attribute`);
      } else if (file.endsWith('.tsx') && ts.isPropertyAssignment(n) && USER_FACING_PROPERTIES.has(n.name.getText(sf)) && (ts.isStringLiteral(n.initializer) || ts.isNoSubstitutionTemplateLiteral(n.initializer))) {
        if (!/^[a-z][\w.-]*$/.test(n.initializer.text)) flag(n.initializer, `"${n.name.getText(sf)}" property`);
      } else if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) && renderedByJsxChild(n)) {
        flag(n, 'rendered string');
      } else if (ts.isCallExpression(n) && /(^|\.)t$/.test(n.expression.getText(sf)) && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) {
        const raw = n.arguments[0].text;
        const [ns, key] = raw.includes(':') ? (raw.split(':', 2) as [string, string]) : [defaultNs, raw];
        const keys = english.get(ns);
        if (keys && !keys.has(key) && !ignored(lineOf(n))) findings.push({ file: rel, line: lineOf(n), message: `t('${raw}'): no such key in en/${ns}.json` });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return findings;
}

/** Namespace → its English keys, plural keys also under their base (`photos_one` → `photos`). */
export function englishKeys(localesDir: string = LOCALES): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const dir = path.join(localesDir, 'en');
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    const keys = new Set<string>();
    for (const k of flatten(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))).keys()) {
      keys.add(k);
      keys.add(k.replace(PLURAL_SUFFIX, ''));
    }
    out.set(f.slice(0, -5), keys);
  }
  return out;
}

export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}`).join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const findings = [...checkCatalogues(), ...checkSources()];
  if (findings.length) {
    console.log(formatFindings(findings));
    console.log(`\n${findings.length} translation problem(s)`);
    process.exit(1);
  }
  console.log('translations complete: every key in en and uk, no untranslated literal in src/web');
}
