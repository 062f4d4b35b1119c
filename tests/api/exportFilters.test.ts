// GET /api/export with the explorer's filters: on the seeded graph, each view filtered by the server keeps exactly the
// nodes the explorer's own filter keeps on that view (both are server/model/viewFilter.ts), and bad values answer 400.
import type { Express } from 'express';
import request from 'supertest';
import { computeVisibleNodes, defaultFilters, type FilterState } from '../../client/src/core/filters';
import { createExplorerGraph, mergeSerializedGraph } from '../../client/src/core/graph/graphData';
import type { SerializedGraph } from '../../server/model/wire';
import { testApp } from '../support/api';
import { PATIENT, useDatabase } from '../support/db';

const store = useDatabase({ seed: true, env: PATIENT });
let app: Express;

beforeAll(() => {
  app = testApp(store.db);
});

async function exported(query: string): Promise<SerializedGraph> {
  const response = await request(app).get(`/api/export?format=json&${query}`);
  expect(response.status).toBe(200);
  return JSON.parse(response.text) as SerializedGraph;
}

/** What the explorer keeps of a view's graph under `filters`. */
function clientVisible(graph: SerializedGraph, filters: FilterState): string[] {
  const explorer = createExplorerGraph();
  mergeSerializedGraph(explorer, graph as Parameters<typeof mergeSerializedGraph>[1]);
  return [...computeVisibleNodes(explorer, filters)].sort();
}

function keys(graph: SerializedGraph): string[] {
  return graph.nodes.map((node) => node.key).sort();
}

describe('filters on /api/export give the nodes the explorer shows', () => {
  const VIEWS = ['view=graph', 'view=attribution&id=sony-hack', 'view=neighborhood&id=fbi&depth=2', 'view=paths&from=anonymous&to=fbi'];
  const FILTERS: Array<[query: string, filters: Partial<FilterState>]> = [
    ['nodeTypes=actor,incident,claim&until=2014-12-19', { types: ['actor', 'incident', 'claim'], until: '2014-12-19' }],
    ['stances=denies,none', { stances: ['denies', 'none'] }],
    ['kinds=state,agency&stances=asserts', { kinds: ['state', 'agency'], stances: ['asserts'] }],
    ['until=2014-12-01', { until: '2014-12-01' }],
    ['nodeTypes=', { types: [] }],
  ];

  for (const view of VIEWS) {
    test.each(FILTERS)(`${view} with %s`, async (query, change) => {
      const whole = await exported(view);
      const filtered = await exported(`${view}&${query}`);
      const expected = clientVisible(whole, { ...defaultFilters(), ...change });
      expect(keys(filtered)).toEqual(expected);
      const kept = new Set(expected);
      for (const edge of filtered.edges) expect(kept.has(edge.source) && kept.has(edge.target)).toBe(true);
      expect(filtered.edges).toHaveLength(whole.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)).length);
    });
  }

  test('a filter actually removes something on the seeded graph', async () => {
    const whole = await exported('view=graph');
    const filtered = await exported('view=graph&nodeTypes=actor,incident,claim&until=2014-12-19');
    expect(filtered.nodes.length).toBeGreaterThan(0);
    expect(filtered.nodes.length).toBeLessThan(whole.nodes.length);
    expect(filtered.nodes.some((node) => node.attributes.type === 'source')).toBe(false);
  });

  test('the source filter: its claims, itself, and what those claims touch', async () => {
    const whole = await exported('view=graph');
    const reported = whole.edges.find((edge) => edge.attributes.type === 'REPORTED_IN');
    expect(reported).toBeDefined();
    const source = reported!.target;
    const filtered = await exported(`view=graph&source=${source}`);
    expect(keys(filtered)).toEqual(clientVisible(whole, { ...defaultFilters(), source }));
    expect(keys(filtered)).toContain(source);
    expect(filtered.nodes.length).toBeLessThan(whole.nodes.length);
  });

  test('every format takes the filters', async () => {
    for (const format of ['gexf', 'graphml', 'csv', 'stix', 'cypher']) {
      const response = await request(app).get(`/api/export?format=${format}&view=attribution&id=sony-hack&stances=denies`);
      expect(response.status).toBe(200);
    }
  });
});

describe('bad filter values answer 400 naming the field', () => {
  test.each([
    ['nodeTypes=actor,planet', 'nodeTypes', 'planet'],
    ['kinds=state,alien', 'kinds', 'alien'],
    ['stances=maybe', 'stances', 'maybe'],
    ['until=2014-13-40', 'until', 'YYYY-MM-DD'],
    ['until=yesterday', 'until', 'YYYY-MM-DD'],
    ['source=Not%20An%20Id', 'source', ''],
  ])('%s', async (query, field, words) => {
    const response = await request(app).get(`/api/export?format=json&view=graph&${query}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = response.body.errors as Array<{ field: string; message: string }>;
    const error = errors.find((entry) => entry.field === field);
    expect(error).toBeDefined();
    expect(error!.message).toContain(words);
  });
});
