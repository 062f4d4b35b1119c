// `npm run lint` refuses an import that points backwards across the layers ARCHITECTURE.md draws, and accepts the forward ones.
import { ESLint } from 'eslint';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/config';

// The project's own config object, passed in rather than found on disk: ESLint loads a config file by dynamic
// import, which Jest's module system does not offer. It is the same object `npm run lint` uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const projectConfig = require('../../eslint.config.js') as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: PROJECT_ROOT, overrideConfigFile: true, overrideConfig: projectConfig });

/** The boundary messages ESLint gives one line of code, linted as if it stood in `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(PROJECT_ROOT, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the layer rule of eslint.config.js', () => {
  test.each([
    ['server/model/dates.ts', "import { readTransaction } from '../db/neo4j';"],
    ['server/model/api.ts', "import { PROJECT_ROOT } from '../config';"],
    ['server/db/load.ts', "import { graphNode } from '../graph/mapping';"],
    ['server/db/neo4j.ts', "import { ROUTES } from '../http/routes';"],
    ['server/graph/service.ts', "import { createApp } from '../http/app';"],
    ['server/graph/repository.ts', "import { toGexf } from '../interchange/gexf';"],
    ['server/interchange/gexf.ts', "import * as service from '../graph/service';"],
    ['server/interchange/stix/import.ts', "import { loadDataset } from '../../db/load';"],
    ['server/http/routes/records.ts', "import { syntheticPlan } from '../../../seed/synthetic';"],
    ['server/main.ts', "import { SEED_FILE } from '../tests/support/db';"],
    ['seed/cli.ts', "import { testApp } from '../tests/support/api';"],
    ['bench/run.ts', "import { resetAndSeed } from '../tests/support/db';"],
    ['client/src/main.ts', "import * as service from '../../server/graph/service';"],
    ['client/src/main.ts', "import { syntheticPlan } from '../../seed/synthetic';"],
    ['client/src/core/filters.ts', "import { renderPanel } from '../views/panels/panel';"],
    ['client/src/core/graph/style.ts', "import { readTransaction } from '../../../server/db/neo4j';"],
  ])('%s may not %s', async (file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('backwards import');
  });

  test.each([
    ['server/db/load.ts', "import { RELATIONSHIP_TYPES } from '../model/vocabulary';"],
    ['server/graph/service.ts', "import { readTransaction } from '../db/neo4j';"],
    ['server/http/routes/graph.ts', "import * as service from '../../graph/service';"],
    ['server/main.ts', "import { createApp } from './http/app';"],
    ['seed/cli.ts', "import { loadDataset } from '../server/db/load';"],
    ['client/src/main.ts', "import { dateSpan } from '../../server/model/dates';"],
    ['tests/api/errors.test.ts', "import { syntheticPlan } from '../../seed/synthetic';"],
  ])('%s may %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
