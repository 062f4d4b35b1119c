// Reliability #2: property-based fuzzing (fast-check) of every operation in the served OpenAPI document, checking 2xx bodies against the zod schemas.
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import type { z } from 'zod';
import { readTransaction, type Database } from '../../../server/db/neo4j';
import { ROUTES } from '../../../server/http/routes';
import { encodeCursor } from '../../../server/http/paging';
import type { RouteSpec } from '../../../server/http/router';
import { RECORD_TYPES } from '../../../server/model/vocabulary';
import { findLeak, listen, type ScenarioResult } from './http';

interface ParameterSchema {
  type?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: ParameterSchema;
}

export interface Operation {
  method: 'get' | 'post';
  /** OpenAPI path, e.g. `/api/actors/{id}`. */
  path: string;
  parameters: Parameter[];
  hasBody: boolean;
  route: RouteSpec;
}

/** The operations of the served document, each tied to the route-table entry whose zod schema checks its 2xx body. */
export function operationsOf(document: {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
}): Operation[] {
  const routes = ROUTES;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const route = routes.find(
        (candidate) => candidate.method === method && `/api${candidate.path.replace(/:([A-Za-z]+)/g, '{$1}')}` === path,
      );
      if (route === undefined) throw new Error(`${method.toUpperCase()} ${path} is in the OpenAPI document but not in the route table`);
      operations.push({
        method: method as 'get' | 'post',
        path,
        parameters: operation.parameters ?? [],
        hasBody: operation.requestBody !== undefined,
        route,
      });
    }
  }
  return operations;
}

/** Values a client might send that no schema allows. */
const junk = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '1.5',
    '1e3',
    '0x10',
    'NaN',
    'Infinity',
    'null',
    'true',
    '[]',
    '{}',
    '%',
    '%00',
    '\u0000',
    '😀',
    'a'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: -1e12, max: 1e12 }).map(String),
);

function valueFor(parameter: Parameter, ids: readonly string[], onlyValid: boolean): fc.Arbitrary<string> {
  const schema = parameter.schema;
  let valid: fc.Arbitrary<string>;
  let outOfRange: fc.Arbitrary<string> | undefined;
  if (schema.enum !== undefined) {
    valid = fc.constantFrom(...schema.enum);
    outOfRange = fc.oneof(fc.constantFrom(...schema.enum.map((value) => value.toUpperCase()), ...schema.enum.map((value) => `${value} `)));
  } else if (schema.type === 'integer') {
    const min = schema.minimum ?? -1e6;
    const max = schema.maximum ?? 1e6;
    valid = fc.integer({ min, max }).map(String);
    outOfRange = fc.oneof(fc.integer({ min: max + 1, max: max + 1e9 }), fc.integer({ min: min - 1e9, max: min - 1 })).map(String);
  } else if (parameter.name === 'cursor') {
    valid = fc.constantFrom(...ids).map(encodeCursor);
    outOfRange = fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/);
  } else if (parameter.name === 'types') {
    valid = fc.subarray([...RECORD_TYPES], { minLength: 1 }).map((types) => types.join(','));
    outOfRange = fc.constantFrom('actor,,claim', 'actors', 'actor,person', ',', 'ACTOR');
  } else if (schema.pattern !== undefined) {
    const pattern = new RegExp(schema.pattern);
    // Real ids reach the database's happy paths; generated ones mostly end in 404.
    valid = pattern.test('fbi')
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, fc.stringMatching(pattern))
      : fc.stringMatching(pattern);
    outOfRange = fc.oneof(fc.constantFrom(...ids.map((id) => id.toUpperCase())), fc.string({ minLength: 121, maxLength: 300 }));
  } else {
    // Free text (the search box): words from the data, Lucene syntax and arbitrary text.
    valid = fc.oneof(
      fc.constantFrom(
        'FBI',
        'sony',
        'north korea',
        'guardians of peace',
        'dprk denies',
        'lazarus',
        'AND OR NOT',
        'a*',
        '"quoted"~3',
        'x:y',
      ),
      fc.string({ minLength: 1, maxLength: schema.maxLength ?? 50 }),
    );
    outOfRange = fc.oneof(fc.constant(''), fc.constant('   '), fc.string({ minLength: (schema.maxLength ?? 200) + 1, maxLength: 400 }));
  }
  if (onlyValid) return valid;
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 2, arbitrary: outOfRange ?? junk }, { weight: 1, arbitrary: junk });
}

