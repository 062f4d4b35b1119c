// The seeded layout: the same data and seed give the same positions whatever order they arrive in; no two nodes overlap after it.
import {
  computeLayout,
  layoutFingerprint,
  layoutIterations,
  noverlapParameters,
  parsePositions,
  seedPosition,
  serializePositions,
  type LayoutInput,
} from '../../client/src/core/graph/layout';
import { LayoutPacker, packLayoutInput, unpackLayoutInput } from '../../client/src/core/graph/layoutTransfer';
import { mulberry32 } from '../../server/model/random';

/** A small graph shaped like the seed data: two incidents, claimants, claims about an accused, sources. */
function sampleInput(seed = 1): LayoutInput {
  const nodes: LayoutInput['nodes'] = [];
  const edges: LayoutInput['edges'] = [];
  for (const id of ['sony-hack', 'nk-outage']) nodes.push({ id, size: 9 });
  for (const id of ['fbi', 'dprk', 'usa', 'anonymous', 'nsa']) nodes.push({ id, size: 7 });
  for (let index = 0; index < 24; index += 1) {
    const claim = `claim-${index}`;
    nodes.push({ id: claim, size: 4 });
    edges.push([['fbi', 'dprk', 'usa', 'anonymous', 'nsa'][index % 5]!, claim]);
    edges.push([claim, index % 2 === 0 ? 'sony-hack' : 'nk-outage']);
    edges.push([claim, index % 3 === 0 ? 'dprk' : 'usa']);
  }
  return { nodes, edges, seed, largeGraphNodes: 2000, iterations: 200 };
}

/** The same input with nodes and edges in another order (reversed, then every other one moved to the end). */
function shuffled(input: LayoutInput): LayoutInput {
  const mix = <T>(items: T[]): T[] => {
    const reversed = [...items].reverse();
    return [...reversed.filter((_item, index) => index % 2 === 0), ...reversed.filter((_item, index) => index % 2 === 1)];
  };
  return { ...input, nodes: mix(input.nodes), edges: mix(input.edges) };
}

