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

/**
 * Constructors whose string arguments are sentences shown to a person (status codes are numbers):
 * the problem classes by name, and the errors that routes turn into problems (`TransitionRefused`,
 * `FileProblem`, which extend Error). `problemClasses` adds every class that extends one of them,
 * so a new subclass is scanned whatever it is called.
 */
const PROBLEM_CLASS = /^(Problem|ValidationProblem|NotFound|Conflict|Forbidden|Unauthorized|[A-Z][A-Za-z]*(Problem|Refused|Failure|NotAvailable|ForThePublic|TooManyAttempts))$/;

function parse(file: string, source: string): ts.SourceFile {
  return ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function extendsOneOf(node: ts.ClassLikeDeclaration, known: (name: string) => boolean): boolean {
  return (node.heritageClauses ?? []).some((h) => h.token === ts.SyntaxKind.ExtendsKeyword && h.types.some((t) => known(t.expression.getText())));
}

/** The names of every class in `sources` that extends a problem class, directly or not. */
export function problemClasses(sources: { file: string; source: string }[]): Set<string> {
  const parents = new Map<string, string[]>();
  for (const { file, source } of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) {
        const ext = (node.heritageClauses ?? []).filter((h) => h.token === ts.SyntaxKind.ExtendsKeyword).flatMap((h) => h.types.map((t) => t.expression.getText()));
        parents.set(node.name.text, ext);
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file, source));
  }
  const found = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, ext] of parents) {
      if (!found.has(name) && ext.some((e) => PROBLEM_CLASS.test(e) || found.has(e))) {
        found.add(name);
        grew = true;
      }
    }
  }
  return found;
}

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

function isProblemSubclass(node: ts.Node, known: (name: string) => boolean): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) return extendsOneOf(n, known);
  }
  return false;
}

export function problemMessages(file: string, source: string, classes: ReadonlySet<string> = new Set()): FoundMessage[] {
  const sf = parse(file, source);
  const known = (name: string): boolean => PROBLEM_CLASS.test(name) || classes.has(name);
  const found: FoundMessage[] = [];
  const add = (node: ts.Node, texts: string[]): void => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    for (const text of texts) found.push({ file, line, text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && known(node.expression.text)) {
      for (const a of node.arguments ?? []) add(a, sentences(a));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && isProblemSubclass(node, known)) {
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
