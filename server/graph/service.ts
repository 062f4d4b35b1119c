// The graph service: opens one read transaction per answer and assembles it from repository queries (records, search,
// attribution with independent claimants, neighbourhoods, paths and evidence chains).
import { graphCounts } from '../db/counts';
import { readTransaction, type Database } from '../db/neo4j';
import { NotFoundError } from '../model/errors';
import { GraphBuilder } from './builder';
import { independentGroups } from './independence';
import { graphEdge, graphNode } from './mapping';
import * as repository from './repository';
import { luceneQuery, searchTokens, snippetOf } from './searchText';
import { attributionQuery, CAPS } from '../model/api';
import type {
  Accused,
  ActorRef,
  Attribution,
  AttributionEntry,
  AttributionQuery,
  Chain,
  ChainStep,
  GraphView,
  PathsResponse,
  SearchResult,
} from '../model/api';
import type { RecordType } from '../model/vocabulary';
import type { SerializedEdge } from '../model/wire';

export function ping(db: Database): Promise<void> {
  return readTransaction(db, (tx) => repository.ping(tx));
}

export const stats = (db: Database) => graphCounts(db);

export function listActors(db: Database, page: repository.PageRequest, kind: string | undefined) {
  return readTransaction(db, (tx) => repository.listActors(tx, page, kind));
}

export function listIncidents(db: Database, page: repository.PageRequest) {
  return readTransaction(db, (tx) => repository.listIncidents(tx, page));
}

export function listSources(db: Database, page: repository.PageRequest) {
  return readTransaction(db, (tx) => repository.listSources(tx, page));
}

export function listClaims(db: Database, page: repository.PageRequest, filters: repository.ClaimFilters) {
  return readTransaction(db, (tx) => repository.listClaims(tx, page, filters));
}

export function incident(db: Database, id: string) {
  return readTransaction(db, (tx) => repository.incident(tx, id));
}

export function actorDetail(db: Database, id: string) {
  return readTransaction(db, (tx) => repository.actorDetail(tx, id));
}

export function claimDetail(db: Database, id: string) {
  return readTransaction(db, (tx) => repository.claimDetail(tx, id));
}

export function sourceDetail(db: Database, id: string) {
  return readTransaction(db, (tx) => repository.sourceDetail(tx, id));
}

/** Ranked full-text search; each hit is shown with its label and a snippet around the first token it holds. */
export async function search(db: Database, text: string, types: readonly RecordType[] | undefined, limit: number): Promise<SearchResult[]> {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return [];
  const hits = await readTransaction(db, (tx) => repository.searchNodes(tx, luceneQuery(tokens), types, limit));
  return hits.flatMap((hit) => {
    const node = graphNode(hit.labels, hit.props);
    if (node === undefined) return [];
    const type = node.attributes.type;
    return [{ id: node.key, type, label: node.attributes.label, snippet: snippetOf(type, hit.props, tokens), score: hit.score }];
  });
}

export async function wholeGraph(db: Database, limit: number): Promise<GraphView> {
  const part = await readTransaction(db, (tx) => repository.wholeGraph(tx, limit));
  return { graph: new GraphBuilder().add(part).build({ view: 'graph' }), truncated: part.truncated };
}

