// Prints the plain closing line CI reads: "N passed, N failed, N skipped", so a skipped test is never invisible; and keeps each file's duration.
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    this.keepDurations(results);
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }

  /** Whole seconds per file, longest first, in the shape of tests/support/fileDurations.json (which sequencer.js reads). */
  keepDurations(results) {
    const seconds = results.testResults
      .filter((file) => file.perfStats.end > file.perfStats.start)
      .map((file) => [
        path.relative(ROOT, file.testFilePath).split(path.sep).join('/'),
        Math.max(1, Math.round((file.perfStats.end - file.perfStats.start) / 1000)),
      ])
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    const dir = path.join(ROOT, 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'file-durations.json'), `${JSON.stringify(Object.fromEntries(seconds), null, 2)}\n`);
  }
}
module.exports = SummaryReporter;
