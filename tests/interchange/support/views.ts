// Every kind of view GET /api/export renders, each with the graph route whose answer is the same view: the cases the tool tests and the Cypher round trips open.
import type { Express } from 'express';
import request from 'supertest';
import { defaultViewFilters, filterSerializedGraph, type ViewFilters } from '../../../server/model/viewFilter';
import type { SerializedGraph } from '../../../server/model/wire';

export interface ViewCase {
  name: string;
  /** The export route's query for the view, without `format`. */
  query: string;
  /** The graph route answering the same view as JSON (its `graph`). */
  graphUrl: string;
  /** The explorer's filters the query names, applied to the graph route's answer as the explorer applies them. */
  filters?: Partial<ViewFilters>;
}

/**
 * The five views with the parameters the explorer opens them with, both attributions of the seeded story (the Sony
 * hack and the North Korean internet outage, which has an explanation besides its accused), and two filtered views:
 * a time window with a stance filter on the whole graph, and one source's claims with an actor-kind filter in a
 * neighbourhood.
 */
export const VIEW_CASES: readonly ViewCase[] = [
  { name: 'whole graph', query: 'view=graph', graphUrl: '/api/graph' },
  {
    name: 'neighbourhood of dprk, depth 2',
    query: 'view=neighborhood&id=dprk&depth=2',
    graphUrl: '/api/graph/neighborhood/dprk?depth=2',
  },
  { name: 'attribution of sony-hack', query: 'view=attribution&id=sony-hack', graphUrl: '/api/incidents/sony-hack/attribution' },
  {
    name: 'attribution of nk-internet-outage',
    query: 'view=attribution&id=nk-internet-outage',
    graphUrl: '/api/incidents/nk-internet-outage/attribution',
  },
  { name: 'paths from fbi to dprk', query: 'view=paths&from=fbi&to=dprk', graphUrl: '/api/graph/paths?from=fbi&to=dprk' },
  {
    name: 'chain of fbi-attributes-sony-hack',
    query: 'view=chain&id=fbi-attributes-sony-hack',
    graphUrl: '/api/graph/chains/fbi-attributes-sony-hack',
  },
  {
    name: 'whole graph until 2014-12-19, claims with a stance',
    query: 'view=graph&until=2014-12-19&stances=asserts,denies,neither',
    graphUrl: '/api/graph',
    filters: { until: '2014-12-19', stances: ['asserts', 'denies', 'neither'] },
  },
  {
    name: 'neighbourhood of nk-internet-outage, one source, states and groups',
    query: 'view=neighborhood&id=nk-internet-outage&depth=2&source=src-nk-outage-revenge&kinds=state,group',
    graphUrl: '/api/graph/neighborhood/nk-internet-outage?depth=2',
    filters: { source: 'src-nk-outage-revenge', kinds: ['state', 'group'] },
  },
];

/** The view as its graph route answers it, with the case's filters applied: what every export of the view must hold. */
export async function viewGraph(app: Express, view: ViewCase): Promise<{ graph: SerializedGraph; unfiltered: SerializedGraph }> {
  const response = await request(app).get(view.graphUrl);
  if (response.status !== 200) throw new Error(`${view.graphUrl} answered ${response.status}: ${JSON.stringify(response.body)}`);
  const unfiltered = (response.body as { graph: SerializedGraph }).graph;
  const graph = view.filters === undefined ? unfiltered : filterSerializedGraph(unfiltered, { ...defaultViewFilters(), ...view.filters });
  return { graph, unfiltered };
}

/** GET /api/export of a view in a format, as the bytes the browser saves; throws with the answer unless it is 200. */
export async function downloadExport(app: Express, format: string, query: string): Promise<Buffer> {
  const response = await request(app)
    .get(`/api/export?format=${format}&${query}`)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  const body = response.body as Buffer;
  if (response.status !== 200) throw new Error(`export ${format} of ${query} answered ${response.status}: ${body.toString('utf8')}`);
  return body;
}
