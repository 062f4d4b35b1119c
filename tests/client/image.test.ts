// The image exports of the current view: the visible subgraph, and an SVG that draws every node and carries a title, a
// legend of what is drawn and the export date. The data formats are the server's (tests/api/exportFilters.test.ts).
import { XMLParser } from 'fast-xml-parser';
import { createExplorerGraph, mergeSerializedGraph } from '../../client/src/core/graph/graphData';
import { STANCE_LABELS } from '../../client/src/core/graph/style';
import { defaultViewState } from '../../client/src/core/state/urlState';
import { describeView, escapeXml, legendEntries, toSvg, viewSubgraph } from '../../client/src/export/image';
import { sampleGraph } from './fixture';

function graph() {
  const g = createExplorerGraph();
  mergeSerializedGraph(g, sampleGraph());
  return g;
}

describe('viewSubgraph', () => {
  test('keeps the visible nodes and only the edges between them', () => {
    const view = viewSubgraph(graph(), new Set(['fbi', 'fbi-attributes-sony-hack', 'dprk']));
    expect(view.order).toBe(3);
    expect(view.edges().sort()).toEqual(['ACCUSES:fbi-attributes-sony-hack->dprk', 'MADE:fbi->fbi-attributes-sony-hack']);
    expect(viewSubgraph(graph(), null).order).toBe(11);
  });
});

test('escapeXml escapes the five XML special characters', () => {
  expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
});

describe('describeView', () => {
  test('names the view and its parameters, and the filters only when set', () => {
    expect(describeView(defaultViewState())).toBe('Whole graph');
    const state = defaultViewState();
    state.mode = 'paths';
    state.from = 'anonymous';
    state.to = 'fbi';
    state.filters.types = ['actor', 'incident', 'claim'];
    state.filters.stances = ['denies'];
    state.filters.until = '2014-12-19';
    expect(describeView(state)).toBe('Paths from anonymous to fbi · types: actor, incident, claim · stances: denies · until 2014-12-19');
    expect(describeView({ ...defaultViewState(), mode: 'attribution', focus: 'sony-hack' })).toBe('Attribution of sony-hack');
    expect(describeView({ ...defaultViewState(), mode: 'chain', focus: 'c1' })).toBe('Evidence chain upstream of c1');
    expect(describeView({ ...defaultViewState(), focus: 'fbi' })).toBe('Neighbourhood of fbi');
    const kinds = defaultViewState();
    kinds.filters.kinds = ['state'];
    kinds.filters.source = 'src-a';
    expect(describeView(kinds)).toBe('Whole graph · actor kinds: state · source: src-a');
  });
});

describe('SVG', () => {
  const date = new Date('2026-03-04T05:06:07Z');

  test('is well-formed and draws one shape per node and one line per edge', () => {
    const source = graph();
    const text = toSvg(source, { labelMinSize: 0, title: 'Whole graph', date });
    const xml = new XMLParser({ ignoreAttributes: false }).parse(text);
    expect(xml.svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
    expect((text.match(/<line /g) ?? []).length).toBe(source.size);
    expect((text.match(/<g><title>/g) ?? []).length).toBe(source.order);
    expect(text).toContain('<circle');
    expect(text).toContain('<rect x=');
    expect(text).toContain('North Korea');
  });

  test('carries the title, the export date and a legend of the node types and stances drawn', () => {
    const source = graph();
    const text = toSvg(source, { title: 'Paths from anonymous to fbi · until 2014-12-19', date });
    expect(text).toContain('<g class="title">');
    expect(text).toContain('Paths from anonymous to fbi · until 2014-12-19');
    expect(text).toContain('Exported 2026-03-04 05:06 UTC');
    const legend = text.slice(text.indexOf('<g class="legend">'));
    for (const entry of legendEntries(source)) expect(legend).toContain(escapeXml(entry.label));
    expect(legend).toContain('Actor: State');
    expect(legend).toContain(escapeXml(`Claim: ${STANCE_LABELS.asserts}`));
    expect(legend).toContain(escapeXml(`Claim: ${STANCE_LABELS.denies}`));
  });

  test('the legend lists only what is drawn', () => {
    const actorsOnly = viewSubgraph(graph(), new Set(['fbi', 'dprk']));
    expect(legendEntries(actorsOnly).map((entry) => entry.label)).toEqual(['Actor: State', 'Actor: Agency']);
  });

  test('an empty view still gives a valid drawing with its title', () => {
    const text = toSvg(createExplorerGraph(), { date });
    expect(() => new XMLParser().parse(text)).not.toThrow();
    expect(text).toContain('Claim graph');
  });
});
