// Routes for the analyst views: the who-blames-whom matrix (JSON or CSV), contradictions, and a claim's provenance.
import { contradictions as findContradictions } from '../../graph/analysis/contradictions';
import { matrix as buildMatrix, matrixCsv, matrixFilename } from '../../graph/analysis/matrix';
import { provenance as traceProvenance } from '../../graph/analysis/provenance';
import * as analysis from '../../model/analysis';
import * as schemas from '../../model/api';
import { Download, type RouteSpec } from '../router';

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
    return q.format === 'csv' ? new Download(matrixCsv(answer), 'text/csv; charset=utf-8', matrixFilename(answer)) : answer;
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
  run: ({ query }, { db }) => findContradictions(db, query as analysis.ContradictionsQuery),
};

export const provenance: RouteSpec = {
  method: 'get',
  path: '/claims/:id/provenance',
  summary: 'Where a claim came from: its chain back through what it cites and characterizes, its origins, and any loop',
  tag: 'analysis',
  params: schemas.idParams,
  query: analysis.provenanceQuery,
  response: analysis.provenanceSchema,
  run: ({ params }, { db }) => traceProvenance(db, params.id as string),
};
