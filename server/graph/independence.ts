// Independent claimants: actors joined by firm affiliations (an agency and its director) speak as one voice.

/** Groups actors that are firmly affiliated (union–find), so one organisation's several voices count once. */
export function independentGroups(
  actorIds: readonly string[],
  affiliations: ReadonlyArray<readonly [string, string]>,
): Map<string, string> {
  const parent = new Map(actorIds.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const [a, b] of affiliations) {
    if (!parent.has(a) || !parent.has(b)) continue;
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  return new Map(actorIds.map((id) => [id, find(id)]));
}
