import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Finds text spliced into SQL, the way a reader would: by the syntax tree, not by grep, so that a
 * comment, a tagged `sql` template (whose `${}` become parameters) or prose that happens to hold
 * a `${` is not mistaken for SQL.
 *
 * - `sql.raw(x)` with anything but a literal: the text reaches PostgreSQL unquoted. Identifiers
 *   go through `sql.ref`/`sql.table`/`sql.id`, values through `${}` in a `sql` template.
 * - An untagged template literal that reads as SQL (an upper-case statement keyword) and has a
 *   `${}`: whatever is spliced in is part of the statement text.
 */
export interface Splice { file: string; line: number; kind: 'sql.raw' | 'template'; text: string }

/** Statement words written in upper case, as every SQL text in the house is. Prose is lower case. */
const SQL_WORDS = /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|ALTER TABLE|DROP|WHERE|JOIN|SET)\b/;

export function findSplices(file: string, text: string): Splice[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Splice[] = [];
  const at = (n: ts.Node) => source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)
      && n.expression.name.text === 'raw' && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === 'sql') {
      const arg = n.arguments[0];
      if (!arg || !(ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
        found.push({ file, line: at(n), kind: 'sql.raw', text: n.getText(source).slice(0, 120) });
      }
    }
    if (ts.isTemplateExpression(n) && !ts.isTaggedTemplateExpression(n.parent)) {
      const literal = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' ');
      if (SQL_WORDS.test(literal)) found.push({ file, line: at(n), kind: 'template', text: n.getText(source).slice(0, 120) });
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

/** Every `.ts` file under `dir` (the web app, which holds no SQL, excluded). */
export function scanTree(dir: string): Splice[] {
  const out: Splice[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'web' && e.name !== 'node_modules') walk(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        out.push(...findSplices(path.relative(dir, p), fs.readFileSync(p, 'utf8')));
      }
    }
  };
  walk(dir);
  return out;
}