/** Breadth-first, one query per level, never holding more than `limit` nodes. */
export async function neighborhood(
  db: Database,
  id: string,
  depth: number,
  limit: number,
  types: readonly RecordType[] | undefined,
): Promise<GraphView> {
  const labels = repository.labelsFor(types);
  return readTransaction(db, async (tx) => {
    const centre = await repository.nodesById(tx, [id]);
    if (centre.length === 0) throw new NotFoundError('node', id);
    const graph = new GraphBuilder();
    centre.forEach((node) => graph.addNode(node));
    let frontier = [id];
    let truncated = false;
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      // Rows beyond a few per wanted node only repeat known nodes; the cap keeps hubs bounded.
      const rowCap = Math.max(limit * 4, 50);
      // Ids and edges first, then properties only for the new nodes kept: around a hub most rows
      // repeat known nodes or fall past the node budget, and their properties were fetched for nothing.
      const rows = await repository.expandLevelEdgesOnly(tx, frontier, labels, rowCap);
      if (rows.length >= rowCap) truncated = true;
      const wanted = new Set<string>();
      for (const row of rows) {
        if (graph.hasNode(row.nodeKey) || wanted.has(row.nodeKey)) continue;
        if (graph.nodeCount + wanted.size >= limit) {
          truncated = true;
          continue;
        }
        wanted.add(row.nodeKey);
      }
      const added = wanted.size > 0 ? await repository.nodesById(tx, [...wanted]) : [];
      added.forEach((node) => graph.addNode(node));
      rows.forEach((row) => graph.addEdge(row.edge));
      frontier = added.map((node) => node.key);
    }
    return { graph: graph.build({ view: 'neighborhood', centre: id, depth }), truncated };
  });
}

export async function paths(db: Database, from: string, to: string, maxHops: number, limit: number): Promise<PathsResponse> {
  const found = await readTransaction(db, (tx) => repository.shortestPaths(tx, from, to, maxHops, limit));
  const graph = new GraphBuilder();
  for (const path of found) {
    path.nodes.forEach((node) => graph.addNode(node));
    path.edges.forEach((edge) => graph.addEdge(edge));
  }
  return {
    paths: found.map((path) => ({ nodes: path.nodes.map((node) => node.key), edges: path.edges.map((edge) => edge.key) })),
    graph: graph.build({ view: 'paths', from, to, maxHops }),
  };
}

export async function chain(db: Database, claimId: string, direction: 'upstream' | 'downstream', maxDepth: number): Promise<Chain> {
  return readTransaction(db, async (tx) => {
    const kept: Array<{ id: string; depth: number; via: ChainStep['via']; from: string | null }> = [
      { id: claimId, depth: 0, via: null, from: null },
    ];
    const seen = new Set([claimId]);
    const chainEdges: SerializedEdge[] = [];
    let frontier = [claimId];
    for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
      const rows = await repository.chainStep(tx, direction, frontier, repository.CHAIN_ROWS_CAP);
      const next: string[] = [];
      for (const row of rows) {
        // Edges point the way the data states them: a citing claim points at what it cites; a supporter at what it supports.
        const citing = direction === 'upstream' ? row.from : row.claimId;
        const cited = direction === 'upstream' ? row.claimId : row.from;
        const [source, target] = row.via === 'CITES' ? [citing, cited] : [cited, citing];
        chainEdges.push(graphEdge(row.via, source, target, {}));
        if (seen.has(row.claimId) || seen.size >= CAPS.chainLimit) continue;
        seen.add(row.claimId);
        kept.push({ id: row.claimId, depth, via: row.via, from: row.from });
        next.push(row.claimId);
      }
      frontier = next;
    }
    // Properties only for the claims kept: a hub's levels read thousands of rows that repeat known claims.
    const claims = await repository.claimsWithClaimants(tx, [...seen]);
    if (!claims.has(claimId)) throw new NotFoundError('claim', claimId);
    const steps: ChainStep[] = kept.flatMap((step) => {
      const found = claims.get(step.id);
      return found === undefined
        ? []
        : [{ claim: found.claim, claimant: found.claimant, depth: step.depth, via: step.via, from: step.from }];
    });
    const graph = new GraphBuilder().add(await repository.claimContext(tx, [...seen]));
    chainEdges.forEach((edge) => graph.addEdge(edge));
    return { root: claimId, direction, steps, graph: graph.build({ view: 'chain', root: claimId, direction }) };
  });
}

type Side = repository.AttributionTally['side'];

const SIDES = [
  ['asserts', 'assertedBy'],
  ['denies', 'deniedBy'],
  ['neither', 'declinedBy'],
] as const;

