// An explanation's panel without a dedicated route: read from the graph the page holds, whose ACCUSES edges carry stance and incident.
import { explanationFromGraph } from '../../client/src/core/graph/explanationFromGraph';
import { createExplorerGraph, mergeSerializedGraph } from '../../client/src/core/graph/graphData';
import { sampleGraph } from './fixture';

function graphWithExplanation() {
  const wire = sampleGraph();
  wire.nodes.push(
    { key: 'nk-outage', attributes: { type: 'incident', label: 'North Korea internet outage', kind: 'outage' } },
    {
      key: 'infrastructure-failure',
      attributes: { type: 'explanation', label: 'Infrastructure failure', kind: 'technical-failure', description: 'The network failed.' },
    },
    {
      key: 'madory-possibility',
      attributes: {
        type: 'claim',
        label: 'A distinct possibility',
        text: 'Genuine infrastructure problems are a distinct possibility.',
        stance: 'asserts',
        confidence: 'moderate',
        hedge: 'a distinct possibility',
        date: '2014-12-22',
        datePrecision: 'day',
        dateBasis: 'bounded',
        kind: 'speculation',
      },
    },
  );
  wire.edges.push(
    { key: 'MADE:fbi->madory-possibility', source: 'fbi', target: 'madory-possibility', attributes: { type: 'MADE' } },
    {
      key: 'ACCUSES:madory-possibility->infrastructure-failure@nk-outage',
      source: 'madory-possibility',
      target: 'infrastructure-failure',
      attributes: { type: 'ACCUSES', stance: 'asserts', incident: 'nk-outage' },
    },
    {
      key: 'REPORTED_IN:madory-possibility->src-a',
      source: 'madory-possibility',
      target: 'src-a',
      attributes: { type: 'REPORTED_IN' },
    },
  );
  const graph = createExplorerGraph();
  mergeSerializedGraph(graph, wire);
  return graph;
}

describe('explanationFromGraph', () => {
  test('the explanation and each claim that puts it forward, with the incident and stance of the accusation', () => {
    const detail = explanationFromGraph(graphWithExplanation(), 'infrastructure-failure');
    expect(detail?.explanation).toEqual({
      id: 'infrastructure-failure',
      name: 'Infrastructure failure',
      kind: 'technical-failure',
      description: 'The network failed.',
    });
    expect(detail?.claims).toHaveLength(1);
    const claim = detail!.claims[0]!;
    expect(claim.id).toBe('madory-possibility');
    expect(claim.claimant).toEqual({ id: 'fbi', name: 'FBI', kind: 'agency' });
    expect(claim.dateBasis).toBe('bounded');
    expect(claim.sources).toEqual(['src-a']);
    expect(claim.accusations).toEqual([
      {
        incident: { id: 'nk-outage', name: 'North Korea internet outage' },
        target: { id: 'infrastructure-failure', type: 'explanation', name: 'Infrastructure failure' },
        stance: 'asserts',
      },
    ]);
  });

  test('null for an id the graph does not hold as an explanation', () => {
    const graph = graphWithExplanation();
    expect(explanationFromGraph(graph, 'fbi')).toBeNull();
    expect(explanationFromGraph(graph, 'nowhere')).toBeNull();
  });
});
