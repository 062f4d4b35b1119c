// Reliability #1: Cypher-injection payloads in every parameter of every route, and in the string fields of every write body.
import type { Express } from 'express';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { writeTransaction, type Database } from '../../../server/db/neo4j';
import { ROUTES } from '../../../server/http/routes';
import type { RouteSpec } from '../../../server/http/router';
import { FIXTURE_FILE, signature } from '../../support/db';
import { findLeak, listen, type ScenarioResult } from './http';
import { idSignature } from './signature';

/**
 * Quote breaks, backticks (literal and as the \u0060 escape Cypher itself decodes), comment tricks,
 * DETACH DELETE, procedure calls, parameter look-alikes, Lucene syntax and control characters.
 */
export const PAYLOADS: readonly string[] = [
  "'",
  '"',
  '`',
  '\u0060',
  '\\',
  "' OR 1=1 //",
  '" OR ""="',
  "x' }) MATCH (n) DETACH DELETE n //",
  'x" }) MATCH (n) DETACH DELETE n //',
  '` MATCH (n) DETACH DELETE n //',
  '\u0060) DETACH DELETE n //',
  'fbi\\u0060}) DETACH DELETE n //',
  'fbi\\u0027}) DETACH DELETE n //',
  "fbi'}) DETACH DELETE a //",
  "fbi' RETURN 1 UNION MATCH (n) DETACH DELETE n RETURN 1 //",
  '/* */ MATCH (n) DETACH DELETE n',
  '*/ MATCH (n) DETACH DELETE n /*',
  '// MATCH (n) DETACH DELETE n',
  "fbi /* ' */ OR true",
  '$id',
  '${id}',
  "{id: 'fbi'}",
  "fbi' OR '1'='1",
  "') CALL db.labels() YIELD label RETURN label //",
  "' CALL dbms.killQueries([]) //",
  "'; CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) //",
  "' LOAD CSV FROM 'http://127.0.0.1:1/x' AS l RETURN l //",
  "' CREATE (:Pwned {at: 1}) //",
  "fbi'}) SET a.pwned = true //",
  "'; DROP CONSTRAINT record_id //",
  'MATCH (n) DETACH DELETE n',
  'DETACH DELETE',
  'n:Record) DETACH DELETE n WITH n MATCH (n',
  'a`b',
  '``',
  '`Record`',
  '\\`',
  "\\\\' OR 1=1 //",
  '%27%20OR%201%3D1',
  '\u2019 OR 1=1 \u2018',
  'fbi\u0000',
  '\r\nMATCH (n) DETACH DELETE n',
  '*:*',
  'name:* OR *',
  '"*"~10',
  'a* OR b*^100',
  '((((((((((((',
  '[ ] { } ~ ^ : \\',
  'fbi.detach-delete',
  '1 OR 1',
  '-1',
  '99999999999999999999999',
];

/** Query values under which each route reaches the database, so a payload in one parameter travels as far as it can. */
function baseQuery(route: RouteSpec, target: string): Record<string, string> {
  switch (route.path) {
    case '/search':
      return { q: 'FBI' };
    case '/actors':
      return { kind: 'agency' };
    case '/claims':
      return { accused: 'dprk' };
    case '/graph/paths':
      return { from: 'anonymous', to: 'fbi' };
    case '/export': {
      // Each export parameter belongs to one view; put the payload where that view would read it.
      if (['from', 'to', 'maxHops'].includes(target)) return { format: 'json', view: 'paths', from: 'anonymous', to: 'fbi' };
      if (['direction', 'maxDepth'].includes(target)) return { format: 'json', view: 'chain', id: 'fbi-attributes-sony-hack' };
      if (['id', 'depth', 'types'].includes(target)) return { format: 'json', view: 'neighborhood', id: 'fbi' };
      return { format: 'json', view: 'graph', limit: '50' };
    }
    default:
      return {};
  }
}

