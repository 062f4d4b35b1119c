// The API client: problems from error answers, Retry-After, timeouts and unreachable servers become typed errors.
import { ApiClient, apiUrl, parseRetryAfter, toProblem } from '../../client/src/core/api';
import { ApiNetworkError, ApiProblemError, ApiTimeoutError, InvalidResponseError, describeError } from '../../client/src/core/errors';

function respond(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return (async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/problem+json', ...headers },
    })) as typeof fetch;
}

describe('API client', () => {
  test('a source document comes from /sources/:id/document; a source without text is a 404 problem saying so', async () => {
    const answer = { source: { id: 'src-a', title: 'An article' }, text: 'The FBI said so.', spans: [] };
    const asked: string[] = [];
    const fetching = (async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const client = new ApiClient({ base: '/api', timeoutMs: 1000, fetch: fetching });
    expect(await client.document('src-a')).toEqual(answer);
    expect(asked).toEqual(['/api/sources/src-a/document']);

    const problem = { type: 'about:blank', title: 'Not found', status: 404, detail: 'source "src-b" has no text in the database' };
    const missing = new ApiClient({ base: '/api', timeoutMs: 1000, fetch: respond(404, problem) });
    const error = await missing.document('src-b').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblemError);
    expect(describeError(error).detail).toBe(problem.detail);

    const wrong = new ApiClient({
      base: '/api',
      timeoutMs: 1000,
      fetch: (async () =>
        new Response(JSON.stringify({ source: {}, text: 3, spans: 'none' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        })) as typeof fetch,
    });
    await expect(wrong.document('src-a')).rejects.toThrow(InvalidResponseError);
  });

  test('urls skip undefined parameters', () => {
    expect(apiUrl('/api/', '/search', { q: 'FBI', limit: 5, types: undefined })).toBe('/api/search?q=FBI&limit=5');
    expect(apiUrl('/api', '/graph')).toBe('/api/graph');
  });

  test('a 503 problem becomes an ApiProblemError with its title, detail and Retry-After', async () => {
    const problem = {
      type: 'https://example.org/db',
      title: 'Database unavailable',
      status: 503,
      detail: 'Neo4j did not answer',
      requestId: 'r1',
    };
    const client = new ApiClient({ base: '/api', timeoutMs: 1000, fetch: respond(503, problem, { 'retry-after': '5' }) });
    const error = await client.wholeGraph(10).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblemError);
    expect((error as ApiProblemError).problem).toEqual(problem);
    expect((error as ApiProblemError).retryAfter).toBe(5);
    expect(describeError(error)).toEqual({ title: 'Database unavailable', detail: 'Neo4j did not answer', retryAfter: 5 });
  });

  test('an error without a problem body still gets a title', async () => {
    const client = new ApiClient({ base: '/api', timeoutMs: 1000, fetch: respond(502, 'Bad gateway from proxy') });
    const error = (await client.wholeGraph(10).catch((caught: unknown) => caught)) as ApiProblemError;
    expect(error.problem.status).toBe(502);
    expect(error.problem.detail).toBe('Bad gateway from proxy');
    expect(toProblem(500, '', null).title).toBe('HTTP 500');
  });

  test('no answer within the timeout becomes an ApiTimeoutError', async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch;
    const client = new ApiClient({ base: '/api', timeoutMs: 150, fetch: hanging });
    const error = await client.wholeGraph(10).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect((error as Error).message).toMatch(/GET \/api\/graph\?limit=10: expected an answer within 0\.1 s|within 0\.2 s/);
  });

  test('an unreachable server becomes an ApiNetworkError', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const client = new ApiClient({ base: '/api', timeoutMs: 1000, fetch: failing });
    await expect(client.actor('fbi')).rejects.toThrow(ApiNetworkError);
  });

  test('a 200 of the wrong shape becomes an InvalidResponseError naming the route', async () => {
    const client = new ApiClient({
      base: '/api',
      timeoutMs: 1000,
      fetch: (async () => new Response('{"nodes":[]}', { headers: { 'content-type': 'application/json' } })) as typeof fetch,
    });
    await expect(client.wholeGraph(5)).rejects.toThrow(InvalidResponseError);
    await expect(client.wholeGraph(5)).rejects.toThrow(/GET \/graph: expected an object with "graph" and "truncated"/);
  });

  test('Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
