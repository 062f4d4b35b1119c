// The layered layout for chains and paths: columns by rank from left to right, satellites beside their node, rows ordered to cut crossings.
import { layeredPositions, layeredSlots, longestPathRanks } from '../../client/src/core/graph/layered';

describe('longestPathRanks', () => {
  test('a source is 0 and every node is one past its deepest predecessor', () => {
    // a → b → d and a → c → d and a → d: d is two steps from a by the longest way.
    const ranks = longestPathRanks(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b'],
        ['b', 'd'],
        ['a', 'c'],
        ['c', 'd'],
        ['a', 'd'],
      ],
    );
    expect(Object.fromEntries(ranks)).toEqual({ a: 0, b: 1, c: 1, d: 2 });
  });

  test('a cycle is broken at the edge that closes it, the same way every time', () => {
    // Walking from a: a → b → c, and c → a closes the cycle, so it is dropped.
    const ranks = longestPathRanks(
      ['a', 'b', 'c'],
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ],
    );
    expect(Object.fromEntries(ranks)).toEqual({ a: 0, b: 1, c: 2 });
  });
});

describe('layeredSlots', () => {
  test('given ranks win; a node pointing at a ranked one goes half a column before it, one it points at half after', () => {
    // A chain: origin (rank 0) supports middle (1) supports root (2); each claim has a claimant (MADE, into the claim)
    // and the root a source (REPORTED_IN, out of the claim).
    const slots = layeredSlots({
      nodes: ['root', 'middle', 'origin', 'fbi', 'nsa', 'hacker', 'article'],
      edges: [
        ['origin', 'middle'],
        ['middle', 'root'],
        ['fbi', 'root'],
        ['nsa', 'middle'],
        ['hacker', 'origin'],
        ['root', 'article'],
      ],
      ranks: new Map([
        ['origin', 0],
        ['middle', 1],
        ['root', 2],
      ]),
    });
    const rank = (node: string) => slots.get(node)!.rank;
    expect([rank('origin'), rank('middle'), rank('root')]).toEqual([0, 1, 2]);
    expect([rank('hacker'), rank('nsa'), rank('fbi'), rank('article')]).toEqual([-0.5, 0.5, 1.5, 2.5]);
  });

  test('a node with no ranked neighbour goes to a last column', () => {
    const slots = layeredSlots({
      nodes: ['a', 'b', 'lonely'],
      edges: [['a', 'b']],
      ranks: new Map([
        ['a', 0],
        ['b', 1],
      ]),
    });
    expect(slots.get('lonely')!.rank).toBe(2);
  });

  test('barycentre sweeps uncross two parallel paths', () => {
    // Two paths s → x1 → t and s2 → x2 → t2, but column 1 starts in the crossing order [x2, x1].
    const slots = layeredSlots({
      nodes: ['s', 's2', 'x2', 'x1', 't', 't2'],
      edges: [
        ['s', 'x1'],
        ['x1', 't'],
        ['s2', 'x2'],
        ['x2', 't2'],
      ],
      ranks: new Map([
        ['s', 0],
        ['s2', 0],
        ['x2', 1],
        ['x1', 1],
        ['t', 2],
        ['t2', 2],
      ]),
    });
    expect(slots.get('x1')!.row).toBe(slots.get('s')!.row);
    expect(slots.get('x2')!.row).toBe(slots.get('s2')!.row);
    expect(slots.get('t')!.row).toBe(slots.get('x1')!.row);
  });
});

describe('layeredPositions', () => {
  test('columns run left to right around the centre, rows top to bottom, each column centred', () => {
    // Ranks 0, 1, 2: the middle rank is 1, so x = 10 + (rank − 1) × 4. Column 1 holds two nodes: rows at ±0.5 × 2.
    const positions = layeredPositions(
      {
        nodes: ['a', 'b1', 'b2', 'c'],
        edges: [
          ['a', 'b1'],
          ['a', 'b2'],
          ['b1', 'c'],
          ['b2', 'c'],
        ],
        ranks: new Map([
          ['a', 0],
          ['b1', 1],
          ['b2', 1],
          ['c', 2],
        ]),
      },
      { x: 10, y: 20 },
      4,
      2,
    );
    expect(Object.fromEntries(positions)).toEqual({
      a: { x: 6, y: 20 },
      b1: { x: 10, y: 21 },
      b2: { x: 10, y: 19 },
      c: { x: 14, y: 20 },
    });
  });
});
