import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NO_HTTP = [
  { group: ['express', 'express/*'], message: 'Only *.routes.ts and server/http/ talk HTTP; throw a domain error (server/domain-errors.ts) instead.' },
  { group: ['**/http/*', '**/*.routes.js'], message: 'Services do not depend on routes or the HTTP layer.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'tests/output/', 'data/demo-city/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // One database module: only server/db talks to pg or PGlite.
    files: ['**/*.{ts,tsx}'],
    ignores: ['server/db/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['pg'], patterns: ['@electric-sql/*'] }],
    },
  },
  {
    // core/ is shared by browser and server: it must stay free of UI, map, HTTP and database libraries.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'maplibre-gl', '@deck.gl/*', 'express', 'pg', '@electric-sql/*', 'antd'], message: 'core/ is pure domain logic.' },
          ],
        },
      ],
    },
  },
  {
    // Services, SQL builders, domain errors and the context know nothing of HTTP: routes parse
    // requests and the one error middleware maps domain errors to statuses.
    files: ['server/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NO_HTTP }] },
  },
  {
    files: ['server/features/**/!(*.routes).ts', 'server/domain-errors.ts', 'server/context.ts', 'server/seed/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['pg'], patterns: [{ group: ['@electric-sql/*'], message: 'Only server/db talks to the database drivers.' }, ...NO_HTTP] }] },
  },
);
