// Exports of the current view: GEXF, GraphML and JSON parse back to the same graph, CSV is RFC 4180, SVG draws every node.
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { csvField, escapeXml, toCsv, toGexf, toGraphml, toJson, toSvg, viewSubgraph } from '../../client/src/export/exporters';
import { createExplorerGraph, mergeSerializedGraph } from '../../client/src/core/graph/graphData';
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

describe('GEXF', () => {
  test('parses back with the same nodes, edges, labels, types and positions', () => {
    const source = graph();
    const text = toGexf(source);
    expect(text).toContain('<gexf');
    const parsed = parseGexf(Graph, text);
    expect(parsed.order).toBe(source.order);
    expect(parsed.size).toBe(source.size);
    expect(parsed.getNodeAttribute('fbi', 'label')).toBe('FBI');
    expect(parsed.getNodeAttribute('dprk-denies-sony-hack', 'stance')).toBe('denies');
    expect(parsed.getNodeAttribute('dprk-denies-sony-hack', 'quote')).toBe('We had <nothing> to do with it');
    expect(parsed.getNodeAttribute('fbi', 'x')).toBeCloseTo(source.getNodeAttribute('fbi', 'x'), 3);
    expect(parsed.hasEdge('fbi-director', 'fbi')).toBe(true);
  });
});

describe('GraphML', () => {
  test('is well-formed, declares its keys and parses back to the same graph', () => {
    const source = graph();
    const text = toGraphml(source);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(text);
    expect(xml.graphml.graph['@_edgedefault']).toBe('directed');
    const parsed = parseGraphml(Graph, text);
    expect(parsed.order).toBe(source.order);
    expect(parsed.size).toBe(source.size);
    expect(parsed.getNodeAttribute('dprk', 'label')).toBe('North Korea');
    expect(parsed.getNodeAttribute('dprk', 'type')).toBe('actor');
    expect(parsed.getNodeAttribute('dprk', 'aliases')).toBe('DPRK');
    expect(parsed.getNodeAttribute('dprk', 'x')).toBeCloseTo(source.getNodeAttribute('dprk', 'x'), 6);
    expect(parsed.getNodeAttribute('dprk-denies-sony-hack', 'quote')).toBe('We had <nothing> to do with it');
    const edge = parsed.edge('fbi-director', 'fbi');
    expect(parsed.getEdgeAttribute(edge, 'role')).toBe('director');
  });

  test('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});

describe('JSON', () => {
  test('is graphology’s serialized form and imports back', () => {
    const source = graph();
    const imported = new Graph({ multi: true });
    imported.import(JSON.parse(toJson(source)));
    expect(imported.order).toBe(source.order);
    expect(imported.size).toBe(source.size);
    expect(imported.getNodeAttribute('fbi', 'type')).toBe('actor');
    expect(imported.getNodeAttribute('fbi', 'shortLabel')).toBeUndefined();
  });
});

describe('CSV', () => {
  test('nodes and edges tables parse with their headers and quote what needs quoting', () => {
    const { nodes, edges } = toCsv(graph());
    const nodeRows = parseCsv(nodes, { columns: true }) as Array<Record<string, string>>;
    const edgeRows = parseCsv(edges, { columns: true }) as Array<Record<string, string>>;
    expect(nodeRows).toHaveLength(11);
    expect(edgeRows).toHaveLength(12);
    const fbiClaim = nodeRows.find((row) => row.id === 'fbi-attributes-sony-hack');
    expect(fbiClaim?.text).toBe('The FBI concluded, "confirming", that North Korea was responsible.');
    expect(fbiClaim?.stance).toBe('asserts');
    expect(edgeRows.find((row) => row.key === 'ACCUSES:dprk-denies-sony-hack->dprk')?.stance).toBe('denies');
    expect(nodes.split('\r\n')[0]).toBe('id,type,label,kind,stance,confidence,hedge,date,datePrecision,text,quote,x,y,color');
  });

  test('fields', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(['a', 'b'])).toBe('a; b');
  });
});

describe('SVG', () => {
  test('is well-formed and draws one shape per node and one line per edge', () => {
    const source = graph();
    const text = toSvg(source, { labelMinSize: 0 });
    const xml = new XMLParser({ ignoreAttributes: false }).parse(text);
    expect(xml.svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
    expect((text.match(/<line /g) ?? []).length).toBe(source.size);
    expect((text.match(/<g><title>/g) ?? []).length).toBe(source.order);
    expect(text).toContain('<circle');
    expect(text).toContain('<rect x=');
    expect(text).toContain('North Korea');
  });

  test('an empty view still gives a valid drawing', () => {
    expect(() => new XMLParser().parse(toSvg(createExplorerGraph()))).not.toThrow();
  });
});
