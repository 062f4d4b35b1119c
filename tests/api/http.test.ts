// The HTTP edge: OpenAPI and docs, helmet headers, CORS allowlist, rate limit, body limits, write auth and POST /api/datasets.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { ROUTES } from '../../server/http/routes';
import { FIXTURE_FILE, PATIENT, signature, useDatabase } from '../support/db';
import { testApp } from '../support/api';
import { authScenario, servedRoutes } from '../reliability/support/auth';

const TOKEN = 'test-token-0123456789';
const store = useDatabase({ seed: true, env: PATIENT });

const ALL_ROUTES = ROUTES;
const WRITE_ROUTES = ALL_ROUTES.filter((route) => route.method !== 'get');

describe('GET /api/openapi.json and /api/docs', () => {
  test('the generated OpenAPI 3.1 document lists every route of the router', async () => {
    const response = await request(testApp(store.db)).get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    for (const route of ALL_ROUTES) {
      const path = `/api${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      expect(response.body.paths[path]?.[route.method]).toBeDefined();
    }
  });

  test('the docs page is browsable', async () => {
    const response = await request(testApp(store.db)).get('/api/docs/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger-ui');
  });
});

describe('response headers', () => {
  test('helmet headers on success and on errors, and no X-Powered-By', async () => {
    const app = testApp(store.db);
    for (const url of ['/api/health', '/api/actors/nobody', '/api/nothing-here']) {
      const response = await request(app).get(url);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-request-id']).toBeTruthy();
    }
  });

  test('an unknown route is a 404 problem', async () => {
    const response = await request(testApp(store.db)).get('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.type).toBe('application/problem+json');
  });
});

describe('CORS', () => {
  test('an allowed origin gets the header; a foreign origin gets none', async () => {
    const app = testApp(store.db, { CORS_ORIGINS: 'https://analyst.example' });
    const allowed = await request(app).get('/api/health').set('Origin', 'https://analyst.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://analyst.example');
    const foreign = await request(app).get('/api/health').set('Origin', 'https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limit', () => {
  test('over the limit answers 429 with RateLimit headers', async () => {
    const app = testApp(store.db, { RATE_LIMIT_PER_MINUTE: '3' });
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await request(app).get('/api/health');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.headers['ratelimit']).toBeDefined();
    expect(last!.headers['ratelimit-policy']).toBeDefined();
    expect(last!.type).toBe('application/problem+json');
  });
});

describe('write routes', () => {
  test('there is at least one, taken from the router', () => {
    expect(WRITE_ROUTES.map((route) => route.path)).toContain('/datasets');
  });

  test('every non-GET route, from the route table and from the app itself: no token → 401, wrong token → 401, writes disabled → 403, nothing written', async () => {
    const result = await authScenario(store.db, {
      token: TOKEN,
      app: (env) => testApp(store.db, env),
      bodyFor: () => JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')),
    });
    expect(result.failures).toEqual([]);
    // POST /api/stix comes from extraRoutes; it must be among the routes checked.
    expect(result.details!.routes).toEqual(expect.arrayContaining(['post /api/datasets', 'post /api/stix']));
  });

  test('a route added to the app outside the table is found by the walk', () => {
    const app = testApp(store.db, { WRITE_TOKEN: TOKEN });
    app.post('/api/sneaky', (_req, res) => void res.json({}));
    expect(servedRoutes(app)).toEqual(expect.arrayContaining([{ method: 'post', path: '/api/sneaky' }]));
  });
});

describe('POST /api/datasets', () => {
  const app = () => testApp(store.db, { WRITE_TOKEN: TOKEN, BODY_LIMIT: '50kb' });
  const post = () => request(app()).post('/api/datasets').set('Authorization', `Bearer ${TOKEN}`);

  test('loads a dataset and reports created then matched counts on a repeat', async () => {
    const dataset = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8'));
    const first = await post().send(dataset);
    expect(first.status).toBe(200);
    // 1 source + 5 actors + 1 incident + 4 claims + the source's text as a Document node = 12.
    expect(first.body.created.nodes).toBe(12);
    const second = await post().send(dataset);
    expect(second.status).toBe(200);
    expect(second.body.created.nodes).toBe(0);
    expect(second.body.matched.nodes).toBe(11);
  });

  test('an invalid dataset gets 400 listing every problem, and nothing is written', async () => {
    const before = await signature(store.db);
    const dataset = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8'));
    dataset.dataset.id = 'another';
    dataset.claims[0].claimant = 'nobody';
    dataset.claims[1].disputes = ['ghost'];
    const response = await post().send(dataset);
    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveLength(2);
    expect(response.body.errors[0].field).toContain('claims[0] "hpa-blames-delta" claimant.0');
    expect(await signature(store.db)).toEqual(before);
  });

  test('an oversized body gets 413 and malformed JSON gets 400', async () => {
    const huge = { dataset: { id: 'x', title: 'x'.repeat(60_000) } };
    expect((await post().send(huge)).status).toBe(413);
    const malformed = await post().set('Content-Type', 'application/json').send('{"dataset": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.title).toBe('Malformed request body');
  });
});
