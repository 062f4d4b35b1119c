// The graph service: opens one read transaction per answer and assembles it from repository queries (records, search,
// attribution with independent claimants, neighbourhoods, paths and evidence chains).
import { graphCounts } from '../db/counts';
import { readTransaction, type Database } from '../db/neo4j';
import { NotFoundError } from '../model/errors';
import { quoteInsertions } from '../model/evidence';
import { GraphBuilder } from './builder';
import { originsKey, targetOrigins } from './analysis/provenance';
import { resolveAsOf } from './asOf';
import { independentGroups } from './independence';
import { graphEdge, graphNode } from './mapping';
import * as repository from './repository';
import { luceneQuery, namesExactly, searchTokens, snippetOf } from './searchText';
import { attributionQuery, CAPS } from '../model/api';
import type {
  Accused,
  ActorDetail,
  Attribution,
  AttributionEntry,
  AttributionQuery,
  Chain,
  ChainStep,
  ClaimDetail,
  DocumentSpan,
  Explained,
  ExplanationDetail,
  GraphView,
  PathsResponse,
  SearchResult,
  SourceDocument,
} from '../model/api';
import { CERTAINTIES, STANCES, type ActorKind, type ExplanationKind, type RecordType, type SpanRole } from '../model/vocabulary';
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

/** An actor with its affiliations and claims, and what its affiliates said, grouped by how firm the tie is. */
export async function actorDetail(db: Database, id: string): Promise<ActorDetail> {
  const { affiliatesSaid, ...detail } = await readTransaction(db, (tx) => repository.actorDetail(tx, id));
  const groups = CERTAINTIES.map((certainty) => ({
    certainty,
    claims: affiliatesSaid
      .filter((said) => said.certainty === certainty)
      .map((said) => ({ ...said.claim, affiliate: said.affiliate, role: said.role, hedge: said.hedge })),
  }));
  return { ...detail, affiliatesSaid: groups.filter((group) => group.claims.length > 0) };
}

/** A claim with its evidence, and the bracketed words of its quote that are the reporter's. */
export async function claimDetail(db: Database, id: string): Promise<ClaimDetail> {
  const detail = await readTransaction(db, (tx) => repository.claimDetail(tx, id));
  return { ...detail, quoteInsertions: detail.claim.quote === null ? [] : quoteInsertions(detail.claim.quote) };
}

/**
 * A source's text with every claim's spans: each evidence excerpt, and the quote and hedge inside it. A source
 * whose text was never loaded has no document to show (404).
 */
export async function sourceDocument(db: Database, id: string): Promise<SourceDocument> {
  const found = await readTransaction(db, (tx) => repository.sourceDocument(tx, id));
  if (found.text === null) throw new NotFoundError('document of source', id);
  const spans: DocumentSpan[] = [];
  for (const claim of found.claims) {
    claim.starts.forEach((start, i) =>
      spans.push({ claim: claim.claim, start, end: claim.ends[i]!, role: 'evidence', stance: claim.stance }),
    );
    if (claim.quoteStart !== null && claim.quoteEnd !== null)
      spans.push({ claim: claim.claim, start: claim.quoteStart, end: claim.quoteEnd, role: 'quote', stance: claim.stance });
    if (claim.hedgeStart !== null && claim.hedgeEnd !== null)
      spans.push({ claim: claim.claim, start: claim.hedgeStart, end: claim.hedgeEnd, role: 'hedge', stance: claim.stance });
  }
  const roleOrder: Record<SpanRole, number> = { evidence: 0, quote: 1, hedge: 2 };
  spans.sort((a, b) => a.start - b.start || b.end - a.end || roleOrder[a.role] - roleOrder[b.role] || a.claim.localeCompare(b.claim));
  return { source: found.source, text: found.text, spans };
}

/** The texts of a view's sources, for the export formats that carry them (STIX reports). */
export function documentTexts(db: Database, sourceIds: readonly string[]): Promise<Record<string, string>> {
  return sourceIds.length === 0 ? Promise.resolve({}) : readTransaction(db, (tx) => repository.documentTexts(tx, sourceIds));
}

export function listExplanations(db: Database, page: repository.PageRequest) {
  return readTransaction(db, (tx) => repository.listExplanations(tx, page));
}

export function explanationDetail(db: Database, id: string): Promise<ExplanationDetail> {
  return readTransaction(db, (tx) => repository.explanationDetail(tx, id));
}

export function sourceDetail(db: Database, id: string) {
  return readTransaction(db, (tx) => repository.sourceDetail(tx, id));
}

