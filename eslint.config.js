// Layer rules from docs/style.md: only data/ imports mongoose, only messaging/ imports kafkajs,
// only http/ imports express, and domain/ imports none of them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const banned = (names) => ({
  'no-restricted-imports': ['error', { paths: names.map((name) => ({ name, message: 'Layer rule: see docs/style.md' })) }],
});

export default tseslint.config(
  {
    // deploy/**/*.js are mongosh scripts run inside the database container, not Node code.
    ignores: ['**/node_modules/**', '.local/**', 'packages/contracts/generated/**', 'web/dist/**', 'services/*/dist/**', 'web/server/dist/**', 'deploy/**/*.js', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  { files: ['services/*/src/domain/**/*.ts'], rules: banned(['express', 'mongoose', 'kafkajs', 'stripe', '@ftt/kit']) },
  { files: ['services/*/src/use-cases/**/*.ts'], rules: banned(['express', 'mongoose', 'kafkajs']) },
  { files: ['services/*/src/http/**/*.ts'], rules: banned(['mongoose', 'kafkajs']) },
  { files: ['services/*/src/messaging/**/*.ts'], rules: banned(['express', 'mongoose']) },
  { files: ['services/*/src/data/**/*.ts'], rules: banned(['express', 'kafkajs']) },
);
