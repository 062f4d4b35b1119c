// Checks the GEXF export by reading it back with fast-xml-parser: structure, declared types, weights and kinds, spells, escaping, determinism.
import { edgeKey, type SerializedGraph } from '../../server/model/wire';
import { InterchangeError } from '../../server/interchange/common';
import { GEXF_NAMESPACE, toGexf } from '../../server/interchange/gexf';
import { parseList } from '../../server/interchange/common';
import { reversedGraph, xmlReader } from './helpers';
import { interchangeGraph } from '../fixtures/interchange-graph';

const meta = { generatedAt: '2024-05-01T10:00:00.000Z', title: 'Sony & the "outage" <test>' };

type Attrs = Record<string, string>;
interface GexfNode extends Attrs {
  id: string;
  label: string;
}
interface ParsedElement {
  attvalues?: { attvalue: Attrs[] };
  spells?: { spell: Attrs[] };
}

const parser = xmlReader(['node', 'edge', 'attribute', 'attvalue', 'spell', 'attributes']);

function parseGexf(xml: string) {
  const document = parser.parse(xml) as {
    gexf: Attrs & {
      meta: Attrs & { description: string; creator: string };
      graph: Attrs & {
        attributes: Array<{ class: string; attribute: Attrs[] }>;
        nodes: { node: Array<GexfNode & ParsedElement> };
        edges: { edge: Array<Attrs & ParsedElement> };
      };
    };
  };
  const { gexf } = document;
  const declared = (kind: string) =>
    new Map((gexf.graph.attributes.find((block) => block.class === kind)?.attribute ?? []).map((attribute) => [attribute.id, attribute]));
  const values = (element: ParsedElement): Attrs =>
    Object.fromEntries((element.attvalues?.attvalue ?? []).map((value) => [value.for, value.value]));
  // An element's XML attributes (id, label, weight…), its attribute values by name, and its spells.
  const written = (element: ParsedElement & object): ParsedElement & { xml: Attrs; values: Attrs } => ({
    xml: Object.fromEntries(Object.entries(element).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    values: values(element),
    ...(element.spells === undefined ? {} : { spells: element.spells }),
  });
  return {
    gexf,
    nodeAttributes: declared('node'),
    edgeAttributes: declared('edge'),
    nodes: new Map(gexf.graph.nodes.node.map((node) => [node.id, written(node)])),
    edges: new Map(gexf.graph.edges.edge.map((edge) => [edge.id ?? '', written(edge)])),
  };
}

describe('toGexf', () => {
  const xml = toGexf(interchangeGraph, meta);
  const parsed = parseGexf(xml);

  test('is a directed, dynamic GEXF 1.2draft document (what networkx 2.8 reads) with date time format and the export metadata', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(parsed.gexf.xmlns).toBe(GEXF_NAMESPACE);
    expect(GEXF_NAMESPACE).toBe('http://www.gexf.net/1.2draft');
    expect(parsed.gexf.version).toBe('1.2');
    expect(parsed.gexf.graph.defaultedgetype).toBe('directed');
    expect(parsed.gexf.graph.mode).toBe('dynamic');
    expect(parsed.gexf.graph.timeformat).toBe('date');
    expect(parsed.gexf.meta.lastmodifieddate).toBe('2024-05-01');
    expect(parsed.gexf.meta.description).toBe(meta.title);
  });

  test('has every node and edge of the view, keyed by record id and edge key', () => {
    expect(parsed.nodes.size).toBe(interchangeGraph.nodes.length);
    expect(parsed.edges.size).toBe(interchangeGraph.edges.length);
    for (const node of interchangeGraph.nodes) expect(parsed.nodes.get(node.key)?.xml.label).toBe(node.attributes.label);
    for (const edge of interchangeGraph.edges) {
      const element = parsed.edges.get(edge.key);
      expect(element?.xml).toMatchObject({ source: edge.source, target: edge.target, label: edge.attributes.type });
      // The kind is the relationship type, with the incident where one claim accuses one record of two incidents.
      expect([edge.attributes.type, `${edge.attributes.type}@${String(edge.attributes.incident)}`]).toContain(element?.xml.kind);
      expect(element?.values.relationship).toBe(edge.attributes.type);
    }
  });

  test('declares every attribute with a GEXF type, and every value refers to a declared attribute', () => {
    expect(parsed.nodeAttributes.get('type')?.type).toBe('string');
    expect(parsed.nodeAttributes.get('aliases')?.type).toBe('string');
    expect(parsed.nodeAttributes.get('stance')?.type).toBe('string');
    expect(parsed.nodeAttributes.has('label')).toBe(false); // GEXF's own node label carries it
    expect(parsed.edgeAttributes.get('position')?.type).toBe('integer');
    expect(parsed.edgeAttributes.get('relationship')?.type).toBe('string');
    expect(parsed.edgeAttributes.has('type')).toBe(false); // Gephi reserves "type" for directedness
    const nodeAttributeNames = new Set(
      interchangeGraph.nodes.flatMap((node) => Object.keys(node.attributes)).filter((name) => name !== 'label'),
    );
    expect(new Set(parsed.nodeAttributes.keys())).toEqual(nodeAttributeNames);
    for (const attribute of [...parsed.nodeAttributes.values(), ...parsed.edgeAttributes.values()]) {
      expect(['string', 'integer', 'long', 'double', 'boolean']).toContain(attribute.type);
      expect(attribute.title).toBe(attribute.id);
    }
    for (const node of parsed.nodes.values()) for (const key of Object.keys(node.values)) expect(parsed.nodeAttributes.has(key)).toBe(true);
    for (const edge of parsed.edges.values()) for (const key of Object.keys(edge.values)) expect(parsed.edgeAttributes.has(key)).toBe(true);
  });

  test('writes lists joined with " | " and keeps text with markup characters intact', () => {
    expect(parsed.nodes.get('north-korea')?.values.aliases).toBe("DPRK | Democratic People's Republic of Korea");
    expect(parsed.nodes.get('s-techweek')?.xml.label).toBe('North Korea Web Outage Was Revenge For Sony Hack & "Proportional" <Response>');
    expect(parsed.nodes.get('c-gop-threat')?.values.quote).toBe('Remember the 11th of September 2001 & <stay away>');
    expect(parsed.nodes.get('c-nk-denies-sony')?.values.quote).toBe("a “righteous deed” — but it wasn't us");
  });

  test('writes explanations as nodes, accusations of one actor for two incidents as two edges, and evidence offsets as lists', () => {
    expect(parsed.nodes.get('infrastructure-failure')).toMatchObject({
      xml: { label: 'Infrastructure failure' },
      values: { type: 'explanation', kind: 'technical-failure', name: 'Infrastructure failure' },
    });
    const sony = parsed.edges.get(edgeKey('ACCUSES', 'c-us-attributes-sony', 'north-korea', 'sony-hack'));
    const threats = parsed.edges.get(edgeKey('ACCUSES', 'c-us-attributes-sony', 'north-korea', 'cinema-threats'));
    expect(sony?.values).toMatchObject({ incident: 'sony-hack', stance: 'asserts' });
    expect(threats?.values).toMatchObject({ incident: 'cinema-threats', stance: 'asserts' });
    expect(parsed.edges.get(edgeKey('ACCUSES', 'c-nk-accuses-us-outage', 'infrastructure-failure', 'nk-outage'))?.values.stance).toBe(
      'denies',
    );
    expect(parsed.edgeAttributes.get('evidenceStarts')?.type).toBe('string');
    expect(parsed.edgeAttributes.get('quoteStart')?.type).toBe('integer');
    expect(parsed.edges.get(edgeKey('REPORTED_IN', 'c-nk-denies-sony', 's-siliconangle'))?.values).toMatchObject({
      evidenceStarts: '452 | 540',
      evidenceEnds: '515 | 570',
      quoteStart: '478',
    });
    expect(parsed.edges.get(edgeKey('CHARACTERIZES', 'c-hackread-refused', 'c-us-outage-no-comment'))?.xml.kind).toBe('CHARACTERIZES');
  });

  test('gives every relationship its own id and each edge between one pair its own kind, so Gephi keeps them all', () => {
    const kinds = [...parsed.edges.values()].map((edge) => JSON.stringify([edge.xml.source, edge.xml.target, edge.xml.kind]));
    expect(new Set(kinds).size).toBe(interchangeGraph.edges.length);
    expect(parsed.edges.get(edgeKey('ACCUSES', 'c-us-attributes-sony', 'north-korea', 'sony-hack'))?.xml.kind).toBe('ACCUSES@sony-hack');
    expect(parsed.edges.get(edgeKey('ACCUSES', 'c-us-attributes-sony', 'north-korea', 'cinema-threats'))?.xml.kind).toBe(
      'ACCUSES@cinema-threats',
    );
    expect(parsed.edges.get(edgeKey('SUPPORTS', 'c-nsa-supports', 'c-us-attributes-sony'))?.xml.kind).toBe('SUPPORTS');
    expect(parsed.edges.get(edgeKey('CITES', 'c-nsa-supports', 'c-us-attributes-sony'))?.xml.kind).toBe('CITES');
  });

  test('weighs every edge 1 and keeps the stance only on ACCUSES edges and claim nodes', () => {
    for (const edge of parsed.edges.values()) expect(edge.xml.weight).toBe('1');
    const stance = (key: string) => parsed.edges.get(key)?.values.stance;
    expect(stance(edgeKey('ACCUSES', 'c-nk-denies-sony', 'north-korea', 'sony-hack'))).toBe('denies');
    expect(stance(edgeKey('ACCUSES', 'c-dyn-outage-neither', 'united-states', 'nk-outage'))).toBe('neither');
    // An accusation takes its own stance, which may differ from its claim's.
    expect(stance(edgeKey('ACCUSES', 'c-nk-accuses-us-outage', 'infrastructure-failure', 'nk-outage'))).toBe('denies');
    expect(stance(edgeKey('ACCUSES', 'c-nk-accuses-us-outage', 'united-states', 'nk-outage'))).toBe('asserts');
    // MADE, ABOUT and REPORTED_IN carry no copy of their claim's stance.
    for (const edge of parsed.edges.values()) if (edge.values.relationship !== 'ACCUSES') expect(edge.values.stance).toBeUndefined();
    expect(parsed.nodes.get('c-nk-denies-sony')?.values.stance).toBe('denies');
  });

  test('escapes the list delimiter inside list items, so an alias holding "|" reads back whole', () => {
    const graph: SerializedGraph = {
      ...interchangeGraph,
      nodes: interchangeGraph.nodes.map((node) =>
        node.key === 'north-korea' ? { ...node, attributes: { ...node.attributes, aliases: ['DPRK | North', 'back\\slash', 'x'] } } : node,
      ),
    };
    const written = parseGexf(toGexf(graph, meta)).nodes.get('north-korea')?.values.aliases ?? '';
    expect(parseList(written, ' | ')).toEqual(['DPRK | North', 'back\\slash', 'x']);
  });

  test('gives dated claims spells covering their day, month or year to the end of its last day, and their edges the same spell', () => {
    const spell = (element: ParsedElement | undefined) => element?.spells?.spell.map((s) => [s.start, s.end]);
    expect(spell(parsed.nodes.get('c-us-attributes-sony'))).toEqual([['2014-12-19', '2014-12-19T23:59:59.999']]);
    expect(spell(parsed.nodes.get('c-nk-denies-sony'))).toEqual([['2014-12-01', '2014-12-31T23:59:59.999']]);
    expect(spell(parsed.nodes.get('c-nsa-supports'))).toEqual([['2015-01-01', '2015-01-31T23:59:59.999']]);
    expect(spell(parsed.nodes.get('c-gop-denies-state-ties'))).toEqual([['2014-01-01', '2014-12-31T23:59:59.999']]);
    expect(spell(parsed.nodes.get('c-dyn-observes-outage'))).toBeUndefined();
    expect(spell(parsed.nodes.get('sony-hack'))).toBeUndefined();
    expect(spell(parsed.edges.get(edgeKey('ACCUSES', 'c-nk-denies-sony', 'north-korea', 'sony-hack')))).toEqual([
      ['2014-12-01', '2014-12-31T23:59:59.999'],
    ]);
    expect(spell(parsed.edges.get(edgeKey('MADE', 'north-korea', 'c-nk-denies-sony')))).toEqual([
      ['2014-12-01', '2014-12-31T23:59:59.999'],
    ]);
    expect(spell(parsed.edges.get(edgeKey('AFFILIATED_WITH', 'guardians-of-peace', 'north-korea')))).toBeUndefined();
  });

  test('is deterministic: same text for the same view in any order, apart from the modification date', () => {
    const shuffled = reversedGraph(interchangeGraph);
    expect(toGexf(shuffled, meta)).toBe(xml);
    const later = toGexf(interchangeGraph, { ...meta, generatedAt: '2025-01-02T03:04:05.000Z' });
    expect(later).not.toBe(xml);
    expect(later.replace(/lastmodifieddate="[^"]*"/, '')).toBe(xml.replace(/lastmodifieddate="[^"]*"/, ''));
  });

  test('escapes control characters and line breaks in attribute values so they read back unchanged', () => {
    const graph: SerializedGraph = {
      ...interchangeGraph,
      nodes: interchangeGraph.nodes.map((node) =>
        node.key === 'c-gop-threat' ? { ...node, attributes: { ...node.attributes, quote: 'line one\nline "two"\tend\u0001' } } : node,
      ),
    };
    const quote = parseGexf(toGexf(graph, meta)).nodes.get('c-gop-threat')?.values.quote;
    expect(quote).toBe('line one\nline "two"\tend\uFFFD');
  });

  test('rejects an edge whose end is not in the view, naming the edge', () => {
    const graph: SerializedGraph = {
      ...interchangeGraph,
      edges: [
        ...interchangeGraph.edges,
        { key: 'MADE:ghost->c-gop-threat', source: 'ghost', target: 'c-gop-threat', attributes: { type: 'MADE' } },
      ],
    };
    expect(() => toGexf(graph, meta)).toThrow(InterchangeError);
    expect(() => toGexf(graph, meta)).toThrow(/MADE:ghost->c-gop-threat.*source: expected the key of a node/);
  });
});
