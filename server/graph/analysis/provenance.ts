// Provenance: where a claim came from, following `cites` and `characterizes` back to the claims that rest on nothing
// further (its origins), with the outlets it was reported via, loops (circular reporting) and independent origins.
import type { ManagedTransaction } from 'neo4j-driver';
import { toInteger, toPlain } from '../../db/records';
import { readTransaction, type Database } from '../../db/neo4j';
import type { ActorRef } from '../../model/api';
import { ANALYSIS_CAPS, type Provenance, type ProvenanceStep } from '../../model/analysis';
import { NotFoundError } from '../../model/errors';
import { CLAIM_LINKS, FIRM_CERTAINTIES, PROVENANCE_LINKS, STANCES, type ProvenanceLink, type Stance } from '../../model/vocabulary';
import { asOfParameters, countsAsOf, type AsOf } from '../asOf';
import { independentGroups, type Tie } from '../independence';
import { claimsWithClaimants, firmTiesFrom } from '../repository';
import { claimantGroups } from './accusations';

/**
 * The origin rule, for the walk and the single statement alike: an origin of a claim is a claim reached from it in
 * at most `provenanceDepth` steps of `cites` or `characterizes` (itself included) that cites and characterizes
 * nothing. A claim on a loop links onward, so a loop adds no origin; nor does a chain longer than the cap.
 */
const LINK_TYPES = PROVENANCE_LINKS.map((link) => CLAIM_LINKS[link]).join('|');
const LINK_OF_TYPE = new Map<string, ProvenanceLink>(PROVENANCE_LINKS.map((link) => [CLAIM_LINKS[link], link]));
const DEPTH = ANALYSIS_CAPS.provenanceDepth;
if (!Number.isInteger(DEPTH) || DEPTH < 1) throw new RangeError(`provenanceDepth: expected a positive integer, got ${DEPTH}`);

const LEVEL = `UNWIND $frontier AS cid
  MATCH (:Record:Claim {id: cid})-[l:${LINK_TYPES}]->(c:Claim)
  RETURN cid AS from, c.id AS to, type(l) AS type
  ORDER BY from, to, type
  LIMIT $cap`;

const LINKING = `UNWIND $ids AS cid
  MATCH (x:Record:Claim {id: cid}) WHERE EXISTS { (x)-[:${LINK_TYPES}]->(:Claim) }
  RETURN x.id AS id`;

const REPORTED_VIA = `UNWIND $ids AS cid
  MATCH (:Record:Claim {id: cid})-[:REPORTED_VIA]->(a:Actor)
  RETURN cid AS claim, a {.id, .name, .kind} AS actor ORDER BY claim, actor.id`;

/** Rows one level may read; beyond it the walk stops and says it was cut. */
const LEVEL_ROWS_CAP = 5000;

interface Reached {
  from: string;
  depth: number;
  via: Set<ProvenanceLink>;
}

/**
 * The `cites`/`characterizes` links reachable from one claim, read breadth-first one level per query (at most
 * `provenanceDepth` levels and `provenanceClaims` claims), with how each claim was first reached. Links are followed
 * whatever their date: what a claim rests on was said before it, even where the data does not date it.
 */
export class ProvenanceWalk {
  readonly links = new Map<string, Map<string, Set<ProvenanceLink>>>();
  /** How each claim was first reached; the claim the walk starts from is absent. */
  readonly reached = new Map<string, Reached>();
  /** Every claim seen, the first one first, in the order reached. */
  readonly claims: string[] = [];
  /** Claims whose further links the caps kept the walk from following: they are no origins. */
  readonly linkOnward = new Set<string>();
  truncated = false;

  private constructor() {}

