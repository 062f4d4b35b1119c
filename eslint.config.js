// Lint setup for the whole repository: typescript-eslint's recommended rules, plus the layer boundaries ARCHITECTURE.md draws.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

/**
 * Imports point one way: model → db → graph → http → entry points (server/main.ts, server/cli), with interchange
 * depending on the model alone; seed/ and bench/ sit on top of the server, and tests/ on top of everything.
 * Each entry forbids, for the files it names, relative imports of the folders above them.
 */
const forbid = (folders, why) => ({
  regex: `^\\.{1,2}/(?:.*/)?(?:${folders.join('|')})(?:/|$)`,
  message: `backwards import: ${why} (see ARCHITECTURE.md)`,
});
const OUTSIDE_SERVER = ['seed', 'bench', 'tests', 'client'];
const boundaries = [
  {
    files: ['server/model/**/*.ts'],
    patterns: [
      forbid(
        ['db', 'graph', 'http', 'interchange', 'cli', 'main', 'config', ...OUTSIDE_SERVER],
        'the model imports nothing of the project but itself',
      ),
    ],
  },
  {
    files: ['server/config.ts'],
    patterns: [forbid(['db', 'graph', 'http', 'interchange', 'cli', 'main', ...OUTSIDE_SERVER], 'configuration sits beside the model')],
  },
  {
    files: ['server/db/**/*.ts'],
    patterns: [
      forbid(['graph', 'http', 'interchange', 'cli', 'main', ...OUTSIDE_SERVER], 'db may import only the model and the configuration'),
    ],
  },
  {
    files: ['server/interchange/**/*.ts'],
    patterns: [forbid(['db', 'graph', 'http', 'cli', 'main', ...OUTSIDE_SERVER], 'interchange formats may import only the model')],
  },
  {
    files: ['server/graph/**/*.ts'],
    patterns: [forbid(['http', 'interchange', 'cli', 'main', ...OUTSIDE_SERVER], 'graph queries may import only db and the model')],
  },
  {
    files: ['server/http/**/*.ts'],
    patterns: [forbid(['cli', 'main', ...OUTSIDE_SERVER], 'http may not import the entry points or anything outside server/')],
  },
  {
    files: ['server/main.ts', 'server/cli/**/*.ts'],
    patterns: [forbid(OUTSIDE_SERVER, 'the server never imports seed/, bench/, tests/ or client/')],
  },
  { files: ['seed/**/*.ts'], patterns: [forbid(['bench', 'tests', 'client'], 'seed/ builds on server/ alone')] },
  { files: ['bench/**/*.ts', 'bench/**/*.mts'], patterns: [forbid(['tests'], 'bench/ may not import tests/')] },
  {
    files: ['client/src/core/**/*.ts'],
    patterns: [
      forbid(
        ['views', 'export', 'explorer', 'main', 'seed', 'bench', 'tests'],
        'the explorer core holds state and logic and renders nothing',
      ),
      {
        regex: '^(?:\\.\\./)+server/(?!model/)',
        message: 'backwards import: the explorer shares only server/model with the server (see ARCHITECTURE.md)',
      },
    ],
  },
  {
    files: ['client/**/*.ts'],
    ignores: ['client/src/core/**'],
    patterns: [
      forbid(['seed', 'bench', 'tests'], 'the explorer may import only its own code and server/model'),
      {
        regex: '^(?:\\.\\./)+server/(?!model/)',
        message: 'backwards import: the explorer shares only server/model with the server (see ARCHITECTURE.md)',
      },
    ],
  },
].map(({ files, ignores, patterns }) => ({
  files,
  ...(ignores ? { ignores } : {}),
  rules: { 'no-restricted-imports': ['error', { patterns }] },
}));

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.venv/',
      'client/dist/',
      'build/',
      'server/neo4j-launcher/target/',
      'coverage/',
      'test-artifacts/',
      '.neo4j/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...boundaries,
);
