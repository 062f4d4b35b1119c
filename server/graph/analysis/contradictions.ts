// Contradictions: claims asserting and denying one target, explicit disputes, reversals over time, and culprits
// against explanations that leave no one to blame; each with its sides, their claims and their words.
import type { ManagedTransaction } from 'neo4j-driver';
import { toPlain } from '../../db/records';
import { readTransaction, type Database } from '../../db/neo4j';
import type { ActorRef, Evidence } from '../../model/api';
import type { Contradiction, ContradictionClaim, Contradictions, ContradictionsQuery, IncidentRef, TargetRef } from '../../model/analysis';
import { dateSpan } from '../../model/dates';
import {
  CONTRADICTION_KINDS,
  CULPRIT_EXCLUDING_EXPLANATIONS,
  DISPUTE_ROLES,
  STANCES,
  type ContradictionKind,
  type DisputeRole,
  type ExplanationKind,
  type Stance,
} from '../../model/vocabulary';
import { asOfParameters, countsAsOf, resolveAsOf, type AsOf } from '../asOf';
import { claimsWithClaimants, documentTexts, incident as incidentRecord } from '../repository';
import { accusationRows, asOfSummary, byDate, claimantGroups, type AccusationRow } from './accusations';

/** One `disputes` link onto a claim accusing someone (or something) of an incident, with both ends' stances toward that target. */
export interface DisputeRow {
  incident: string;
  target: TargetRef;
  disputed: string;
  disputedStance: Stance;
  disputedClaimant: string;
  disputedDate: string | null;
  disputedPrecision: string | null;
  disputing: string;
  disputingClaimant: string;
  /** The disputing claim's own stance toward the same target and incident, or null when it takes none. */
  disputingStance: Stance | null;
  disputingDate: string | null;
  disputingPrecision: string | null;
}

const FIRM_SIDES = STANCES.filter((stance) => stance !== 'neither');
const SIDE_OF = (variable: string) => `CASE WHEN ${variable}.stance IN $firmSides THEN ${variable}.stance ELSE 'neither' END`;

const DISPUTE_RETURN = `MATCH (who:Actor)-[:MADE]->(a)
  MATCH (speaker:Actor)-[:MADE]->(b)
  RETURN r.incident AS incident,
    t {.id, .name, .kind, type: CASE WHEN t:Explanation THEN 'explanation' ELSE 'actor' END} AS target,
    b.id AS disputed, ${SIDE_OF('r')} AS disputedStance, speaker.id AS disputedClaimant, b.date AS disputedDate,
    b.datePrecision AS disputedPrecision,
    a.id AS disputing, who.id AS disputingClaimant, a.date AS disputingDate, a.datePrecision AS disputingPrecision,
    head([(a)-[ra:ACCUSES]->(t) WHERE ra.incident = r.incident | ${SIDE_OF('ra')}]) AS disputingStance
  ORDER BY incident, target.id, disputed, disputing`;
// A dispute counts as of a date once both of its claims do.
const DISPUTES_OF_INCIDENT = `MATCH (a:Claim)-[:DISPUTES]->(b:Claim)-[r:ACCUSES {incident: $incident}]->(t:Record)
  WHERE ${countsAsOf('a')} AND ${countsAsOf('b')} ${DISPUTE_RETURN}`;
const DISPUTES_OF_ALL = `MATCH (a:Claim)-[:DISPUTES]->(b:Claim)-[r:ACCUSES]->(t:Record)
  WHERE ${countsAsOf('a')} AND ${countsAsOf('b')} ${DISPUTE_RETURN}`;

/** The `disputes` links onto claims accusing anyone of the incident (or of any), both claims made by the as-of date. */
export async function disputeRows(tx: ManagedTransaction, incident: string | null, window: AsOf | undefined): Promise<DisputeRow[]> {
  const result = await tx.run(incident === null ? DISPUTES_OF_ALL : DISPUTES_OF_INCIDENT, {
    incident,
    firmSides: FIRM_SIDES,
    ...asOfParameters(window),
  });
  return result.records.map((record) => toPlain(record.toObject()) as DisputeRow);
}

interface SpanRow {
  claim: string;
  source: string;
  starts: number[];
  ends: number[];
}

const SPANS = `UNWIND $ids AS cid
  MATCH (:Record:Claim {id: cid})-[r:REPORTED_IN]->(s:Source)
  RETURN cid AS claim, s.id AS source, coalesce(r.evidenceStarts, []) AS starts, coalesce(r.evidenceEnds, []) AS ends`;

