// The API's route table, in the order the OpenAPI document lists it: every route the server answers is here.
import type { RouteSpec } from '../router';
import { contradictions, matrix, provenance } from './analysis';
import { datasets } from './datasets';
import { attribution, chain, neighborhood, paths, wholeGraph } from './graph';
import { exportView, stixImport } from './interchange';
import { achRatingRoute, achRoute, claimantNetworkRoute } from './hypotheses';
import { overview } from './overview';
import {
  actor,
  actors,
  claim,
  claims,
  explanation,
  explanations,
  health,
  incident,
  incidents,
  search,
  source,
  sourceDocument,
  sources,
  stats,
} from './records';

export const ROUTES: readonly RouteSpec[] = [
  health,
  stats,
  overview,
  search,
  actors,
  actor,
  incidents,
  incident,
  attribution,
  matrix,
  contradictions,
  achRoute,
  achRatingRoute,
  claimantNetworkRoute,
  claims,
  claim,
  provenance,
  sources,
  source,
  sourceDocument,
  explanations,
  explanation,
  wholeGraph,
  neighborhood,
  paths,
  chain,
  datasets,
  exportView,
  stixImport,
];
