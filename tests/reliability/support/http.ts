// Shared pieces of the reliability checks: a listening server for the app, the result shape, and the leak detector.
import type { Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What every reliability scenario hands back: a one-line figure for RELIABILITY.md and every criterion it broke. */
export interface ScenarioResult {
  figure: string;
  failures: string[];
  details?: Record<string, unknown>;
}

/** Listens on 127.0.0.1 only; supertest reuses this one server instead of opening one per request. */
export async function listen(app: Express): Promise<{ server: Server; base: string; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const started = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(started)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Text that must never reach a client: Neo4j error codes and class names, Java packages, our own
 * Cypher, and stack frames. Callers strip what the client itself sent first, since echoing input is not a leak.
 */
export const LEAK_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ['Neo4j error code', /Neo\.(ClientError|TransientError|DatabaseError)/],
  ['driver error name', /Neo4jError|ServiceUnavailable|SessionExpired/],
  ['Java package', /org\.neo4j|java\.lang\./],
  ['Cypher text', /\b(MATCH|MERGE|UNWIND|OPTIONAL MATCH)\s*\(|\bDETACH DELETE\b|\bRETURN\s+[\w.]+\s+AS\b|\bCALL\s+db\./],
  ['stack trace', /\n\s+at .+[(:]\S+:\d+:\d+\)?|\bat (Object|Function|async|new)\s|\.(ts|js|mjs|cjs):\d+:\d+/],
  ['error class', /\b(TypeError|ReferenceError|SyntaxError|RangeError)\b/],
];

/** Names the first leak pattern found in `body` once every string the client sent is removed from it. */
export function findLeak(body: string, sent: readonly string[] = []): string | undefined {
  // Most bodies match nothing, so the costly stripping only runs when a pattern matched the raw text.
  if (!LEAK_PATTERNS.some(([, pattern]) => pattern.test(body))) return undefined;
  let text = body;
  for (const value of sent) {
    if (value === '') continue;
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), encodeURI(value)])) {
      text = text.split(form).join('');
    }
  }
  return LEAK_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
