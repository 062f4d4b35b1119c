// Turns a route table into an Express router: each entry's zod schemas validate the request, and its answer is sent as JSON or a file.
import { Router, type RequestHandler } from 'express';
import type { z } from 'zod';
import type { Database } from '../db/neo4j';
import type { DocumentLookup } from '../model/validate';
import { invalidRequest } from './problems';

export interface RouteDeps {
  db: Database;
  /** Finds source documents so imported quotes are checked as the CLI checks them. */
  documents?: DocumentLookup;
}

export interface RouteInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface RouteSpec {
  method: 'get' | 'post' | 'put';
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

function parsePart(schema: z.ZodType | undefined, value: unknown, location: string): Record<string, unknown> {
  if (schema === undefined) return {};
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw invalidRequest(location, parsed.error);
  return parsed.data as Record<string, unknown>;
}

/** Builds the Express router from a route table; `guardWrites` protects every route marked `write`. */
export function createRouter(deps: RouteDeps, routes: readonly RouteSpec[], guardWrites: RequestHandler): Router {
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
