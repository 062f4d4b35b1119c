// The start page's answer: incidents ranked by accusations, a page at a time, each with its most-blamed targets and stance split, in one read transaction.
import type { ManagedTransaction } from 'neo4j-driver';
import { CURRENT, KEPT_TOTAL, talliesCurrent } from '../db/tallies';
import { readTransaction, type Database } from '../db/neo4j';
import { fromInteger, toInteger } from '../db/records';
import { InvalidRequestError } from '../model/errors';
import type { Overview, OverviewIncident, OverviewQuery, OverviewTarget } from '../model/overview';
import { STANCES, type Stance } from '../model/vocabulary';
import { resolveAsOf } from './asOf';
import { independentGroups } from './independence';
import { attributionTallies, type AttributionTally } from './repository';

/** Where the previous page ended: its last incident's accusations and id, the keys the ranking sorts by. */
interface RankCursor {
  accusations: number;
  id: string;
}

export function encodeOverviewCursor(after: RankCursor): string {
  return Buffer.from(JSON.stringify([after.accusations, after.id]), 'utf8').toString('base64url');
}

export function decodeOverviewCursor(cursor: string | undefined): RankCursor | null {
  if (cursor === undefined) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      Number.isSafeInteger(decoded[0]) &&
      (decoded[0] as number) >= 0 &&
      typeof decoded[1] === 'string' &&
      decoded[1].length <= 120
    )
      return { accusations: decoded[0] as number, id: decoded[1] };
  } catch {
    // fall through to the 400 below
  }
  throw InvalidRequestError.field('cursor', 'expected a cursor returned by a previous page of the overview');
}

/** The cursor's keys as parameters: `$ceiling` bounds the kept totals' index seek to where the previous page ended. */
const rankParameters = (after: RankCursor | null, limit: number) => ({
  afterId: after?.id ?? null,
  afterAccusations: toInteger(after?.accusations ?? 0),
  ceiling: toInteger(after?.accusations ?? Number.MAX_SAFE_INTEGER),
  fetch: toInteger(limit + 1),
});

/**
 * Every incident current: the kept totals, one mark an incident, read from their index in descending order from the
 * cursor on, so a page reads about a page of marks however many incidents and claims there are. The join to the
 * incident comes before the limit, so a mark without its incident could never shorten a page.
 */
const KEPT_RANKING = `
  MATCH (m:${CURRENT})
  WHERE m.${KEPT_TOTAL} <= $ceiling
    AND ($afterId IS NULL OR m.${KEPT_TOTAL} < $afterAccusations OR m.incident > $afterId)
  WITH m ORDER BY m.${KEPT_TOTAL} DESC, m.incident
  MATCH (i:Record:Incident {id: m.incident})
  RETURN i.id AS id, i.name AS name, i.start AS start, m.${KEPT_TOTAL} AS accusations
  ORDER BY accusations DESC, id
  LIMIT $fetch`;

/**
 * Some incident stale (a batch load is running, or stopped part-way): every incident, a current one by its kept
 * total, a stale one by counting its ACCUSES links by index. Each branch yields exactly one row per incident.
 */
const MIXED_RANKING = `
  MATCH (i:Record:Incident)
  CALL (i) {
    MATCH (m:${CURRENT} {incident: i.id})
    RETURN m.${KEPT_TOTAL} AS accusations
    UNION ALL
    WITH i WHERE NOT ${talliesCurrent('i.id')}
    RETURN COUNT { MATCH ()-[r:ACCUSES {incident: i.id}]->() } AS accusations
  }
  WITH i, accusations
  WHERE $afterId IS NULL OR accusations < $afterAccusations OR (accusations = $afterAccusations AND i.id > $afterId)
  RETURN i.id AS id, i.name AS name, i.start AS start, accusations
  ORDER BY accusations DESC, id
  LIMIT $fetch`;

/**
 * The page of incidents after `after`, the most accused first (then by id, so pages never overlap). `everyCurrent`
 * (from `GraphSize`) picks the index-ordered read of the kept totals; otherwise every incident is ranked.
 */
export async function rankedIncidents(
  tx: ManagedTransaction,
  after: RankCursor | null,
  limit: number,
  everyCurrent: boolean,
): Promise<Array<{ id: string; name: string; start: string | null; accusations: number }>> {
  const result = await tx.run(everyCurrent ? KEPT_RANKING : MIXED_RANKING, rankParameters(after, limit));
  return result.records.map((record) => ({
    id: record.get('id') as string,
    name: record.get('name') as string,
    start: (record.get('start') as string | null) ?? null,
    accusations: Number(fromInteger(record.get('accusations'))),
  }));
}

