// Workload phase: picks what the API phase asks for (random claims as centres and path ends, the busiest and a median incident) and builds its scenarios.
import { readTransaction, type Database } from '../server/db/neo4j';
import { competingHypotheses } from '../server/graph/analysis/ach';
import { contradictions } from '../server/graph/analysis/contradictions';
import { matrix } from '../server/graph/analysis/matrix';
import { claimantNetwork } from '../server/graph/analysis/networks';
import * as service from '../server/graph/service';
import { contradictionsQuery, matrixQuery } from '../server/model/analysis';
import { claimantNetworkQuery } from '../server/model/hypotheses';
import { hashSeed, mulberry32, randomInt } from '../seed/random';
import type { SyntheticPlan } from '../seed/synthetic';
import type { Scenario } from './types';

export interface Workload {
  centres: string[];
  pairs: Array<readonly [string, string]>;
  busyIncident: string;
  busyClaims: number;
  /** The incident in the middle when all are ranked by their claims: what attribution costs on a typical one. */
  medianIncident: string;
  medianClaims: number;
}

export async function pickWorkload(db: Database, plan: SyntheticPlan, seed: number): Promise<Workload> {
  const random = mulberry32(hashSeed(seed, 77));
  const claim = () => `${plan.prefix}c${randomInt(random, plan.claims)}`;
  const centres = Array.from({ length: 48 }, claim);
  const pairs = Array.from({ length: 24 }, () => [claim(), claim()] as const);
  // One count per incident, ranked once: the last is the busiest (the highest id among equals), the middle the median.
  const ranked = await readTransaction(
    db,
    (tx) =>
      tx.run(
        `MATCH (i:Record:Incident) WHERE i.id STARTS WITH $prefix
         WITH i.id AS id, COUNT { (i)<-[:ABOUT]-(:Claim) } AS claims ORDER BY claims, id
         WITH collect({id: id, claims: claims}) AS ranked
         RETURN ranked[-1] AS busiest, ranked[size(ranked) / 2] AS median`,
        { prefix: plan.prefix },
      ),
    120_000,
  );
  const busiest = ranked.records[0]!.get('busiest') as { id: string; claims: unknown };
  const middle = ranked.records[0]!.get('median') as { id: string; claims: unknown };
  return {
    centres,
    pairs,
    busyIncident: busiest.id,
    busyClaims: Number(busiest.claims),
    medianIncident: middle.id,
    medianClaims: Number(middle.claims),
  };
}

/** The API requests the bench measures, in the order it measures them. */
export function scenarios(workload: Workload): Scenario[] {
  const neighbourhood = (depth: number): Scenario => ({
    name: `neighbourhood depth ${depth} limit 500`,
    items: workload.centres.length,
    path: (i) => `/api/graph/neighborhood/${workload.centres[i]}?depth=${depth}&limit=500`,
    call: (d, i) => service.neighborhood(d, workload.centres[i]!, depth, 500, undefined),
    judgedAtConcurrency16: depth === 2,
  });
  return [
    neighbourhood(1),
    neighbourhood(2),
    neighbourhood(3),
    {
      name: 'attribution of the busiest incident',
      items: 1,
      path: () => `/api/incidents/${workload.busyIncident}/attribution`,
      call: (d) => service.attribution(d, workload.busyIncident),
    },
    // Beside the busiest: with kept tallies, attribution's cost should not grow with an incident's claims.
    {
      name: 'attribution of a median incident',
      items: 1,
      path: () => `/api/incidents/${workload.medianIncident}/attribution`,
      call: (d) => service.attribution(d, workload.medianIncident),
    },
    // The analyst views of the same incident: each is one read transaction over its accusations, like attribution.
    {
      name: 'who-blames-whom matrix of the busiest incident',
      items: 1,
      path: () => `/api/incidents/${workload.busyIncident}/matrix`,
      call: (d) => matrix(d, workload.busyIncident, matrixQuery.parse({})),
    },
    {
      name: 'contradictions of the busiest incident',
      items: 1,
      path: () => `/api/contradictions?incident=${workload.busyIncident}`,
      call: (d) => contradictions(d, contradictionsQuery.parse({ incident: workload.busyIncident })),
    },
    {
      name: 'claimant network of the busiest incident',
      items: 1,
      path: () => `/api/networks/claimants?incident=${workload.busyIncident}`,
      call: (d) => claimantNetwork(d, claimantNetworkQuery.parse({ incident: workload.busyIncident })),
    },
    {
      name: 'competing hypotheses of the busiest incident',
      items: 1,
      path: () => `/api/incidents/${workload.busyIncident}/ach`,
      call: (d) => competingHypotheses(d, workload.busyIncident, undefined),
    },
    {
      name: 'paths up to 6 hops',
      items: workload.pairs.length,
      path: (i) => `/api/graph/paths?from=${workload.pairs[i]![0]}&to=${workload.pairs[i]![1]}&maxHops=6`,
      call: (d, i) => service.paths(d, workload.pairs[i]![0], workload.pairs[i]![1], 6, 5),
    },
  ];
}