  static async from(tx: ManagedTransaction, root: string): Promise<ProvenanceWalk> {
    const walk = new ProvenanceWalk();
    const seen = new Set([root]);
    walk.claims.push(root);
    let frontier = [root];
    for (let depth = 1; depth <= DEPTH && frontier.length > 0; depth++) {
      const result = await tx.run(LEVEL, { frontier, cap: toInteger(LEVEL_ROWS_CAP) });
      if (result.records.length >= LEVEL_ROWS_CAP) {
        walk.truncated = true;
        frontier.forEach((claim) => walk.linkOnward.add(claim));
      }
      const next: string[] = [];
      for (const record of result.records) {
        const from = record.get('from') as string;
        const to = record.get('to') as string;
        const via = LINK_OF_TYPE.get(record.get('type') as string)!;
        if (!seen.has(to)) {
          if (seen.size >= ANALYSIS_CAPS.provenanceClaims) {
            walk.truncated = true;
            walk.linkOnward.add(from);
            continue;
          }
          seen.add(to);
          walk.claims.push(to);
          walk.reached.set(to, { from, depth, via: new Set() });
          next.push(to);
        }
        const targets = walk.links.get(from) ?? new Map<string, Set<ProvenanceLink>>();
        targets.set(to, (targets.get(to) ?? new Set()).add(via));
        walk.links.set(from, targets);
        const first = walk.reached.get(to);
        if (first !== undefined && first.from === from) first.via.add(via);
      }
      frontier = next;
    }
    if (frontier.length > 0) {
      // The depth cap was reached: those of the last claims that link further are cut, not origins.
      const result = await tx.run(LINKING, { ids: frontier });
      for (const record of result.records) walk.linkOnward.add(record.get('id') as string);
      if (result.records.length > 0) walk.truncated = true;
    }
    return walk;
  }

  /** The origins of `claim`: the claims reachable through its links that link nowhere (itself when it has none). */
  originsOf(claim: string): string[] {
    const origins = new Set<string>();
    const visited = new Set([claim]);
    const stack = [claim];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const next = this.links.get(current);
      if ((next === undefined || next.size === 0) && !this.linkOnward.has(current)) origins.add(current);
      for (const to of next?.keys() ?? []) {
        if (visited.has(to)) continue;
        visited.add(to);
        stack.push(to);
      }
    }
    return [...origins].sort();
  }

  /**
   * The loops reachable from `claim`, each as the claim ids around it with the first repeated at the end. A claim
   * that rests, through others, on itself is circular reporting: no independent origin stands behind that path.
   */
  loopsFrom(claim: string): string[][] {
    const loops: string[][] = [];
    const keys = new Set<string>();
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (current: string) => {
      state.set(current, 'open');
      path.push(current);
      for (const to of [...(this.links.get(current)?.keys() ?? [])].sort()) {
        if (state.get(to) === 'open') {
          const loop = path.slice(path.indexOf(to));
          // The same loop met from another of its claims is the same loop.
          const key = [...loop].sort().join(' ');
          if (!keys.has(key)) {
            keys.add(key);
            loops.push([...loop, to]);
          }
        } else if (state.get(to) === undefined) visit(to);
      }
      path.pop();
      state.set(current, 'done');
    };
    visit(claim);
    return loops;
  }
}

/**
 * Per target and stance, the speakers of the origins of every claim on that side, as of a date, with the firm
 * affiliation ties above them (the independence rule's input): one statement, however many targets and claims.
 */
const TARGET_ORIGINS = `UNWIND $targets AS asked
  // One index seek per incident, then its listed targets: from a target, a hub accused in many incidents would be
  // walked whole, and a seek per target would read the incident's accusations once per target.
  WITH asked.incident AS incident, collect(asked.target) AS targetIds
  MATCH (c:Claim)-[r:ACCUSES {incident: incident}]->(t:Record)
  USING INDEX r:ACCUSES(incident)
  WHERE t.id IN targetIds AND ${countsAsOf('c')}
  WITH {incident: incident, target: t.id} AS side, c, CASE WHEN r.stance IN $firmSides THEN r.stance ELSE 'neither' END AS stance
  CALL (c) {
    // Most claims rest on nothing else: their origin is their own speaker, read without a path search.
    WITH c WHERE NOT EXISTS { (c)-[:${LINK_TYPES}]->(:Claim) }
    RETURN [(speaker:Actor)-[:MADE]->(c) | speaker.id] AS speakers
    UNION ALL
    WITH c WHERE EXISTS { (c)-[:${LINK_TYPES}]->(:Claim) }
    MATCH (c)-[:${LINK_TYPES}*1..${DEPTH}]->(origin:Claim)
    WHERE NOT EXISTS { (origin)-[:${LINK_TYPES}]->(:Claim) }
    MATCH (speaker:Actor)-[:MADE]->(origin)
    RETURN collect(DISTINCT speaker.id) AS speakers
  }
  WITH side, stance, collect(speakers) AS lists
  WITH collect({incident: side.incident, target: side.target, stance: stance,
    speakers: reduce(flat = [], list IN lists | flat + list)}) AS sides
  CALL (sides) {
    UNWIND sides AS s
    UNWIND s.speakers AS speaker
    WITH DISTINCT speaker
    ${firmTiesFrom('speaker')}
  }
  RETURN sides, ties`;