describe('seeded randomness', () => {
  test('one seed gives one sequence; another seed another; every draw in [0, 1)', () => {
    const draw = (seed: number) => {
      const random = mulberry32(seed);
      return Array.from({ length: 50 }, () => random());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    for (const value of draw(123)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  test('a seed position depends on the id and the seed only, and lies in the disc of radius 10·√order', () => {
    expect(seedPosition('fbi', 100, 1)).toEqual(seedPosition('fbi', 100, 1));
    expect(seedPosition('fbi', 100, 1)).not.toEqual(seedPosition('dprk', 100, 1));
    expect(seedPosition('fbi', 100, 1)).not.toEqual(seedPosition('fbi', 100, 2));
    for (const id of ['a', 'b', 'c', 'sony-hack', 'fbi-attributes-sony-hack']) {
      const { x, y } = seedPosition(id, 100, 1);
      // 10 × √100 = 100
      expect(Math.hypot(x, y)).toBeLessThanOrEqual(100);
    }
  });

  test('iterations are a count by size, not a time budget', () => {
    expect([layoutIterations(156), layoutIterations(1500), layoutIterations(5000), layoutIterations(20_000)]).toEqual([600, 300, 100, 40]);
  });

  test('the no-overlap pass gets less effort as the graph grows, and none above 10,000 nodes', () => {
    // Up to 2,000 nodes: 200 passes over a 20-cell grid. Above: 30 passes over a grid of ⌈√order⌉ cells a side
    // (√2001 ≈ 44.7 → 45; √10000 = 100). Above 10,000 the pass is left out.
    expect(noverlapParameters(2000)).toEqual({ maxIterations: 200, gridSize: 20 });
    expect(noverlapParameters(2001)).toEqual({ maxIterations: 30, gridSize: 45 });
    expect(noverlapParameters(10_000)).toEqual({ maxIterations: 30, gridSize: 100 });
    expect(noverlapParameters(10_001)).toBeNull();
  });
});

describe('computeLayout', () => {
  test('the same input gives exactly the same positions, whatever order nodes and edges come in', () => {
    const first = computeLayout(sampleInput());
    expect(first.size).toBe(31);
    expect(computeLayout(sampleInput())).toEqual(first);
    expect(computeLayout(shuffled(sampleInput()))).toEqual(first);
    for (const { x, y } of first.values()) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
  });

  test('another seed gives another picture', () => {
    const one = computeLayout(sampleInput(1));
    const two = computeLayout(sampleInput(2));
    expect(two.get('fbi')).not.toEqual(one.get('fbi'));
  });

  test('after the no-overlap pass no two nodes overlap at the reference scale', () => {
    const input = sampleInput();
    const positions = computeLayout(input);
    const xs = [...positions.values()].map((p) => p.x);
    const ys = [...positions.values()].map((p) => p.y);
    // The pass measures sizes in pixels of a 640-pixel view of the layout's extent (REFERENCE_VIEWPORT_PX).
    const pixel = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 640;
    for (let i = 0; i < input.nodes.length; i += 1) {
      for (let j = i + 1; j < input.nodes.length; j += 1) {
        const a = input.nodes[i]!;
        const b = input.nodes[j]!;
        const distance = Math.hypot(positions.get(a.id)!.x - positions.get(b.id)!.x, positions.get(a.id)!.y - positions.get(b.id)!.y);
        expect(distance / pixel).toBeGreaterThanOrEqual(a.size + b.size);
      }
    }
  });

  test('progress is reported up to 1', () => {
    const reports: number[] = [];
    computeLayout(sampleInput(), (done) => reports.push(done));
    // 200 iterations in chunks of 50 give 4 reports, then the final 1.
    expect(reports).toHaveLength(5);
    expect(reports[reports.length - 1]).toBe(1);
    expect([...reports].sort((a, b) => a - b)).toEqual(reports);
  });

  test('given start positions are where the run starts from', () => {
    const input = sampleInput();
    const fresh = computeLayout({ ...input, iterations: 1 });
    const started = computeLayout({ ...input, iterations: 1, nodes: input.nodes.map((node) => ({ ...node, x: 1000, y: 1000 })) });
    expect(started.get('fbi')).not.toEqual(fresh.get('fbi'));
  });
});

describe('the input handed to the layout worker', () => {
  test('packed and unpacked, it lays out exactly as the plain input does, start positions included', () => {
    const input = sampleInput();
    // Two nodes with a start position, one with only half of one (which, as in computeLayout, counts as none).
    input.nodes[0] = { ...input.nodes[0]!, x: 3, y: -2 };
    input.nodes[1] = { ...input.nodes[1]!, x: 1 };
    const { packed } = packLayoutInput(input);
    const unpacked = unpackLayoutInput(packed);
    expect(unpacked.nodes[0]).toEqual({ id: 'sony-hack', size: 9, x: 3, y: -2 });
    expect(unpacked.nodes[1]).toEqual({ id: 'nk-outage', size: 9 });
    expect(computeLayout(unpacked)).toEqual(computeLayout(input));
  });

  test('edges become node indices, an edge to an unknown node is left out, and the typed arrays are transferred', () => {
    const input: LayoutInput = {
      nodes: [
        { id: 'fbi', size: 7 },
        { id: 'dprk', size: 7 },
      ],
      edges: [
        ['fbi', 'dprk'],
        ['fbi', 'nowhere'],
        ['dprk', 'fbi'],
      ],
      seed: 1,
      largeGraphNodes: 2000,
    };
    const { packed, transfer } = packLayoutInput(input);
    // fbi is node 0 and dprk node 1: fbi → dprk is (0, 1), dprk → fbi is (1, 0); fbi → nowhere is dropped.
    expect([...packed.edges]).toEqual([0, 1, 1, 0]);
    expect(transfer).toEqual([packed.idEnds.buffer, packed.sizes.buffer, packed.starts.buffer, packed.edges.buffer]);
    expect(unpackLayoutInput(packed).edges).toEqual([
      ['fbi', 'dprk'],
      ['dprk', 'fbi'],
    ]);
    expect('iterations' in unpackLayoutInput(packed)).toBe(false);
  });

  test('packed a few at a time, the input is the same as packed in one go, and it is not handed out half done', () => {
    const input = sampleInput();
    const packer = new LayoutPacker(input);
    const budget = 3;
    // Each step packs 3 more, nodes before edges, so it is done after ceil((nodes + edges) / 3) steps and not before.
    const steps = Math.ceil((input.nodes.length + input.edges.length) / budget);
    for (let step = 1; step < steps; step += 1) {
      expect(packer.step(budget)).toBe(false);
      expect(() => packer.result()).toThrow(/LayoutPacker.result: expected every node and edge packed/);
    }
    expect(packer.step(budget)).toBe(true);
    expect(packer.result().packed).toEqual(packLayoutInput(input).packed);
  });

  test('ids travel joined in one string and come back whole, whatever characters they hold', () => {
    // Ids that a separator would split or merge: one holding a NUL, a newline and a comma, one with a character
    // outside the BMP (two UTF-16 code units), a one-character id, and one that ends the way the next begins.
    const ids = ['a\u0000b\n,c', 'north-korea-🇰🇵', 'x', 'xy', 'y'];
    const input: LayoutInput = { nodes: ids.map((id) => ({ id, size: 5 })), edges: [['xy', 'x']], seed: 1, largeGraphNodes: 2000 };
    const { packed } = packLayoutInput(input);
    expect(packed.idText).toBe(ids.join(''));
    // End offsets in UTF-16 code units, per id: a, NUL, b, newline, comma, c are 6, ending at 6; 'north-korea-' is 12
    // and each of the flag's two regional-indicator letters is 2, so 16, ending at 22; then 'x' at 23, 'xy' at 25, 'y' at 26.
    expect([...packed.idEnds]).toEqual([6, 22, 23, 25, 26]);
    const unpacked = unpackLayoutInput(packed);
    expect(unpacked.nodes.map((node) => node.id)).toEqual(ids);
    expect(unpacked.edges).toEqual([['xy', 'x']]);
  });
});

describe('layout fingerprints and kept positions', () => {
  test('the fingerprint ignores order and changes with an edge, a size or the seed', () => {
    const input = sampleInput();
    const print = layoutFingerprint(input);
    expect(layoutFingerprint(shuffled(input))).toBe(print);
    expect(layoutFingerprint({ ...input, edges: [...input.edges, ['fbi', 'nsa']] })).not.toBe(print);
    expect(layoutFingerprint({ ...input, nodes: input.nodes.map((node) => (node.id === 'fbi' ? { ...node, size: 8 } : node)) })).not.toBe(
      print,
    );
    expect(layoutFingerprint({ ...input, seed: 2 })).not.toBe(print);
  });

  test('kept positions read back exactly, and malformed entries are skipped', () => {
    const positions = computeLayout(sampleInput());
    expect(parsePositions(JSON.stringify(serializePositions(positions)))).toEqual(positions);
    expect([...parsePositions('{"a":[1,2],"b":[1],"c":"x","d":[null,3]}')]).toEqual([['a', { x: 1, y: 2 }]]);
    expect(parsePositions('not json').size).toBe(0);
  });
});
