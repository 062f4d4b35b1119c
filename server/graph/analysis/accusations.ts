// The accusations the analyst views start from: one row per claim and target of an incident as of a date, and the claimants' independent groups.
import type { ManagedTransaction } from 'neo4j-driver';
import { toPlain } from '../../db/records';
import type { ActorRef, AsOfSummary } from '../../model/api';
import type { MatrixClaim, TargetRef } from '../../model/analysis';
import { dateSpan } from '../../model/dates';
import { STANCES, type Stance } from '../../model/vocabulary';
import { asOfParameters, countsAsOf, type AsOf } from '../asOf';
import { independentGroups } from '../independence';
import { affiliationTies } from '../repository';

/** One accusation of one claim: who made it, what it holds responsible (or clears) for which incident, and how. */
export interface AccusationRow {
  incident: string;
  claim: MatrixClaim;
  claimant: ActorRef;
  target: TargetRef;
}

const FIRM_SIDES = STANCES.filter((stance) => stance !== 'neither');

// A stance outside the vocabulary cannot be stored by the loader; were one there, it would count as declining, as in attribution.
// Claims the as-of date leaves out come back too, flagged, so one statement also counts the undated ones among them.
const ROW_RETURN = `WITH r, c, t, CASE WHEN r.stance IN $firmSides THEN r.stance ELSE 'neither' END AS side, ${countsAsOf('c')} AS counts
  MATCH (who:Actor)-[:MADE]->(c)
  RETURN counts, r.incident AS incident,
    CASE WHEN counts THEN c {.id, stance: side, .confidence, .hedge, .date, .datePrecision, .dateBasis}
      ELSE c {.id, .date} END AS claim,
    CASE WHEN counts THEN who {.id, .name, .kind} END AS claimant,
    CASE WHEN counts THEN t {.id, .name, .kind, type: CASE WHEN t:Explanation THEN 'explanation' ELSE 'actor' END} END AS target
  ORDER BY c.date, c.id, t.id`;

// Two fixed texts rather than `$incident IS NULL OR …`, so the one-incident form keeps its index seek on ACCUSES.incident.
const ROWS_OF_INCIDENT = `MATCH (c:Claim)-[r:ACCUSES {incident: $incident}]->(t:Record) ${ROW_RETURN}`;
const ROWS_OF_ALL = `MATCH (c:Claim)-[r:ACCUSES]->(t:Record) ${ROW_RETURN}`;

/** The claims an as-of date left out of a view: undated ones, which never count as of a date, and later ones. */
export interface LeftOut {
  undated: number;
  later: number;
}

/**
 * Every accusation of the incident (or of every incident, for null) made by the as-of date, earliest claim first;
 * and how many claims accusing anyone of it the date left out, undated or later (both 0 without a date).
 */
export async function accusationRows(
  tx: ManagedTransaction,
  incident: string | null,
  window: AsOf | undefined,
): Promise<{ rows: AccusationRow[]; leftOut: LeftOut }> {
  const result = await tx.run(incident === null ? ROWS_OF_ALL : ROWS_OF_INCIDENT, {
    incident,
    firmSides: FIRM_SIDES,
    ...asOfParameters(window),
  });
  const rows: AccusationRow[] = [];
  const undated = new Set<string>();
  const later = new Set<string>();
  for (const record of result.records) {
    const claim = toPlain(record.get('claim')) as MatrixClaim;
    if (record.get('counts') !== true) {
      (claim.date === null ? undated : later).add(claim.id);
      continue;
    }
    rows.push({
      incident: record.get('incident') as string,
      claim,
      claimant: toPlain(record.get('claimant')) as ActorRef,
      target: toPlain(record.get('target')) as TargetRef,
    });
  }
  return { rows, leftOut: { undated: undated.size, later: later.size } };
}

/** What an answer says about its as-of date, in the shape attribution gives it; null without a date. */
export function asOfSummary(window: AsOf | undefined, leftOut: LeftOut): AsOfSummary | null {
  return window === undefined
    ? null
    : { asOf: window.asOf, lastDay: window.lastDay, undatedLeftOut: leftOut.undated, laterLeftOut: leftOut.later };
}

/**
 * Each claimant's independent group, by the rule attribution counts with (`independentGroups`): claimants joined by
 * confirmed or reported affiliations, directly or through a group they share, are one voice, named by the
 * smallest claimant id among them.
 */
export async function claimantGroups(tx: ManagedTransaction, claimantIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(claimantIds)];
  if (ids.length === 0) return new Map();
  return independentGroups(ids, await affiliationTies(tx, ids));
}

/** Claims in date order: by the first day their date covers, then the last, undated last, then by id. */
export function byDate(a: Pick<MatrixClaim, 'id' | 'date' | 'datePrecision'>, b: Pick<MatrixClaim, 'id' | 'date' | 'datePrecision'>) {
  const spanA = dateSpan(a.date, a.datePrecision);
  const spanB = dateSpan(b.date, b.datePrecision);
  if (spanA === undefined || spanB === undefined)
    return Number(spanA === undefined) - Number(spanB === undefined) || a.id.localeCompare(b.id);
  return spanA.start.localeCompare(spanB.start) || spanA.end.localeCompare(spanB.end) || a.id.localeCompare(b.id);
}

/** Counts per stance, all three present. */
export function stanceTally(count: (stance: Stance) => number): Record<Stance, number> {
  return Object.fromEntries(STANCES.map((stance) => [stance, count(stance)])) as Record<Stance, number>;
}