/** The key `targetOrigins` answers under. */
export const originsKey = (incident: string, target: string) => `${incident}\u0000${target}`;

/**
 * `independentOrigins` for each stance toward some targets of some incidents, as of a date: the origins of every
 * claim on the side (not only those an answer lists), counted once per independent group of their speakers, by the
 * rule of `independentClaimants`. Five outlets repeating McCaul are one origin; a side whose claims all rest on
 * loops has none. Keyed by `originsKey(incident, target)`.
 */
export async function targetOrigins(
  tx: ManagedTransaction,
  targets: ReadonlyArray<{ incident: string; target: string }>,
  window: AsOf | undefined,
): Promise<Map<string, Record<Stance, number>>> {
  const counts = new Map<string, Record<Stance, number>>();
  if (targets.length === 0) return counts;
  const result = await tx.run(TARGET_ORIGINS, {
    targets,
    firmSides: STANCES.filter((stance) => stance !== 'neither'),
    firm: FIRM_CERTAINTIES,
    ...asOfParameters(window),
  });
  const record = result.records[0];
  const sides =
    (toPlain(record?.get('sides') ?? []) as Array<{ incident: string; target: string; stance: Stance; speakers: string[] }>) ?? [];
  const ties = (toPlain(record?.get('ties') ?? []) as Tie[]) ?? [];
  const groups = independentGroups([...new Set(sides.flatMap((side) => side.speakers))], ties);
  for (const { incident, target } of targets) counts.set(originsKey(incident, target), { asserts: 0, denies: 0, neither: 0 });
  for (const side of sides)
    counts.get(originsKey(side.incident, side.target))![side.stance] = new Set(
      side.speakers.map((speaker) => groups.get(speaker) ?? speaker),
    ).size;
  return counts;
}

async function reportedVia(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, ActorRef[]>> {
  const result = await tx.run(REPORTED_VIA, { ids });
  const byClaim = new Map<string, ActorRef[]>();
  for (const record of result.records) {
    const claim = record.get('claim') as string;
    byClaim.set(claim, [...(byClaim.get(claim) ?? []), toPlain(record.get('actor')) as ActorRef]);
  }
  return byClaim;
}

/**
 * `GET /api/claims/:id/provenance`: the claim's chain back through what it cites and characterizes, breadth-first
 * (at most 10 steps and 500 claims), each step with the outlets it was reported via; its origins with their
 * independent groups; and whether any chain loops.
 */
export async function provenance(db: Database, claimId: string): Promise<Provenance> {
  return readTransaction(db, async (tx) => {
    const walk = await ProvenanceWalk.from(tx, claimId);
    const found = await claimsWithClaimants(tx, walk.claims);
    const root = found.get(claimId);
    if (root === undefined) throw new NotFoundError('claim', claimId);
    const via = await reportedVia(tx, walk.claims);
    const step = (claim: string): ProvenanceStep[] => {
      const record = found.get(claim);
      if (record === undefined) return [];
      const reached = walk.reached.get(claim);
      return [
        {
          claim: record.claim,
          claimant: record.claimant,
          via: PROVENANCE_LINKS.filter((link) => reached?.via.has(link) ?? false),
          from: reached?.from ?? null,
          depth: reached?.depth ?? 0,
          reportedVia: via.get(claim) ?? [],
        },
      ];
    };
    // Breadth-first already; within a depth by id, so the order does not depend on how the database returned rows.
    const chain = walk.claims.flatMap(step).sort((a, b) => a.depth - b.depth || a.claim.id.localeCompare(b.claim.id));
    const origins = walk.originsOf(claimId).flatMap((id) => {
      const record = found.get(id);
      return record === undefined ? [] : [record];
    });
    const groups = await claimantGroups(
      tx,
      origins.map((origin) => origin.claimant.id),
    );
    const loops = walk.loopsFrom(claimId);
    return {
      claim: root.claim,
      chain,
      origins: origins.map((origin) => ({ ...origin, group: groups.get(origin.claimant.id) ?? origin.claimant.id })),
      independentOrigins: new Set(origins.map((origin) => groups.get(origin.claimant.id) ?? origin.claimant.id)).size,
      circular: loops.length > 0,
      loops,
      truncated: walk.truncated,
    };
  });
}
