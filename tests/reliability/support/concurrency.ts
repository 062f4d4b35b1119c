// Reliability #6: the same dataset imported by 20 clients at once lands exactly once, and every client gets a clear answer.
import type { Express } from 'express';
import request from 'supertest';
import type { Database } from '../../../server/db/neo4j';
import { listen, type ScenarioResult } from './http';
import { duplicateIds, idSignature } from './signature';

export interface ConcurrencyOptions {
  token: string;
  dataset: unknown;
  parallel?: number;
  /** Puts the database back in the state before the imports, for the single-import reference. */
  reset: () => Promise<void>;
}

export async function concurrentImportScenario(app: Express, db: Database, options: ConcurrencyOptions): Promise<ScenarioResult> {
  const parallel = options.parallel ?? 20;
  const http = await listen(app);
  const failures: string[] = [];
  try {
    const post = () =>
      request(http.server)
        .post('/api/datasets')
        .set('Authorization', `Bearer ${options.token}`)
        .send(options.dataset as object);
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: parallel }, post));
    const milliseconds = Date.now() - started;
    const statuses = responses.map((response) => response.status);
    for (const response of responses.filter((candidate) => candidate.status !== 200)) {
      failures.push(`an import answered ${response.status}: ${response.text.slice(0, 300)}`);
    }
    const created = responses.filter((response) => response.status === 200).map((response) => response.body.created.nodes as number);
    const concurrent = await idSignature(db);
    const duplicates = await duplicateIds(db);
    if (duplicates.length > 0) failures.push(`duplicate ids: ${duplicates.join(', ')}`);

    // The reference: the same dataset imported once into the same starting state.
    await options.reset();
    const single = await post();
    if (single.status !== 200) failures.push(`the reference import answered ${single.status}`);
    const reference = await idSignature(db);
    if (JSON.stringify(concurrent) !== JSON.stringify(reference)) {
      failures.push(`${parallel} parallel imports left ${JSON.stringify(concurrent)}; one import leaves ${JSON.stringify(reference)}`);
    }
    // Exactly one of the imports created the records; the others found them there.
    const creators = created.filter((count) => count > 0).length;
    if (creators !== 1) failures.push(`${creators} imports report creating nodes; expected exactly 1`);
    return {
      figure: `${parallel} parallel imports in ${milliseconds} ms: ${statuses.filter((s) => s === 200).length}×200${
        statuses.some((s) => s !== 200) ? `, others ${statuses.filter((s) => s !== 200).join('/')}` : ''
      }; ${creators} created, ${created.length - creators} matched; ${concurrent.nodes} nodes / ${concurrent.relationships} relationships = single import: ${
        JSON.stringify(concurrent) === JSON.stringify(reference) ? 'yes' : 'NO'
      }; ${duplicates.length} duplicate ids`,
      failures,
      details: { statuses, milliseconds, concurrent, reference },
    };
  } finally {
    await http.close();
  }
}
