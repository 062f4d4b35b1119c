// The one error model: every error class of the server has a code, every code a deliberate status, and each renders as problem+json.
import express from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Neo4jError } from 'neo4j-driver';
import request from 'supertest';
import { z } from 'zod';
import { ConfigError, PROJECT_ROOT } from '../../server/config';
import { ConnectionAcquisitionError, DatabaseUnavailableError, QueryTimeoutError } from '../../server/db/errors';
import { RecordTypeConflictError } from '../../server/db/load';
import { BulkImportError } from '../../server/db/bulkImport';
import { LocalNeo4jError } from '../../server/db/localNeo4j';
import type { Database } from '../../server/db/neo4j';
import { RateLimitedError, RequestBodyError, RouteNotFoundError, UnauthorizedError, WritesDisabledError } from '../../server/http/errors';
import { PROBLEMS, problemHandler } from '../../server/http/problems';
import { InterchangeError, StixValidationError, UnknownExportFormatError } from '../../server/interchange';
import { ClaimGraphError, ERROR_CODES, InvalidRequestError, NotFoundError } from '../../server/model/errors';
import { DatasetValidationError } from '../../server/model/validate';
import { testApp } from '../support/api';
import { FIXTURE_FILE, resetAndSeed, signature, testDatabase } from '../support/db';

/** One instance of every error class the server declares, built as the code that throws it does. */
const SAMPLES: Record<string, () => ClaimGraphError> = {
  ClaimGraphError: () => new ClaimGraphError('not_found', 'nothing here'),
  InvalidRequestError: () => InvalidRequestError.field('depth', 'expected 1–3, got 7'),
  NotFoundError: () => new NotFoundError('actor', 'nobody'),
  DatasetValidationError: () =>
    new DatasetValidationError([{ file: 'a.json', record: 'claims[0] "c"', field: 'quote', message: 'not found' }]),
  RecordTypeConflictError: () => new RecordTypeConflictError([{ id: 'fbi', expected: 'Claim', found: ['Actor'] }]),
  ConnectionAcquisitionError: () => new ConnectionAcquisitionError(new Neo4jError('acquisition timed out', 'N/A', 'N/A', 'N/A')),
  DatabaseUnavailableError: () => new DatabaseUnavailableError(new Error('refused')),
  QueryTimeoutError: () => new QueryTimeoutError(new Error('timed out')),
  LocalNeo4jError: () => new LocalNeo4jError('java: not found'),
  BulkImportError: () => new BulkImportError('bulk import: the database holds 2985 nodes; the importer only makes a first load'),
  ConfigError: () => new ConfigError('PORT: expected an integer'),
  InterchangeError: () => new InterchangeError('edge e1', 'a relationship type', 'LIKES'),
  UnknownExportFormatError: () => new UnknownExportFormatError('pdf'),
  StixValidationError: () => new StixValidationError([{ index: 2, id: 'report--x', field: 'published', message: 'expected a timestamp' }]),
  RouteNotFoundError: () => new RouteNotFoundError('GET', '/api/nothing'),
  UnauthorizedError: () => new UnauthorizedError(),
  WritesDisabledError: () => new WritesDisabledError(),
  RateLimitedError: () => new RateLimitedError(600),
  RequestBodyError: () => new RequestBodyError(413),
};

/** Statuses an error may answer with: the request's fault, a conflict with what is stored, or the database away. */
const DELIBERATE = new Set([400, 401, 403, 404, 409, 413, 415, 429, 503]);

function serverSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'neo4j-launcher' ? [] : serverSources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** An app whose only route throws the given error, answered by the real problem handler. */
function throwing(error: unknown) {
  const app = express();
  app.get('/boom', () => {
    throw error;
  });
  app.use(problemHandler);
  return app;
}

