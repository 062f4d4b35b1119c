// Jest configuration: TypeScript through SWC, one real Neo4j per worker, the longest files first.
const os = require('node:os');

/**
 * Test files wipe and reseed the database they use, so each worker gets a Neo4j of its own (tests/support/globalSetup.ts).
 * A server that NEO4J_URI names is one database, so then files run one at a time. One worker per core, up to four:
 * on 2 cores, `npm test` took 704 s with two workers against 1,352 s with one (BENCHMARKS.md). Tests that check values rather than
 * speed give their queries 20 s (PATIENT in tests/support/db.ts), since two workers keep both cores busy and a
 * first plan can take seconds. TEST_WORKERS overrides the count.
 */
function workers() {
  if (process.env.NEO4J_URI !== undefined && process.env.NEO4J_URI !== '') return 1;
  const asked = process.env.TEST_WORKERS;
  if (asked !== undefined && asked !== '') {
    // Said at once rather than read as one worker: a typo must not silently change how the suite runs.
    if (!/^[1-9]\d*$/.test(asked.trim())) throw new Error(`TEST_WORKERS: expected a whole number ≥ 1, got ${JSON.stringify(asked)}`);
    return Number(asked.trim());
  }
  return Math.min(4, Math.max(1, os.availableParallelism()));
}

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
  setupFiles: ['<rootDir>/tests/support/workerSetup.ts'],
  testSequencer: '<rootDir>/tests/support/sequencer.js',
  maxWorkers: workers(),
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
};