export interface FuzzRequest {
  operation: Operation;
  url: string;
  body?: unknown;
  token: boolean;
  /** Every string this request sent, so an echo of it is not taken for a leak. */
  sent: string[];
}

/**
 * A well-formed request (every value within its schema, optional ones sometimes left out) or a
 * mutant one (missing, out-of-range and junk values, unknown keys, arbitrary bodies).
 */
function requestFor(operation: Operation, ids: readonly string[], dataset: unknown, onlyValid: boolean): fc.Arbitrary<FuzzRequest> {
  const parts = operation.parameters.map((parameter) =>
    parameter.required || parameter.in === 'path'
      ? onlyValid
        ? valueFor(parameter, ids, true).map((value) => value as string | undefined)
        : fc.oneof(
            { weight: 15, arbitrary: valueFor(parameter, ids, false).map((value) => value as string | undefined) },
            fc.constant(undefined),
          )
      : fc.option(valueFor(parameter, ids, onlyValid), { nil: undefined, freq: 2 }),
  );
  const extra = onlyValid
    ? fc.constant(undefined)
    : fc.option(fc.tuple(fc.constantFrom('bogus', 'limit[]', '__proto__', 'constructor', 'q'), junk), { freq: 8, nil: undefined });
  const body = !operation.hasBody
    ? fc.constant(undefined)
    : onlyValid
      ? fc.constant(dataset)
      : fc.oneof(
          fc.constant(dataset),
          fc.object({ maxDepth: 3 }),
          fc.jsonValue({ maxDepth: 3 }),
          fc.record({ dataset: fc.record({ id: fc.string(), title: fc.string() }), sources: fc.array(fc.object(), { maxLength: 3 }) }),
          fc.record({ type: fc.constant('bundle'), id: fc.string(), objects: fc.array(fc.object(), { maxLength: 3 }) }),
        );
  return fc.tuple(fc.tuple(...parts), extra, body, fc.boolean()).map(([values, extraParameter, bodyValue, token]) => {
    let path = operation.path;
    const query = new URLSearchParams();
    const sent: string[] = [];
    operation.parameters.forEach((parameter, index) => {
      const value = values[index];
      if (parameter.in === 'path') {
        // An empty or missing path segment still has to make a well-formed URL; "undefined" is as good as any junk.
        path = path.replace(`{${parameter.name}}`, encodeURIComponent(value === undefined || value === '' ? 'undefined' : value));
      } else if (value !== undefined) query.append(parameter.name, value);
      if (value !== undefined) sent.push(value);
    });
    if (extraParameter !== undefined) {
      query.append(extraParameter[0], extraParameter[1]);
      sent.push(...extraParameter);
    }
    const search = query.toString();
    if (bodyValue !== undefined)
      sent.push(
        ...(JSON.stringify(bodyValue)
          .match(/"(?:[^"\\]|\\.)*"/g)
          ?.map((s) => JSON.parse(s) as string) ?? []),
      );
    return { operation, url: `${path}${search === '' ? '' : `?${search}`}`, body: bodyValue, token, sent };
  });
}

export interface FuzzOptions {
  runs: number;
  seed: number;
  token: string;
  /** A valid dataset to send now and then, so the write path's success branch is fuzzed too. */
  dataset: unknown;
  log?: (line: string) => void;
}

