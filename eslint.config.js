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
      // Storage is still largely untyped (Kysely<any>, rows as Record<string, any>): until the typed
      // storage of issue #17 reaches every context, any-typed values flow from every query, so the
      // no-unsafe-* family and no-explicit-any would flag every row read rather than a bug.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // The same untyped rows hold database scalars typed `unknown`; String(v) and `${v}` on them
      // are the intended conversion, not an object printed as [object Object].
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
