// Routes for the analyst views, each JSON or a CSV download: the who-blames-whom matrix, contradictions, a claim's provenance.
import { contradictions as findContradictions } from '../../graph/analysis/contradictions';
import { matrix as buildMatrix } from '../../graph/analysis/matrix';
import { provenance as traceProvenance } from '../../graph/analysis/provenance';
import {
  contradictionsCsv,
  contradictionsFilename,
  matrixCsv,
  matrixFilename,
  provenanceCsv,
  provenanceFilename,
} from '../../interchange/tables';
import * as analysis from '../../model/analysis';
import * as schemas from '../../model/api';
import { Download, type RouteSpec } from '../router';

const CSV = 'text/csv; charset=utf-8';

export const matrix: RouteSpec = {
  method: 'get',
  path: '/incidents/:id/matrix',
  summary: 'Who blames whom for an incident: claimants by independent group against accused actors and explanations, as of a date',
  tag: 'analysis',
  params: schemas.idParams,
  query: analysis.matrixQuery,
  response: analysis.matrixSchema,
  // The CSV form is a download (`format=csv`); JSON is the default answer.
  produces: ['application/json', 'text/csv'],
  run: async ({ params, query }, { db }) => {
    const q = query as analysis.MatrixQuery;
    const answer = await buildMatrix(db, params.id as string, q);
    return q.format === 'csv' ? new Download(matrixCsv(answer), CSV, matrixFilename(answer)) : answer;
  },
};

export const contradictions: RouteSpec = {
  method: 'get',
  path: '/contradictions',
  summary:
    'Contradictions about an incident (or all): opposite stances, explicit disputes, reversals, culprits against no-blame explanations',
  tag: 'analysis',
  query: analysis.contradictionsQuery,
  response: analysis.contradictionsSchema,
  produces: ['application/json', 'text/csv'],
  run: async ({ query }, { db }) => {
    const q = query as analysis.ContradictionsQuery;
    const answer = await findContradictions(db, q);
    return q.format === 'csv' ? new Download(contradictionsCsv(answer), CSV, contradictionsFilename(answer)) : answer;
  },
};

export const provenance: RouteSpec = {
  method: 'get',
  path: '/claims/:id/provenance',
  summary: 'Where a claim came from: its chain back through what it cites and characterizes, its origins, and any loop',
  tag: 'analysis',
  params: schemas.idParams,
  query: analysis.provenanceQuery,
  response: analysis.provenanceSchema,
  produces: ['application/json', 'text/csv'],
  run: async ({ params, query }, { db }) => {
    const answer = await traceProvenance(db, params.id as string);
    return (query as analysis.ProvenanceQuery).format === 'csv'
      ? new Download(provenanceCsv(answer), CSV, provenanceFilename(answer))
      : answer;
  },
};
