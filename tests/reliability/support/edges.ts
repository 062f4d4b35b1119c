// Reliability #8: the HTTP edge on every route: helmet headers and no X-Powered-By on every answer, 413, 400, CORS allowlist, 429.
import type { Express } from 'express';
import request from 'supertest';
import { ROUTES } from '../../../server/http/routes';
import { listen, type ScenarioResult } from './http';
import { sampleUrl } from './injection';

/** Headers helmet sets with the app's configuration; each must be on every response, errors included. */
export const HELMET_HEADERS: Record<string, RegExp> = {
  'content-security-policy': /default-src 'self'/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cross-origin-resource-policy': /^same-origin$/,
  'origin-agent-cluster': /^\?1$/,
  'referrer-policy': /^no-referrer$/,
  'strict-transport-security': /max-age=\d+/,
  'x-content-type-options': /^nosniff$/,
  'x-dns-prefetch-control': /^off$/,
  'x-download-options': /^noopen$/,
  'x-frame-options': /^SAMEORIGIN$/,
  'x-permitted-cross-domain-policies': /^none$/,
  'x-xss-protection': /^0$/,
};

export interface EdgesOptions {
  token: string;
  app: (env: NodeJS.ProcessEnv) => Express;
  /** An app whose database is down, for 503s. */
  downApp: Express;
  dataset: unknown;
}

export async function edgesScenario(options: EdgesOptions): Promise<ScenarioResult> {
  const failures: string[] = [];
  const allowedOrigin = 'https://analyst.example';
  const servers = {
    main: await listen(options.app({ WRITE_TOKEN: options.token, CORS_ORIGINS: allowedOrigin, BODY_LIMIT: '50kb' })),
    limited: await listen(options.app({ RATE_LIMIT_PER_MINUTE: '5' })),
    down: await listen(options.downApp),
  };
  const seen = new Map<number, number>();
  const checkHeaders = (label: string, response: request.Response) => {
    seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
    if (response.headers['x-powered-by'] !== undefined) failures.push(`${label}: X-Powered-By is sent`);
    for (const [name, pattern] of Object.entries(HELMET_HEADERS)) {
      const value = response.headers[name];
      if (typeof value !== 'string' || !pattern.test(value))
        failures.push(`${label} (${response.status}): ${name} is ${JSON.stringify(value)}`);
    }
  };
  const expectStatus = (label: string, response: request.Response, status: number) => {
    if (response.status !== status) failures.push(`${label}: expected ${status}, got ${response.status} ${response.text?.slice(0, 200)}`);
  };
  const main = servers.main.server;
  try {
    const routes = ROUTES;
    for (const route of routes) {
      if (route.method === 'get') {
        const url = sampleUrl(route);
        const ok = await request(main).get(url);
        expectStatus(`GET ${url}`, ok, 200);
        checkHeaders(`GET ${url}`, ok);
        const bad = await request(main).get(`${url}${url.includes('?') ? '&' : '?'}bogus=1`);
        expectStatus(`GET ${url}&bogus=1`, bad, 400);
        checkHeaders(`GET ${url}&bogus=1`, bad);
        if (route.params !== undefined) {
          const missing = route.path.replace(/:[A-Za-z]+/, 'no-such-record');
          checkHeaders(`GET ${missing}`, await request(main).get(`/api${missing}`));
        }
        // A foreign origin gets no CORS header, on a simple request and on a preflight.
        const foreign = await request(main).get(url).set('Origin', 'https://evil.example');
        if (foreign.headers['access-control-allow-origin'] !== undefined) failures.push(`GET ${url}: CORS header for a foreign origin`);
        const allowed = await request(main).get(url).set('Origin', allowedOrigin);
        if (allowed.headers['access-control-allow-origin'] !== allowedOrigin)
          failures.push(`GET ${url}: no CORS header for the allowed origin`);
        const down = await request(servers.down.server).get(url);
        expectStatus(`GET ${url} with Neo4j down`, down, 503);
        checkHeaders(`GET ${url} with Neo4j down`, down);
        if (!/^\d+$/.test(String(down.headers['retry-after']))) failures.push(`GET ${url} with Neo4j down: no Retry-After`);
      } else {
        const url = `/api${route.path}`;
        const post = () => request(main).post(url).set('Authorization', `Bearer ${options.token}`);
        const huge = await post().send({ dataset: { id: 'x', title: 'x'.repeat(60_000) } });
        expectStatus(`POST ${url} oversized`, huge, 413);
        checkHeaders(`POST ${url} oversized`, huge);
        const malformed = await post().set('Content-Type', 'application/json').send('{"dataset": ');
        expectStatus(`POST ${url} malformed`, malformed, 400);
        checkHeaders(`POST ${url} malformed`, malformed);
        if (malformed.body?.title !== 'Malformed request body') failures.push(`POST ${url} malformed: title ${malformed.body?.title}`);
        const unauthorised = await request(main).post(url).send({});
        checkHeaders(`POST ${url} without a token`, unauthorised);
      }
      const preflight = await request(main)
        .options(`/api${route.path.replace(/:[A-Za-z]+/, 'fbi')}`)
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', route.method.toUpperCase());
      if (preflight.headers['access-control-allow-origin'] !== undefined)
        failures.push(`OPTIONS ${route.path}: CORS header for a foreign origin`);
      checkHeaders(`OPTIONS ${route.path}`, preflight);
    }
    for (const url of ['/api/openapi.json', '/api/docs/', '/api/nothing-here', '/nothing-here'])
      checkHeaders(`GET ${url}`, await request(main).get(url));

    // Rate limit: the sixth and seventh requests in a minute are refused, with the draft-8 RateLimit headers.
    const limited: request.Response[] = [];
    for (let i = 0; i < 7; i++) limited.push(await request(servers.limited.server).get('/api/health'));
    const limitedStatuses = limited.map((response) => response.status);
    if (JSON.stringify(limitedStatuses) !== JSON.stringify([200, 200, 200, 200, 200, 429, 429]))
      failures.push(`rate limit 5/min answered ${limitedStatuses.join(', ')}`);
    const refused = limited[6]!;
    checkHeaders('GET /api/health over the rate limit', refused);
    // draft-8: `"5-in-1min"; r=0; t=60`, i.e. none remaining and the seconds until the window resets.
    if (!/;\s*r=0;\s*t=\d+/.test(String(refused.headers['ratelimit'])))
      failures.push(`429 without a RateLimit header: ${refused.headers['ratelimit']}`);
    if (refused.headers['ratelimit-policy'] === undefined) failures.push('429 without a RateLimit-Policy header');
    if (refused.type !== 'application/problem+json') failures.push(`429 answered ${refused.type}`);

    const statuses = [...seen].sort(([a], [b]) => a - b);
    return {
      figure: `${routes.length} routes; helmet headers checked on ${statuses.reduce((sum, [, n]) => sum + n, 0)} responses (${statuses
        .map(([status, n]) => `${status}×${n}`)
        .join(
          ', ',
        )}); oversized → 413, malformed → 400 on every write route; foreign origin never gets CORS; 5/min limit → ${limitedStatuses.join(',')}; ${failures.length} failures`,
      failures,
      details: { statuses: Object.fromEntries(seen), limitedStatuses },
    };
  } finally {
    for (const server of Object.values(servers)) await server.close();
  }
}
