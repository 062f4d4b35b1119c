// Validates dataset files without touching the database: `npm run seed:check -- FILE...`.
import path from 'node:path';
import { documentsFromDirectory, formatProblem, readDatasetFile } from '../server/model/validate';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  const documents = await documentsFromDirectory(process.env.DOCUMENTS_DIR ?? path.resolve(__dirname, '../../shared/seeds'));
  let failed = 0;
  for (const file of files) {
    const result = await readDatasetFile(file, documents);
    if (result.ok) {
      const { sources, actors, incidents, claims } = result.dataset;
      console.log(
        `${file}: ok (${sources.length} sources, ${actors.length} actors, ${incidents.length} incidents, ${claims.length} claims)`,
      );
    } else {
      failed += 1;
      for (const problem of result.problems) console.error(formatProblem(problem));
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
