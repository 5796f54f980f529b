// ESLint flat config: typescript-eslint's strict type-checked rules for the TypeScript sources,
// plain recommended rules for the few JavaScript build files. What git ignores, ESLint ignores.
import js from '@eslint/js';
import { defineConfig, globalIgnores, includeIgnoreFile } from 'eslint/config';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  URL: 'readonly',
};

export default defineConfig(
  includeIgnoreFile(fileURLToPath(new URL('.gitignore', import.meta.url)), 'Imported .gitignore patterns'),
  // The Angular app is a workspace of its own, compiled and checked by its own CLI; its e2e/ driver
  // runs under the root's tools and is linted here.
  globalIgnores([
    'examples/angular-app/src/',
    'examples/angular-app/.angular/',
    'examples/angular-app/dist/',
    'examples/angular-app/node_modules/',
  ]),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_`-prefixed parameters are deliberately unused (callbacks with a fixed signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Error messages and reports put numbers in template strings ("got 0"): that is their format.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // RxJS style: `next: (value) => subscriber.next(value)`, and `return subscriber.error(e)` to end
      // a handler; both in functions typed as returning void, where nothing can misread the value.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // `() => void count++` is how this code writes a callback that returns nothing.
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // Public functions check their input at run time for JavaScript callers, and state that a
      // callback may have changed (`subscriber.closed`) is read again: to the types, both are dead.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // RxJS 7 marks Subscriber's constructor internal; src/operators/on-error.ts says why it uses it.
      '@typescript-eslint/no-deprecated': [
        'error',
        { allow: [{ from: 'package', package: 'rxjs', name: 'Subscriber' }] },
      ],
      // @kubernetes/client-node's models are classes of data that its own docs fill with literals.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['spec/**', 'bench/**'],
    rules: {
      // Specs and benchmarks index what they just built; a wrong `!` fails the run at once.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
);
