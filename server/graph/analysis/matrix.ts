// The who-blames-whom matrix of an incident: claimants (rows, by independent group) against accused actors and
// explanations (columns), each cell the claimant's claims toward the target in date order.
import { readTransaction, type Database } from '../../db/neo4j';
import type { Matrix, MatrixCell, MatrixClaim, MatrixClaimant, MatrixQuery, MatrixTarget } from '../../model/analysis';
import { CONTRADICTION_KINDS, type Stance } from '../../model/vocabulary';
import { resolveAsOf } from '../asOf';
import { incident as incidentRecord } from '../repository';
import { accusationRows, asOfSummary, byDate, claimantGroups, stanceTally } from './accusations';
import { contestedTargets, disputeRows, findContradictions } from './contradictions';
import { originsKey, targetOrigins } from './provenance';

const sideKey = (target: string, stance: Stance) => `${target}\u0000${stance}`;

/**
 * `GET /api/incidents/:id/matrix`: every accusation of the incident made by the as-of date, as a matrix. Claimants
 * are grouped by the independence rule of attribution, over the claimants of this matrix; each target carries, per
 * stance, its claims, independent claimants and independent origins, and the kinds of contradiction on it.
 */
export async function matrix(db: Database, incidentId: string, query: Pick<MatrixQuery, 'asOf'>): Promise<Matrix> {
  const window = resolveAsOf(query.asOf);
  return readTransaction(db, async (tx) => {
    const subject = await incidentRecord(tx, incidentId);
    const { rows, leftOut } = await accusationRows(tx, incidentId, window);
    const groupOf = await claimantGroups(
      tx,
      rows.map((row) => row.claimant.id),
    );
    const contested = contestedTargets(findContradictions(rows, await disputeRows(tx, incidentId, window), groupOf));

    const claimants = new Map<string, MatrixClaimant>();
    const cells = new Map<string, MatrixCell>();
    const sides = new Map<string, Array<{ claim: string; claimant: string }>>();
    const targets = new Map<string, MatrixTarget>();
    for (const row of rows) {
      const group = groupOf.get(row.claimant.id) ?? row.claimant.id;
      claimants.set(row.claimant.id, { ...row.claimant, group });
      const cellKey = `${row.claimant.id}\u0000${row.target.id}`;
      const cell = cells.get(cellKey) ?? { claimant: row.claimant.id, target: row.target.id, claims: [] as MatrixClaim[] };
      cell.claims.push(row.claim);
      cells.set(cellKey, cell);
      const key = sideKey(row.target.id, row.claim.stance);
      sides.set(key, [...(sides.get(key) ?? []), { claim: row.claim.id, claimant: row.claimant.id }]);
      if (!targets.has(row.target.id)) {
        const kinds = contested.get(`${incidentId}\u0000${row.target.id}`) ?? new Set();
        // Counted below, once every row is in.
        targets.set(row.target.id, {
          ...row.target,
          claims: stanceTally(() => 0),
          independentClaimants: stanceTally(() => 0),
          independentOrigins: stanceTally(() => 0),
          contested: CONTRADICTION_KINDS.filter((kind) => kinds.has(kind)),
        });
      }
    }

    const origins = await targetOrigins(
      tx,
      [...targets.keys()].map((target) => ({ incident: incidentId, target })),
      window,
    );
    for (const target of targets.values()) {
      const side = (stance: Stance) => sides.get(sideKey(target.id, stance)) ?? [];
      target.claims = stanceTally((stance) => new Set(side(stance).map((entry) => entry.claim)).size);
      target.independentClaimants = stanceTally(
        (stance) => new Set(side(stance).map((entry) => groupOf.get(entry.claimant) ?? entry.claimant)).size,
      );
      target.independentOrigins = origins.get(originsKey(incidentId, target.id)) ?? stanceTally(() => 0);
    }

    // Columns: actors, then explanations, each the most blamed first, as attribution ranks them.
    const columns = [...targets.values()].sort(
      (a, b) =>
        Number(a.type === 'explanation') - Number(b.type === 'explanation') ||
        b.independentClaimants.asserts - a.independentClaimants.asserts ||
        b.claims.asserts - a.claims.asserts ||
        a.id.localeCompare(b.id),
    );
    const rowsInOrder = [...claimants.values()].sort((a, b) => a.group.localeCompare(b.group) || a.id.localeCompare(b.id));
    const groups = [...new Set(rowsInOrder.map((claimant) => claimant.group))].map((id) => ({
      id,
      claimants: rowsInOrder.filter((claimant) => claimant.group === id).map((claimant) => claimant.id),
    }));
    const rowIndex = new Map(rowsInOrder.map((claimant, i) => [claimant.id, i]));
    const columnIndex = new Map(columns.map((target, i) => [target.id, i]));
    const cellList = [...cells.values()]
      .map((cell) => ({ ...cell, claims: cell.claims.sort(byDate) }))
      .sort((a, b) => rowIndex.get(a.claimant)! - rowIndex.get(b.claimant)! || columnIndex.get(a.target)! - columnIndex.get(b.target)!);
    return {
      incident: { id: subject.id, name: subject.name },
      asOf: asOfSummary(window, leftOut),
      claimants: rowsInOrder,
      groups,
      targets: columns,
      cells: cellList,
    };
  });
}
