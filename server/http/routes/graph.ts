// Routes for graph views: attribution of an incident, the whole graph, neighbourhoods, shortest paths and evidence chains.
import type { z } from 'zod';
import { claimCountsBy, graphAsOf, resolveAsOf } from '../../graph/asOf';
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
  run: async ({ query }, { db }) => {
    const q = query as z.infer<typeof schemas.wholeGraphQuery>;
    const view = await service.wholeGraph(db, q.limit);
    const window = resolveAsOf(q.asOf);
    return window === undefined ? view : { ...view, graph: graphAsOf(view.graph, window) };
  },
};

export const neighborhood: RouteSpec = {
  method: 'get',
  path: '/graph/neighborhood/:id',
  summary: 'The subgraph around any node, breadth-first to a depth of 1–3',
  tag: 'graph',
  params: schemas.idParams,
  query: schemas.neighborhoodQuery,
  response: schemas.graphViewSchema,
  run: async ({ params, query }, { db }) => {
    const q = query as z.infer<typeof schemas.neighborhoodQuery>;
    const view = await service.neighborhood(db, params.id as string, q.depth, q.limit, q.types);
    const window = resolveAsOf(q.asOf);
    return window === undefined ? view : { ...view, graph: graphAsOf(view.graph, window, [params.id as string]) };
  },
};

export const paths: RouteSpec = {
  method: 'get',
  path: '/graph/paths',
  summary: 'The shortest paths between two nodes (at most 6 hops)',
  tag: 'graph',
  query: schemas.pathsQuery,
  response: schemas.pathsResponseSchema,
  run: async ({ query }, { db }) => {
    const q = query as z.infer<typeof schemas.pathsQuery>;
    const found = await service.paths(db, q.from, q.to, q.maxHops, q.limit);
    const window = resolveAsOf(q.asOf);
    if (window === undefined) return found;
    // A path through a claim not yet made is no path as of the date; the drawing keeps what the others pass through.
    const dated = graphAsOf(found.graph, window, [q.from, q.to]);
    const kept = new Set(dated.nodes.map((node) => node.key));
    const edges = new Set(dated.edges.map((edge) => edge.key));
    const paths = found.paths.filter((path) => path.nodes.every((node) => kept.has(node)) && path.edges.every((edge) => edges.has(edge)));
    const onPaths = new Set([q.from, q.to, ...paths.flatMap((path) => path.nodes)]);
    const onEdges = new Set(paths.flatMap((path) => path.edges));
    return {
      paths,
      graph: {
        ...dated,
        nodes: dated.nodes.filter((node) => onPaths.has(node.key)),
        edges: dated.edges.filter((edge) => onEdges.has(edge.key)),
      },
    };
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
  run: async ({ params, query }, { db }) => {
    const q = query as z.infer<typeof schemas.chainQuery>;
    const found = await service.chain(db, params.claimId as string, q.direction, q.maxDepth);
    const window = resolveAsOf(q.asOf);
    if (window === undefined) return found;
    // Steps come breadth-first, so a step is kept when its claim counts and the step it hangs from was kept.
    const kept = new Set<string>();
    const steps = found.steps.filter((step) => {
      const counts = claimCountsBy(step.claim.date, step.claim.datePrecision, window.lastDay) === 'counts';
      if (counts && (step.from === null || kept.has(step.from))) kept.add(step.claim.id);
      return kept.has(step.claim.id);
    });
    const counting = found.graph.nodes.filter(
      (node) =>
        node.attributes.type === 'claim' && claimCountsBy(node.attributes.date, node.attributes.datePrecision, window.lastDay) === 'counts',
    );
    const cutOff = new Set(counting.map((node) => node.key).filter((claim) => !kept.has(claim)));
    return { ...found, steps, graph: graphAsOf(found.graph, window, [], cutOff) };
  },
};
