// Jest configuration: TypeScript through SWC, one real Neo4j for the whole run, tests in series because they share it.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
  // One Community database is shared by every test file, so files run one at a time.
  maxWorkers: 1,
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
};
