// Routes of the claimant networks and competing hypotheses: the network graph, an incident's ACH matrix, and analysts' ratings.
import { competingHypotheses } from '../../graph/analysis/ach';
import { putRating } from '../../graph/analysis/achRatings';
import { claimantNetwork } from '../../graph/analysis/networks';
import { idParams } from '../../model/api';
import {
  achAnalystRatingSchema,
  achQuery,
  achRatingBody,
  achSchema,
  claimantNetworkQuery,
  claimantNetworkSchema,
  type AchQuery,
  type AchRatingBody,
  type ClaimantNetworkQuery,
} from '../../model/hypotheses';
import { achCsv, achFilename } from '../../interchange/tables';
import { Download, type RouteSpec } from '../router';

export const claimantNetworkRoute: RouteSpec = {
  method: 'get',
  path: '/networks/claimants',
  summary: "Claimants tied by agreeing (congruence) or opposing (conflict) stances on the same concepts, as rDNA's one-mode networks",
  tag: 'analysis',
  query: claimantNetworkQuery,
  response: claimantNetworkSchema,
  run: ({ query }, { db }) => claimantNetwork(db, query as ClaimantNetworkQuery),
};

export const achRoute: RouteSpec = {
  method: 'get',
  path: '/incidents/:id/ach',
  summary: 'Competing hypotheses (PARC ACH 1.1): the accused and explanations rated against every claim about the incident',
  tag: 'analysis',
  params: idParams,
  query: achQuery,
  response: achSchema,
  produces: ['application/json', 'text/csv'],
  run: async ({ params, query }, { db }) => {
    const q = query as AchQuery;
    const answer = await competingHypotheses(db, params.id as string, q.asOf);
    return q.format === 'csv' ? new Download(achCsv(answer), 'text/csv; charset=utf-8', achFilename(answer)) : answer;
  },
};

export const achRatingRoute: RouteSpec = {
  method: 'put',
  path: '/incidents/:id/ach/ratings',
  summary: "Store an analyst's rating of one ACH cell (claim × hypothesis); it overrides the derived rating",
  tag: 'analysis',
  params: idParams,
  body: achRatingBody,
  response: achAnalystRatingSchema,
  write: true,
  run: ({ params, body }, { db }) => putRating(db, params.id as string, body as AchRatingBody),
};
