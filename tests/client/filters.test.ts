// The filter predicate: node type, actor kind, stance, source article and date, alone and together.
import { computeVisibleNodes, defaultFilters, isDefaultFilters, nodePasses, type FilterState } from '../../client/src/core/filters';
import { createExplorerGraph, mergeSerializedGraph } from '../../client/src/core/graph/graphData';
import { isoToDay } from '../../server/model/dates';
import { filterSerializedGraph, visibleNodeIds } from '../../server/model/viewFilter';
import { sampleGraph } from './fixture';

function filters(change: Partial<FilterState>): FilterState {
  return { ...defaultFilters(), ...change };
}

describe('nodePasses', () => {
  test('the default filters let every node through', () => {
    expect(isDefaultFilters(defaultFilters())).toBe(true);
    for (const node of sampleGraph().nodes) expect(nodePasses(node.attributes, defaultFilters(), null)).toBe(true);
  });

  test('node types', () => {
    const onlyActors = filters({ types: ['actor'] });
    expect(isDefaultFilters(onlyActors)).toBe(false);
    expect(nodePasses({ type: 'actor', kind: 'state' }, onlyActors, null)).toBe(true);
    expect(nodePasses({ type: 'claim', stance: 'asserts' }, onlyActors, null)).toBe(false);
    expect(nodePasses({ type: 'planet' }, defaultFilters(), null)).toBe(false);
  });

  test('actor kinds apply to actors only; an unknown kind is never hidden by them', () => {
    const states = filters({ kinds: ['state'] });
    expect(nodePasses({ type: 'actor', kind: 'state' }, states, null)).toBe(true);
    expect(nodePasses({ type: 'actor', kind: 'agency' }, states, null)).toBe(false);
    expect(nodePasses({ type: 'actor', kind: 'alien' }, states, null)).toBe(true);
    expect(nodePasses({ type: 'incident', kind: 'intrusion' }, states, null)).toBe(true);
  });

  test('stances, with "none" for claims that take no position', () => {
    const denials = filters({ stances: ['denies'] });
    expect(nodePasses({ type: 'claim', stance: 'denies' }, denials, null)).toBe(true);
    expect(nodePasses({ type: 'claim', stance: 'asserts' }, denials, null)).toBe(false);
    expect(nodePasses({ type: 'claim', stance: null }, denials, null)).toBe(false);
    expect(nodePasses({ type: 'claim', stance: null }, filters({ stances: ['none'] }), null)).toBe(true);
    expect(nodePasses({ type: 'actor', kind: 'state' }, denials, null)).toBe(true);
  });

  test('date: claims from after the day are hidden, undated ones stay', () => {
    const day = isoToDay('2014-11-30');
    const f = filters({ until: '2014-11-30' });
    expect(nodePasses({ type: 'claim', date: '2014-12-22' }, f, day)).toBe(false);
    expect(nodePasses({ type: 'claim', date: '2014-12' }, f, day)).toBe(false);
    expect(nodePasses({ type: 'claim', date: '2014' }, f, day)).toBe(true);
    expect(nodePasses({ type: 'claim' }, f, day)).toBe(true);
  });
});

describe('computeVisibleNodes', () => {
  const graph = createExplorerGraph();
  mergeSerializedGraph(graph, sampleGraph());

  test('combines the per-node predicate over the graph', () => {
    const visible = computeVisibleNodes(graph, filters({ types: ['actor', 'claim'], stances: ['asserts'] }));
    expect(visible.has('fbi')).toBe(true);
    expect(visible.has('fbi-attributes-sony-hack')).toBe(true);
    expect(visible.has('dprk-denies-sony-hack')).toBe(false);
    expect(visible.has('sony-hack')).toBe(false);
  });

  test('a source keeps its claims, itself, and the actors and incidents those claims touch', () => {
    const visible = computeVisibleNodes(graph, filters({ source: 'src-b' }));
    expect([...visible].sort()).toEqual(['dprk', 'dprk-denies-sony-hack', 'sony-hack', 'src-b', 'undated-claim'].sort());
  });

  test('source and date together', () => {
    const visible = computeVisibleNodes(graph, filters({ source: 'src-a', until: '2014-12-01' }));
    expect(visible.has('fbi-attributes-sony-hack')).toBe(true);
    expect(visible.has('madory-observes')).toBe(false);
    expect(visible.has('src-a')).toBe(true);
    expect(visible.has('fbi-director')).toBe(false);
  });

  test('an unknown source is ignored rather than hiding everything', () => {
    expect(computeVisibleNodes(graph, filters({ source: 'no-such-source' })).size).toBe(graph.order);
  });
});

describe('filterSerializedGraph (server/model/viewFilter.ts, what GET /api/export applies)', () => {
  const graph = createExplorerGraph();
  mergeSerializedGraph(graph, sampleGraph());
  const cases: Array<Partial<FilterState>> = [
    {},
    { types: ['actor', 'claim'], stances: ['asserts'] },
    { kinds: ['state'] },
    { stances: ['none'] },
    { source: 'src-b' },
    { source: 'src-a', until: '2014-12-01' },
    { until: '2014-11-30' },
    { types: [] },
  ];

  test.each(cases)('keeps the nodes the explorer shows for %j, and only the edges between them', (change) => {
    const wire = sampleGraph();
    const filtered = filterSerializedGraph(wire, filters(change));
    expect(filtered.nodes.map((node) => node.key).sort()).toEqual([...computeVisibleNodes(graph, filters(change))].sort());
    expect([...visibleNodeIds(wire, filters(change))].sort()).toEqual(filtered.nodes.map((node) => node.key).sort());
    const keys = new Set(filtered.nodes.map((node) => node.key));
    for (const edge of filtered.edges) expect(keys.has(edge.source) && keys.has(edge.target)).toBe(true);
    const kept = wire.edges.filter((edge) => keys.has(edge.source) && keys.has(edge.target));
    expect(filtered.edges).toHaveLength(kept.length);
  });

  test('the default filters give the graph back unchanged', () => {
    const wire = sampleGraph();
    expect(filterSerializedGraph(wire, defaultFilters())).toBe(wire);
  });
});
