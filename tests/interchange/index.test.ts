// Checks the export format list and renderExport, the single entry point the API route calls.
import Graph from 'graphology';
import type { SerializedGraph } from '../../server/model/wire';
import { ClaimGraphError } from '../../server/model/errors';
import { EXPORT_FORMATS, InterchangeError, isExportFormat, renderExport, UnknownExportFormatError } from '../../server/interchange';
import { reversedGraph } from './helpers';
import { interchangeGraph } from '../fixtures/interchange-graph';

const meta = { generatedAt: '2024-05-01T10:00:00.000Z', title: 'Sony hack view' };

describe('EXPORT_FORMATS and renderExport', () => {
  test('lists the six formats with their content types and extensions', () => {
    expect(EXPORT_FORMATS.map((info) => [info.format, info.contentType, info.extension])).toEqual([
      ['stix', 'application/stix+json;version=2.1', 'stix.json'],
      ['gexf', 'application/gexf+xml', 'gexf'],
      ['graphml', 'application/graphml+xml', 'graphml'],
      ['csv', 'application/zip', 'csv.zip'],
      ['json', 'application/json', 'json'],
      ['cypher', 'text/plain; charset=utf-8', 'cypher'],
    ]);
    expect(isExportFormat('gexf')).toBe(true);
    expect(isExportFormat('pdf')).toBe(false);
  });

  test('renders every format with its content type and a file name; only csv is binary', () => {
    for (const info of EXPORT_FORMATS) {
      const rendered = renderExport(info.format, interchangeGraph, meta);
      expect(rendered.contentType).toBe(info.contentType);
      expect(rendered.filename).toBe(`claim-graph.${info.extension}`);
      expect(Buffer.isBuffer(rendered.body)).toBe(info.format === 'csv');
      expect(rendered.body.length).toBeGreaterThan(0);
    }
    const stix = JSON.parse(renderExport('stix', interchangeGraph, meta).body.toString()) as { type: string; objects: unknown[] };
    expect(stix.type).toBe('bundle');
    expect(stix.objects.length).toBeGreaterThan(0);
  });

  test('json is the serialized graph, sorted, with the export title and time', () => {
    const shuffled = reversedGraph(interchangeGraph);
    const body = renderExport('json', shuffled, meta).body.toString();
    const graph = JSON.parse(body) as SerializedGraph;
    expect(graph.attributes).toMatchObject({ title: meta.title, generatedAt: meta.generatedAt });
    expect(graph.nodes.map((node) => node.key)).toEqual(interchangeGraph.nodes.map((node) => node.key).sort());
    expect(graph.edges).toHaveLength(interchangeGraph.edges.length);
    expect(renderExport('json', interchangeGraph, meta).body.toString()).toBe(body);
  });

  test('json marks a view with parallel edges as a multi graph, so graphology reads it back', () => {
    const single: SerializedGraph = { ...interchangeGraph, options: { ...interchangeGraph.options, multi: false } };
    const graph = JSON.parse(renderExport('json', single, meta).body.toString()) as SerializedGraph;
    // c-us-attributes-sony accuses north-korea of two incidents: two ACCUSES edges between one pair of nodes.
    expect(graph.options.multi).toBe(true);
    const read = Graph.from(graph);
    expect(read.edges('c-us-attributes-sony', 'north-korea')).toHaveLength(2);
    expect(read.size).toBe(interchangeGraph.edges.length);
    // A view without parallel edges keeps the options it came with.
    const seen = new Set<string>();
    const simple: SerializedGraph = {
      ...single,
      edges: single.edges.filter((edge) => !seen.has(`${edge.source} ${edge.target}`) && seen.add(`${edge.source} ${edge.target}`)),
    };
    expect((JSON.parse(renderExport('json', simple, meta).body.toString()) as SerializedGraph).options.multi).toBe(false);
  });

  test('makes a safe file name from the requested base name', () => {
    expect(renderExport('gexf', interchangeGraph, { ...meta, basename: 'sony hack/../"2014"\r\n' }).filename).toBe('sony-hack-2014.gexf');
    expect(renderExport('gexf', interchangeGraph, { ...meta, basename: '../..' }).filename).toBe('claim-graph.gexf');
  });

  test('rejects an unknown format with a typed error naming the known ones', () => {
    expect(() => renderExport('pdf', interchangeGraph, meta)).toThrow(UnknownExportFormatError);
    expect(() => renderExport('pdf', interchangeGraph, meta)).toThrow(
      'format: expected one of stix, gexf, graphml, csv, json, cypher, got "pdf"',
    );
    let error: unknown;
    try {
      renderExport('pdf', interchangeGraph, meta);
    } catch (caught) {
      error = caught;
    }
    // One error model: the code says what went wrong, `errors` which field; it is still an InterchangeError.
    expect(error).toBeInstanceOf(ClaimGraphError);
    expect(error).toBeInstanceOf(InterchangeError);
    expect(error).toMatchObject({
      name: 'UnknownExportFormatError',
      code: 'unknown_export_format',
      errors: [{ field: 'format', message: 'expected one of stix, gexf, graphml, csv, json, cypher, got "pdf"' }],
    });
  });

  test('a malformed graph is an unexportable_graph error naming the element at fault', () => {
    const graph: SerializedGraph = {
      ...interchangeGraph,
      nodes: [...interchangeGraph.nodes, { key: 'ghost', attributes: { type: 'thing' as never, label: 'ghost' } }],
    };
    for (const info of EXPORT_FORMATS.filter((candidate) => candidate.format !== 'json')) {
      let error: unknown;
      try {
        renderExport(info.format, graph, meta);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InterchangeError);
      expect(error).toMatchObject({
        name: 'InterchangeError',
        code: 'unexportable_graph',
        where: `nodes[${interchangeGraph.nodes.length}] (ghost).attributes.type`,
        errors: [
          {
            field: `nodes[${interchangeGraph.nodes.length}] (ghost).attributes.type`,
            message: 'expected one of actor, incident, claim, source, explanation, got "thing"',
          },
        ],
      });
    }
  });
});
