// Assembles the API's answers from repository queries: attribution with independent claimants, neighbourhoods, paths and evidence chains.
import { readTransaction, type Database } from '../db/neo4j';
import * as repository from './repository';
import type { Accused, Attribution, AttributionEntry, Chain, ChainStep, GraphView, NodeTypeName, PathsResponse } from './schemas';
import type { SerializedEdge, SerializedGraph, SerializedNode } from './serialized';

/** Collects nodes and edges without duplicates and serializes them in key order, so a view always has the same bytes. */
export class GraphBuilder {
  private readonly nodes = new Map<string, SerializedNode>();
  private readonly edges = new Map<string, SerializedEdge>();

  addNode(node: SerializedNode): void {
    if (!this.nodes.has(node.key)) this.nodes.set(node.key, node);
  }

  hasNode(key: string): boolean {
    return this.nodes.has(key);
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  /** Edges are only kept when both ends are in the graph, so `graph.import()` never fails. */
  addEdge(edge: SerializedEdge): void {
    if (this.nodes.has(edge.source) && this.nodes.has(edge.target) && !this.edges.has(edge.key)) this.edges.set(edge.key, edge);
  }

  add(part: repository.GraphPart): this {
    part.nodes.forEach((node) => this.addNode(node));
    part.edges.forEach((edge) => this.addEdge(edge));
    return this;
  }

  build(attributes: Record<string, unknown> = {}): SerializedGraph {
    const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return {
      attributes,
      options: { type: 'directed', multi: false, allowSelfLoops: true },
      nodes: [...this.nodes.values()].sort(byKey),
      edges: [...this.edges.values()].sort(byKey),
    };
  }
}

export async function wholeGraph(db: Database, limit: number): Promise<GraphView> {
  const part = await repository.wholeGraph(db, limit);
  return { graph: new GraphBuilder().add(part).build({ view: 'graph' }), truncated: part.truncated };
}

/** Breadth-first, one query per level, never holding more than `limit` nodes. */
export async function neighborhood(
  db: Database,
  id: string,
  depth: number,
  limit: number,
  types: readonly NodeTypeName[] | undefined,
): Promise<GraphView> {
  const labels = repository.labelsFor(types);
  return readTransaction(db, async (tx) => {
    const centre = await repository.nodesById(tx, [id]);
    if (centre.length === 0) throw new repository.NotFoundError('node', id);
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
  const found = await repository.shortestPaths(db, from, to, maxHops, limit);
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
    const root = await repository.claimWithClaimant(tx, claimId);
    if (root === undefined) throw new repository.NotFoundError('claim', claimId);
    const steps: ChainStep[] = [{ ...root, depth: 0, via: null, from: null }];
    const seen = new Set([claimId]);
    const chainEdges: SerializedEdge[] = [];
    let frontier = [claimId];
    for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
      const rows = await repository.chainStep(tx, direction, frontier, repository.ATTRIBUTION_CLAIM_CAP);
      const next: string[] = [];
      for (const row of rows) {
        // Edges point the way the data states them: a citing claim points at what it cites; a supporter at what it supports.
        const citing = direction === 'upstream' ? row.from : row.claim.id;
        const cited = direction === 'upstream' ? row.claim.id : row.from;
        const [source, target] = row.via === 'CITES' ? [citing, cited] : [cited, citing];
        chainEdges.push(repository.graphEdge(row.via, source, target, {}));
        if (seen.has(row.claim.id) || seen.size >= 500) continue;
        seen.add(row.claim.id);
        steps.push({ claim: row.claim, claimant: row.claimant, depth, via: row.via, from: row.from });
        next.push(row.claim.id);
      }
      frontier = next;
    }
    const graph = new GraphBuilder().add(await repository.claimContext(tx, [...seen]));
    chainEdges.forEach((edge) => graph.addEdge(edge));
    return { root: claimId, direction, steps, graph: graph.build({ view: 'chain', root: claimId, direction }) };
  });
}

/** Groups actors that are firmly affiliated (union–find), so one organisation's several voices count once. */
export function independentGroups(
  actorIds: readonly string[],
  affiliations: ReadonlyArray<readonly [string, string]>,
): Map<string, string> {
  const parent = new Map(actorIds.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const [a, b] of affiliations) {
    if (!parent.has(a) || !parent.has(b)) continue;
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  return new Map(actorIds.map((id) => [id, find(id)]));
}

export async function attribution(db: Database, incidentId: string): Promise<Attribution> {
  return readTransaction(db, async (tx) => {
    const incident = await repository.incidentInTx(tx, incidentId);
    const rows = await repository.attributionRows(tx, incidentId);
    const claimantIds = [...new Set(rows.map((row) => row.claimant.id))];
    const groups = independentGroups(claimantIds, await repository.firmAffiliations(tx, claimantIds));

    const byAccused = new Map<string, Accused>();
    for (const row of rows) {
      let entry = byAccused.get(row.accused.id);
      if (entry === undefined) {
        entry = {
          actor: row.accused,
          assertedBy: [],
          deniedBy: [],
          declinedBy: [],
          independentClaimants: { asserts: 0, denies: 0, neither: 0 },
        };
        byAccused.set(row.accused.id, entry);
      }
      const item: AttributionEntry = { claim: row.claim, claimant: row.claimant, sources: row.sources };
      if (row.claim.stance === 'asserts') entry.assertedBy.push(item);
      else if (row.claim.stance === 'denies') entry.deniedBy.push(item);
      else entry.declinedBy.push(item);
    }
    const independent = (entries: AttributionEntry[]) =>
      new Set(entries.map((entry) => groups.get(entry.claimant.id) ?? entry.claimant.id)).size;
    for (const entry of byAccused.values()) {
      entry.independentClaimants = {
        asserts: independent(entry.assertedBy),
        denies: independent(entry.deniedBy),
        neither: independent(entry.declinedBy),
      };
    }
    // The most-blamed first: more independent asserting claimants, then more claims.
    const accused = [...byAccused.values()].sort(
      (a, b) =>
        b.independentClaimants.asserts - a.independentClaimants.asserts ||
        b.assertedBy.length - a.assertedBy.length ||
        a.actor.id.localeCompare(b.actor.id),
    );

    const graph = new GraphBuilder();
    (await repository.incidentNode(tx, incidentId)).forEach((node) => graph.addNode(node));
    graph.add(await repository.claimContext(tx, [...new Set(rows.map((row) => row.claim.id))]));
    return { incident, accused, graph: graph.build({ view: 'attribution', incident: incidentId }) };
  });
}
