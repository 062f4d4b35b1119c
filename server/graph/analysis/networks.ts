// Claimant networks after rDNA's one-mode networks: claimants tied by the stances they share or oppose on concepts (a target of an incident).
import type { ManagedTransaction } from 'neo4j-driver';
import { readTransaction, type Database } from '../../db/neo4j';
import { toInteger, toPlain } from '../../db/records';
import type { AsOfSummary } from '../../model/api';
import { HYPOTHESES_CAPS, type ClaimantNetwork, type ClaimantNetworkQuery, type TiePair } from '../../model/hypotheses';
import { CONFIDENCE_SCALE, type Confidence, type NetworkMode, type NetworkNormalization, type Stance } from '../../model/vocabulary';
import { edgeKey } from '../../model/wire';
import { asOfParameters, countsAsOf, resolveAsOf, type AsOf } from '../asOf';
import { independentGroups } from '../independence';
import * as repository from '../repository';

/** The two stances that take a position; declining (`neither`) ties no one, as a claimant who says nothing would not. */
const POSITIONS = ['asserts', 'denies'] as const satisfies readonly Stance[];
type Position = (typeof POSITIONS)[number];

/** One asserting or denying accusation: a claimant's stance on one concept (a target of an incident) in one claim. */
export interface PositionRow {
  claimant: string;
  claim: string;
  confidence: Confidence;
  stance: Position;
  incident: string;
  target: string;
}

interface Row extends PositionRow {
  counts: boolean;
  undated: boolean;
}

const ROW_RETURN = `MATCH (who:Actor)-[:MADE]->(c)
  RETURN who.id AS claimant, c.id AS claim, c.confidence AS confidence, r.stance AS stance, r.incident AS incident,
    t.id AS target, c.date IS NULL AS undated, ${countsAsOf('c')} AS counts`;

// Two fixed texts rather than `$incident IS NULL OR …`, so the one-incident form keeps its index seek on ACCUSES.incident.
const ROWS_OF_INCIDENT = `MATCH (c:Claim)-[r:ACCUSES {incident: $incident}]->(t:Record) WHERE r.stance IN $positions ${ROW_RETURN}`;
const ROWS_OF_ALL = `MATCH (c:Claim)-[r:ACCUSES]->(t:Record) WHERE r.stance IN $positions
  WITH c, r, t ORDER BY c.id, r.incident, t.id LIMIT $cap ${ROW_RETURN}`;

async function positionRows(tx: ManagedTransaction, incident: string | null, window: AsOf | undefined) {
  const cap = HYPOTHESES_CAPS.networkAccusations;
  const result = await tx.run(incident === null ? ROWS_OF_ALL : ROWS_OF_INCIDENT, {
    incident,
    positions: POSITIONS,
    cap: toInteger(cap + 1),
    ...asOfParameters(window),
  });
  const rows = result.records.map((record) => toPlain(record.toObject()) as Row);
  const truncated = incident === null && rows.length > cap;
  return { rows: truncated ? rows.slice(0, cap) : rows, truncated };
}

/** A claimant's position on a concept: one per stance, however many claims repeat it, at the firmest claim's weight. */
interface Cell {
  concept: string;
  incident: string;
  target: string;
  stance: Position;
  value: number;
  claims: string[];
}

export interface Tie {
  source: string;
  target: string;
  congruence: number;
  conflict: number;
  weight: number;
  pairs: TiePair[];
  pairsTotal: number;
}

export interface NetworkResult {
  /** Claimants kept (the most active first, at most `limit`), with their positions and activity. */
  claimants: Array<{ id: string; positions: number; activity: number }>;
  claimantsTotal: number;
  ties: Tie[];
  concepts: number;
  claims: number;
}

const conceptOf = (row: Pick<PositionRow, 'incident' | 'target'>) => JSON.stringify([row.incident, row.target]);
/** Below this a hedged difference is rounding, not a tie. */
const EPSILON = 1e-12;

/**
 * rDNA's one-mode network over binary (or, hedged, confidence-weighted) positions x[claimant][concept][stance]:
 * congruence Σ x₁·x₂ over the same stance, conflict Σ x₁·x₂ over opposite stances, subtract the first less the
 * second; then divided by the normalisation's denominator, and kept where it is not zero.
 */
