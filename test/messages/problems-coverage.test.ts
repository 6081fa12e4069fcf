import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognise, translateText } from '../../src/messages/index.js';
import { problemClasses, problemMessages, sample, WILDCARD, type FoundMessage } from './problem-messages.js';

/**
 * Every problem a route can throw says something the `problems` catalogue knows (issue 24), so its
 * Ukrainian exists: the sentences are read from the source (problem-messages.ts), not from a run,
 * so a new `new Conflict('…')` anywhere in src/ fails here until it is catalogued in
 * src/messages/locales/{en,uk}/problems.json (or, for a record type, fragments.json).
 *
 * Not scanned: src/web (the browser's own catalogues), src/markings (identify-coverage.test.ts
 * runs the engine itself) and src/cli (the CLI has no reader's language; it prints English).
 */
const SRC = join(import.meta.dirname, '../../src');
const SKIP = /^(web|markings|cli)\//;

/** Arguments that are read as sentences by the scan but are not sentences; each with its reason. */
const NOT_SENTENCES: Record<string, string> = {
  [`${WILDCARD}/${WILDCARD}`]: 'a grant\'s id (record/user) given to NotFound, data not words',
  missing: 'IntegrityFailure\'s "actual hash" argument when the blob is gone: a value, not said to anyone',
  date: 'TransitionRefused\'s field name, a path that stays as sent',
  transition: 'TransitionRefused\'s field name, a path that stays as sent',
  [`is required: map a column to it${WILDCARD}`]: 'built from a nested template; both sentences it makes are catalogued (import.mapOrDefault, import.mapOrDefaultOneOf)',
};

function scan(): FoundMessage[] {
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !SKIP.test(f.replaceAll('\\', '/')));
  const sources = files.map((file) => ({ file, source: readFileSync(join(SRC, file), 'utf8') }));
  const classes = problemClasses(sources);
  return sources.flatMap(({ file, source }) => problemMessages(file, source, classes));
}

function uncatalogued(found: FoundMessage[]): FoundMessage[] {
  return found.filter((m) => !(m.text in NOT_SENTENCES) && !recognise(sample(m.text)));
}

describe('problems catalogue coverage', () => {
  const found = scan();

  it('finds the problems of every context', () => {
    // A scan that silently read nothing would pass everything.
    expect(found.length).toBeGreaterThan(250);
    for (const ctx of ['tracing/', 'screening/', 'claims/', 'cases/', 'bundles/', 'access/', 'evidence/', 'transfer/', 'ocr/', 'http/']) {
      expect(found.some((m) => m.file.startsWith(ctx)), ctx).toBe(true);
    }
  });

  it('has a catalogue entry for every message a route can throw', () => {
    const missing = uncatalogued(found).map((m) => `${m.file}:${m.line} ${JSON.stringify(m.text.replaceAll(WILDCARD, '${…}'))}`);
    expect(missing, `${missing.length} problem messages have no entry in problems.json`).toEqual([]);
  });

  it('keeps the allow-list honest: every entry is still in the source', () => {
    const texts = new Set(found.map((m) => m.text));
    for (const t of Object.keys(NOT_SENTENCES)) expect(texts.has(t), JSON.stringify(t)).toBe(true);
  });

  it('fails on a fixture with an uncatalogued problem, and reads every form of one', () => {
    const fixture = `
      class TeaProblem extends Problem { constructor(x: string) { super(418, 'Teapot refused', \`the pot holds \${x}\`); } }
      throw new Conflict(ok ? 'the leaves are cold' : 'the record is still referenced: ' + why);
      errors.push({ field: 'cup', message: \`must be at least \${n}\` });
      throw new NotFound('item', id);
    `;
    const got = problemMessages('fixture.ts', fixture).map((m) => m.text.replaceAll(WILDCARD, '*'));
    expect(got).toEqual(['Teapot refused', 'the pot holds *', 'the leaves are cold', 'the record is still referenced: *', 'must be at least *', 'item']);
    const missing = uncatalogued(problemMessages('fixture.ts', fixture)).map((m) => m.text.replaceAll(WILDCARD, '*'));
    expect(missing).toEqual(['Teapot refused', 'the pot holds *', 'the leaves are cold']);
    // A subclass of a subclass, named like none of them, is still a problem.
    const gone = [{ file: 'a.ts', source: 'class Kettle extends TeaProblem {}\nclass Gone extends Kettle { constructor() { super(\'the kettle left\'); } }' }, { file: 'fixture.ts', source: fixture }];
    const classes = problemClasses(gone);
    expect([...classes].sort()).toEqual(['Gone', 'Kettle', 'TeaProblem']);
    expect(problemMessages('a.ts', gone[0]!.source, classes).map((m) => m.text)).toEqual(['the kettle left']);
    expect(problemMessages('a.ts', gone[0]!.source).map((m) => m.text)).toEqual([]);
  });

  it('renders the new entries in Ukrainian, with their data kept', () => {
    expect(translateText('uk', 'cannot go from draft to replied; a draft can only be sent')).toMatch(/^не можна перейти з draft до replied; /);
    expect(translateText('uk', 'the archive holds blobs/ab twice')).toBe('архів містить blobs/ab двічі');
    expect(translateText('uk', 'Too many requests')).toBe('Забагато запитів');
    // A record type given to NotFound is a fragment, translated inside the sentence.
    expect(translateText('uk', 'no candidate claim with id 42')).toBe('не знайдено (запропоноване твердження) з ідентифікатором 42');
    expect(translateText('uk', 'too many failed sign-in attempts for this username (5 a minute); try again in 30 s')).toBe('забагато невдалих спроб входу для цього імені користувача (5 на хвилину); спробуйте ще раз через 30 с');
  });
});