/** Ranked full-text search; each hit is shown with its label and a snippet around the first token it holds. */
export async function search(db: Database, text: string, types: readonly RecordType[] | undefined, limit: number): Promise<SearchResult[]> {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return [];
  const hits = await readTransaction(db, (tx) => repository.searchNodes(tx, luceneQuery(tokens), types, limit * 5));
  const results = hits.flatMap((hit) => {
    const node = graphNode(hit.labels, hit.props);
    if (node === undefined) return [];
    const type = node.attributes.type;
    const result = { id: node.key, type, label: node.attributes.label, snippet: snippetOf(type, hit.props, tokens), score: hit.score };
    return [{ result, exact: namesExactly(hit.props, tokens) }];
  });
  // Lucene scores "FBI" higher in "Director of the FBI" than in "FBI" itself; a record whose name or alias is
  // exactly the search text is what the user typed, so it comes first, then everything by score.
  return results
    .sort((a, b) => Number(b.exact) - Number(a.exact))
    .slice(0, limit)
    .map(({ result }) => result);
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

/** Compares as `localeCompare` with no arguments does: the default locale and options. */
const ID_COLLATOR = new Intl.Collator();

/** An attribution's three sides are the three stances. */
const SIDES = STANCES;
type SideCounts = Record<Side, number>;

/** One accused actor or explanation of an incident, with its counts over every accusation, before any list is cut. */
interface Ranked {
  target: repository.AttributionTally['target'];
  targetType: repository.AttributionTally['targetType'];
  sides: Partial<Record<Side, repository.AttributionTally>>;
  claims: SideCounts;
  independentClaimants: SideCounts;
}

/**
 * Every accusation of one incident, counted per target and side. Claimants joined by a firm affiliation (`groups`)
 * count once among the independent claimants; the most blamed come first (more independent asserting claimants,
 * then more asserting claims, then by id, so the order is stable).
 */
function rankTargets(tallies: readonly repository.AttributionTally[], groups: ReadonlyMap<string, string>): Ranked[] {
  // The same order as localeCompare, from one collator: a busy incident ranks hundreds of targets, most of them tied
  // on their counts, and localeCompare looks its collation up afresh on every call.
  const byId = ID_COLLATOR.compare;
  const byTarget = new Map<string, Omit<Ranked, 'claims' | 'independentClaimants'>>();
  for (const tally of tallies) {
    const entry = byTarget.get(tally.target.id) ?? { target: tally.target, targetType: tally.targetType, sides: {} };
    entry.sides[tally.side] = tally;
    byTarget.set(tally.target.id, entry);
  }
  const per = (
    compute: (tally: repository.AttributionTally | undefined) => number,
    entry: Omit<Ranked, 'claims' | 'independentClaimants'>,
  ) => Object.fromEntries(SIDES.map((side) => [side, compute(entry.sides[side])])) as SideCounts;
  return [...byTarget.values()]
    .map((entry) => ({
      ...entry,
      claims: per((tally) => tally?.claims ?? 0, entry),
      independentClaimants: per((tally) => new Set((tally?.claimantIds ?? []).map((id) => groups.get(id) ?? id)).size, entry),
    }))
    .sort(
      (a, b) =>
        b.independentClaimants.asserts - a.independentClaimants.asserts ||
        b.claims.asserts - a.claims.asserts ||
        byId(a.target.id, b.target.id),
    );
}

/** The claims listed for each of the first `limit` targets, drawn from a budget shared by the whole answer. */
class ClaimBudget {
  truncated = false;
  constructor(private left: number) {}

  list(ranked: readonly Ranked[], limit: number): Array<{ ranking: Ranked; ids: Record<Side, string[]> }> {
    if (ranked.length > limit) this.truncated = true;
    return ranked.slice(0, limit).map((ranking) => {
      const ids = {} as Record<Side, string[]>;
      for (const side of SIDES) {
        const first = ranking.sides[side]?.firstClaimIds ?? [];
        ids[side] = first.slice(0, Math.max(0, this.left));
        this.left -= ids[side].length;
        if (ids[side].length < ranking.claims[side]) this.truncated = true;
      }
      return { ranking, ids };
    });
  }
}

/**
 * Who is blamed for an incident, and what else is put forward. Counts (claims and independent claimants per side)
 * cover every accusation of the incident; the lists show the `claimsPerSide` earliest claims of each side for the
 * `limit` most-blamed actors and explanations, so a hub incident with thousands of claims still answers in one
 * bounded page. Accusations of related incidents are listed apart, under their own incident, and never counted here.
 */
export async function attribution(
  db: Database,
  incidentId: string,
  options: AttributionQuery = attributionQuery.parse({}),
): Promise<Attribution> {
  return readTransaction(db, async (tx) => {
    const window = resolveAsOf(options.asOf);
    const counts = await repository.attributionCounts(tx, incidentId, options.claimsPerSide, window);
    const { tallies, ties, related: relatedIncidents } = counts;
    const claimantIds = [...new Set(tallies.flatMap((tally) => tally.claimantIds))];
    const groups = independentGroups(claimantIds, ties);
    const budget = new ClaimBudget(CAPS.attributionClaims);
    const section = (id: string) => {
      const ranked = rankTargets(
        tallies.filter((tally) => tally.incident === id),
        groups,
      );
      return {
        accusedTotal: ranked.filter((entry) => entry.targetType === 'actor').length,
        accused: budget.list(
          ranked.filter((entry) => entry.targetType === 'actor'),
          options.limit,
        ),
        explanations: budget.list(
          ranked.filter((entry) => entry.targetType === 'explanation'),
          options.limit,
        ),
      };
    };
    const main = section(incidentId);
    const related = relatedIncidents.map((incident) => ({ incident, sections: section(incident.id) }));

    const allListed = [main, ...related.map((entry) => entry.sections)].flatMap((sections) => [
      ...sections.accused,
      ...sections.explanations,
    ]);
    const listedIds = [...new Set(allListed.flatMap(({ ids }) => SIDES.flatMap((side) => ids[side])))];
    const mainIds = new Set([...main.accused, ...main.explanations].flatMap(({ ids }) => SIDES.flatMap((side) => ids[side])));
    // Origins only for the targets listed: every claim of their sides is read, not just the ones shown.
    const originTargets = [
      { incident: incidentId, sections: main },
      ...related.map(({ incident, sections }) => ({ incident: incident.id, sections })),
    ].flatMap(({ incident, sections }) =>
      [...sections.accused, ...sections.explanations].map(({ ranking }) => ({ incident, target: ranking.target.id })),
    );
    // These statements need nothing of each other's answers, so they are sent together: Neo4j runs the next while this
    // process decodes the one before, instead of each waiting for the previous answer to be read.
    const [listing, origins, leftOut] = await Promise.all([
      repository.attributionListing(tx, listedIds, mainIds),
      targetOrigins(tx, originTargets, window),
      window === undefined ? undefined : repository.leftOutAsOf(tx, incidentId, window),
    ]);
    const claims = listing.claims;
    const entries = (ids: string[]): AttributionEntry[] =>
      ids.flatMap((id) => {
        const found = claims.get(id);
        return found === undefined ? [] : [{ claim: found.claim, claimant: found.claimant, sources: found.sources }];
      });
    const noOrigins = { asserts: 0, denies: 0, neither: 0 };
    const sides = (incident: string, { ranking, ids }: { ranking: Ranked; ids: Record<Side, string[]> }) => ({
      assertedBy: entries(ids.asserts),
      deniedBy: entries(ids.denies),
      declinedBy: entries(ids.neither),
      independentClaimants: ranking.independentClaimants,
      claims: ranking.claims,
      independentOrigins: origins.get(originsKey(incident, ranking.target.id)) ?? noOrigins,
    });
    const accusedOf = (incident: string, sections: Awaited<ReturnType<typeof section>>): Accused[] =>
      sections.accused.map((listed) => ({
        actor: { ...listed.ranking.target, kind: listed.ranking.target.kind as ActorKind },
        ...sides(incident, listed),
      }));
    const explainedOf = (incident: string, sections: Awaited<ReturnType<typeof section>>): Explained[] =>
      sections.explanations.map((listed) => ({
        explanation: { ...listed.ranking.target, kind: listed.ranking.target.kind as ExplanationKind },
        ...sides(incident, listed),
      }));

    // The incident first: an edge is kept only when both its ends are already in the graph.
    const graph = new GraphBuilder();
    if (counts.incidentNode !== undefined) graph.addNode(counts.incidentNode);
    graph.add(listing.graph);
    return {
      incident: counts.incident,
      asOf:
        window === undefined || leftOut === undefined
          ? null
          : { asOf: window.asOf, lastDay: window.lastDay, undatedLeftOut: leftOut.undated, laterLeftOut: leftOut.later },
      accused: accusedOf(incidentId, main),
      explanations: explainedOf(incidentId, main),
      related: related.map(({ incident, sections }) => ({
        incident,
        accused: accusedOf(incident.id, sections),
        explanations: explainedOf(incident.id, sections),
      })),
      accusedTotal: main.accusedTotal,
      truncated: budget.truncated,
      graph: graph.build({ view: 'attribution', incident: incidentId }),
    };
  });
}
