// Routes for single records and lists of them: health, counts, search, actors, incidents, claims and sources.
import type { z } from 'zod';
import type { Database } from '../../db/neo4j';
import type { PageRequest } from '../../graph/repository';
import * as service from '../../graph/service';
import * as schemas from '../../model/api';
import { page, paging } from '../paging';
import type { RouteSpec } from '../router';

/** A paged list: `limit` and `cursor` in the query, the other query fields passed on as filters. */
function listRoute<Q extends z.ZodObject>(spec: {
  path: string;
  summary: string;
  query: Q;
  item: z.ZodType;
  pageName: string;
  list: (db: Database, request: PageRequest, filters: Omit<z.infer<Q>, 'limit' | 'cursor'>) => Promise<Array<{ id: string }>>;
}): RouteSpec {
  return {
    method: 'get',
    path: spec.path,
    summary: spec.summary,
    tag: 'records',
    query: spec.query,
    response: schemas.pageOf(spec.item, spec.pageName),
    run: async ({ query }, { db }) => {
      const { limit, cursor, ...filters } = query as { limit: number; cursor?: string };
      return page(await spec.list(db, paging({ limit, cursor }), filters as Omit<z.infer<Q>, 'limit' | 'cursor'>), limit);
    },
  };
}

/** One record by its id; a missing record answers 404. */
function detailRoute(spec: {
  path: string;
  summary: string;
  response: z.ZodType;
  find: (db: Database, id: string) => Promise<unknown>;
}): RouteSpec {
  return {
    method: 'get',
    path: spec.path,
    summary: spec.summary,
    tag: 'records',
    params: schemas.idParams,
    query: schemas.emptyQuery,
    response: spec.response,
    run: ({ params }, { db }) => spec.find(db, params.id as string),
  };
}

export const health: RouteSpec = {
  method: 'get',
  path: '/health',
  summary: 'Whether the API can reach Neo4j',
  tag: 'meta',
  query: schemas.emptyQuery,
  response: schemas.healthSchema,
  run: async (_input, { db }) => {
    await service.ping(db);
    return { status: 'ok', neo4j: 'up' };
  },
};

export const stats: RouteSpec = {
  method: 'get',
  path: '/stats',
  summary: 'Counts per node label and per relationship type',
  tag: 'meta',
  query: schemas.emptyQuery,
  response: schemas.statsSchema,
  run: (_input, { db }) => service.stats(db),
};

export const search: RouteSpec = {
  method: 'get',
  path: '/search',
  summary: 'Ranked full-text search over names, aliases, claim text and quotes',
  tag: 'search',
  query: schemas.searchQuery,
  response: schemas.searchResponseSchema,
  run: async ({ query }, { db }) => {
    const q = query as z.infer<typeof schemas.searchQuery>;
    return { results: await service.search(db, q.q, q.types, q.limit) };
  },
};

export const actors = listRoute({
  path: '/actors',
  summary: 'Actors, optionally of one kind',
  query: schemas.actorListQuery,
  item: schemas.actorSchema,
  pageName: 'ActorPage',
  list: (db, request, { kind }) => service.listActors(db, request, kind),
});

export const actor = detailRoute({
  path: '/actors/:id',
  summary: 'An actor, its affiliations, the claims it made and the claims about or accusing it',
  response: schemas.actorDetailSchema,
  find: service.actorDetail,
});

export const incidents = listRoute({
  path: '/incidents',
  summary: 'Incidents',
  query: schemas.listQuery,
  item: schemas.incidentSchema,
  pageName: 'IncidentPage',
  list: (db, request) => service.listIncidents(db, request),
});

export const incident = detailRoute({
  path: '/incidents/:id',
  summary: 'One incident',
  response: schemas.incidentSchema,
  find: service.incident,
});

export const claims = listRoute({
  path: '/claims',
  summary: 'Claims, filterable by claimant, subject, accused, incident, stance, source and date',
  query: schemas.claimListQuery,
  item: schemas.claimSummarySchema,
  pageName: 'ClaimPage',
  list: (db, request, filters) => service.listClaims(db, request, filters),
});

export const claim = detailRoute({
  path: '/claims/:id',
  summary: 'A claim with its claimant, subjects, accused, sources and linked claims',
  response: schemas.claimDetailSchema,
  find: service.claimDetail,
});

export const sources = listRoute({
  path: '/sources',
  summary: 'Sources',
  query: schemas.listQuery,
  item: schemas.sourceSchema,
  pageName: 'SourcePage',
  list: (db, request) => service.listSources(db, request),
});

export const source = detailRoute({
  path: '/sources/:id',
  summary: 'A source with the claims it reports',
  response: schemas.sourceDetailSchema,
  find: service.sourceDetail,
});

export const sourceDocument: RouteSpec = {
  method: 'get',
  path: '/sources/:id/document',
  summary: "A source's text with every claim's evidence, quote and hedge as spans; 404 when the source has no text",
  tag: 'records',
  params: schemas.idParams,
  query: schemas.emptyQuery,
  response: schemas.sourceDocumentSchema,
  run: ({ params }, { db }) => service.sourceDocument(db, params.id as string),
};

export const explanations = listRoute({
  path: '/explanations',
  summary: 'Explanations of incidents that blame no one (a technical failure, an accident, "unknown")',
  query: schemas.listQuery,
  item: schemas.explanationSchema,
  pageName: 'ExplanationPage',
  list: (db, request) => service.listExplanations(db, request),
});

export const explanation = detailRoute({
  path: '/explanations/:id',
  summary: 'An explanation with the claims that put it forward, reject it or decline to say',
  response: schemas.explanationDetailSchema,
  find: service.explanationDetail,
});
