// Checks nodes.csv, edges.csv and their zip by reading them back with csv-parse and fflate: columns, quoting, weights, determinism.
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import type { SerializedGraph } from '../../server/model/wire';
import { EDGE_FIXED_COLUMNS, NODE_FIXED_COLUMNS, toCsvZip, toEdgesCsv, toNodesCsv } from '../../server/interchange/csv';
import { reversedGraph } from './helpers';
import { parseList } from '../../server/interchange/common';
import { interchangeGraph } from '../fixtures/interchange-graph';

type Row = Record<string, string>;

const readCsv = (text: string): { header: string[]; rows: Row[] } => {
  const records = parse(text, { bom: false, relax_column_count: false }) as string[][];
  const [header = [], ...body] = records;
  return { header, rows: body.map((fields) => Object.fromEntries(header.map((name, index) => [name, fields[index] ?? '']))) };
};

describe('toNodesCsv', () => {
  const text = toNodesCsv(interchangeGraph);
  const { header, rows } = readCsv(text);
  const byId = new Map(rows.map((row) => [row.Id, row]));

  test('starts with Id,Label,type and has a column for every other attribute, sorted', () => {
    expect(header.slice(0, 3)).toEqual([...NODE_FIXED_COLUMNS]);
    const rest = header.slice(3);
    expect(rest).toEqual([...rest].sort());
    const attributes = new Set(
      interchangeGraph.nodes.flatMap((node) => Object.keys(node.attributes)).filter((name) => name !== 'label' && name !== 'type'),
    );
    expect(new Set(rest)).toEqual(attributes);
  });

  test('has one row per node with its values, lists joined with "|"', () => {
    expect(rows).toHaveLength(interchangeGraph.nodes.length);
    expect(byId.get('north-korea')).toMatchObject({
      Label: 'North Korea',
      type: 'actor',
      kind: 'state',
      aliases: "DPRK|Democratic People's Republic of Korea",
    });
    expect(byId.get('c-nk-denies-sony')).toMatchObject({ type: 'claim', stance: 'denies', date: '2014-12', datePrecision: 'month' });
    expect(byId.get('c-dyn-observes-outage')?.stance).toBe('');
    expect(byId.get('infrastructure-failure')).toMatchObject({
      Label: 'Infrastructure failure',
      type: 'explanation',
      kind: 'technical-failure',
    });
    expect(byId.get('c-gop-denies-state-ties')?.dateBasis).toBe('bounded');
  });

  test('quotes fields with commas, quotes and line breaks per RFC 4180, with CRLF row ends', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(interchangeGraph.nodes.length + 2);
    expect(byId.get('s-techweek')?.Label).toBe('North Korea Web Outage Was Revenge For Sony Hack & "Proportional" <Response>');
    expect(text).toContain('"North Korea Web Outage Was Revenge For Sony Hack & ""Proportional"" <Response>"');
    const graph: SerializedGraph = {
      ...interchangeGraph,
      nodes: interchangeGraph.nodes.map((node) =>
        node.key === 'c-gop-threat' ? { ...node, attributes: { ...node.attributes, quote: 'one, "two"\r\nthree' } } : node,
      ),
    };
    const reread = readCsv(toNodesCsv(graph)).rows.find((row) => row.Id === 'c-gop-threat');
    expect(reread?.quote).toBe('one, "two"\r\nthree');
  });
});

