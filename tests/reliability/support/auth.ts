// Reliability #7: every non-GET route the app really serves, walked from Express's own stack and the route table, refuses writes without the token.
import type { Express } from 'express';
import request from 'supertest';
import type { Database } from '../../../server/db/neo4j';
import { ROUTES } from '../../../server/http/routes';
import { signature } from '../../support/db';
import { listen, type ScenarioResult } from './http';

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) an Express app routes, including routes added outside the table. */
export function servedRoutes(app: Express): Array<{ method: string; path: string }> {
  const found: Array<{ method: string; path: string }> = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route !== undefined) {
        for (const method of Object.keys(layer.route.methods)) found.push({ method, path: `${prefix}${layer.route.path}` });
      } else if (layer.handle?.stack !== undefined) {
        walk(layer.handle.stack, `${prefix}${typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

const READ_METHODS = new Set(['get', 'head', 'options']);

export interface AuthOptions {
  token: string;
  /** Builds the app with the given extra environment (WRITE_TOKEN or none). */
  app: (env: NodeJS.ProcessEnv) => Express;
  /** A body each write route would accept, so only the guard can stop it. */
  bodyFor: (path: string) => unknown;
}

export async function authScenario(db: Database, options: AuthOptions): Promise<ScenarioResult> {
  const failures: string[] = [];
  const enabled = options.app({ WRITE_TOKEN: options.token });
  const disabled = options.app({});
  const tableWrites = ROUTES.filter((route) => route.method !== 'get');
  for (const route of tableWrites)
    if (route.write !== true) failures.push(`${route.method} ${route.path} changes data but is not marked write`);
  const served = servedRoutes(enabled).filter((route) => !READ_METHODS.has(route.method));
  const targets = new Map<string, { method: string; path: string }>();
  for (const route of served) targets.set(`${route.method} ${route.path}`, route);
  for (const route of tableWrites) targets.set(`${route.method} /api${route.path}`, { method: route.method, path: `/api${route.path}` });
  if (targets.size === 0) failures.push('found no write route at all');

  const on = await listen(enabled);
  const off = await listen(disabled);
  let requests = 0;
  const expect = (label: string, response: request.Response, status: number) => {
    requests++;
    if (response.status !== status) failures.push(`${label}: expected ${status}, got ${response.status} ${response.text.slice(0, 200)}`);
  };
  try {
    const before = await signature(db);
    for (const { method, path } of targets.values()) {
      const url = path.replace(/:([A-Za-z]+)/g, 'x');
      const body = options.bodyFor(path) as object;
      const verb = method as 'post' | 'put' | 'patch' | 'delete';
      const label = `${method.toUpperCase()} ${path}`;
      const none = await request(on.server)[verb](url).send(body);
      expect(`${label} without a token`, none, 401);
      if (none.headers['www-authenticate'] !== 'Bearer') failures.push(`${label}: 401 without WWW-Authenticate: Bearer`);
      // Same length as the real token, so only the comparison itself can tell them apart.
      const wrongToken = options.token.replace(/.$/, (last) => (last === 'x' ? 'y' : 'x'));
      expect(
        `${label} with a wrong token`,
        await request(on.server)[verb](url).set('Authorization', `Bearer ${wrongToken}`).send(body),
        401,
      );
      expect(
        `${label} with another scheme`,
        await request(on.server)[verb](url).set('Authorization', `Basic ${options.token}`).send(body),
        401,
      );
      expect(`${label} with an empty bearer`, await request(on.server)[verb](url).set('Authorization', 'Bearer ').send(body), 401);
      expect(
        `${label} with writes disabled`,
        await request(off.server)[verb](url).set('Authorization', `Bearer ${options.token}`).send(body),
        403,
      );
    }
    // Methods no route declares never reach a handler, with or without the token.
    for (const method of ['put', 'patch', 'delete'] as const) {
      for (const path of ['/api/datasets', '/api/stix', '/api/actors/fbi']) {
        expect(
          `${method.toUpperCase()} ${path}`,
          await request(on.server)[method](path).set('Authorization', `Bearer ${options.token}`).send({}),
          404,
        );
      }
    }
    const after = await signature(db);
    const unchanged = JSON.stringify(after) === JSON.stringify(before);
    if (!unchanged) failures.push(`the database changed: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    return {
      figure: `${targets.size} write routes (${[...targets.keys()].join(', ')}) × 5 refusals + 9 undeclared methods = ${requests} requests; ${
        failures.length
      } unexpected answers; database unchanged: ${unchanged ? 'yes' : 'NO'}`,
      failures,
      details: { routes: [...targets.keys()], requests },
    };
  } finally {
    await on.close();
    await off.close();
  }
}