describe('the error model', () => {
  test('every error class declared under server/ has a sample here, so none escapes the walk below', () => {
    const declared = serverSources(path.join(PROJECT_ROOT, 'server')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends (\w+)/g)]
        .filter(([, , base]) => base!.endsWith('Error'))
        .map(([, name]) => name!),
    );
    // ClaimGraphError itself extends Error; every other class extends it or one of its subclasses.
    expect(declared.length).toBeGreaterThanOrEqual(Object.keys(SAMPLES).length);
    expect(new Set(declared)).toEqual(new Set(Object.keys(SAMPLES)));
  });

  test.each(Object.entries(SAMPLES))('%s has a code whose answer is a deliberate status, rendered as problem+json', async (name, make) => {
    const error = make();
    expect(error).toBeInstanceOf(ClaimGraphError);
    expect(error.name).toBe(name);
    expect(ERROR_CODES).toContain(error.code);
    const spec = PROBLEMS[error.code];
    expect(DELIBERATE.has(spec.status)).toBe(true);
    const response = await request(throwing(error)).get('/boom');
    expect(response.status).toBe(spec.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.text) as { title: string; status: number; detail: string; errors?: unknown[] };
    expect(problem.title).toBe(spec.title);
    expect(problem.status).toBe(spec.status);
    expect(problem.detail).toBe(spec.detail ?? error.message);
    expect(response.text).not.toMatch(/\bat \w+ \(|\.ts:\d+/);
    for (const [header, value] of Object.entries({ ...spec.headers, ...error.headers }))
      expect(response.headers[header.toLowerCase()]).toBe(value);
  });

  test('every code is raised by some class: the table holds no dead entry', () => {
    const raised = new Set(Object.values(SAMPLES).map((make) => make().code));
    // Body errors take their code from the parser's status, so each status is one more sample.
    for (const status of [400, 415]) raised.add(new RequestBodyError(status).code);
    expect([...raised].sort()).toEqual([...ERROR_CODES].sort());
  });

  test("other libraries' errors get deliberate statuses too: Neo4j by code, zod as invalid input, body-parser by status", async () => {
    const timeout = new Neo4jError('timed out', 'Neo.ClientError.Transaction.TransactionTimedOut', 'N/A', 'N/A');
    const timedOut = await request(throwing(timeout)).get('/boom');
    expect([timedOut.status, timedOut.headers['retry-after']]).toEqual([503, '30']);
    const gone = await request(throwing(new Neo4jError('gone', 'ServiceUnavailable', 'N/A', 'N/A'))).get('/boom');
    expect([gone.status, gone.headers['retry-after']]).toEqual([503, '5']);
    const zodFailure = z.object({ depth: z.number() }).safeParse({ depth: 'x' });
    const invalid = await request(throwing(zodFailure.error)).get('/boom');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('depth');
    const parserError = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect((await request(throwing(parserError)).get('/boom')).body.title).toBe('Malformed request body');
    // A bug is the one 500, and its message stays in the log.
    const bug = await request(throwing(new TypeError('x is undefined'))).get('/boom');
    expect(bug.status).toBe(500);
    expect(bug.text).not.toContain('x is undefined');
  });
});

describe('POST /api/datasets', () => {
  let db: Database;
  let seededClaim: string;
  beforeAll(async () => {
    db = testDatabase();
    seededClaim = (await resetAndSeed(db)).claims[0]!.id;
  });
  afterAll(async () => {
    await db.close();
  });

  test('an id that already stands for another record type answers 409 problem+json, and nothing is written', async () => {
    const TOKEN = 'conflict-token-0123456789';
    const dataset = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as { actors: Array<Record<string, unknown>> };
    // An actor under the id of one of the seeded story's claims: loading it must not fold the two into one node.
    dataset.actors.push({ id: seededClaim, name: 'Namesake', kind: 'person' });
    const before = await signature(db);
    const response = await request(testApp(db, { WRITE_TOKEN: TOKEN }))
      .post('/api/datasets')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send(dataset);
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.title).toBe('Record type conflict');
    expect(response.body.errors).toEqual([{ field: seededClaim, message: 'stored as Claim, cannot be loaded as Actor' }]);
    expect(await signature(db)).toEqual(before);
  });
});
