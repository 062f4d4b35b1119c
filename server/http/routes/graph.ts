// Routes for graph views: attribution of an incident, the whole graph, neighbourhoods, shortest paths and evidence chains.
import type { z } from 'zod';
import * as service from '../../graph/service';
import * as schemas from '../../model/api';
import type { RouteSpec } from '../router';

export const attribution: RouteSpec = {
  method: 'get',
  path: '/incidents/:id/attribution',
  summary: 'Who is blamed for an incident: per accused actor, who asserts, denies or declines, and how many independent claimants',
  tag: 'attribution',
  params: schemas.idParams,
  query: schemas.attributionQuery,
  response: schemas.attributionSchema,
  run: ({ params, query }, { db }) => service.attribution(db, params.id as string, query as z.infer<typeof schemas.attributionQuery>),
};

export const wholeGraph: RouteSpec = {
  method: 'get',
  path: '/graph',
  summary: 'The whole graph, up to a node cap',
  tag: 'graph',
  query: schemas.wholeGraphQuery,
  response: schemas.graphViewSchema,
  run: ({ query }, { db }) => service.wholeGraph(db, (query as z.infer<typeof schemas.wholeGraphQuery>).limit),
};

export const neighborhood: RouteSpec = {
  method: 'get',
  path: '/graph/neighborhood/:id',
  summary: 'The subgraph around any node, breadth-first to a depth of 1–3',
  tag: 'graph',
  params: schemas.idParams,
  query: schemas.neighborhoodQuery,
  response: schemas.graphViewSchema,
  run: ({ params, query }, { db }) => {
    const q = query as z.infer<typeof schemas.neighborhoodQuery>;
    return service.neighborhood(db, params.id as string, q.depth, q.limit, q.types);
  },
};

export const paths: RouteSpec = {
  method: 'get',
  path: '/graph/paths',
  summary: 'The shortest paths between two nodes (at most 6 hops)',
  tag: 'graph',
  query: schemas.pathsQuery,
  response: schemas.pathsResponseSchema,
  run: ({ query }, { db }) => {
    const q = query as z.infer<typeof schemas.pathsQuery>;
    return service.paths(db, q.from, q.to, q.maxHops, q.limit);
  },
};

export const chain: RouteSpec = {
  method: 'get',
  path: '/graph/chains/:claimId',
  summary: 'The evidence chain of a claim: what it rests on (upstream) or who relied on it (downstream)',
  tag: 'graph',
  params: schemas.claimIdParams,
  query: schemas.chainQuery,
  response: schemas.chainSchema,
  run: ({ params, query }, { db }) => {
    const q = query as z.infer<typeof schemas.chainQuery>;
    return service.chain(db, params.claimId as string, q.direction, q.maxDepth);
  },
};
