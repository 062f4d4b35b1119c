// Bounded HTTP load against 127.0.0.1 only: closed-loop workers or a fixed open-loop rate, timing each request in microseconds.
import http from 'node:http';

/** Reads on the seed dataset that the load tests mix: an actor, an attribution, a search, a filtered claim list and a depth-2 neighbourhood. */
export const SEED_READS = [
  '/api/actors/fbi',
  '/api/incidents/sony-hack/attribution',
  '/api/search?q=north%20korea',
  '/api/claims?accused=dprk',
  '/api/graph/neighborhood/fbi?depth=2',
];

export interface Sample {
  /** When the request was sent, ms since the load started. */
  at: number;
  ms: number;
  status: number;
  /** The Retry-After header, when present. */
  retryAfter?: string;
  error?: string;
  label: string;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  label: string;
  /** Called with the outcome, e.g. to remember which imports were acknowledged. */
  onDone?: (sample: Sample) => void;
}

function assertLoopback(base: string): URL {
  const url = new URL(base);
  // Load and fault tests never leave this machine.
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`load target must be loopback, got ${url.hostname}`);
  return url;
}

export function send(agent: http.Agent, base: URL, spec: RequestSpec, started: number, timeoutMs: number): Promise<Sample> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    const finish = (sample: Omit<Sample, 'at' | 'ms' | 'label'>) => {
      const done: Sample = { at: sentAt - started, ms: performance.now() - sentAt, label: spec.label, ...sample };
      spec.onDone?.(done);
      resolve(done);
    };
    const req = http.request(
      {
        host: base.hostname.replace(/^\[|\]$/g, ''),
        port: base.port,
        method: spec.method,
        path: spec.path,
        agent,
        headers: { ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }), ...spec.headers },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          finish({ status: res.statusCode ?? 0, ...(retryAfter === undefined ? {} : { retryAfter: String(retryAfter) }) });
        });
        res.on('error', (error) => finish({ status: 0, error: error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => finish({ status: 0, error: error.message }));
    req.end(spec.body);
  });
}

/** `connections` workers each send the next request as soon as the previous answered, until `durationMs` has passed. */
export async function closedLoop(
  base: string,
  options: {
    connections: number;
    durationMs: number;
    next: (worker: number, n: number) => RequestSpec;
    timeoutMs?: number;
    /** Keeps the load going past `durationMs` while this says so (bounded by the caller). */
    extend?: (elapsedMs: number) => boolean;
  },
): Promise<Sample[]> {
  const url = assertLoopback(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const started = performance.now();
  const samples: Sample[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async (_, worker) => {
      const going = () => {
        const elapsed = performance.now() - started;
        return elapsed < options.durationMs || (options.extend?.(elapsed) ?? false);
      };
      while (going()) {
        samples.push(await send(agent, url, options.next(worker, n++), started, options.timeoutMs ?? 30_000));
      }
    }),
  );
  agent.destroy();
  return samples;
}

/** Sends `rate` requests a second for `durationMs`, whatever the answers' speed (at most `maxInFlight` waiting). */
export async function openLoop(
  base: string,
  options: { rate: number; durationMs: number; next: (n: number) => RequestSpec; maxInFlight?: number; timeoutMs?: number },
): Promise<{ samples: Sample[]; dropped: number }> {
  const url = assertLoopback(base);
  const maxInFlight = options.maxInFlight ?? 64;
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
  const started = performance.now();
  const samples: Sample[] = [];
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let dropped = 0;
  while (performance.now() - started < options.durationMs) {
    // Catch up to the schedule: requests due by now are sent now.
    const due = Math.floor(((performance.now() - started) / 1000) * options.rate);
    while (sent < due) {
      sent++;
      if (pending.size >= maxInFlight) {
        dropped++;
        continue;
      }
      const p: Promise<void> = send(agent, url, options.next(sent), started, options.timeoutMs ?? 30_000).then((sample) => {
        samples.push(sample);
        pending.delete(p);
      });
      pending.add(p);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  agent.destroy();
  return { samples, dropped };
}
