// The API client: typed GET requests with a timeout, RFC 9457 problems turned into ApiProblemError, shapes checked lightly.
import type {
  ActorDetail,
  Attribution,
  Chain,
  ClaimDetail,
  ExplanationDetail,
  GraphView,
  PathsResponse,
  Problem,
  SearchResponse,
  SourceDetail,
  SourceDocument,
} from '../../../server/model/api';
import type { ChainDirection, RecordType } from '../../../server/model/vocabulary';
import { ApiNetworkError, ApiProblemError, ApiTimeoutError, InvalidResponseError, describeValue } from './errors';

export interface ApiOptions {
  base: string;
  timeoutMs: number;
  /** Replaceable for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

/** Builds `base + path + ?query`, skipping undefined parameters. */
export function apiUrl(base: string, path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return `${base.replace(/\/$/, '')}${path}${search === '' ? '' : `?${search}`}`;
}

/** A problem object from any error body; a body that is not one becomes a problem made from the status. */
export function toProblem(status: number, statusText: string, body: unknown): Problem {
  if (body !== null && typeof body === 'object' && typeof (body as Problem).title === 'string') {
    const problem = body as Partial<Problem>;
    return {
      type: typeof problem.type === 'string' ? problem.type : 'about:blank',
      title: problem.title as string,
      status: typeof problem.status === 'number' ? problem.status : status,
      ...(typeof problem.detail === 'string' ? { detail: problem.detail } : {}),
      ...(typeof problem.requestId === 'string' ? { requestId: problem.requestId } : {}),
      ...(Array.isArray(problem.errors) ? { errors: problem.errors } : {}),
    };
  }
  const text = typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 200) : undefined;
  return { type: 'about:blank', title: statusText || `HTTP ${status}`, status, ...(text === undefined ? {} : { detail: text }) };
}

/** Retry-After in seconds (delta-seconds or HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - now) / 1000));
}

function requireObject<T>(where: string, body: unknown, keys: string[], expected: string): T {
  if (body === null || typeof body !== 'object' || keys.some((key) => !(key in (body as object)))) {
    throw new InvalidResponseError(where, expected, describeValue(body));
  }
  return body as T;
}

export class ApiClient {
  private readonly options: ApiOptions;

  constructor(options: ApiOptions) {
    this.options = options;
  }

  /** GET a JSON document; `signal` lets a caller cancel a request that a newer one replaced. */
  async get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
    const url = apiUrl(this.options.base, path, query);
    const where = `GET ${url}`;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const doFetch = this.options.fetch ?? fetch;
    try {
      let response: Response;
      try {
        response = await doFetch(url, { headers: { accept: 'application/json, application/problem+json' }, signal: controller.signal });
      } catch (error) {
        if (timedOut) throw new ApiTimeoutError(where, this.options.timeoutMs);
        if (signal?.aborted) throw error;
        throw new ApiNetworkError(where, error instanceof Error ? error.message : String(error));
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (timedOut) throw new ApiTimeoutError(where, this.options.timeoutMs);
        throw new ApiNetworkError(where, error instanceof Error ? error.message : String(error));
      }
      let body: unknown = text;
      const type = response.headers.get('content-type') ?? '';
      if (type.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          if (response.ok) throw new InvalidResponseError(where, 'a JSON body', `${text.length} characters that do not parse`);
        }
      }
      if (!response.ok)
        throw new ApiProblemError(
          where,
          toProblem(response.status, response.statusText, body),
          parseRetryAfter(response.headers.get('retry-after')),
        );
      if (typeof body === 'string') throw new InvalidResponseError(where, 'a JSON body', `content-type ${JSON.stringify(type)}`);
      return body as T;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async wholeGraph(limit: number): Promise<GraphView> {
    const body = await this.get<unknown>('/graph', { limit });
    return requireObject<GraphView>('GET /graph', body, ['graph', 'truncated'], 'an object with "graph" and "truncated"');
  }

  async search(q: string, limit: number, signal?: AbortSignal, types?: RecordType[]): Promise<SearchResponse> {
    const body = await this.get<unknown>('/search', { q, limit, types: types?.join(',') }, signal);
    return requireObject<SearchResponse>('GET /search', body, ['results'], 'an object with "results"');
  }

  async actor(id: string): Promise<ActorDetail> {
    const body = await this.get<unknown>(`/actors/${encodeURIComponent(id)}`);
    return requireObject<ActorDetail>(`GET /actors/${id}`, body, ['actor', 'claimsMade', 'claimsAbout', 'affiliations'], 'an actor detail');
  }

  async claim(id: string): Promise<ClaimDetail> {
    const body = await this.get<unknown>(`/claims/${encodeURIComponent(id)}`);
    return requireObject<ClaimDetail>(`GET /claims/${id}`, body, ['claim', 'claimant', 'sources'], 'a claim detail');
  }

  async source(id: string): Promise<SourceDetail> {
    const body = await this.get<unknown>(`/sources/${encodeURIComponent(id)}`);
    return requireObject<SourceDetail>(`GET /sources/${id}`, body, ['source', 'claims'], 'a source detail');
  }

  /** The article's text and every claim span in it; a source without text answers 404 (an ApiProblemError). */
  async document(sourceId: string, signal?: AbortSignal): Promise<SourceDocument> {
    const path = `/sources/${encodeURIComponent(sourceId)}/document`;
    const body = await this.get<unknown>(path, {}, signal);
    const answer = requireObject<SourceDocument>(`GET ${path}`, body, ['source', 'text', 'spans'], 'a source document');
    if (typeof answer.text !== 'string' || !Array.isArray(answer.spans))
      throw new InvalidResponseError(`GET ${path}`, 'a "text" string and a "spans" array', describeValue(body));
    return answer;
  }

  async explanation(id: string): Promise<ExplanationDetail> {
    const body = await this.get<unknown>(`/explanations/${encodeURIComponent(id)}`);
    return requireObject<ExplanationDetail>(`GET /explanations/${id}`, body, ['explanation', 'claims'], 'an explanation detail');
  }

  /** `page` widens the lists (most accused actors, most claims per side); the counts cover every claim either way. */
  async attribution(incidentId: string, page: { limit: number; claimsPerSide: number } | undefined = undefined): Promise<Attribution> {
    const body = await this.get<unknown>(`/incidents/${encodeURIComponent(incidentId)}/attribution`, page ?? {});
    return requireObject<Attribution>(`GET /incidents/${incidentId}/attribution`, body, ['incident', 'accused', 'graph'], 'an attribution');
  }

  async neighborhood(id: string, depth: number, limit: number): Promise<GraphView> {
    const body = await this.get<unknown>(`/graph/neighborhood/${encodeURIComponent(id)}`, { depth, limit });
    return requireObject<GraphView>(`GET /graph/neighborhood/${id}`, body, ['graph'], 'an object with "graph"');
  }

  async paths(from: string, to: string, maxHops: number): Promise<PathsResponse> {
    const body = await this.get<unknown>('/graph/paths', { from, to, maxHops });
    return requireObject<PathsResponse>('GET /graph/paths', body, ['paths', 'graph'], 'an object with "paths" and "graph"');
  }

  async chain(claimId: string, direction: ChainDirection): Promise<Chain> {
    const body = await this.get<unknown>(`/graph/chains/${encodeURIComponent(claimId)}`, { direction });
    return requireObject<Chain>(`GET /graph/chains/${claimId}`, body, ['root', 'steps', 'graph'], 'a chain');
  }
}