/** Sends `runs` generated requests; stops at the first broken property, which fast-check then shrinks and reports. */
export async function fuzzScenario(app: Express, db: Database, options: FuzzOptions): Promise<ScenarioResult> {
  const http = await listen(app);
  const statuses = new Map<number, number>();
  const perOperation = new Map<string, number>();
  let requests = 0;
  let validated = 0;
  const failures: string[] = [];
  const started = Date.now();
  try {
    const document = (await request(http.server).get('/api/openapi.json')).body;
    const operations = operationsOf(document);
    const ids = await readTransaction(db, async (tx) =>
      (await tx.run('MATCH (n:Record) RETURN n.id AS id ORDER BY id')).records.map((record) => record.get('id') as string),
    );
    if (ids.length === 0) throw new Error('fuzzing needs a seeded database: no records found');
    const arbitrary = fc.oneof(
      ...operations.flatMap((operation) => [
        { weight: 3, arbitrary: requestFor(operation, ids, options.dataset, true) },
        { weight: 2, arbitrary: requestFor(operation, ids, options.dataset, false) },
      ]),
    );

    const property = fc.asyncProperty(arbitrary, async (generated) => {
      const { operation } = generated;
      let call = request(http.server)[operation.method](generated.url);
      if (generated.token) call = call.set('Authorization', `Bearer ${options.token}`);
      // Bodies go out as JSON text, so bare numbers, strings and nulls are sent as a client would send them.
      const response =
        generated.body === undefined ? await call : await call.set('Content-Type', 'application/json').send(JSON.stringify(generated.body));
      requests++;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const key = `${operation.method.toUpperCase()} ${operation.path} ${response.status}`;
      perOperation.set(key, (perOperation.get(key) ?? 0) + 1);
      const label = `${operation.method.toUpperCase()} ${generated.url.slice(0, 300)}`;
      if (response.status >= 500) throw new Error(`${label}: ${response.status} ${response.text?.slice(0, 300)}`);
      const download = response.status < 300 && operation.route.produces !== undefined;
      if (!download) {
        const leak = findLeak(response.text ?? '', generated.sent);
        if (leak !== undefined) throw new Error(`${label}: ${leak} in the body: ${response.text.slice(0, 300)}`);
      }
      if (response.status >= 200 && response.status < 300) {
        if (download) {
          // Media types compared without their parameters (version=2.1, charset), which Express may respell.
          const mediaType = (value: string) => value.split(';')[0]!.trim().toLowerCase();
          const type = mediaType(String(response.headers['content-type'] ?? ''));
          if (!operation.route.produces!.map(mediaType).includes(type)) throw new Error(`${label}: download of type ${type}`);
        } else {
          const parsed = (operation.route.response as z.ZodType).safeParse(response.body);
          if (!parsed.success) throw new Error(`${label}: 2xx body does not match its schema: ${parsed.error.message.slice(0, 500)}`);
        }
        validated++;
      }
    });
    options.log?.(`fuzzing ${operations.length} operations with fast-check seed ${options.seed}, ${options.runs} runs`);
    const outcome = await fc.check(property, { numRuns: options.runs, seed: options.seed, endOnFailure: false });
    if (outcome.failed) {
      failures.push(
        `seed ${options.seed}, path ${outcome.counterexamplePath}: ${
          outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance)
        }`,
      );
    }
    const covered = new Set([...perOperation.keys()].map((key) => key.split(' ').slice(0, 2).join(' ')));
    for (const operation of operations) {
      if (!covered.has(`${operation.method.toUpperCase()} ${operation.path}`))
        failures.push(`${operation.method} ${operation.path} never fuzzed`);
    }
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(', ');
    const fiveXx = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
    return {
      figure: `seed ${options.seed}: ${requests} requests over ${operations.length} operations in ${((Date.now() - started) / 1000).toFixed(0)} s (${byStatus}); ${fiveXx} 5xx; ${validated} 2xx bodies schema-valid; ${failures.length === 0 ? 'no' : 'a'} failing case`,
      failures,
      details: {
        seed: options.seed,
        requests,
        validated,
        statuses: Object.fromEntries(statuses),
        perOperation: Object.fromEntries(perOperation),
      },
    };
  } finally {
    await http.close();
  }
}
