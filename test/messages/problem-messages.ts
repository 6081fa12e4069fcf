import ts from 'typescript';

/**
 * The sentences a route can send as a problem, read from source (issue 24): the string arguments of
 * `new Problem(…)` and its subclasses (and of `super(…)` inside a subclass), and every
 * `{ field, message }` literal's message. A template literal's `${…}` parts, and the non-literal
 * operands of a `+`, become WILDCARD; a `cond ? 'a' : 'b'` gives both branches. A message held in a
 * variable cannot be read from source and is not collected.
 */
export const WILDCARD = '\u0000';

export interface FoundMessage {
  file: string;
  line: number;
  /** The sentence with each computed part as WILDCARD. */
  text: string;
}

/** Constructors whose string arguments are sentences shown to a person (status codes are numbers). */
const PROBLEM_CLASS = /^(Problem|ValidationProblem|NotFound|Conflict|Forbidden|Unauthorized|[A-Z][A-Za-z]*(Problem|Refused|Failure|NotAvailable|ForThePublic|TooManyAttempts))$/;

function sentences(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return sentences(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text + node.templateSpans.map((s) => WILDCARD + s.literal.text).join('')];
  if (ts.isConditionalExpression(node)) return [...sentences(node.whenTrue), ...sentences(node.whenFalse)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const parts = (e: ts.Expression): string[] => {
      const s = sentences(e);
      return s.length ? s : [WILDCARD];
    };
    const out: string[] = [];
    for (const l of parts(node.left)) for (const r of parts(node.right)) out.push(l + r);
    return out.filter((s) => s.replaceAll(WILDCARD, '').length > 0);
  }
  return [];
}

function isProblemSubclass(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
      return (n.heritageClauses ?? []).some((h) => h.types.some((t) => PROBLEM_CLASS.test(t.expression.getText())));
    }
  }
  return false;
}

export function problemMessages(file: string, source: string): FoundMessage[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: FoundMessage[] = [];
  const add = (node: ts.Node, texts: string[]): void => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    for (const text of texts) found.push({ file, line, text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && PROBLEM_CLASS.test(node.expression.text)) {
      for (const a of node.arguments ?? []) add(a, sentences(a));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && isProblemSubclass(node)) {
      for (const a of node.arguments) add(a, sentences(a));
    } else if (ts.isObjectLiteralExpression(node)) {
      // A shorthand `{ field, message }` has an Identifier name too.
      const names = node.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
      if (names.includes('field') && names.includes('message')) {
        for (const p of node.properties) {
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'message') add(p, sentences(p.initializer));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * An instance of a found sentence to hand to the catalogue's recogniser: each wildcard becomes a
 * number, which a `{{placeholder}}` of either kind (text or number) matches.
 */
export function sample(text: string): string {
  return text.replaceAll(WILDCARD, '7');
}
