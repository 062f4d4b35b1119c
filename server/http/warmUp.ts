// Runs every read route of the table once against real records, so Neo4j has planned each query before a user waits on one.
import { readTransaction, type Database } from '../db/neo4j';
import { NotFoundError } from '../model/errors';
import type { RouteDeps, RouteSpec } from './router';

export interface WarmUpReport {
  routes: number;
  /** Routes whose run failed, with the error's code or name; a warm-up failure never stops the server. */
  failed: string[];
  milliseconds: number;
}

interface Samples {
  incident: string | null;
  claim: string | null;
  /** Who made `claim`: the actor sample, and one hop from the claim, so a path search between the two ends at once. */
  claimant: string | null;
  source: string | null;
  explanation: string | null;
}

async function samples(db: Database): Promise<Samples> {
  return readTransaction(db, async (tx) => {
    const result = await tx.run(
      `CALL () { OPTIONAL MATCH (i:Record:Incident) RETURN i.id AS incident LIMIT 1 }
       CALL () { OPTIONAL MATCH (m:Actor)-[:MADE]->(c:Record:Claim) RETURN c.id AS claim, m.id AS claimant LIMIT 1 }
       CALL () { OPTIONAL MATCH (s:Record:Source) RETURN s.id AS source LIMIT 1 }
       CALL () { OPTIONAL MATCH (e:Record:Explanation) RETURN e.id AS explanation LIMIT 1 }
       RETURN incident, claim, claimant, source, explanation`,
    );
    const record = result.records[0];
    return {
      incident: (record?.get('incident') as string | null | undefined) ?? null,
      claim: (record?.get('claim') as string | null | undefined) ?? null,
      claimant: (record?.get('claimant') as string | null | undefined) ?? null,
      source: (record?.get('source') as string | null | undefined) ?? null,
      explanation: (record?.get('explanation') as string | null | undefined) ?? null,
    };
  });
}

/** Which sample record a route's path parameter names, from the route's path. */
function pathSample(path: string, found: Samples): string | null {
  if (path.startsWith('/incidents/')) return found.incident;
  if (path.startsWith('/claims/') || path.startsWith('/graph/chains/')) return found.claim;
  if (path.startsWith('/sources/')) return found.source;
  if (path.startsWith('/explanations/')) return found.explanation;
  return found.claimant;
}

/** Query values that give a route real work; list sizes are kept small because only the plan matters here. */
function querySample(path: string, found: Samples): Array<Record<string, string>> {
  if (path === '/search') return [{ q: 'attack' }];
  if (path === '/graph') return [{ limit: '10' }];
  // Each hop bound is its own statement; between neighbours every one of them answers at the first hop.
  if (path === '/graph/paths')
    return found.claim === null || found.claimant === null
      ? []
      : [1, 2, 3, 4, 5, 6].map((hops) => ({ from: found.claim!, to: found.claimant!, maxHops: String(hops) }));
  if (path === '/graph/chains/:claimId') return [{ direction: 'upstream' }, { direction: 'downstream' }];
  if (path === '/graph/neighborhood/:id') return [{ depth: '2' }];
  // Without an incident it would read every accusation of the graph; one incident plans the same statements.
  if (path === '/contradictions') return found.incident === null ? [] : [{ incident: found.incident }];
  // The same for the claimant network: one incident's network is what the explorer asks for.
  if (path === '/networks/claimants') return found.incident === null ? [] : [{ incident: found.incident }];
  // An export renders a view whose queries are that view's own, warmed through its route; the analyst views that also
  // download as CSV are warmed in their default, JSON, form.
  if (path === '/export') return [];
  return [{}];
}

/**
 * Runs each GET route of `routes` with the generous `timeoutMs`: the first plan of a query on a cold server can take
 * longer than the per-request timeout, and that cost should fall here rather than on a user's request.
 */
export async function warmUp(deps: RouteDeps, routes: readonly RouteSpec[], timeoutMs = 30_000): Promise<WarmUpReport> {
  const started = performance.now();
  const patient: RouteDeps = { ...deps, db: { ...deps.db, queryTimeoutMs: Math.max(timeoutMs, deps.db.queryTimeoutMs) } };
  const found = await samples(patient.db);
  const failed: string[] = [];
  let ran = 0;
  for (const route of routes) {
    if (route.method !== 'get') continue;
    const id = pathSample(route.path, found);
    const params = route.path.includes(':claimId') ? { claimId: id } : route.path.includes(':id') ? { id } : {};
    if (Object.values(params).some((value) => value === null)) continue;
    for (const query of querySample(route.path, found)) {
      ran++;
      try {
        await route.run(
          {
            params: route.params?.parse(params) ?? {},
            query: route.query?.parse(query) ?? {},
            body: undefined,
          },
          patient,
        );
      } catch (error) {
        // A sample without the thing asked for (a source with no text) still had its query planned.
        if (error instanceof NotFoundError) continue;
        const code = (error as { code?: unknown }).code;
        failed.push(`${route.path}: ${typeof code === 'string' ? code : (error as Error).name}`);
      }
    }
  }
  return { routes: ran, failed, milliseconds: Math.round(performance.now() - started) };
}
