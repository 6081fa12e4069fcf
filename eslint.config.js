// ESLint with typescript-eslint's recommended type-checked rules (issue #17): the rules that need
// the type checker are the ones that catch real bugs tsc lets through (floating and misused
// promises, awaiting non-thenables, comparing unrelated enums). Run by `npm run lint`, which
// `npm run check` (and so CI) calls. Every rule turned off or down below says why.
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'node_modules/',
    // Generated from the OpenAPI document and from the migrated schema; never edited by hand.
    'src/web/generated/',
    'src/db/schema.ts',
    // Deliberately broken trees that the architecture tests check the checkers against.
    'test/arch/fixture/',
    'test/arch/lint-fixture/',
    // Pages with untranslated text for the translation check's own test; in no tsconfig.
    'test/fixtures/i18n/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is checked with the nearest tsconfig that owns it: the root one, src/web's for
        // the app, scripts/'s for the scripts. The Vite config belongs to none (the app's tsconfig
        // leaves it out), so it gets a default project with the root options.
        projectService: { allowDefaultProject: ['src/web/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Off here, on for src/ below (storage is typed there since issue #17). Tests, benchmarks and
      // scripts read untyped JSON (res.json(), fixtures, reports) on purpose and would be flagged at
      // every such read rather than at a bug.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Rows of tables named at run time (the evidence store, packages, import/export, bundles) hold
      // values typed `unknown`; String(v) and `${v}` on them are the intended conversion, not an object
      // printed as [object Object]. Still off for src/ too: 41 and 12 such sites there (most in
      // package/ and transfer/), each a database scalar rather than an object.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Fastify plugins, hooks and handlers are async by contract (a returned promise replaces the
      // done callback), as are interface methods such as a job session's connect(): no await needed.
      '@typescript-eslint/require-await': 'off',
      // `false as boolean` widens a form's initial value, which useForm would otherwise infer as the
      // literal `false`; the rule takes that assertion for unnecessary, and removing it breaks tsc.
      '@typescript-eslint/no-unnecessary-type-assertion': ['error', { typesToIgnore: ['boolean'] }],
      // `_name` marks a deliberately unused binding; `{ drop: _d, ...rest }` is how a key is omitted.
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
    },
  },
  {
    // Typed storage reaches every context (issue #17): in src/, a value typed any is a bug to fix or
    // an exception justified where it stands (an eslint-disable comment with its reason).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
    },
  },
  {
    // linkedom's parseHTML types its document as any: every DOM read here is untyped (42 sites), and
    // a hand-written DOM type for it would only restate the browser's.
    files: ['src/claims/extract/document.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // React ignores what an event handler returns; the app's async handlers (form submits) catch
    // their own errors and show them, so a promise-returning onSubmit is not a lost rejection.
    files: ['src/web/**/*.tsx'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }] },
  },
  {
    // wink-nlp's `its` helpers are free functions that its typings declare as methods.
    files: ['src/claims/extract/nlp.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // The two classic hooks rules only: the app's existing disable comments name exhaustive-deps,
    // and a broken rule of hooks is a real bug. The plugin's React Compiler rules are not adopted.
    files: ['src/web/**/*.tsx', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
