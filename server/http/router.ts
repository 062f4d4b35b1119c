// The API's routes as one table: each entry's zod schemas validate the request and generate the OpenAPI document.
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { HttpProblem, validationProblem } from './problems';
import type { Database } from '../db/neo4j';
import { loadDataset } from '../db/load';
import { validateDataset, type DocumentLookup } from '../model/validate';
import * as repository from '../graph/repository';
import * as schemas from '../model/api';
import * as service from '../graph/service';

export interface RouteDeps {
  db: Database;
  /** Finds source documents so imported quotes are checked as the CLI checks them. */
  documents?: DocumentLookup;
}

/** The body is checked by the dataset validator (all problems at once), so OpenAPI only describes its shape. */
const datasetBody = z.looseObject({}).openapi({ description: 'A dataset in the format of seed/schema.ts' });

/** Validates a whole dataset first (400 listing every problem, nothing written), then loads it atomically. */
export async function importDataset(deps: RouteDeps, body: unknown, file: string): Promise<schemas.ImportResult> {
  const result = validateDataset(body, file, deps.documents);
  if (!result.ok) {
    const errors = result.problems.map((problem) => ({
      field: [problem.record, problem.field].filter((part) => part !== '').join(' '),
      message: problem.message,
    }));
    throw new HttpProblem(400, 'Invalid dataset', `${errors.length} problem(s); nothing was written`, errors);
  }
  // The load's transaction may run for minutes, and Neo4j holds a BEGIN until a starting database is
  // available: without this quick check an import sent while Neo4j restarts would hang instead of getting 503.
  await repository.ping(deps.db);
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

interface RouteInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface RouteSpec {
  method: 'get' | 'post';
  /** Express path below /api, e.g. `/actors/:id`. */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Routes that change data need the bearer token. */
  write?: boolean;
  /** Content types of a non-JSON 200 response (downloads); the route returns a Download. */
  produces?: readonly string[];
  run(input: RouteInput, deps: RouteDeps): Promise<unknown>;
}

/** A file response: sent as-is with its content type and a download name. */
export class Download {
  constructor(
    readonly body: string | Buffer,
    readonly contentType: string,
    readonly filename: string,
  ) {}
}

// ---------------------------------------------------------------- cursors

/** Cursors are opaque to clients: base64url JSON holding the last id of the previous page. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof decoded.after === 'string' && decoded.after.length <= 120) return decoded.after;
  } catch {
    // fall through to the 400 below
  }
  throw new HttpProblem(400, 'Invalid request', 'cursor: expected a cursor returned by a previous page', [
    { field: 'cursor', message: 'expected a cursor returned by a previous page' },
  ]);
}

function page<T extends { id: string }>(rows: T[], limit: number): schemas.Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit && items.length > 0 ? encodeCursor(items[items.length - 1]!.id) : null };
}

const paging = (query: { limit: number; cursor?: string }): repository.PageRequest => ({
  limit: query.limit,
  after: decodeCursor(query.cursor),
});

// ---------------------------------------------------------------- the table

export const ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'Whether the API can reach Neo4j',
    tag: 'meta',
    query: schemas.emptyQuery,
    response: schemas.healthSchema,
    run: async (_input, { db }) => {
      await repository.ping(db);
      return { status: 'ok', neo4j: 'up' };
    },
  },
  {
    method: 'get',
    path: '/stats',
    summary: 'Counts per node label and per relationship type',
    tag: 'meta',
    query: schemas.emptyQuery,
    response: schemas.statsSchema,
    run: (_input, { db }) => repository.stats(db),
  },
  {
    method: 'get',
    path: '/search',
    summary: 'Ranked full-text search over names, aliases, claim text and quotes',
    tag: 'search',
    query: schemas.searchQuery,
    response: schemas.searchResponseSchema,
    run: async ({ query }, { db }) => {
      const q = query as z.infer<typeof schemas.searchQuery>;
      return { results: await repository.search(db, q.q, q.types, q.limit) };
    },
  },
  {
    method: 'get',
    path: '/actors',
    summary: 'Actors, optionally of one kind',
    tag: 'records',
    query: schemas.actorListQuery,
    response: schemas.pageOf(schemas.actorSchema, 'ActorPage'),
    run: async ({ query }, { db }) => {
      const q = query as z.infer<typeof schemas.actorListQuery>;
      return page(await repository.listActors(db, paging(q), q.kind), q.limit);
    },
  },
  {
    method: 'get',
    path: '/actors/:id',
    summary: 'An actor, its affiliations, the claims it made and the claims about or accusing it',
    tag: 'records',
    params: schemas.idParams,
    query: schemas.emptyQuery,
    response: schemas.actorDetailSchema,
    run: ({ params }, { db }) => repository.getActorDetail(db, params.id as string),
  },
  {
    method: 'get',
    path: '/incidents',
    summary: 'Incidents',
    tag: 'records',
    query: schemas.listQuery,
    response: schemas.pageOf(schemas.incidentSchema, 'IncidentPage'),
    run: async ({ query }, { db }) => {
      const q = query as z.infer<typeof schemas.listQuery>;
      return page(await repository.listIncidents(db, paging(q)), q.limit);
    },
  },
  {
    method: 'get',
    path: '/incidents/:id',
    summary: 'One incident',
    tag: 'records',
    params: schemas.idParams,
    query: schemas.emptyQuery,
    response: schemas.incidentSchema,
    run: ({ params }, { db }) => repository.getIncident(db, params.id as string),
  },
  {
    method: 'get',
    path: '/incidents/:id/attribution',
    summary: 'Who is blamed for an incident: per accused actor, who asserts, denies or declines, and how many independent claimants',
    tag: 'attribution',
    params: schemas.idParams,
    query: schemas.attributionQuery,
    response: schemas.attributionSchema,
    run: ({ params, query }, { db }) => {
      const q = query as z.infer<typeof schemas.attributionQuery>;
      return service.attribution(db, params.id as string, q);
    },
  },
  {
    method: 'get',
    path: '/claims',
    summary: 'Claims, filterable by claimant, subject, accused, incident, stance, source and date',
    tag: 'records',
    query: schemas.claimListQuery,
    response: schemas.pageOf(schemas.claimSummarySchema, 'ClaimPage'),
    run: async ({ query }, { db }) => {
      const { limit, cursor, ...filters } = query as z.infer<typeof schemas.claimListQuery>;
      return page(await repository.listClaims(db, paging({ limit, cursor }), filters), limit);
    },
  },
  {
    method: 'get',
    path: '/claims/:id',
    summary: 'A claim with its claimant, subjects, accused, sources and linked claims',
    tag: 'records',
    params: schemas.idParams,
    query: schemas.emptyQuery,
    response: schemas.claimDetailSchema,
    run: ({ params }, { db }) => repository.getClaimDetail(db, params.id as string),
  },
  {
    method: 'get',
    path: '/sources',
    summary: 'Sources',
    tag: 'records',
    query: schemas.listQuery,
    response: schemas.pageOf(schemas.sourceSchema, 'SourcePage'),
    run: async ({ query }, { db }) => {
      const q = query as z.infer<typeof schemas.listQuery>;
      return page(await repository.listSources(db, paging(q)), q.limit);
    },
  },
  {
    method: 'get',
    path: '/sources/:id',
    summary: 'A source with the claims it reports',
    tag: 'records',
    params: schemas.idParams,
    query: schemas.emptyQuery,
    response: schemas.sourceDetailSchema,
    run: ({ params }, { db }) => repository.getSourceDetail(db, params.id as string),
  },
  {
    method: 'get',
    path: '/graph',
    summary: 'The whole graph, up to a node cap',
    tag: 'graph',
    query: schemas.wholeGraphQuery,
    response: schemas.graphViewSchema,
    run: ({ query }, { db }) => service.wholeGraph(db, (query as z.infer<typeof schemas.wholeGraphQuery>).limit),
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
    method: 'post',
    path: '/datasets',
    summary: 'Load a dataset (the project format) in one transaction; idempotent, all or nothing',
    tag: 'import',
    body: datasetBody,
    response: schemas.importResultSchema,
    write: true,
    run: ({ body }, deps) => importDataset(deps, body, 'request body'),
  },
];

function parsePart(schema: z.ZodType | undefined, value: unknown, location: string): Record<string, unknown> {
  if (schema === undefined) return {};
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationProblem(location, parsed.error);
  return parsed.data as Record<string, unknown>;
}

/** Builds the Express router from a route table; `guardWrites` protects every route marked `write`. */
export function createGraphRouter(deps: RouteDeps, routes: readonly RouteSpec[], guardWrites: RequestHandler): Router {
  const router = Router();
  for (const route of routes) {
    const handler: RequestHandler = async (req, res) => {
      const input: RouteInput = {
        params: parsePart(route.params, req.params, 'path'),
        query: parsePart(route.query, req.query, 'query'),
        body: route.body === undefined ? undefined : parsePart(route.body, req.body, 'body'),
      };
      const answer = await route.run(input, deps);
      if (answer instanceof Download) {
        // attachment() guesses a type from the file name, so the real type is set after it.
        res.attachment(answer.filename).type(answer.contentType).send(answer.body);
      } else {
        res.json(answer);
      }
    };
    if (route.write) router[route.method](route.path, guardWrites, handler);
    else router[route.method](route.path, handler);
  }
  return router;
}
