// `npm run import -- bundle.json...`: reads STIX 2.1 bundles, maps them to the dataset format, validates, and loads each in one transaction.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/neo4j';
import { runCli } from './console';
import { describeIssue, importStixBundle, StixValidationError } from '../server/interchange';
import { ensureSchema } from '../server/db/schema';
import { loadDataset } from '../server/db/load';
import type { Dataset } from '../server/model/dataset';
import { formatProblem, validateDataset } from '../server/model/validate';

async function main(): Promise<number> {
  const files = process.argv.slice(2).map((file) => path.resolve(file));
  if (files.length === 0) {
    console.error('usage: npm run import -- bundle.json [more.json ...]');
    return 2;
  }
  const datasets: Array<{ file: string; dataset: Dataset; skipped: number }> = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      const { dataset, skipped } = importStixBundle(JSON.parse(await readFile(file, 'utf8')));
      for (const object of skipped) console.warn(`${file}: objects[${object.index}] (${object.id}) skipped: ${object.reason}`);
      const result = validateDataset(dataset, file);
      if (result.ok) datasets.push({ file, dataset: result.dataset, skipped: skipped.length });
      else problems.push(...result.problems.map(formatProblem));
    } catch (error) {
      if (error instanceof StixValidationError) problems.push(...error.issues.map((issue) => `${file}: ${describeIssue(issue)}`));
      else problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) {
    problems.forEach((line) => console.error(line));
    console.error(`\n${problems.length} problem(s); nothing was written.`);
    return 1;
  }
  const db = await openDatabase(loadConfig(), (line) => console.log(line));
  try {
    await ensureSchema(db);
    for (const { file, dataset, skipped } of datasets) {
      const summary = await loadDataset(db, dataset);
      console.log(
        `${path.basename(file)}: ${dataset.claims.length} claims; ${summary.nodesCreated} nodes and ${summary.relationshipsCreated} relationships created in ${summary.milliseconds} ms (${skipped} objects skipped)`,
      );
    }
    return 0;
  } finally {
    await db.close();
  }
}

runCli('import', main);
