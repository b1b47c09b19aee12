// Lint rules for every package and app. Syntactic rules everywhere (fast); the type-aware promise
// rules only on I/O code (tier >= 2 sources and apps), where an unawaited promise loses an order
// or a fill, and where the project service's cost is worth it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/out/**', '**/coverage/**', 'apps/backtester/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The compiler's noUnusedLocals/noUnusedParameters own this; `_name` marks an intentional gap.
      '@typescript-eslint/no-unused-vars': 'off',
      // The engine's context closures read `engine.` on purpose (the object outlives `this` binding).
      '@typescript-eslint/no-this-alias': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // Test doubles stand in for SDK transports and wire payloads of any shape.
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['packages/{engine,feeds,sim-exchange,strategies,backtest,venue-hl,exchange-hl,l2-recorder}/src/**/*.ts', 'apps/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js', 'packages/*/bench/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
