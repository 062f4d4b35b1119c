// The start page's route: every incident, a page at a time, with its most-blamed targets and the split of stances.
import { overview as buildOverview } from '../../graph/overview';
import * as schemas from '../../model/overview';
import type { RouteSpec } from '../router';

export const overview: RouteSpec = {
  method: 'get',
  path: '/overview',
  summary:
    'The start page: the graph’s size, and the incidents (most accused first, paged) with their most-blamed targets and stance split, as of a date',
  tag: 'attribution',
  query: schemas.overviewQuery,
  response: schemas.overviewSchema,
  run: ({ query }, { db }) => buildOverview(db, query as schemas.OverviewQuery),
};
