// `npm run seed [-- FILE...]`: validates every dataset file first, then loads each in its own transaction with a progress bar.
import { SingleBar, Presets } from 'cli-progress';
import path from 'node:path';
import { loadConfig, SEED_DATA_DIR } from '../server/config';
import { openDatabase } from '../server/db/neo4j';
import { printGraphCounts, runCli } from './console';
import { ensureSchema } from '../server/db/schema';
import { loadDataset } from '../server/db/load';
import { datasetFilesIn, formatProblem, validateFiles } from '../server/model/validate';

async function main(): Promise<number> {
  const config = loadConfig();
  const files = process.argv.slice(2).length > 0 ? process.argv.slice(2).map((file) => path.resolve(file)) : datasetFilesIn(SEED_DATA_DIR);
  const { datasets, problems } = await validateFiles(files, config.DOCUMENTS_DIR);
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(problem));
    console.error(`\n${problems.length} problem(s) in ${new Set(problems.map((p) => p.file)).size} file(s); nothing was written.`);
    return 1;
  }

  const db = await openDatabase(config, (line) => console.log(line));
  const started = Date.now();
  try {
    await ensureSchema(db);
    for (const { file, dataset } of datasets) {
      const bar = new SingleBar(
        { format: `${path.basename(file)} [{bar}] {percentage}% | {value}/{total} rows | {stage}`, hideCursor: true, noTTYOutput: false },
        Presets.shades_classic,
      );
      bar.start(1, 0, { stage: 'starting' });
      try {
        const summary = await loadDataset(db, dataset, {
          onProgress: ({ done, total, stage }) => {
            bar.setTotal(total);
            bar.update(done, { stage });
          },
        });
        bar.stop();
        console.log(
          `${dataset.dataset.id}: ${summary.nodesCreated} nodes and ${summary.relationshipsCreated} relationships created, ${summary.propertiesSet} properties set in ${summary.milliseconds} ms`,
        );
      } catch (error) {
        bar.stop();
        throw error;
      }
    }
    await printGraphCounts(db, 60_000);
    console.log(`Loaded ${datasets.length} dataset(s) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await db.close();
  }
}

if (require.main === module) runCli('seed', main);
