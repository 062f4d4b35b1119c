// The analyst views as spreadsheets (RFC 4180 CSV written by csv-stringify): the who-blames-whom matrix, contradictions,
// competing hypotheses and a claim's provenance, each with the file name its download is given.
import { stringify } from 'csv-stringify/sync';
import type { Contradictions, Matrix, MatrixClaim, Provenance } from '../model/analysis';
import type { Ach } from '../model/hypotheses';
import type { AsOfSummary } from '../model/api';

/** CRLF ends, as RFC 4180 and spreadsheets expect; a field is quoted only when it must be, or holds a line break. */
const csv = (rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>) =>
  stringify(
    rows.map((row) => row.map((value) => (value === null ? '' : value))),
    { record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { boolean: (value) => (value ? 'true' : 'false') } },
  );

/** `name-subject.csv`, or `name-subject-as-of-DAY.csv` when the view is as of a day. */
const filename = (name: string, subject: string | null, asOf: AsOfSummary | null) =>
  `${[name, subject].filter((part) => part !== null).join('-')}${asOf === null ? '' : `-as-of-${asOf.asOf}`}.csv`;

/** One claim in a matrix cell: `asserts (certain, 2014-12-23)`, with the hedge in quotes when there is one. */
function cellText(claim: MatrixClaim): string {
  const parts = [claim.confidence, claim.date ?? 'undated', ...(claim.hedge === null ? [] : [`“${claim.hedge}”`])];
  return `${claim.stance} (${parts.join(', ')})`;
}

/**
 * The matrix: a header row `group, claimant, name`, then one column per target named `name [id]`; one row per
 * claimant, in the answer's order. A cell lists the claimant's claims toward the target in date order, separated by
 * "; ", each as `stance (confidence, date, “hedge”)`.
 */
export function matrixCsv(answer: Matrix): string {
  const cellOf = new Map(answer.cells.map((cell) => [`${cell.claimant}\u0000${cell.target}`, cell]));
  const header = ['group', 'claimant', 'name', ...answer.targets.map((target) => `${target.name} [${target.id}]`)];
  const body = answer.claimants.map((claimant) => [
    claimant.group,
    claimant.id,
    claimant.name,
    ...answer.targets.map((target) => (cellOf.get(`${claimant.id}\u0000${target.id}`)?.claims ?? []).map(cellText).join('; ')),
  ]);
  return csv([header, ...body]);
}

export const matrixFilename = (answer: Matrix) => filename('matrix', answer.incident.id, answer.asOf);

export const CONTRADICTION_COLUMNS = [
  'contradiction',
  'incident',
  'target',
  'kind',
  'side',
  'side_target',
  'side_stance',
  'role',
  'side_claims',
  'side_independent_claimants',
  'claim',
  'claimant',
  'claim_stance',
  'confidence',
  'hedge',
  'date',
  'quote',
  'evidence',
] as const;

/**
 * Contradictions, one row per listed claim on each side (a side with no listed claim still has a row, with the claim
 * columns empty): `contradiction` numbers them from 1 in the answer's order and `side` numbers the sides from 1, so
 * a spreadsheet's filter or a pivot rebuilds each one. `evidence` holds the verbatim spans, `source: “words”`, joined
 * by " | ".
 */
export function contradictionsCsv(answer: Contradictions): string {
  const rows = answer.contradictions.flatMap((contradiction, index) =>
    contradiction.sides.flatMap((side, sideIndex) => {
      const fixed = [
        index + 1,
        contradiction.incident.id,
        contradiction.target.id,
        contradiction.kind,
        sideIndex + 1,
        side.target.id,
        side.stance,
        side.role,
        side.claimCount,
        side.independentClaimants,
      ];
      if (side.claims.length === 0) return [[...fixed, null, null, null, null, null, null, null, null]];
      return side.claims.map((entry) => [
        ...fixed,
        entry.claim.id,
        entry.claimant.id,
        entry.stance,
        entry.claim.confidence,
        entry.claim.hedge,
        entry.claim.date,
        entry.claim.quote,
        entry.evidence.map((span) => `${span.source}: “${span.text}”`).join(' | '),
      ]);
    }),
  );
  return csv([[...CONTRADICTION_COLUMNS], ...rows]);
}

export const contradictionsFilename = (answer: Contradictions) => filename('contradictions', answer.incident?.id ?? null, answer.asOf);

/**
 * Competing hypotheses as the ACH matrix analysts keep: one row per evidence claim (`claim, claimant, date,
 * credibility, diagnostic`), one column per hypothesis named `name [id]` holding the cell's rating (CC, C, N, I, II),
 * marked `*` when an analyst's rating overrides the derived one. A last row, `score` in the first column, holds each
 * hypothesis's weighted inconsistency score.
 */
export function achCsv(answer: Ach): string {
  const header = ['claim', 'claimant', 'date', 'credibility', 'diagnostic', ...answer.hypotheses.map((h) => `${h.name} [${h.id}]`)];
  const body = answer.evidence.map((row) => {
    const cellOf = new Map(row.cells.map((cell) => [cell.hypothesis, cell]));
    return [
      row.claim.id,
      row.claimant.id,
      row.claim.date,
      row.credibility,
      row.diagnostic,
      ...answer.hypotheses.map((hypothesis) => {
        const cell = cellOf.get(hypothesis.id);
        return cell === undefined ? null : `${cell.rating}${cell.source === 'analyst' ? '*' : ''}`;
      }),
    ];
  });
  const scores = ['score', null, null, null, null, ...answer.hypotheses.map((hypothesis) => hypothesis.score)];
  return csv([header, ...body, scores]);
}

export const achFilename = (answer: Ach) => filename('ach', answer.incident.id, answer.asOf);

/**
 * A claim's provenance, one row per claim on its chain, breadth-first: `depth`, the claim, its speaker, which claim
 * rests on it (`from`) and how (`via`, " | "-joined), the outlets it came through, and, for an origin, the
 * independent group its speaker counts in (empty for a claim that rests on another).
 */
export function provenanceCsv(answer: Provenance): string {
  const groupOf = new Map(answer.origins.map((origin) => [origin.claim.id, origin.group]));
  const header = ['depth', 'claim', 'claimant', 'from', 'via', 'reported_via', 'origin_group', 'date', 'text'];
  const body = answer.chain.map((step) => [
    step.depth,
    step.claim.id,
    step.claimant.id,
    step.from,
    step.via.join(' | '),
    step.reportedVia.map((actor) => actor.id).join(' | '),
    groupOf.get(step.claim.id) ?? null,
    step.claim.date,
    step.claim.text,
  ]);
  return csv([header, ...body]);
}

export const provenanceFilename = (answer: Provenance) => filename('provenance', answer.claim.id, null);