export function claimantTies(
  rows: readonly PositionRow[],
  options: { mode: NetworkMode; normalize: NetworkNormalization; hedged: boolean; limit: number },
): NetworkResult {
  // Rows in a fixed order, so the pairs kept under the cap and every listing come out the same on every run.
  const ordered = [...rows].sort((x, y) => {
    const [kx, ky] = [
      [x.incident, x.target, x.claimant, x.claim].join('\u0000'),
      [y.incident, y.target, y.claimant, y.claim].join('\u0000'),
    ];
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
  const cells = new Map<string, Map<string, Cell>>();
  for (const row of ordered) {
    const concept = conceptOf(row);
    const value = options.hedged ? CONFIDENCE_SCALE[row.confidence] / 100 : 1;
    const own = cells.get(row.claimant) ?? new Map<string, Cell>();
    cells.set(row.claimant, own);
    const key = `${concept}\u0000${row.stance}`;
    const cell = own.get(key) ?? { concept, incident: row.incident, target: row.target, stance: row.stance, value: 0, claims: [] };
    cell.value = Math.max(cell.value, value);
    if (!cell.claims.includes(row.claim)) cell.claims.push(row.claim);
    own.set(key, cell);
  }
  const activity = (id: string) => [...cells.get(id)!.values()].reduce((sum, cell) => sum + cell.value, 0);
  const ranked = [...cells.keys()]
    .map((id) => ({ id, positions: cells.get(id)!.size, activity: activity(id) }))
    .sort((a, b) => b.positions - a.positions || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const kept = ranked.slice(0, options.limit);
  const keptIds = new Set(kept.map((claimant) => claimant.id));

  // Per concept, each kept claimant's cells by stance; ties only arise between claimants of one concept.
  const byConcept = new Map<string, Map<string, Partial<Record<Position, Cell>>>>();
  for (const id of keptIds) {
    for (const cell of cells.get(id)!.values()) {
      const holders = byConcept.get(cell.concept) ?? new Map<string, Partial<Record<Position, Cell>>>();
      byConcept.set(cell.concept, holders);
      holders.set(id, { ...holders.get(id), [cell.stance]: cell });
    }
  }
  type Relation = TiePair['relation'];
  interface Sum {
    source: string;
    target: string;
    weights: Record<Relation, number>;
    /** The first pairs of each relation, and how many there are: two prolific claimants can share thousands. */
    pairs: Record<Relation, TiePair[]>;
    pairCounts: Record<Relation, number>;
  }
  const sums = new Map<string, Sum>();
  for (const holders of byConcept.values()) {
    const ids = [...holders.keys()].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = [holders.get(ids[i]!)!, holders.get(ids[j]!)!];
        const key = JSON.stringify([ids[i], ids[j]]);
        const sum: Sum = sums.get(key) ?? {
          source: ids[i]!,
          target: ids[j]!,
          weights: { congruence: 0, conflict: 0 },
          pairs: { congruence: [], conflict: [] },
          pairCounts: { congruence: 0, conflict: 0 },
        };
        for (const own of POSITIONS) {
          for (const other of POSITIONS) {
            const [mine, theirs] = [a[own], b[other]];
            if (mine === undefined || theirs === undefined) continue;
            const relation: Relation = own === other ? 'congruence' : 'conflict';
            sum.weights[relation] += mine.value * theirs.value;
            for (const first of mine.claims) {
              for (const second of theirs.claims) {
                if (sum.pairs[relation].length < HYPOTHESES_CAPS.pairsPerTie)
                  sum.pairs[relation].push({
                    incident: mine.incident,
                    target: mine.target,
                    relation,
                    claims: [first, second],
                    stances: [own, other],
                  });
                sum.pairCounts[relation]++;
              }
            }
          }
        }
        sums.set(key, sum);
      }
    }
  }
  // Pairs in a stable order whatever order the rows came in: by incident, target, then the two claims.
  const pairOrder = (x: TiePair, y: TiePair) => {
    const [kx, ky] = [[x.incident, x.target, ...x.claims].join('\u0000'), [y.incident, y.target, ...y.claims].join('\u0000')];
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  };
  const ties: Tie[] = [];
  for (const sum of sums.values()) {
    const { congruence, conflict } = sum.weights;
    const raw = options.mode === 'congruence' ? congruence : options.mode === 'conflict' ? conflict : congruence - conflict;
    if (Math.abs(raw) < EPSILON) continue;
    const relations: Relation[] = options.mode === 'subtract' ? ['congruence', 'conflict'] : [options.mode];
    ties.push({
      source: sum.source,
      target: sum.target,
      congruence,
      conflict,
      weight: raw / denominator(options.normalize, cells.get(sum.source)!, cells.get(sum.target)!),
      pairs: relations
        .flatMap((relation) => sum.pairs[relation])
        .sort(pairOrder)
        .slice(0, HYPOTHESES_CAPS.pairsPerTie),
      pairsTotal: relations.reduce((total, relation) => total + sum.pairCounts[relation], 0),
    });
  }
  ties.sort((x, y) => (x.source + '\u0000' + x.target < y.source + '\u0000' + y.target ? -1 : 1));
  return {
    claimants: kept,
    claimantsTotal: ranked.length,
    ties,
    concepts: new Set(rows.map(conceptOf)).size,
    claims: new Set(rows.map((row) => row.claim)).size,
  };
}

/**
 * rDNA's denominators over the two claimants' positions x₁ and x₂ (activity a = Σx): `average` (a₁ + a₂) / 2;
 * `jaccard` the positions either holds, m₁₀ + m₀₁ + m₁₁, where m₁₁ sums x₁·x₂ over the positions both hold;
 * `cosine` a₁ · a₂, as rDNA computes it (√(a₁²)·√(a₂²)). Never zero for two claimants who share a concept.
 */
function denominator(normalize: NetworkNormalization, first: ReadonlyMap<string, Cell>, second: ReadonlyMap<string, Cell>): number {
  const a1 = [...first.values()].reduce((sum, cell) => sum + cell.value, 0);
  const a2 = [...second.values()].reduce((sum, cell) => sum + cell.value, 0);
  switch (normalize) {
    case 'none':
      return 1;
    case 'average':
      return (a1 + a2) / 2;
    case 'cosine':
      return a1 * a2;
    case 'jaccard': {
      let union = 0;
      for (const [key, cell] of first) {
        const other = second.get(key);
        union += other === undefined ? cell.value : cell.value * other.value;
      }
      for (const [key, cell] of second) if (!first.has(key)) union += cell.value;
      return union;
    }
  }
}

/** How the weights read, for the graph's metadata and every export of it. */
function weightsNote(mode: NetworkMode, normalize: NetworkNormalization, hedged: boolean): string {
  const counted = hedged ? "each tie weighed by the product of the two claims' confidence" : 'each concept and stance counted once';
  const sign =
    mode === 'subtract'
      ? 'Weights are SIGNED: congruence minus conflict, negative where two claimants mostly oppose each other'
      : `Weights are ${mode} counts, never negative`;
  return `${sign}; ${counted}; normalisation ${normalize}. The edge attribute weight holds it (formats that reserve weight write 1 there and keep it as weight_attribute).`;
}

/** The claimant network: one transaction reads the positions, the claimants and their affiliations. */
export async function claimantNetwork(db: Database, query: ClaimantNetworkQuery): Promise<ClaimantNetwork> {
  const window = resolveAsOf(query.asOf);
  return readTransaction(db, async (tx) => {
    if (query.incident !== undefined) await repository.incident(tx, query.incident);
    const { rows, truncated: cut } = await positionRows(tx, query.incident ?? null, window);
    const counted = rows.filter((row) => row.counts);
    const network = claimantTies(counted, query);
    const ids = network.claimants.map((claimant) => claimant.id);
    const nodes = ids.length === 0 ? [] : await repository.nodesById(tx, ids);
    const groups = ids.length === 0 ? new Map<string, string>() : independentGroups(ids, await repository.affiliationTies(tx, ids));
    const byId = new Map(network.claimants.map((claimant) => [claimant.id, claimant]));
    const leftOut = (predicate: (row: Row) => boolean) =>
      new Set(rows.filter((row) => !row.counts && predicate(row)).map((row) => row.claim)).size;
    const asOf: AsOfSummary | null =
      window === undefined
        ? null
        : {
            asOf: window.asOf,
            lastDay: window.lastDay,
            undatedLeftOut: leftOut((row) => row.undated),
            laterLeftOut: leftOut((row) => !row.undated),
          };
    return {
      attributes: {
        view: 'network',
        incident: query.incident ?? null,
        mode: query.mode,
        normalize: query.normalize,
        hedged: query.hedged,
        signedWeights: query.mode === 'subtract',
        weights: weightsNote(query.mode, query.normalize, query.hedged),
        asOf,
        concepts: network.concepts,
        claims: network.claims,
        claimantsTotal: network.claimantsTotal,
        truncated: cut || network.claimantsTotal > network.claimants.length,
      },
      // Ties are symmetric: each pair once, from the smaller claimant id, so the graph needs neither multi nor loops.
      options: { type: 'directed', multi: false, allowSelfLoops: false },
      nodes: nodes
        .map((node) => {
          const claimant = byId.get(node.key)!;
          return {
            key: node.key,
            attributes: {
              ...node.attributes,
              type: 'actor' as const,
              kind: node.attributes.kind as ClaimantNetwork['nodes'][number]['attributes']['kind'],
              positions: claimant.positions,
              activity: claimant.activity,
              independentGroup: groups.get(node.key) ?? node.key,
            },
          };
        })
        .sort((a, b) => (a.key < b.key ? -1 : 1)),
      edges: network.ties.map((tie) => ({
        key: edgeKey('STANCE_TIE', tie.source, tie.target),
        source: tie.source,
        target: tie.target,
        attributes: {
          type: 'STANCE_TIE' as const,
          weight: tie.weight,
          congruence: tie.congruence,
          conflict: tie.conflict,
          pairs: tie.pairs,
          pairsTotal: tie.pairsTotal,
        },
      })),
    };
  });
}