export interface GraphSize {
  nodes: number;
  incidents: number;
  /**
   * True when every incident's tallies are current. Only an incident is ever marked (rebuildTallies), so equal
   * counts of incidents and marks mean no incident is without its mark.
   */
  everyCurrent: boolean;
}

/** Records, incidents and current marks in the graph, from Neo4j's count store (a label count reads no nodes). */
export async function graphSize(tx: ManagedTransaction): Promise<GraphSize> {
  const result = await tx.run(
    `CALL () { MATCH (n:Record) RETURN count(n) AS nodes }
     CALL () { MATCH (i:Incident) RETURN count(i) AS incidents }
     CALL () { MATCH (m:${CURRENT}) RETURN count(m) AS marked }
     RETURN nodes, incidents, marked`,
  );
  const record = result.records[0]!;
  const incidents = Number(fromInteger(record.get('incidents')));
  return {
    nodes: Number(fromInteger(record.get('nodes'))),
    incidents,
    everyCurrent: Number(fromInteger(record.get('marked'))) === incidents,
  };
}

const perStance = (count: (stance: Stance) => number) =>
  Object.fromEntries(STANCES.map((stance) => [stance, count(stance)])) as Record<Stance, number>;

/**
 * One incident's targets from its tallies, ranked as attribution ranks them: more independent asserting claimants,
 * then more asserting claims, then by id.
 */
export function rankOverviewTargets(tallies: readonly AttributionTally[], groupOf: ReadonlyMap<string, string>): OverviewTarget[] {
  const byTarget = new Map<string, { tally: AttributionTally; sides: Partial<Record<Stance, AttributionTally>> }>();
  for (const tally of tallies) {
    const entry = byTarget.get(tally.target.id) ?? { tally, sides: {} };
    entry.sides[tally.side] = tally;
    byTarget.set(tally.target.id, entry);
  }
  return [...byTarget.values()]
    .map(({ tally, sides }) => ({
      id: tally.target.id,
      name: tally.target.name,
      kind: tally.target.kind,
      type: tally.targetType,
      claims: perStance((stance) => sides[stance]?.claims ?? 0),
      independentClaimants: perStance((stance) => new Set((sides[stance]?.claimantIds ?? []).map((id) => groupOf.get(id) ?? id)).size),
    }))
    .sort(
      (a, b) =>
        b.independentClaimants.asserts - a.independentClaimants.asserts || b.claims.asserts - a.claims.asserts || a.id.localeCompare(b.id),
    );
}

/**
 * `GET /api/overview`: the graph's size, and a page of incidents, the most accused first, each with its `targets`
 * most-blamed actors and explanations and the split of its accusations by stance. The counts of the page's incidents
 * come from their kept tallies (about a hundred rows an incident) unless a date is asked for or they are stale,
 * when they are counted from the claims, as attribution does.
 */
export async function overview(db: Database, query: OverviewQuery): Promise<Overview> {
  const window = resolveAsOf(query.asOf);
  const after = decodeOverviewCursor(query.cursor);
  return readTransaction(db, async (tx) => {
    const size = await graphSize(tx);
    const ranked = await rankedIncidents(tx, after, query.limit, size.everyCurrent);
    const onPage = ranked.slice(0, query.limit);
    const { tallies, ties } =
      onPage.length === 0
        ? { tallies: [], ties: [] }
        : await attributionTallies(
            tx,
            onPage.map((incident) => incident.id),
            1,
            window,
          );
    const incidents: OverviewIncident[] = onPage.map((incident) => {
      const own = tallies.filter((tally) => tally.incident === incident.id);
      // The ties were walked from every claimant on the page; a group forms only where they link this incident's own claimants.
      const groupOf = independentGroups([...new Set(own.flatMap((tally) => tally.claimantIds))], ties);
      const targets = rankOverviewTargets(own, groupOf);
      return {
        incident: { id: incident.id, name: incident.name, start: incident.start },
        accusations: incident.accusations,
        stances: perStance((stance) => own.filter((tally) => tally.side === stance).reduce((total, tally) => total + tally.claims, 0)),
        targetTotal: targets.length,
        targets: targets.slice(0, query.targets),
      };
    });
    const last = onPage[onPage.length - 1];
    return {
      nodes: size.nodes,
      incidentTotal: size.incidents,
      asOf: window === undefined ? null : { asOf: window.asOf, lastDay: window.lastDay },
      incidents,
      nextCursor: ranked.length > query.limit && last !== undefined ? encodeOverviewCursor(last) : null,
    };
  });
}