/** Each claim's verbatim spans, cut from its sources' texts the way the loader checked them. */
async function evidenceOf(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, Evidence[]>> {
  const result = await tx.run(SPANS, { ids });
  const rows = result.records.map((record) => toPlain(record.toObject()) as SpanRow);
  const texts = await documentTexts(tx, [...new Set(rows.map((row) => row.source))]);
  const byClaim = new Map<string, Evidence[]>();
  for (const row of rows) {
    const text = texts[row.source];
    const spans = row.starts.map((start, i) => ({
      source: row.source,
      start,
      end: row.ends[i]!,
      text: text === undefined ? '' : text.slice(start, row.ends[i]),
    }));
    byClaim.set(row.claim, [...(byClaim.get(row.claim) ?? []), ...spans]);
  }
  for (const spans of byClaim.values()) spans.sort((a, b) => a.source.localeCompare(b.source) || a.start - b.start);
  return byClaim;
}

// ---------------------------------------------------------------- detection (no database)

/** A claim on a side, with what detection needs: its stance toward the side's target, speaker and date. */
export interface SideClaim {
  id: string;
  stance: Stance | null;
  claimant: string;
  date: string | null;
  datePrecision: string | null;
}

export interface FoundSide {
  stance: Stance | null;
  target: TargetRef;
  role: DisputeRole | null;
  claims: SideClaim[];
}

/** A contradiction as detected: ids only, before the listed claims are read. */
export interface Found {
  kind: ContradictionKind;
  incident: string;
  target: TargetRef;
  sides: FoundSide[];
  /** reversal: the independent group; otherwise null. */
  group: string | null;
  links: Array<{ claim: string; disputes: string }>;
}

const sideClaim = (row: AccusationRow): SideClaim => ({
  id: row.claim.id,
  stance: row.claim.stance,
  claimant: row.claimant.id,
  date: row.claim.date,
  datePrecision: row.claim.datePrecision,
});

const inDateOrder = (claims: SideClaim[]) => [...new Map(claims.map((claim) => [claim.id, claim])).values()].sort(byDate);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const stanceRank = (stance: Stance | null) => (stance === null ? STANCES.length : STANCES.indexOf(stance));

/** `stance`: some claims assert a target and some deny it, for the same incident. Declining to say is neither side. */
function stanceContradictions(byTarget: Map<string, AccusationRow[]>): Found[] {
  return [...byTarget.values()].flatMap((rows) => {
    const asserts = rows.filter((row) => row.claim.stance === 'asserts').map(sideClaim);
    const denies = rows.filter((row) => row.claim.stance === 'denies').map(sideClaim);
    if (asserts.length === 0 || denies.length === 0) return [];
    const { incident, target } = rows[0]!;
    const side = (stance: Stance, claims: SideClaim[]): FoundSide => ({ stance, target, role: null, claims: inDateOrder(claims) });
    return [{ kind: 'stance', incident, target, sides: [side('asserts', asserts), side('denies', denies)], group: null, links: [] }];
  });
}

/**
 * `dispute`: explicit `disputes` links onto claims about a target, grouped per incident and target, with a side per
 * end of the links and stance. A link between claims of the same stance toward the target is no contradiction.
 */
function disputeContradictions(disputes: readonly DisputeRow[]): Found[] {
  const contradictory = disputes.filter((row) => row.disputingStance !== row.disputedStance);
  return [...groupBy(contradictory, (row) => `${row.incident}\u0000${row.target.id}`).values()].map((rows) => {
    const { incident, target } = rows[0]!;
    const ends: Array<{ role: DisputeRole; claim: SideClaim }> = rows.flatMap((row) => [
      {
        role: 'disputed' as const,
        claim: {
          id: row.disputed,
          stance: row.disputedStance,
          claimant: row.disputedClaimant,
          date: row.disputedDate,
          datePrecision: row.disputedPrecision,
        },
      },
      {
        role: 'disputing' as const,
        claim: {
          id: row.disputing,
          stance: row.disputingStance,
          claimant: row.disputingClaimant,
          date: row.disputingDate,
          datePrecision: row.disputingPrecision,
        },
      },
    ]);
    const sides = [...groupBy(ends, (end) => `${end.role} ${end.claim.stance}`).values()]
      .map((group): FoundSide => ({
        stance: group[0]!.claim.stance,
        target,
        role: group[0]!.role,
        claims: inDateOrder(group.map((end) => end.claim)),
      }))
      .sort((a, b) => DISPUTE_ROLES.indexOf(a.role!) - DISPUTE_ROLES.indexOf(b.role!) || stanceRank(a.stance) - stanceRank(b.stance));
    const links = rows
      .map((row) => ({ claim: row.disputing, disputes: row.disputed }))
      .sort((a, b) => a.claim.localeCompare(b.claim) || a.disputes.localeCompare(b.disputes));
    return { kind: 'dispute', incident, target, sides, group: null, links };
  });
}

/**
 * `reversal`: an independent group's stance on a target, for one incident, changes from one dated claim to a later
 * one. "Later" means the later claim's period starts after the earlier one's ends, so two claims both dated
 * "December 2014" are never ordered; undated claims have no place in time and are left out.
 */
function reversals(byTarget: Map<string, AccusationRow[]>, groupOf: ReadonlyMap<string, string>): Found[] {
  return [...byTarget.values()].flatMap((rows) =>
    [...groupBy(rows, (row) => groupOf.get(row.claimant.id) ?? row.claimant.id)].flatMap(([group, groupRows]) => {
      const dated = inDateOrder(groupRows.map(sideClaim)).flatMap((claim) => {
        const span = dateSpan(claim.date, claim.datePrecision);
        return span === undefined ? [] : [{ claim, span }];
      });
      // In order of start: a claim reverses the group when a claim of another stance ended before it began.
      const earliestEnd = new Map<Stance | null, string>();
      let reversed = false;
      for (const { claim, span } of dated) {
        for (const [stance, end] of earliestEnd) if (stance !== claim.stance && end < span.start) reversed = true;
        const known = earliestEnd.get(claim.stance);
        if (known === undefined || span.end < known) earliestEnd.set(claim.stance, span.end);
      }
      if (!reversed) return [];
      const { incident, target } = groupRows[0]!;
      // Sides in the order their stance first appears.
      const sides = [...groupBy(dated, ({ claim }) => String(claim.stance)).values()].map((items): FoundSide => ({
        stance: items[0]!.claim.stance,
        target,
        role: null,
        claims: items.map(({ claim }) => claim),
      }));
      return [{ kind: 'reversal' as const, incident, target, sides, group, links: [] }];
    }),
  );
}

/**
 * `alternative`: an actor is held responsible for an incident while an explanation that leaves no one to blame
 * (a technical failure, an accident, a natural cause, a self-inflicted one) is put forward for the same incident.
 * Both sides assert, but their targets exclude each other; one contradiction per actor and explanation.
 */
function alternatives(byTarget: Map<string, AccusationRow[]>): Found[] {
  const asserted = [...byTarget.values()]
    .map((rows) => ({ rows: rows.filter((row) => row.claim.stance === 'asserts'), first: rows[0]! }))
    .filter(({ rows }) => rows.length > 0);
  const excluding = asserted.filter(
    ({ first }) => first.target.type === 'explanation' && CULPRIT_EXCLUDING_EXPLANATIONS.includes(first.target.kind as ExplanationKind),
  );
  return asserted
    .filter(({ first }) => first.target.type === 'actor')
    .flatMap((actor) =>
      excluding
        .filter((explanation) => explanation.first.incident === actor.first.incident)
        .map((explanation): Found => ({
          kind: 'alternative',
          incident: actor.first.incident,
          target: actor.first.target,
          sides: [actor, explanation].map(({ rows, first }) => ({
            stance: 'asserts' as const,
            target: first.target,
            role: null,
            claims: inDateOrder(rows.map(sideClaim)),
          })),
          group: null,
          links: [],
        })),
    );
}

/**
 * Every contradiction among the accusations and disputes given, ordered by incident, target, kind, and then the
 * other side's target (alternative) or the group (reversal). Two claims of the same stance toward the same target
 * are never a contradiction, whatever their hedges or confidence.
 */
export function findContradictions(
  rows: readonly AccusationRow[],
  disputes: readonly DisputeRow[],
  groupOf: ReadonlyMap<string, string>,
): Found[] {
  const byTarget = groupBy(rows, (row) => `${row.incident}\u0000${row.target.id}`);
  const found = [
    ...stanceContradictions(byTarget),
    ...disputeContradictions(disputes),
    ...reversals(byTarget, groupOf),
    ...alternatives(byTarget),
  ];
  const secondary = (entry: Found) => entry.group ?? entry.sides[1]?.target.id ?? '';
  return found.sort(
    (a, b) =>
      a.incident.localeCompare(b.incident) ||
      a.target.id.localeCompare(b.target.id) ||
      CONTRADICTION_KINDS.indexOf(a.kind) - CONTRADICTION_KINDS.indexOf(b.kind) ||
      secondary(a).localeCompare(secondary(b)),
  );
}

/** Per incident and target id, the kinds of contradiction any side of which is about it: the "contested" badge. */
export function contestedTargets(found: readonly Found[]): Map<string, Set<ContradictionKind>> {
  const contested = new Map<string, Set<ContradictionKind>>();
  for (const entry of found)
    for (const side of entry.sides) {
      const key = `${entry.incident}\u0000${side.target.id}`;
      contested.set(key, (contested.get(key) ?? new Set()).add(entry.kind));
    }
  return contested;
}

/** Everything detection reads for an incident (or every incident) as of a date, in the caller's transaction. */
export async function detect(tx: ManagedTransaction, incident: string | null, window: AsOf | undefined) {
  const { rows, leftOut } = await accusationRows(tx, incident, window);
  const disputes = await disputeRows(tx, incident, window);
  const claimantIds = [...rows.map((row) => row.claimant.id), ...disputes.flatMap((row) => [row.disputingClaimant, row.disputedClaimant])];
  const groupOf = await claimantGroups(tx, claimantIds);
  return { rows, leftOut, disputes, groupOf, found: findContradictions(rows, disputes, groupOf) };
}

const INCIDENT_NAMES = `UNWIND $ids AS iid MATCH (i:Record:Incident {id: iid}) RETURN i.id AS id, i.name AS name`;

async function incidentRefs(tx: ManagedTransaction, ids: readonly string[], known: IncidentRef | null): Promise<Map<string, IncidentRef>> {
  const refs = new Map(ids.map((id) => [id, { id, name: id }]));
  // One incident asked about is already read; only the answer over every incident needs the others' names.
  if (known !== null && ids.every((id) => id === known.id)) return new Map(ids.map((id) => [id, known]));
  const result = await tx.run(INCIDENT_NAMES, { ids });
  for (const record of result.records)
    refs.set(record.get('id') as string, { id: record.get('id') as string, name: record.get('name') as string });
  return refs;
}

// ---------------------------------------------------------------- the route's answer

/**
 * `GET /api/contradictions`: the contradictions of one incident (or of all), as of a date. The first `limit` are
 * listed, each side with its `claimsPerSide` earliest claims and their evidence; counts cover all of them.
 */
export async function contradictions(db: Database, query: ContradictionsQuery): Promise<Contradictions> {
  const window = resolveAsOf(query.asOf);
  return readTransaction(db, async (tx) => {
    const subject = query.incident === undefined ? null : await incidentRecord(tx, query.incident);
    const { found, groupOf, leftOut } = await detect(tx, query.incident ?? null, window);
    const listed = found.slice(0, query.limit);
    let truncated = found.length > listed.length;
    const shownOf = (side: FoundSide) => {
      if (side.claims.length > query.claimsPerSide) truncated = true;
      return side.claims.slice(0, query.claimsPerSide);
    };
    const groupOfClaimant = (claimant: string) => groupOf.get(claimant) ?? claimant;
    // A reversal names every member of its group who spoke on the target, so their refs are read with the listed claims.
    const ids = new Set<string>();
    for (const entry of listed)
      for (const side of entry.sides) for (const claim of entry.kind === 'reversal' ? side.claims : shownOf(side)) ids.add(claim.id);
    const claims = await claimsWithClaimants(tx, [...ids]);
    const evidence = await evidenceOf(tx, [...ids]);
    const incidents = await incidentRefs(
      tx,
      [...new Set(listed.map((entry) => entry.incident))],
      subject === null ? null : { id: subject.id, name: subject.name },
    );
    const answer: Contradiction[] = listed.map((entry) => {
      const sides = entry.sides.map((side) => ({
        stance: side.stance,
        target: side.target,
        role: side.role,
        claims: shownOf(side).flatMap((claim): ContradictionClaim[] => {
          const detail = claims.get(claim.id);
          return detail === undefined
            ? []
            : [{ claim: detail.claim, claimant: detail.claimant, stance: claim.stance, evidence: evidence.get(claim.id) ?? [] }];
        }),
        claimCount: side.claims.length,
        independentClaimants: new Set(side.claims.map((claim) => groupOfClaimant(claim.claimant))).size,
      }));
      const members = new Map<string, ActorRef>();
      if (entry.group !== null)
        for (const side of entry.sides)
          for (const claim of side.claims) {
            const speaker = claims.get(claim.id)?.claimant;
            if (speaker !== undefined) members.set(speaker.id, speaker);
          }
      return {
        incident: incidents.get(entry.incident)!,
        target: entry.target,
        kind: entry.kind,
        sides,
        group: entry.group === null ? null : { id: entry.group, claimants: [...members.values()].sort((a, b) => a.id.localeCompare(b.id)) },
        links: entry.links,
      };
    });
    return {
      incident: subject === null ? null : { id: subject.id, name: subject.name },
      asOf: asOfSummary(window, leftOut),
      contradictions: answer,
      total: found.length,
      truncated,
    };
  });
}
