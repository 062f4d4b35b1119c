// Arrow-key moves: to the neighbour most nearly in the arrow's direction, else the nearest node that way, starting near the centre.
import { nextNode } from '../../client/src/core/graph/navigation';

// Viewport pixels (y down): a cross around c, plus a far node to the right that is not c's neighbour.
const positions = new Map([
  ['c', { x: 100, y: 100 }],
  ['east', { x: 150, y: 110 }],
  ['north', { x: 95, y: 40 }],
  ['west', { x: 40, y: 100 }],
  ['south', { x: 100, y: 170 }],
  ['far', { x: 300, y: 100 }],
]);
const neighbours = ['east', 'north', 'west', 'south'];
const centre = { x: 90, y: 95 };

describe('nextNode', () => {
  test('each arrow reaches the neighbour that lies that way', () => {
    expect(nextNode({ from: 'c', direction: 'right', positions, neighbours, centre })).toEqual({ node: 'east', neighbour: true });
    expect(nextNode({ from: 'c', direction: 'up', positions, neighbours, centre })).toEqual({ node: 'north', neighbour: true });
    expect(nextNode({ from: 'c', direction: 'left', positions, neighbours, centre })).toEqual({ node: 'west', neighbour: true });
    expect(nextNode({ from: 'c', direction: 'down', positions, neighbours, centre })).toEqual({ node: 'south', neighbour: true });
  });

  test('straight ahead beats nearer but sideways', () => {
    // From c going right: "east" is 51 px away at cos 0.98; "diag" is 42 px away at 45° (cos 0.71).
    // Scores: 51 × (2 − 0.98) ≈ 52 against 42 × (2 − 0.71) ≈ 55, so east wins.
    const withDiagonal = new Map([...positions, ['diag', { x: 130, y: 70 }]]);
    expect(nextNode({ from: 'c', direction: 'right', positions: withDiagonal, neighbours: [...neighbours, 'diag'], centre })?.node).toBe(
      'east',
    );
  });

  test('with no neighbour that way, the nearest drawn node that way; with none at all, null', () => {
    expect(nextNode({ from: 'east', direction: 'right', positions, neighbours: ['c'], centre })).toEqual({ node: 'far', neighbour: false });
    expect(nextNode({ from: 'far', direction: 'right', positions, neighbours: ['c'], centre })).toBeNull();
  });

  test('with no current node, the node nearest the centre', () => {
    // The centre (90, 95) is 11.2 px from c and 55 px from north.
    expect(nextNode({ from: null, direction: 'down', positions, neighbours: [], centre })).toEqual({ node: 'c', neighbour: false });
  });
});
