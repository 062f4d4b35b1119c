// Independent claimants: actors joined by firm affiliations (an agency and its director) speak as one voice.
import { FIRM_CERTAINTIES, type Certainty } from '../model/vocabulary';

/** A tie between two actors as stored: from the member to the group, with how firm the source says it is. */
export interface Tie {
  from: string;
  to: string;
  certainty: Certainty;
}

/**
 * Groups actors that are firmly affiliated (union–find), so one organisation's several voices count once. Only
 * confirmed and reported ties join (FIRM_CERTAINTIES); claimed, rumoured and speculated ones do not. Ties chain:
 * two accounts that are both reportedly part of one collective are one voice, even when the collective itself
 * says nothing. Each actor maps to its group's representative, the smallest id in the group.
 */
export function independentGroups(actorIds: readonly string[], ties: readonly Tie[]): Map<string, string> {
  const parent = new Map(actorIds.map((id) => [id, id]));
  const find = (id: string): string => {
    if (!parent.has(id)) parent.set(id, id);
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const tie of ties) {
    if (!FIRM_CERTAINTIES.includes(tie.certainty)) continue;
    const [ra, rb] = [find(tie.from), find(tie.to)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  // The representative is the smallest claimant id of the group, so it names someone who spoke.
  const groupOf = new Map(actorIds.map((id) => [id, find(id)]));
  const representative = new Map<string, string>();
  for (const id of [...actorIds].sort()) if (!representative.has(groupOf.get(id)!)) representative.set(groupOf.get(id)!, id);
  return new Map(actorIds.map((id) => [id, representative.get(groupOf.get(id)!)!]));
}
