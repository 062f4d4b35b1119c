// The rule independentClaimants rests on: which affiliations make two claimants one voice.
import { independentGroups, type Tie } from '../../server/graph/independence';

/** How many independent voices a set of claimants is, under the rule. */
const voices = (ids: string[], ties: Tie[]) => new Set(independentGroups(ids, ties).values()).size;

describe('independentGroups', () => {
  test('confirmed and reported ties merge claimants; claimed, rumoured and speculated ones do not', () => {
    // Each case: a director tied to the agency, both claimants. Merged → 1 voice; not merged → 2.
    expect(voices(['agency', 'director'], [{ from: 'director', to: 'agency', certainty: 'confirmed' }])).toBe(1);
    expect(voices(['agency', 'director'], [{ from: 'director', to: 'agency', certainty: 'reported' }])).toBe(1);
    expect(voices(['agency', 'director'], [{ from: 'director', to: 'agency', certainty: 'claimed' }])).toBe(2);
    expect(voices(['agency', 'director'], [{ from: 'director', to: 'agency', certainty: 'rumoured' }])).toBe(2);
    expect(voices(['agency', 'director'], [{ from: 'director', to: 'agency', certainty: 'speculated' }])).toBe(2);
  });

  test('chains merge transitively, also through a group that is no claimant itself', () => {
    // a → g and b → g, both reported: a and b speak for g, so {a, b} is one voice, and c stays apart → 2.
    const ties: Tie[] = [
      { from: 'a', to: 'g', certainty: 'reported' },
      { from: 'b', to: 'g', certainty: 'confirmed' },
    ];
    expect(voices(['a', 'b', 'c'], ties)).toBe(2);
    // A chain a → x → y ← d of firm ties joins a and d: {a, d} and {e} → 2.
    const chain: Tie[] = [
      { from: 'a', to: 'x', certainty: 'confirmed' },
      { from: 'x', to: 'y', certainty: 'reported' },
      { from: 'd', to: 'y', certainty: 'reported' },
    ];
    expect(voices(['a', 'd', 'e'], chain)).toBe(2);
    // One rumoured link breaks the chain: a → x firm, x → y rumoured, d → y firm: {a}, {d}, {e} → 3.
    expect(voices(['a', 'd', 'e'], [chain[0]!, { ...chain[1]!, certainty: 'rumoured' }, chain[2]!])).toBe(3);
  });

  test('each claimant maps to the smallest claimant id of its group', () => {
    const groups = independentGroups(
      ['zeta', 'beta', 'alpha'],
      [
        { from: 'zeta', to: 'hub', certainty: 'confirmed' },
        { from: 'beta', to: 'hub', certainty: 'confirmed' },
      ],
    );
    expect(Object.fromEntries(groups)).toEqual({ zeta: 'beta', beta: 'beta', alpha: 'alpha' });
  });
});