const SAMPLE_IDS: Record<string, string> = {
  '/actors/:id': 'fbi',
  '/incidents/:id': 'sony-hack',
  '/incidents/:id/attribution': 'sony-hack',
  '/incidents/:id/matrix': 'sony-hack',
  '/incidents/:id/ach': 'sony-hack',
  '/claims/:id/provenance': 'fbi-attributes-sony-hack',
  '/claims/:id': 'fbi-attributes-sony-hack',
  '/sources/:id': 'src-siliconangle-nk-offline',
  '/sources/:id/document': 'src-siliconangle-nk-offline',
  '/explanations/:id': 'infrastructure-failure',
  '/graph/neighborhood/:id': 'fbi',
  '/graph/chains/:claimId': 'fbi-attributes-sony-hack',
};

/** Every parameter a route reads from the URL: path parameters and query keys, as the route table declares them. */
export function routeParameters(route: RouteSpec): Array<{ in: 'path' | 'query'; name: string }> {
  return [
    ...Object.keys(route.params?.shape ?? {}).map((name) => ({ in: 'path' as const, name })),
    ...Object.keys(route.query?.shape ?? {}).map((name) => ({ in: 'query' as const, name })),
  ];
}

function url(route: RouteSpec, pathValues: Record<string, string>, query: Record<string, string>): string {
  const pathPart = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    encodeURIComponent(pathValues[name] ?? SAMPLE_IDS[route.path] ?? 'x'),
  );
  const search = new URLSearchParams(query).toString();
  return `/api${pathPart}${search === '' ? '' : `?${search}`}`;
}

/** A URL each GET route answers with 200 on the seed dataset. */
export function sampleUrl(route: RouteSpec): string {
  return url(route, {}, baseQuery(route, ''));
}

/** Sets the string at a dotted path (`claims.0.text`) of a JSON value, returning a modified copy. */
function withValue(body: unknown, at: string, value: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = at.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
  return copy;
}

export interface InjectionOptions {
  token: string;
  payloads?: readonly string[];
}

/**
 * Needs the seed dataset loaded and an app with `token` as its WRITE_TOKEN. Loads the harbor fixture
 * and a STIX bundle once first, so later writes carrying payloads can only change properties, never ids.
 */
