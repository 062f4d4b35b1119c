// Loading a dataset over HTTP: validated whole first (400 listing every problem), then written in one transaction.
import { z } from 'zod';
import { loadDataset } from '../../db/load';
import * as service from '../../graph/service';
import * as schemas from '../../model/api';
import { DatasetValidationError, validateDataset } from '../../model/validate';
import type { RouteDeps, RouteSpec } from '../router';

/** The body is checked by the dataset validator (all problems at once), so OpenAPI only describes its shape. */
const datasetBody = z.looseObject({}).openapi({ description: 'A dataset in the format of server/model/dataset.ts' });

/** Validates a whole dataset first (nothing written on any problem), then loads it atomically. */
export async function importDataset(deps: RouteDeps, body: unknown, file: string): Promise<schemas.ImportResult> {
  const result = validateDataset(body, file, deps.documents);
  if (!result.ok) throw new DatasetValidationError(result.problems);
  // The load's transaction may run for minutes, and Neo4j holds a BEGIN until a starting database is
  // available: without this quick check an import sent while Neo4j restarts would hang instead of getting 503.
  await service.ping(deps.db);
  const summary = await loadDataset(deps.db, result.dataset);
  const nodes = Object.values(summary.nodes).reduce((sum, count) => sum + count, 0);
  const relationships = Object.values(summary.relationships).reduce((sum, count) => sum + count, 0);
  return {
    dataset: summary.dataset,
    created: { nodes: summary.nodesCreated, relationships: summary.relationshipsCreated },
    matched: { nodes: nodes - summary.nodesCreated, relationships: Math.max(0, relationships - summary.relationshipsCreated) },
    milliseconds: summary.milliseconds,
  };
}

export const datasets: RouteSpec = {
  method: 'post',
  path: '/datasets',
  summary: 'Load a dataset (the project format) in one transaction; idempotent, all or nothing',
  tag: 'import',
  body: datasetBody,
  response: schemas.importResultSchema,
  write: true,
  run: ({ body }, deps) => importDataset(deps, body, 'request body'),
};
