// Analysis of competing hypotheses (PARC ACH 1.1) from the claims: an incident's accused actors and explanations rated against every claim about it.
import type { ManagedTransaction } from 'neo4j-driver';
import { readTransaction, type Database } from '../../db/neo4j';
import { toPlain } from '../../db/records';
import type { ActorRef, AsOfSummary, Claim } from '../../model/api';
import { dateSpan } from '../../model/dates';
import {
  HYPOTHESES_CAPS,
  type Ach,
  type AchAnalystRating,
  type AchCell,
  type AchHypothesis,
  type AchSensitivity,
} from '../../model/hypotheses';
import {
  ACH_CREDIBILITY,
  ACH_LEVEL_WEIGHTS,
  ACH_RATING_SCORES,
  CULPRIT_EXCLUDING_EXPLANATIONS,
  type AchRating,
  type Confidence,
  type ExplanationKind,
  type Stance,
} from '../../model/vocabulary';
import { asOfParameters, countsAsOf, resolveAsOf } from '../asOf';
import * as repository from '../repository';
import { ratingKey, ratingsOf } from './achRatings';

/** A hypothesis: an actor some claim accuses of the incident, or an explanation some claim puts forward for it. */
export interface Hypothesis {
  id: string;
  type: 'actor' | 'explanation';
  name: string;
  kind: string;
}

/** One evidence row: a claim about the incident, with its accusations of this incident only. */
export interface EvidenceRow {
  claim: Claim;
  claimant: ActorRef;
  accusations: Array<{ target: Hypothesis; stance: Stance }>;
}

/** Assertions this firm are very consistent (CC); a denial this firm is very inconsistent (II). */
const FIRM_ASSERTIONS: readonly Confidence[] = ['certain', 'high'];
const FIRM_DENIALS: readonly Confidence[] = ['certain'];
/** Scores are sums of ±1, ±2 and √2 factors; closer than this they are the same score. */
const EPSILON = 1e-9;

/**
 * Whether holding `a` responsible rules out `b`: an actor and an explanation that leaves no one to blame
 * (CULPRIT_EXCLUDING_EXPLANATIONS) exclude each other. Two actors do not (they may have acted together, or one
 * through the other), nor do two explanations, nor an `unknown` or `other` explanation and anyone.
 */
export function excludes(a: Hypothesis, b: Hypothesis): boolean {
  const blamesNoOne = (h: Hypothesis) => h.type === 'explanation' && CULPRIT_EXCLUDING_EXPLANATIONS.includes(h.kind as ExplanationKind);
  return (a.type === 'actor' && blamesNoOne(b)) || (b.type === 'actor' && blamesNoOne(a));
}

/**
 * The documented rule (README "Competing hypotheses"): a claim that names H rates it by its stance — an assertion
 * C, or CC when its confidence is high or certain; a denial I, or II when certain; declining N. A claim that does
 * not name H is I when it asserts a hypothesis that excludes H, else N; so observations and other claims that
 * accuse no one are N until an analyst rates them.
 */
export function derivedRating(row: EvidenceRow, hypothesis: Hypothesis): AchRating {
  const own = row.accusations.find((accusation) => accusation.target.id === hypothesis.id);
  const confidence = row.claim.confidence;
  if (own !== undefined) {
    if (own.stance === 'asserts') return FIRM_ASSERTIONS.includes(confidence) ? 'CC' : 'C';
    if (own.stance === 'denies') return FIRM_DENIALS.includes(confidence) ? 'II' : 'I';
    return 'N';
  }
  const rival = row.accusations.some((accusation) => accusation.stance === 'asserts' && excludes(accusation.target, hypothesis));
  return rival ? 'I' : 'N';
}

/** The ids with the best (highest) score, within rounding, in id order. */
function best(scores: ReadonlyMap<string, number>): string[] {
  if (scores.size === 0) return [];
  const top = Math.max(...scores.values());
  return [...scores]
    .filter(([, score]) => top - score < EPSILON)
    .map(([id]) => id)
    .sort();
}

/**
 * The ACH matrix from its rows and hypotheses, with the analysts' ratings overriding the derived ones cell by cell.
 * Scores (PARC ACH 1.1): the sum over rows of rating score (I −1, II −2, else 0) × credibility (from the claim's
 * confidence) × relevance (the analyst's, else medium). A row is diagnostic unless it rates every hypothesis the
 * same; a row is sensitive when leaving it out changes the set of least inconsistent hypotheses.
 */
