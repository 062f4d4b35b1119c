// The database schema: the unique id constraint, the indexes and the full-text index, created idempotently.
import { ACH_RATING_LABEL, TALLY_LABELS } from '../model/vocabulary';
import { readTransaction, writeTransaction, type Database } from './neo4j';
import { completeTallyMarks, KEPT_TOTAL } from './tallies';

export const FULLTEXT_INDEX = 'recordSearch';

/**
 * Every record carries the shared label `Record` so any id resolves through one unique constraint.
 * Aliases are also kept as one string because full-text indexes skip list properties.
 */
export const SCHEMA_STATEMENTS = [
  'CREATE CONSTRAINT record_id IF NOT EXISTS FOR (n:Record) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (d:Dataset) REQUIRE d.id IS UNIQUE',
  'CREATE CONSTRAINT document_source IF NOT EXISTS FOR (d:Document) REQUIRE d.source IS UNIQUE',
  // One analyst rating per ACH cell (incident|claim|hypothesis): concurrent MERGEs on the key serialise on it.
  `CREATE CONSTRAINT ach_rating_key IF NOT EXISTS FOR (r:${ACH_RATING_LABEL}) REQUIRE r.key IS UNIQUE`,
  `CREATE INDEX ach_rating_incident IF NOT EXISTS FOR (r:${ACH_RATING_LABEL}) ON (r.incident)`,
  // Kept attribution tallies are read and rebuilt by incident; an incident is marked current at most once.
  `CREATE INDEX attribution_tally_incident IF NOT EXISTS FOR (k:${TALLY_LABELS.tally}) ON (k.incident)`,
  `CREATE CONSTRAINT attribution_tallied_incident IF NOT EXISTS FOR (m:${TALLY_LABELS.current}) REQUIRE m.incident IS UNIQUE`,
  // The overview ranks incidents by their kept totals: read in this index's order, a page costs a page of rows.
  `CREATE INDEX attribution_tallied_total IF NOT EXISTS FOR (m:${TALLY_LABELS.current}) ON (m.${KEPT_TOTAL})`,
  // Attribution reads the accusations of one incident; the incident is a property of each ACCUSES relationship.
  'CREATE INDEX accuses_incident IF NOT EXISTS FOR ()-[r:ACCUSES]-() ON (r.incident)',
  'CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind)',
  'CREATE INDEX claim_stance IF NOT EXISTS FOR (n:Claim) ON (n.stance)',
  'CREATE INDEX claim_date IF NOT EXISTS FOR (n:Claim) ON (n.date)',
  'CREATE INDEX claim_kind IF NOT EXISTS FOR (n:Claim) ON (n.kind)',
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Actor|Incident|Claim|Source|Explanation)
     ON EACH [n.name, n.aliasText, n.text, n.quote, n.title, n.description]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-no-stop-words' } }`,
];

/** Creates constraints and indexes (idempotent), waits until they are online, and completes older tally marks. */
export async function ensureSchema(db: Database): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) {
    await writeTransaction(db, (tx) => tx.run(statement), 60_000);
  }
  await readTransaction(db, (tx) => tx.run('CALL db.awaitIndexes(120)'), 130_000);
  await writeTransaction(db, completeTallyMarks, 600_000);
}
