import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Writes to audited tables outside an audited write, found by syntax tree. An audited table is one
 * whose rows say who last changed them (an `updated_by` column in the generated `src/db/schema.ts`).
 * A write to one (query builder `insertInto`/`updateTable`/`deleteFrom`, or SQL text
 * `INSERT INTO`/`UPDATE`/`DELETE FROM`) must sit inside the callback given to `audited(…)`, or
 * inside a function that takes its connection as `Audited<…>` (a helper its caller runs inside one).
 * A table named at run time counts as audited: the scanner cannot tell which it is.
 */
export interface UnauditedWrite { file: string; line: number; write: string }

export function auditedTables(schemaText: string): Set<string> {
  const out = new Set<string>();
  for (const m of schemaText.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    if (/\bupdatedBy\b/.test(m[2]!)) out.add(m[1]!.charAt(0).toLowerCase() + m[1]!.slice(1));
  }
  return out;
}

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function insideAuditedWrite(n: ts.Node, source: ts.SourceFile): boolean {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    const call = p.parent;
    if (call && ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'audited') return true;
    if (p.parameters.some((q) => q.type?.getText(source).startsWith('Audited<'))) return true;
  }
  return false;
}

export function findUnauditedWrites(file: string, text: string, tables: Set<string>): UnauditedWrite[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sqlWrite = new RegExp(`\\b(INSERT INTO|UPDATE|DELETE FROM)\\s+(${[...tables].map(snake).join('|')})\\b`);
  const found: UnauditedWrite[] = [];
  const visit = (n: ts.Node): void => {
    let write: string | null = null;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['insertInto', 'updateTable', 'deleteFrom'].includes(n.expression.name.text)) {
      const arg = n.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) {
        if (tables.has(arg.text.split(' ')[0]!)) write = `${n.expression.name.text}('${arg.text}')`;
      } else if (arg) {
        write = `${n.expression.name.text}(${arg.getText(source)})`;
      }
    } else if (ts.isStringLiteralLike(n) || ts.isTemplateExpression(n)) {
      const literal = ts.isTemplateExpression(n) ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' ') : n.text;
      const m = sqlWrite.exec(literal);
      if (m) write = m[0];
    }
    if (write && !insideAuditedWrite(n, source)) {
      found.push({ file, line: source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1, write });
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

export function scanSrc(srcDir: string, tables: Set<string>): UnauditedWrite[] {
  const out: UnauditedWrite[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'web') walk(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        out.push(...findUnauditedWrites(path.relative(srcDir, p), fs.readFileSync(p, 'utf8'), tables));
      }
    }
  };
  walk(srcDir);
  return out;
}