export async function injectionScenario(app: Express, db: Database, options: InjectionOptions): Promise<ScenarioResult> {
  const payloads = options.payloads ?? PAYLOADS;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let requests = 0;
  const http = await listen(app);
  const auth = `Bearer ${options.token}`;
  const check = (label: string, response: request.Response, payload: string) => {
    requests++;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) failures.push(`${label}: ${response.status} ${response.text.slice(0, 200)}`);
    // Validation messages may quote what was sent (or a comma-separated piece of it); that is an echo, not a leak.
    const leak = findLeak(response.text, [payload, ...payload.split(',').map((piece) => piece.trim())]);
    if (leak !== undefined) failures.push(`${label}: ${leak} in the body: ${response.text.slice(0, 300)}`);
  };

  try {
    // ---- reads: the whole graph, properties included, must be exactly as before
    const routes = ROUTES;
    const readBefore = await signature(db);
    let parameters = 0;
    for (const route of routes.filter((candidate) => candidate.method === 'get')) {
      for (const parameter of routeParameters(route)) {
        parameters++;
        for (const payload of payloads) {
          const query = baseQuery(route, parameter.name);
          const pathValues: Record<string, string> = {};
          if (parameter.in === 'query') query[parameter.name] = payload;
          else pathValues[parameter.name] = payload;
          const target = url(route, pathValues, query);
          check(`GET ${route.path} ${parameter.name}=${JSON.stringify(payload)}`, await request(http.server).get(target), payload);
        }
      }
    }
    const readAfter = await signature(db);
    if (JSON.stringify(readAfter) !== JSON.stringify(readBefore))
      failures.push(`read routes changed the database: ${JSON.stringify(readBefore)} → ${JSON.stringify(readAfter)}`);

    // ---- writes: payloads in ids and free text of each body
    const dataset = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as Record<string, unknown>;
    const exported = await request(http.server).get('/api/export?format=stix&view=attribution&id=sony-hack');
    if (exported.status !== 200) throw new Error(`could not export a STIX bundle to build on: ${exported.status}`);
    const bundle = JSON.parse(exported.text) as { id: string; objects: Array<Record<string, unknown>> };
    const named = bundle.objects.findIndex((object) => object.type === 'threat-actor' || object.type === 'identity');
    const writeTargets: Array<{ path: string; body: unknown; fields: string[]; readBack?: (payload: string) => Promise<boolean> }> = [
      {
        path: '/datasets',
        body: dataset,
        fields: ['dataset.id', 'actors.0.name', 'claims.0.text', 'claims.0.claimant'],
      },
      { path: '/stix', body: bundle, fields: ['id', `objects.${named}.name`] },
    ];
    for (const target of writeTargets) {
      const first = await request(http.server)
        .post(`/api${target.path}`)
        .set('Authorization', auth)
        .send(target.body as object);
      if (first.status !== 200) throw new Error(`POST /api${target.path} of the unmodified body answered ${first.status}: ${first.text}`);
    }
    const writeBefore = await idSignature(db);
    let storedVerbatim = 0;
    let textWrites = 0;
    // A payload that happens to be a valid slug is a legitimate new dataset id, not an injection.
    const acceptedDatasetIds: string[] = [];
    for (const target of writeTargets) {
      for (const field of target.fields) {
        parameters++;
        for (const payload of payloads) {
          const body = withValue(target.body, field, payload);
          const response = await request(http.server)
            .post(`/api${target.path}`)
            .set('Authorization', auth)
            .send(body as object);
          check(`POST ${target.path} ${field}=${JSON.stringify(payload)}`, response, payload);
          if (field === 'dataset.id' && response.status === 200) acceptedDatasetIds.push(payload);
          // A payload accepted as an actor's name must come back as exactly that text: data, never code.
          if (target.path === '/datasets' && field === 'actors.0.name' && response.status === 200) {
            textWrites++;
            const actorId = (dataset.actors as Array<{ id: string }>)[0]!.id;
            const stored = await request(http.server).get(`/api/actors/${actorId}`);
            if (stored.body?.actor?.name === payload.trim()) storedVerbatim++;
            else failures.push(`actor name ${JSON.stringify(payload)} came back as ${JSON.stringify(stored.body?.actor?.name)}`);
          }
        }
      }
    }
    if (acceptedDatasetIds.length > 0) {
      await writeTransaction(db, (tx) => tx.run('MATCH (d:Dataset) WHERE d.id IN $ids DETACH DELETE d', { ids: acceptedDatasetIds }));
    }
    const writeAfter = await idSignature(db);
    if (JSON.stringify(writeAfter) !== JSON.stringify(writeBefore))
      failures.push(`write routes changed the ids or counts: ${JSON.stringify(writeBefore)} → ${JSON.stringify(writeAfter)}`);
    // Put the fixture's own text back so later checks see the data as shipped.
    await request(http.server).post('/api/datasets').set('Authorization', auth).send(dataset);

    const fiveXx = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(', ');
    return {
      figure: `${payloads.length} payloads × ${parameters} parameters = ${requests} requests (${byStatus}); ${fiveXx} 5xx; signature unchanged: ${
        JSON.stringify(readAfter) === JSON.stringify(readBefore) && JSON.stringify(writeAfter) === JSON.stringify(writeBefore)
          ? 'yes'
          : 'NO'
      }; ${storedVerbatim}/${textWrites} accepted names stored verbatim; leaks: ${failures.filter((f) => f.includes('in the body')).length}`,
      failures,
      details: {
        acceptedDatasetIds,
        requests,
        parameters,
        payloads: payloads.length,
        statuses: Object.fromEntries(statuses),
        storedVerbatim,
        textWrites,
      },
    };
  } finally {
    await http.close();
  }
}
