// Orders test files longest first by their measured durations, so that on several workers the queues end together.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const durations = require('./fileDurations.json');

const ROOT = path.resolve(__dirname, '..', '..');
/** A file not in the table yet counts as a short one: most new files are unit tests. */
const UNKNOWN_SECONDS = 2;
/** Read by globalSetup.ts. */
const TEST_FILE_COUNT = 'TEST_FILE_COUNT';

/**
 * Jest's own order uses timings cached on the machine, which a fresh clone lacks; the table travels with the
 * repository instead. `npm test` writes this run's figures to test-artifacts/file-durations.json (summaryReporter.js)
 * for refreshing it. A stale table changes only the order, never what runs.
 */
class LongestFirst extends Sequencer {
  sort(tests) {
    // Jest sorts before it runs the global setup, in this process: the setup starts no more Neo4j instances than files.
    process.env[TEST_FILE_COUNT] = String(tests.length);
    const seconds = (test) => durations[path.relative(ROOT, test.path).split(path.sep).join('/')] ?? UNKNOWN_SECONDS;
    return [...tests].sort((a, b) => seconds(b) - seconds(a) || a.path.localeCompare(b.path));
  }
}

module.exports = LongestFirst;
