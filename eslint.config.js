import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

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
);
