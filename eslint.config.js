// ESLint flat config (`npm run lint`). Type-aware: every file is checked with the type information of the tsconfig
// nearest to it (tsconfig.json; tracker/tsconfig.json for the browser tracker), so rules such as no-floating-promises
// see real types. The layer rules (who may import whom) live in .dependency-cruiser.cjs, not here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'bench/results/**', 'test/fixtures/**', 'contracts/**'],
  },
  {
    files: ['{server,shared,tracker,sandbox,test,bench,bin}/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An `async` function without `await` is how a Promise-returning port is implemented over a synchronous engine
      // (better-sqlite3 behind the SQL interface) and how tests stub async ports: `async` turns a throw into a
      // rejection, which callers rely on. Dropping it would change behaviour, so the rule would only push noise.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a parameter a signature demands (Express's four-argument error handler, a
      // callback's position) or a property left out of a rest object on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['tracker/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The browser tracker is written in the terse `cond && f()` idiom throughout (its size is budgeted, see
      // test/tracker-bundle.test.ts); a statement that is neither a call nor a short circuit is still an error.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read untyped JSON from real HTTP replies, recorder dumps and child processes (`await res.json()` is
      // `any`) and pin its shape with expect(); typing every reply again would duplicate the zod schemas and the
      // assertion is the check. Production code (server/, shared/, tracker/, sandbox/, bench/) keeps these rules.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
