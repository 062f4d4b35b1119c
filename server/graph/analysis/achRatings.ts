// Analysts' ACH ratings in Neo4j: one node per incident, claim and hypothesis (unique key), read with the matrix and written by PUT.
import type { ManagedTransaction } from 'neo4j-driver';
import { writeTransaction, type Database } from '../../db/neo4j';
import { toPlain } from '../../db/records';
import { NotFoundError } from '../../model/errors';
import type { AchAnalystRating, AchRatingBody } from '../../model/hypotheses';
import { ACH_RATING_LABEL } from '../../model/vocabulary';

/** Record ids never hold "|", so the key names one cell and nothing else. */
export const ratingKey = (incident: string, claim: string, hypothesis: string) => `${incident}|${claim}|${hypothesis}`;

const RATING_FIELDS = 'r {.incident, .claim, .hypothesis, .rating, .relevance, .note, .analyst, .ratedAt}';

/** Every analyst rating stored for the incident, by cell (claim and hypothesis). */
export async function ratingsOf(tx: ManagedTransaction, incident: string): Promise<Map<string, AchAnalystRating>> {
  const result = await tx.run(`MATCH (r:${ACH_RATING_LABEL} {incident: $incident}) RETURN ${RATING_FIELDS} AS rating`, { incident });
  const byCell = new Map<string, AchAnalystRating>();
  for (const record of result.records) {
    const rating = toPlain(record.get('rating')) as AchAnalystRating;
    byCell.set(ratingKey(rating.incident, rating.claim, rating.hypothesis), rating);
  }
  return byCell;
}

/**
 * Where the cell stands: whether the incident exists, the claim exists and is evidence of it (about it, or accusing
 * someone of it), and the hypothesis is a target some claim accuses of the incident, whatever the date.
 */
async function cellExists(tx: ManagedTransaction, incident: string, claim: string, hypothesis: string) {
  const result = await tx.run(
    `OPTIONAL MATCH (i:Record:Incident {id: $incident})
     OPTIONAL MATCH (c:Record:Claim {id: $claim})
     RETURN i IS NOT NULL AS incident, c IS NOT NULL AS claim,
       i IS NOT NULL AND c IS NOT NULL AND (EXISTS { (c)-[:ABOUT]->(i) } OR EXISTS { (c)-[:ACCUSES {incident: $incident}]->() }) AS evidence,
       EXISTS { (:Claim)-[:ACCUSES {incident: $incident}]->(:Record {id: $hypothesis}) } AS hypothesis`,
    { incident, claim, hypothesis },
  );
  return toPlain(result.records[0]!.toObject()) as { incident: boolean; claim: boolean; evidence: boolean; hypothesis: boolean };
}

/**
 * Stores an analyst's rating of one cell, replacing an earlier one. MERGE on the uniquely constrained key makes
 * concurrent writes to one cell wait for each other, so exactly one node holds the cell (the last write's values).
 * Unknown incident, claim or hypothesis answers 404 and writes nothing.
 */
export async function putRating(db: Database, incident: string, body: AchRatingBody): Promise<AchAnalystRating> {
  return writeTransaction(db, async (tx) => {
    const found = await cellExists(tx, incident, body.claim, body.hypothesis);
    if (!found.incident) throw new NotFoundError('incident', incident);
    if (!found.claim) throw new NotFoundError('claim', body.claim);
    if (!found.evidence) throw new NotFoundError(`evidence claim of incident ${incident}`, body.claim);
    if (!found.hypothesis) throw new NotFoundError(`hypothesis of incident ${incident}`, body.hypothesis);
    const result = await tx.run(
      `MERGE (r:${ACH_RATING_LABEL} {key: $key})
       SET r += $rating
       RETURN ${RATING_FIELDS} AS rating`,
      {
        key: ratingKey(incident, body.claim, body.hypothesis),
        rating: {
          incident,
          claim: body.claim,
          hypothesis: body.hypothesis,
          rating: body.rating,
          relevance: body.relevance,
          note: body.note === undefined || body.note === '' ? null : body.note,
          analyst: body.analyst,
          ratedAt: new Date().toISOString(),
        },
      },
    );
    return toPlain(result.records[0]!.get('rating')) as AchAnalystRating;
  });
}
