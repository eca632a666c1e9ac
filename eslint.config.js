import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Import rules of the layers (docs/ARCHITECTURE.md). A later `no-restricted-imports` block replaces
 * an earlier one for the files both match, so every block below is built from these pieces and
 * repeats the restrictions of the blocks above it that cover the same files.
 */
const DB_ONLY = {
  paths: [{ name: 'pg', message: 'One database module: only server/db talks to pg or PGlite.' }],
  patterns: [{ group: ['@electric-sql/*'], message: 'One database module: only server/db talks to pg or PGlite.' }],
};
const CORE_PURE = {
  group: ['react', 'react-*', 'maplibre-gl', '@deck.gl/*', 'express', 'pg', '@electric-sql/*', 'antd'],
  message: 'core/ is pure domain logic.',
};
const MAP_LIBRARIES = {
  group: ['maplibre-gl', 'maplibre-gl/*', '@maplibre/*', '@deck.gl/*', 'terra-draw', 'terra-draw-*'],
  message: 'MapLibre, deck.gl and Terra Draw live behind the MapAdapter in client/src/map/.',
};
const UI_LIBRARIES = {
  group: ['react', 'react-*', 'antd', 'antd/*', 'zustand', 'zustand/*', 'i18next'],
  message: 'this layer has no UI: keep React, antd, zustand and i18next in features/ and app/.',
};
/** A client folder named in a relative import, from anywhere below client/src. */
const folder = (name) => [
  `./${name}`,
  `./${name}/*`,
  `../${name}`,
  `../${name}/*`,
  `../../${name}`,
  `../../${name}/*`,
  `../../../${name}/*`,
];
const NO_FEATURES = {
  group: [...folder('features'), ...folder('app')],
  message: 'only app/ and features/ import features; move the shared part down into state/, map/, api/ or shared/.',
};
const NO_STATE = { group: folder('state'), message: 'this layer knows nothing of the store: take plain values and callbacks.' };
const NO_MAP = { group: folder('map'), message: 'this layer must not depend on the map adapters.' };
const NO_API = { group: folder('api'), message: 'this layer must not call the API.' };
/** The map draws the API's data shapes (types only) but never calls the API. */
const NO_API_CALLS = { ...NO_API, allowTypeImports: true };
const NO_SHARED = { group: folder('shared'), message: 'api/ imports only core/.' };
const NO_CLIENT_OR_SERVER = {
  group: ['**/client/**', '**/server/**', '**/data/**'],
  message: 'core/ is shared by browser and server: it imports only core/ and pure libraries.',
};
const GEOMETRY_ONLY = {
  regex: '^(?!geojson$|@turf/|geographiclib-geodesic$|\\.{1,2}/(?!\\.\\./)).+',
  message: 'core/geometry/ is pure geometry: GeoJSON types, turf, geographiclib and other core/ files only.',
};
/** A `.ts` module (a hook, a model, a session) must not reach into a React component (PascalCase `.tsx`). */
const NO_COMPONENT = {
  regex: '^\\.{1,2}/(?:[^/]+/)*[A-Z][A-Za-z0-9]*$',
  caseSensitive: true,
  message: 'a .ts module must not import a component; move the shared value into a .ts module.',
};

/** Services, SQL builders, the context and domain errors know nothing of HTTP (server/http/, *.routes.ts, Express). */
const NO_HTTP = [
  {
    group: ['express', 'express/*'],
    message: 'Only *.routes.ts and server/http/ talk HTTP; throw a domain error (server/domain-errors.ts) instead.',
  },
  { group: ['**/http/*', '**/*.routes.js'], message: 'Services do not depend on routes or the HTTP layer.' },
];

function restrictImports(...patterns) {
  return { 'no-restricted-imports': ['error', { paths: DB_ONLY.paths, patterns: [...DB_ONLY.patterns, ...patterns] }] };
}

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
            {
              group: ['react', 'react-*', 'maplibre-gl', '@deck.gl/*', 'express', 'pg', '@electric-sql/*', 'antd'],
              message: 'core/ is pure domain logic.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/map/**'],
    rules: restrictImports(MAP_LIBRARIES),
  },
  {
    files: ['client/src/**/*.ts'],
    ignores: ['client/src/map/**'],
    rules: restrictImports(MAP_LIBRARIES, NO_COMPONENT),
  },
  {
    // The map adapters know nothing of the store or the features (terra-draw's adapter model).
    files: ['client/src/map/**/*.ts'],
    rules: restrictImports(NO_STATE, NO_FEATURES, NO_API_CALLS, UI_LIBRARIES, NO_COMPONENT),
  },
  {
    files: ['client/src/state/**/*.ts'],
    rules: restrictImports(MAP_LIBRARIES, NO_FEATURES, NO_COMPONENT),
  },
  {
    files: ['client/src/api/**/*.ts'],
    rules: restrictImports(MAP_LIBRARIES, NO_FEATURES, NO_STATE, NO_MAP, NO_SHARED, UI_LIBRARIES),
  },
  {
    files: ['client/src/shared/**/*.ts'],
    ignores: ['client/src/shared/i18n/**'],
    rules: restrictImports(MAP_LIBRARIES, NO_FEATURES, NO_STATE, NO_MAP, NO_API, UI_LIBRARIES, NO_COMPONENT),
  },
  {
    // i18n is the one shared module that may set up i18next.
    files: ['client/src/shared/i18n/**/*.ts'],
    rules: restrictImports(MAP_LIBRARIES, NO_FEATURES, NO_STATE, NO_MAP, NO_API, NO_COMPONENT),
  },
  {
    // One request function: every HTTP call of the browser goes through client/src/api/request.ts.
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/api/request.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'call the API through client/src/api (request.ts).' },
        { name: 'XMLHttpRequest', message: 'call the API through client/src/api (request.ts).' },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: restrictImports(CORE_PURE, NO_CLIENT_OR_SERVER),
  },
  {
    files: ['core/geometry/**/*.ts'],
    rules: restrictImports(CORE_PURE, NO_CLIENT_OR_SERVER, GEOMETRY_ONLY),
  },
  {
    files: ['server/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NO_HTTP }] },
  },
  {
    files: ['server/features/**/!(*.routes).ts', 'server/domain-errors.ts', 'server/context.ts', 'server/seed/**/*.ts'],
    rules: restrictImports(...NO_HTTP),
  },
);
