// Checks the GEXF export by reading it back with fast-xml-parser: structure, declared types, stance weights, spells, escaping, determinism.
import { edgeKey, type SerializedGraph } from '../../server/model/wire';
import { InterchangeError } from '../../server/interchange/common';
import { GEXF_NAMESPACE, toGexf } from '../../server/interchange/gexf';
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

  test('is a directed, dynamic GEXF 1.3 document with date time format and the export metadata', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(parsed.gexf.xmlns).toBe(GEXF_NAMESPACE);
    expect(GEXF_NAMESPACE).toBe('http://gexf.net/1.3');
    expect(parsed.gexf.version).toBe('1.3');
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
      expect(element?.xml).toMatchObject({
        source: edge.source,
        target: edge.target,
        kind: edge.attributes.type,
        label: edge.attributes.type,
      });
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

  test('weighs edges by signed stance: +1 asserts, −1 denies, 0 neither, 1 for links without a stance', () => {
    const weight = (key: string) => Number(parsed.edges.get(key)?.xml.weight);
    expect(weight(edgeKey('ACCUSES', 'c-us-attributes-sony', 'north-korea'))).toBe(1);
    expect(weight(edgeKey('ACCUSES', 'c-nk-denies-sony', 'north-korea'))).toBe(-1);
    expect(weight(edgeKey('ACCUSES', 'c-dyn-outage-neither', 'united-states'))).toBe(0);
    // MADE, ABOUT and REPORTED_IN take the stance of their claim.
    expect(weight(edgeKey('MADE', 'north-korea', 'c-nk-denies-sony'))).toBe(-1);
    expect(weight(edgeKey('ABOUT', 'c-dyn-outage-neither', 'nk-outage'))).toBe(0);
    expect(weight(edgeKey('REPORTED_IN', 'c-gop-denies-state-ties', 's-hackread'))).toBe(-1);
    expect(weight(edgeKey('REPORTED_IN', 'c-us-attributes-sony', 's-techweek'))).toBe(1);
    // Claims without a stance and links between records weigh 1.
    expect(weight(edgeKey('MADE', 'guardians-of-peace', 'c-gop-threat'))).toBe(1);
    expect(weight(edgeKey('SUPPORTS', 'c-nsa-supports', 'c-us-attributes-sony'))).toBe(1);
    expect(weight(edgeKey('DISPUTES', 'c-nk-denies-sony', 'c-us-attributes-sony'))).toBe(1);
    expect(weight(edgeKey('TARGETS', 'nk-outage', 'north-korea'))).toBe(1);
    for (const edge of parsed.edges.values()) expect([-1, 0, 1]).toContain(Number(edge.xml.weight));
  });

  test('gives dated claims spells covering their day, month or year, and their edges the same spell', () => {
    const spell = (element: ParsedElement | undefined) => element?.spells?.spell.map((s) => [s.start, s.end]);
    expect(spell(parsed.nodes.get('c-us-attributes-sony'))).toEqual([['2014-12-19', '2014-12-19']]);
    expect(spell(parsed.nodes.get('c-nk-denies-sony'))).toEqual([['2014-12-01', '2014-12-31']]);
    expect(spell(parsed.nodes.get('c-nsa-supports'))).toEqual([['2015-01-01', '2015-01-31']]);
    expect(spell(parsed.nodes.get('c-gop-denies-state-ties'))).toEqual([['2014-01-01', '2014-12-31']]);
    expect(spell(parsed.nodes.get('c-dyn-observes-outage'))).toBeUndefined();
    expect(spell(parsed.nodes.get('sony-hack'))).toBeUndefined();
    expect(spell(parsed.edges.get(edgeKey('ACCUSES', 'c-nk-denies-sony', 'north-korea')))).toEqual([['2014-12-01', '2014-12-31']]);
    expect(spell(parsed.edges.get(edgeKey('MADE', 'north-korea', 'c-nk-denies-sony')))).toEqual([['2014-12-01', '2014-12-31']]);
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