export function assembleAch(
  rows: readonly EvidenceRow[],
  hypotheses: readonly Hypothesis[],
  analystRatings: ReadonlyMap<string, AchAnalystRating>,
  incident: string,
): Pick<Ach, 'hypotheses' | 'leastInconsistent' | 'evidence' | 'sensitivity' | 'hypothesesTotal' | 'evidenceTotal' | 'truncated'> {
  const matrix = rows.map((row) => {
    const credibility = ACH_CREDIBILITY[row.claim.confidence];
    const cells: AchCell[] = hypotheses.map((hypothesis) => {
      const derived = derivedRating(row, hypothesis);
      const analyst = analystRatings.get(ratingKey(incident, row.claim.id, hypothesis.id)) ?? null;
      const rating = analyst?.rating ?? derived;
      const relevance = analyst?.relevance ?? 'medium';
      const weight = ACH_RATING_SCORES[rating] * ACH_LEVEL_WEIGHTS[credibility] * ACH_LEVEL_WEIGHTS[relevance];
      return { hypothesis: hypothesis.id, rating, source: analyst === null ? 'derived' : 'analyst', derived, relevance, weight, analyst };
    });
    // One hypothesis, or none, cannot be told apart from another by any row.
    const diagnostic = cells.length > 1 && cells.some((cell) => cell.rating !== cells[0]!.rating);
    return { row, credibility, cells, diagnostic };
  });

  const scores = new Map(hypotheses.map((hypothesis) => [hypothesis.id, 0]));
  for (const { cells } of matrix) for (const cell of cells) scores.set(cell.hypothesis, scores.get(cell.hypothesis)! + cell.weight);
  const leastInconsistent = best(scores);

  const sensitivity: AchSensitivity[] = [];
  for (const { row, cells } of matrix) {
    if (cells.every((cell) => cell.weight === 0)) continue;
    const without = new Map(scores);
    for (const cell of cells) without.set(cell.hypothesis, without.get(cell.hypothesis)! - cell.weight);
    const top = best(without);
    if (top.join('\u0000') !== leastInconsistent.join('\u0000')) sensitivity.push({ claim: row.claim.id, leastInconsistentWithout: top });
  }

  const ranked: AchHypothesis[] = [...hypotheses]
    .sort((a, b) => scores.get(b.id)! - scores.get(a.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((hypothesis, index) => ({
      id: hypothesis.id,
      type: hypothesis.type,
      name: hypothesis.name,
      kind: hypothesis.kind as AchHypothesis['kind'],
      score: scores.get(hypothesis.id)!,
      rank: index + 1,
    }));
  const listed = ranked.slice(0, HYPOTHESES_CAPS.achHypotheses);
  const listedIds = new Set(listed.map((hypothesis) => hypothesis.id));
  const order = new Map(listed.map((hypothesis, index) => [hypothesis.id, index]));
  return {
    hypotheses: listed,
    leastInconsistent,
    evidence: matrix.slice(0, HYPOTHESES_CAPS.achEvidence).map(({ row, credibility, cells, diagnostic }) => ({
      claim: row.claim,
      claimant: row.claimant,
      credibility,
      diagnostic,
      // Cells in the order of the hypotheses, least inconsistent first, as the matrix is drawn.
      cells: cells.filter((cell) => listedIds.has(cell.hypothesis)).sort((a, b) => order.get(a.hypothesis)! - order.get(b.hypothesis)!),
    })),
    sensitivity,
    hypothesesTotal: hypotheses.length,
    evidenceTotal: rows.length,
    truncated: hypotheses.length > listed.length || rows.length > HYPOTHESES_CAPS.achEvidence,
  };
}

interface RawRow {
  claim: Claim;
  claimant: ActorRef;
  accusations: Array<{ target: Hypothesis; stance: Stance }>;
  counts: boolean;
  undated: boolean;
}

/** Every claim about the incident or accusing anyone of it, with its accusations of this incident, earliest first. */
async function evidenceRows(tx: ManagedTransaction, incident: string, asOfLastDay: { asOfLastDay: string | null }): Promise<RawRow[]> {
  const result = await tx.run(
    `CALL () {
       MATCH (c:Claim)-[:ABOUT]->(:Record:Incident {id: $incident}) RETURN c
       UNION
       MATCH (c:Claim)-[:ACCUSES {incident: $incident}]->() RETURN c
     }
     RETURN c {.id, .kind, .text, .quote, .stance, .confidence, .hedge, .date, .datePrecision, .dateBasis} AS claim,
       head([(who:Actor)-[:MADE]->(c) | who {.id, .name, .kind}]) AS claimant,
       [(c)-[r:ACCUSES {incident: $incident}]->(t) | {
         target: {id: t.id, type: CASE WHEN t:Explanation THEN 'explanation' ELSE 'actor' END, name: t.name, kind: t.kind},
         stance: r.stance}] AS accusations,
       c.date IS NULL AS undated, ${countsAsOf('c')} AS counts`,
    { incident, ...asOfLastDay },
  );
  return result.records.map((record) => toPlain(record.toObject()) as RawRow);
}

/** Date order: by the last day a claim's date covers (the day the as-of rule counts it from), then id; undated last. */
function byDate(a: RawRow, b: RawRow): number {
  const [x, y] = [dateSpan(a.claim.date, a.claim.datePrecision)?.end, dateSpan(b.claim.date, b.claim.datePrecision)?.end];
  const byId = a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0;
  if (x === undefined || y === undefined) return Number(x === undefined) - Number(y === undefined) || byId;
  return x < y ? -1 : x > y ? 1 : byId;
}

/**
 * The ACH matrix of an incident as of a date: hypotheses are the targets the counted claims accuse of it, evidence
 * every counted claim about it, and analysts' stored ratings override the derived ones. One read transaction.
 */
export async function competingHypotheses(db: Database, incidentId: string, asOf: string | undefined): Promise<Ach> {
  const window = resolveAsOf(asOf);
  return readTransaction(db, async (tx) => {
    const incident = await repository.incident(tx, incidentId);
    const raw = (await evidenceRows(tx, incidentId, asOfParameters(window))).sort(byDate);
    const counted = raw.filter((row) => row.counts);
    const hypotheses = new Map<string, Hypothesis>();
    for (const row of counted) for (const accusation of row.accusations) hypotheses.set(accusation.target.id, accusation.target);
    const ordered = [...hypotheses.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const analystRatings = await ratingsOf(tx, incidentId);
    const summary: AsOfSummary | null =
      window === undefined
        ? null
        : {
            asOf: window.asOf,
            lastDay: window.lastDay,
            undatedLeftOut: raw.filter((row) => !row.counts && row.undated).length,
            laterLeftOut: raw.filter((row) => !row.counts && !row.undated).length,
          };
    return {
      incident: { id: incident.id, name: incident.name },
      asOf: summary,
      ...assembleAch(
        counted.map(({ claim, claimant, accusations }) => ({ claim, claimant, accusations })),
        ordered,
        analystRatings,
        incidentId,
      ),
    };
  });
}
