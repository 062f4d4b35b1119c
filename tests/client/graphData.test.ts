// Turning API graphs into the view's styled graph: styling on merge, positions kept or placed, shape errors named.
import { InvalidResponseError } from '../../client/src/core/errors';
import { allPlaced, createExplorerGraph, mergeSerializedGraph } from '../../client/src/core/graph/graphData';
import { ACTOR_KIND_COLORS, EDGE_STYLES, STANCE_COLORS, nodeSize } from '../../client/src/core/graph/style';
import { sampleGraph } from './fixture';

describe('mergeSerializedGraph', () => {
  test('adds every node and edge with colour, size, short label and a finite position', () => {
    const graph = createExplorerGraph();
    const result = mergeSerializedGraph(graph, sampleGraph());
    expect(graph.order).toBe(11);
    expect(graph.size).toBe(12);
    expect(result.added).toHaveLength(11);
    expect(allPlaced(graph)).toBe(true);
    expect(graph.getNodeAttribute('fbi', 'color')).toBe(ACTOR_KIND_COLORS.agency);
    expect(graph.getNodeAttribute('dprk-denies-sony-hack', 'color')).toBe(STANCE_COLORS.denies);
    expect(graph.getNodeAttribute('madory-observes', 'color')).toBe(STANCE_COLORS.none);
    expect(graph.getNodeAttribute('dprk', 'size')).toBe(nodeSize('actor', graph.degree('dprk')));
    expect(graph.getNodeAttribute('dprk', 'type')).toBe('actor');
    expect(graph.getEdgeAttribute('ACCUSES:dprk-denies-sony-hack->dprk', 'color')).toBe(STANCE_COLORS.denies);
    expect(graph.getEdgeAttribute('DISPUTES:dprk-denies-sony-hack->fbi-attributes-sony-hack', 'color')).toBe(EDGE_STYLES.DISPUTES.color);
    expect(graph.getEdgeAttribute('MADE:fbi->fbi-attributes-sony-hack', 'type')).toBe('MADE');
  });

  test('seed positions are stable: the same ids land in the same places whatever the order', () => {
    const a = createExplorerGraph();
    mergeSerializedGraph(a, sampleGraph());
    const reversed = sampleGraph();
    reversed.nodes.reverse();
    const b = createExplorerGraph();
    mergeSerializedGraph(b, reversed);
    a.forEachNode((node, attributes) => {
      expect(b.getNodeAttribute(node, 'x')).toBeCloseTo(attributes.x, 9);
      expect(b.getNodeAttribute(node, 'y')).toBeCloseTo(attributes.y, 9);
    });
  });

  test('known positions win, and a merge keeps positions already in the graph', () => {
    const graph = createExplorerGraph();
    mergeSerializedGraph(graph, sampleGraph(), { positions: new Map([['fbi', { x: 1, y: 2 }]]) });
    expect(graph.getNodeAttributes('fbi')).toMatchObject({ x: 1, y: 2 });
    graph.setNodeAttribute('dprk', 'x', 42);
    const again = mergeSerializedGraph(graph, sampleGraph());
    expect(again.added).toEqual([]);
    expect(graph.getNodeAttribute('dprk', 'x')).toBe(42);
    expect(graph.order).toBe(11);
  });

  test('a node fetched later appears next to the neighbour it hangs off, and neighbours are restyled', () => {
    const graph = createExplorerGraph();
    mergeSerializedGraph(graph, sampleGraph());
    const before = graph.getNodeAttribute('dprk', 'size');
    graph.mergeNodeAttributes('dprk', { x: 1000, y: 1000 });
    mergeSerializedGraph(graph, {
      attributes: {},
      options: { type: 'directed', multi: false, allowSelfLoops: true },
      nodes: [
        { key: 'dprk', attributes: { type: 'actor', label: 'North Korea', kind: 'state' } },
        { key: 'kcna', attributes: { type: 'actor', label: 'KCNA', kind: 'media' } },
      ],
      edges: [{ key: 'AFFILIATED_WITH:kcna->dprk', source: 'kcna', target: 'dprk', attributes: { type: 'AFFILIATED_WITH' } }],
    });
    const kcna = graph.getNodeAttributes('kcna');
    expect(Math.hypot(kcna.x - 1000, kcna.y - 1000)).toBeLessThan(10);
    expect(graph.getNodeAttribute('dprk', 'size')).toBeGreaterThan(before);
  });

  test('a malformed node or a dangling edge throws an InvalidResponseError naming where and what was expected', () => {
    const badNode = sampleGraph();
    (badNode.nodes[0] as { attributes: Record<string, unknown> }).attributes.type = 'planet';
    expect(() => mergeSerializedGraph(createExplorerGraph(), badNode, { where: 'GET /api/graph' })).toThrow(InvalidResponseError);
    expect(() => mergeSerializedGraph(createExplorerGraph(), badNode, { where: 'GET /api/graph' })).toThrow(
      /GET \/api\/graph node "fbi": expected a key, a type/,
    );
    const dangling = sampleGraph();
    dangling.edges.push({ key: 'MADE:ghost->fbi', source: 'ghost', target: 'fbi', attributes: { type: 'MADE' } });
    expect(() => mergeSerializedGraph(createExplorerGraph(), dangling)).toThrow(/edge "MADE:ghost->fbi": expected both ends/);
    expect(() => mergeSerializedGraph(createExplorerGraph(), {} as never, { where: 'X' })).toThrow(/X: expected a serialized graph/);
  });
});