/**
 * Who is blamed for an incident. Counts (claims and independent claimants per side) cover every claim; the
 * lists show the `claimsPerSide` earliest claims of each side for the `limit` most-blamed actors, so a hub
 * incident with thousands of claims still answers in one bounded page.
 */
export async function attribution(
  db: Database,
  incidentId: string,
  options: AttributionQuery = attributionQuery.parse({}),
): Promise<Attribution> {
  return readTransaction(db, async (tx) => {
    const subject = await repository.incident(tx, incidentId);
    const tallies = await repository.attributionTallies(tx, incidentId, options.claimsPerSide);
    const claimantIds = [...new Set(tallies.flatMap((tally) => tally.claimantIds))];
    const groups = independentGroups(claimantIds, await repository.firmAffiliations(tx, claimantIds));

    type Tallied = { actor: ActorRef; sides: Partial<Record<Side, repository.AttributionTally>> };
    const byAccused = new Map<string, Tallied>();
    for (const tally of tallies) {
      const entry = byAccused.get(tally.accused.id) ?? { actor: tally.accused, sides: {} };
      entry.sides[tally.side] = tally;
      byAccused.set(tally.accused.id, entry);
    }
    const count = (entry: Tallied, side: Side) => entry.sides[side]?.claims ?? 0;
    const independent = (entry: Tallied, side: Side) =>
      new Set((entry.sides[side]?.claimantIds ?? []).map((id) => groups.get(id) ?? id)).size;
    const ranked = [...byAccused.values()]
      .map((entry) => ({
        entry,
        claims: { asserts: count(entry, 'asserts'), denies: count(entry, 'denies'), neither: count(entry, 'neither') },
        independentClaimants: {
          asserts: independent(entry, 'asserts'),
          denies: independent(entry, 'denies'),
          neither: independent(entry, 'neither'),
        },
      }))
      // The most-blamed first: more independent asserting claimants, then more asserting claims.
      .sort(
        (a, b) =>
          b.independentClaimants.asserts - a.independentClaimants.asserts ||
          b.claims.asserts - a.claims.asserts ||
          a.entry.actor.id.localeCompare(b.entry.actor.id),
      );

    // Fill the claim budget in rank order, so the most-blamed actors keep their lists whole.
    let budget = CAPS.attributionClaims;
    let truncated = ranked.length > options.limit;
    const listed = ranked.slice(0, options.limit).map((ranking) => {
      const ids = {} as Record<Side, string[]>;
      for (const [side] of SIDES) {
        const first = ranking.entry.sides[side]?.firstClaimIds ?? [];
        ids[side] = first.slice(0, Math.max(0, budget));
        budget -= ids[side].length;
        if (ids[side].length < ranking.claims[side]) truncated = true;
      }
      return { ranking, ids };
    });
    const listedIds = [...new Set(listed.flatMap(({ ids }) => SIDES.flatMap(([side]) => ids[side])))];
    const claims = await repository.attributedClaims(tx, listedIds);
    const entries = (ids: string[]): AttributionEntry[] =>
      ids.flatMap((id) => {
        const found = claims.get(id);
        return found === undefined ? [] : [{ claim: found.claim, claimant: found.claimant, sources: found.sources }];
      });
    const accused: Accused[] = listed.map(({ ranking, ids }) => ({
      actor: ranking.entry.actor,
      assertedBy: entries(ids.asserts),
      deniedBy: entries(ids.denies),
      declinedBy: entries(ids.neither),
      independentClaimants: ranking.independentClaimants,
      claims: ranking.claims,
    }));

    const graph = new GraphBuilder();
    (await repository.nodesById(tx, [incidentId])).forEach((node) => graph.addNode(node));
    graph.add(await repository.claimContext(tx, listedIds));
    return {
      incident: subject,
      accused,
      accusedTotal: ranked.length,
      truncated,
      graph: graph.build({ view: 'attribution', incident: incidentId }),
    };
  });
}
