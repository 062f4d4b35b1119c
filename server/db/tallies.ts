// Attribution tallies kept per incident, target and side, so an attribution reads about a hundred rows whatever the incident's size.
import type { ManagedTransaction } from 'neo4j-driver';
import { CAPS } from '../model/api';
import { STANCES, TALLY_LABELS } from '../model/vocabulary';
import { writeTransaction, type Database } from './neo4j';
import { toInteger } from './records';

const { tally: TALLY, current: CURRENT } = TALLY_LABELS;

/** The earliest claims kept per side: as many as an attribution may ever list for one side. */
export const KEPT_FIRST_CLAIMS = CAPS.attributionClaimsPerSide;

/**
 * What a tally row holds, computed from the claims: the number of accusations, the distinct claimants (independence
 * is decided when read, because a later dataset may add an affiliation), and the earliest claims by date, then id.
 * The same expression serves the rebuild and the live count, so the two cannot drift apart.
 */
export const tallyRows = (where = 'true') => `
  MATCH (c:Claim)-[r:ACCUSES {incident: incident}]->(t:Record)
  WHERE ${where}
  WITH incident, t, c, CASE WHEN r.stance IN $firmSides THEN r.stance ELSE 'neither' END AS side,
    head([(who:Actor)-[:MADE]->(c) | who.id]) AS claimant
  ORDER BY c.date, c.id
  // The loader keys ACCUSES on the incident, so a claim meets a target of an incident once: no DISTINCT needed.
  WITH incident, t, side, count(c) AS claims, collect(DISTINCT claimant) AS claimantIds, collect(c.id) AS orderedClaimIds`;

/** True inside a query when `incident`'s kept tallies are current. */
export const talliesCurrent = (incident: string) => `EXISTS { MATCH (:${CURRENT} {incident: ${incident}}) }`;

/**
 * The property of the current mark that holds the incident's accusations, the sum of its rows' claims: the overview
 * ranks every incident by it, one indexed row an incident, however many rows and claims each has.
 */
export const KEPT_TOTAL = 'accusations';

/** The sum of an incident's kept rows' claims, read back from the rows so the mark's total is theirs by construction. */
const totalOfRows = (incident: string) =>
  `reduce(total = 0, claims IN COLLECT { MATCH (k:${TALLY} {incident: ${incident}}) RETURN k.claims } | total + claims)`;

/** The labels the read side names, from the one declaration. */
export { TALLY, CURRENT };

export const tallyParameters = () => ({ firmSides: STANCES.filter((stance) => stance !== 'neither') });

/**
 * The incidents whose accusations a set of claims holds now, read before a load rewrites their links. Callers read it
 * before their transaction writes anything: through uncommitted changes the same seeks were many times slower.
 */
export async function incidentsAccusedBy(tx: ManagedTransaction, claimIds: readonly string[]): Promise<string[]> {
  if (claimIds.length === 0) return [];
  // The hint keeps this an index seek per id: planned on a nearly empty database (a first load's first chunk), the
  // statement otherwise kept a plan that scanned every claim per id, and a quick bench's second chunk of 20,000
  // claims ran for minutes in it.
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (c:Record {id: id}) USING INDEX c:Record(id)
     WHERE c:Claim
     MATCH (c)-[r:ACCUSES]->()
     RETURN collect(DISTINCT r.incident) AS incidents`,
    { ids: claimIds },
  );
  return (result.records[0]?.get('incidents') as string[] | undefined) ?? [];
}

/** Marks incidents' tallies as out of date: until rebuilt, attribution counts those incidents from their claims. */
export async function markTalliesStale(tx: ManagedTransaction, incidentIds: readonly string[]): Promise<void> {
  if (incidentIds.length === 0) return;
  await tx.run(`UNWIND $incidents AS incident MATCH (m:${CURRENT} {incident: incident}) DELETE m`, { incidents: incidentIds });
}

/** Recomputes incidents' tallies from their claims and marks them current, in the caller's transaction. */
export async function rebuildTallies(tx: ManagedTransaction, incidentIds: readonly string[]): Promise<void> {
  if (incidentIds.length === 0) return;
  await tx.run(`UNWIND $incidents AS incident MATCH (k:${TALLY} {incident: incident}) DELETE k`, { incidents: incidentIds });
  await tx.run(
    `UNWIND $incidents AS incident
     ${tallyRows()}
     // Sorted, so a rebuild of the same claims stores the same list.
     CREATE (:${TALLY} {incident: incident, target: t.id, side: side, claims: claims,
       claimantIds: COLLECT { UNWIND claimantIds AS claimantId RETURN claimantId ORDER BY claimantId },
       firstClaimIds: orderedClaimIds[..$keep]})`,
    { incidents: incidentIds, keep: toInteger(KEPT_FIRST_CLAIMS), ...tallyParameters() },
  );
  await tx.run(
    `UNWIND $incidents AS incident
     // Only an incident gets a mark, so the overview may tell from two label counts that every incident is current.
     MATCH (:Record:Incident {id: incident})
     MERGE (m:${CURRENT} {incident: incident})
     SET m.${KEPT_TOTAL} = ${totalOfRows('incident')}`,
    { incidents: incidentIds },
  );
}

/**
 * Brings marks written before they carried a total up to date, from their rows (which are current while the mark
 * stands), and drops any mark of an id that is no incident; idempotent, run with the schema at every start.
 */
export async function completeTallyMarks(tx: ManagedTransaction): Promise<void> {
  await tx.run(`MATCH (m:${CURRENT}) WHERE NOT EXISTS { MATCH (:Record:Incident {id: m.incident}) } DELETE m`);
  await tx.run(`MATCH (m:${CURRENT}) WHERE m.${KEPT_TOTAL} IS NULL SET m.${KEPT_TOTAL} = ${totalOfRows('m.incident')}`);
}

/** Incidents per rebuild transaction after a batch load: small enough that one busy incident never holds a long lock. */
const REBUILD_GROUP = 200;

/**
 * Rebuilds every incident whose tallies are not current, a group per transaction, each group atomic with its mark:
 * a batch load ends with this, and a crash part-way leaves the rest stale, so still counted from their claims.
 */
export async function rebuildStaleTallies(db: Database, timeoutMs = 600_000): Promise<number> {
  const stale = await writeTransaction(
    db,
    async (tx) => {
      const result = await tx.run(
        `MATCH (i:Record:Incident) WHERE NOT EXISTS { MATCH (:${CURRENT} {incident: i.id}) } RETURN collect(i.id) AS ids`,
      );
      return (result.records[0]?.get('ids') as string[] | undefined) ?? [];
    },
    timeoutMs,
  );
  for (let at = 0; at < stale.length; at += REBUILD_GROUP) {
    const group = stale.slice(at, at + REBUILD_GROUP);
    await writeTransaction(db, (tx) => rebuildTallies(tx, group), timeoutMs);
  }
  return stale.length;
}
