// The hover card's words, read from the graph: a claim's full text, stance, claimant and date; an actor's kind; a source's publisher.
import { createExplorerGraph, mergeSerializedGraph } from '../../client/src/core/graph/graphData';
import { claimantsOf, summarizeNode, summarySentence } from '../../client/src/core/graph/nodeSummary';
import { sampleGraph } from './fixture';

function graph() {
  const built = createExplorerGraph();
  mergeSerializedGraph(built, sampleGraph());
  return built;
}

describe('summarizeNode', () => {
  test('a claim: its full text (not the short label), its stance in words, its claimant from the MADE edge, its date', () => {
    const summary = summarizeNode(graph(), 'fbi-attributes-sony-hack');
    expect(summary).toEqual({
      kind: 'Claim',
      title: 'The FBI concluded, "confirming", that North Korea was responsible.',
      stance: 'asserts',
      lines: ['Stance: Asserts responsibility', 'Claimant: FBI', 'Date: 2014'],
    });
  });

  test('a claim without text or claimant falls back to its label and says the claimant is not in the graph yet', () => {
    const summary = summarizeNode(graph(), 'undated-claim');
    expect(summary.title).toBe('Undated');
    expect(summary.lines).toEqual(['Stance: Neither confirms nor denies', 'Claimant: not in the graph yet', 'Date: undated']);
    expect(claimantsOf(graph(), 'undated-claim')).toEqual([]);
  });

  test('an actor gives its kind and its links; a source its title and date', () => {
    const built = graph();
    // The FBI: its MADE edge and the director's AFFILIATED_WITH edge.
    expect(summarizeNode(built, 'fbi')).toEqual({ kind: 'Actor · Agency', title: 'FBI', stance: null, lines: ['2 links in the graph'] });
    // src-a: two REPORTED_IN edges point at it.
    expect(summarizeNode(built, 'src-a')).toEqual({
      kind: 'Source article',
      title: 'North Korea kicked entirely offline',
      stance: null,
      lines: ['23 Dec 2014', '2 links in the graph'],
    });
  });

  test('one sentence for the screen reader', () => {
    expect(summarySentence(summarizeNode(graph(), 'fbi'))).toBe('Actor · Agency: FBI. 2 links in the graph');
  });
});