describe('toEdgesCsv', () => {
  const { header, rows } = readCsv(toEdgesCsv(interchangeGraph));
  const byId = new Map(rows.map((row) => [row.Id, row]));

  test("starts with Gephi's edge columns, then relationship and the other attributes", () => {
    expect(header.slice(0, EDGE_FIXED_COLUMNS.length)).toEqual([
      'Source',
      'Target',
      'Type',
      'Kind',
      'Id',
      'Label',
      'Weight',
      'relationship',
    ]);
    expect(header).toEqual(
      expect.arrayContaining(['stance', 'incident', 'position', 'role', 'certainty', 'sources', 'evidenceStarts', 'evidenceEnds']),
    );
    expect(header).not.toContain('type');
  });

  test('marks every edge Directed and puts the relationship type in its own column', () => {
    expect(rows).toHaveLength(interchangeGraph.edges.length);
    for (const edge of interchangeGraph.edges) {
      expect(byId.get(edge.key)).toMatchObject({
        Source: edge.source,
        Target: edge.target,
        Type: 'Directed',
        relationship: edge.attributes.type,
      });
    }
  });

  test('weighs every edge 1, keeps the stance only on ACCUSES edges, and gives parallel edges their own Kind', () => {
    for (const row of rows) expect(row.Weight).toBe('1');
    for (const row of rows) if (row.relationship !== 'ACCUSES') expect(row.stance).toBe('');
    expect(byId.get('ACCUSES:c-nk-denies-sony->north-korea@sony-hack')).toMatchObject({ stance: 'denies', Kind: 'ACCUSES' });
    expect(byId.get('ACCUSES:c-us-attributes-sony->north-korea@cinema-threats')).toMatchObject({
      incident: 'cinema-threats',
      Kind: 'ACCUSES@cinema-threats',
    });
    expect(new Set(rows.map((row) => JSON.stringify([row.Source, row.Target, row.Kind]))).size).toBe(rows.length);
    expect(byId.get('REPORTED_IN:c-us-attributes-sony->s-techweek')).toMatchObject({ position: '1', evidenceStarts: '' });
    expect(byId.get('REPORTED_IN:c-us-attributes-sony->s-siliconangle')).toMatchObject({
      evidenceStarts: '115|345',
      evidenceEnds: '246|450',
    });
    expect(byId.get('ACCUSES:c-nk-accuses-us-outage->infrastructure-failure@nk-outage')).toMatchObject({ stance: 'denies' });
    expect(byId.get('AFFILIATED_WITH:guardians-of-peace->north-korea')).toMatchObject({
      role: 'acting for',
      certainty: 'claimed',
      sources: 's-siliconangle',
    });
  });

  test('escapes "|" and "\\" inside list items', () => {
    const graph: SerializedGraph = {
      ...interchangeGraph,
      nodes: interchangeGraph.nodes.map((node) =>
        node.key === 'north-korea' ? { ...node, attributes: { ...node.attributes, aliases: ['a|b', 'c\\d'] } } : node,
      ),
    };
    const row = readCsv(toNodesCsv(graph)).rows.find((candidate) => candidate.Id === 'north-korea');
    expect(row?.aliases).toBe('a\\|b|c\\\\d');
    expect(parseList(row?.aliases ?? '', '|')).toEqual(['a|b', 'c\\d']);
  });
});

describe('toCsvZip', () => {
  test('holds nodes.csv and edges.csv exactly as the CSV functions write them', () => {
    const files = unzipSync(new Uint8Array(toCsvZip(interchangeGraph)));
    expect(Object.keys(files).sort()).toEqual(['edges.csv', 'nodes.csv']);
    expect(strFromU8(files['nodes.csv'] ?? new Uint8Array())).toBe(toNodesCsv(interchangeGraph));
    expect(strFromU8(files['edges.csv'] ?? new Uint8Array())).toBe(toEdgesCsv(interchangeGraph));
  });

  test('is byte-for-byte deterministic, whatever the input order', () => {
    const shuffled = reversedGraph(interchangeGraph);
    // Different clocks: a zip stamped with the current time would differ.
    jest.useFakeTimers({ now: new Date('2021-03-04T05:06:07Z') });
    try {
      const first = toCsvZip(interchangeGraph);
      jest.setSystemTime(new Date('2031-08-09T10:11:12Z'));
      expect(Buffer.isBuffer(first)).toBe(true);
      expect(toCsvZip(shuffled).equals(first)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
