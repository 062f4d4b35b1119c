// Interchange routes: GET /api/export renders any view in any export format; POST /api/stix imports a STIX 2.1 bundle.
import { claimantNetwork } from '../../graph/analysis/networks';
import * as service from '../../graph/service';
import { EXPORT_FORMATS, renderExport, type ExportFormat } from '../../interchange';
import { importStixBundle } from '../../interchange/stix';
import { attributionQuery, CAPS, importResultSchema, recordTypeList } from '../../model/api';
import { asOfDate, commaList, intBetween, recordId, z } from '../../model/fields';
import { claimantNetworkQuery, HYPOTHESES_CAPS, networkMode, networkNormalization } from '../../model/hypotheses';
import { isoToDay } from '../../model/dates';
import { STANCE_KEYS, defaultViewFilters, filterSerializedGraph, type StanceKey, type ViewFilters } from '../../model/viewFilter';
import { ACTOR_KINDS, type ActorKind } from '../../model/vocabulary';
import type { SerializedGraph } from '../../model/wire';
import { Download, type RouteDeps, type RouteSpec } from '../router';
import { importDataset } from './datasets';

export const EXPORT_VIEWS = ['graph', 'neighborhood', 'attribution', 'paths', 'chain', 'network'] as const;

/** Which parameters each view needs; the others must be absent so a typo is not silently ignored. */
const VIEW_PARAMETERS: Record<(typeof EXPORT_VIEWS)[number], { required: string[]; optional: string[] }> = {
  graph: { required: [], optional: ['limit'] },
  neighborhood: { required: ['id'], optional: ['depth', 'limit', 'types'] },
  attribution: { required: ['id'], optional: ['asOf'] },
  paths: { required: ['from', 'to'], optional: ['maxHops', 'limit'] },
  chain: { required: ['id'], optional: ['direction', 'maxDepth'] },
  network: { required: [], optional: ['incident', 'asOf', 'mode', 'normalize', 'hedged', 'limit'] },
};

const intIn = (min: number, max: number) => intBetween(min, max).optional();

/** A filter's comma-separated list of `allowed` values; empty means none of them. */
const listOf = <T extends string>(allowed: readonly T[], example: string) =>
  commaList(allowed)
    .optional()
    .openapi({ type: 'string', example, description: `Filter, every view. Comma-separated: ${allowed.join(', ')}` });

const untilDay = z
  .string()
  .refine((value) => isoToDay(value) !== null, 'expected a day as YYYY-MM-DD')
  .optional()
  .openapi({ description: 'Filter, every view: claims dated after this day (YYYY-MM-DD) are left out; undated claims stay' });

export const exportQuery = z
  .object({
    format: z.enum(EXPORT_FORMATS.map((info) => info.format) as [ExportFormat, ...ExportFormat[]]),
    view: z.enum(EXPORT_VIEWS).default('graph'),
    id: recordId.optional().openapi({ description: 'Centre node (neighborhood), incident (attribution) or claim (chain)' }),
    from: recordId.optional(),
    to: recordId.optional(),
    depth: intIn(1, CAPS.neighborhoodDepth),
    limit: intIn(1, CAPS.wholeGraphNodes),
    types: recordTypeList.optional().openapi({ description: 'neighborhood: comma-separated record types' }),
    maxHops: intIn(1, CAPS.pathHops),
    direction: z.enum(['upstream', 'downstream']).optional(),
    maxDepth: intIn(1, CAPS.chainDepth),
    // The claimant network's own parameters (GET /api/networks/claimants); its `limit` is capped as there.
    incident: recordId.optional().openapi({ description: 'network: only the concepts of this incident' }),
    asOf: asOfDate.openapi({ description: 'attribution and network: belief as of this date (the rule of `asOf` on their routes)' }),
    mode: networkMode.optional(),
    normalize: networkNormalization.optional(),
    hedged: z.enum(['true', 'false']).optional(),
    // The explorer's filters, applied to the view before it is rendered (server/model/viewFilter.ts).
    nodeTypes: recordTypeList.optional().openapi({ description: "Filter, every view: record types shown (the explorer's type filter)" }),
    kinds: listOf<ActorKind>(ACTOR_KINDS, 'state,agency'),
    stances: listOf<StanceKey>(STANCE_KEYS, 'asserts,none'),
    source: recordId.optional().openapi({ description: 'Filter, every view: only claims reported in this source, and what they touch' }),
    until: untilDay,
  })
  .strict()
  .superRefine((query, ctx) => {
    const { required, optional } = VIEW_PARAMETERS[query.view];
    for (const name of required) {
      if (query[name as keyof typeof query] === undefined)
        ctx.addIssue({ code: 'custom', path: [name], message: `required for view "${query.view}"` });
    }
    for (const name of [
      'id',
      'from',
      'to',
      'depth',
      'limit',
      'types',
      'maxHops',
      'direction',
      'maxDepth',
      'incident',
      'asOf',
      'mode',
      'normalize',
      'hedged',
    ]) {
      if (query[name as keyof typeof query] !== undefined && !required.includes(name) && !optional.includes(name)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `not a parameter of view "${query.view}"` });
      }
    }
  });

type ExportQuery = z.infer<typeof exportQuery>;

/** The filters the query names; those it leaves out let everything through. */
export function exportFilters(query: ExportQuery): ViewFilters {
  const filters = defaultViewFilters();
  return {
    types: query.nodeTypes ?? filters.types,
    kinds: query.kinds ?? filters.kinds,
    stances: query.stances ?? filters.stances,
    source: query.source ?? null,
    until: query.until ?? null,
  };
}

/** Fetches the view the query names, with the same caps as its own route. */
async function viewGraph(deps: RouteDeps, query: ExportQuery): Promise<{ graph: SerializedGraph; basename: string }> {
  switch (query.view) {
    case 'graph':
      return { graph: (await service.wholeGraph(deps.db, query.limit ?? 5000)).graph, basename: 'claim-graph' };
    case 'neighborhood':
      return {
        graph: (
          await service.neighborhood(
            deps.db,
            query.id!,
            query.depth ?? 1,
            Math.min(query.limit ?? 200, CAPS.neighborhoodLimit),
            query.types,
          )
        ).graph,
        basename: `neighborhood-${query.id}`,
      };
    case 'attribution':
      return {
        graph: (await service.attribution(deps.db, query.id!, attributionQuery.parse({ asOf: query.asOf }))).graph,
        basename: `attribution-${query.id}${query.asOf === undefined ? '' : `-as-of-${query.asOf}`}`,
      };
    case 'paths':
      return {
        graph: (await service.paths(deps.db, query.from!, query.to!, query.maxHops ?? 4, Math.min(query.limit ?? 5, CAPS.pathCount))).graph,
        basename: `paths-${query.from}-${query.to}`,
      };
    case 'chain':
      return {
        graph: (await service.chain(deps.db, query.id!, query.direction ?? 'upstream', query.maxDepth ?? 6)).graph,
        basename: `chain-${query.id}`,
      };
    case 'network': {
      const defaults = claimantNetworkQuery.parse({});
      const graph = await claimantNetwork(deps.db, {
        ...defaults,
        incident: query.incident,
        asOf: query.asOf,
        mode: query.mode ?? defaults.mode,
        normalize: query.normalize ?? defaults.normalize,
        hedged: query.hedged === 'true',
        limit: Math.min(query.limit ?? defaults.limit, HYPOTHESES_CAPS.networkClaimants),
      });
      return { graph, basename: `network-${query.incident ?? 'all'}-${graph.attributes.mode}` };
    }
  }
}

export const exportView: RouteSpec = {
  method: 'get',
  path: '/export',
  summary:
    'Download a view (whole graph, neighbourhood, attribution, paths, evidence chain or claimant network) as STIX 2.1, GEXF, GraphML, CSV (zip), JSON or Cypher',
  tag: 'interchange',
  query: exportQuery,
  response: z.string().openapi({ description: 'The file; its Content-Disposition names it' }),
  produces: [...new Set(EXPORT_FORMATS.map((info) => info.contentType))],
  run: async ({ query }, deps) => {
    const q = query as ExportQuery;
    const view = await viewGraph(deps, q);
    const graph = filterSerializedGraph(view.graph, exportFilters(q));
    const basename = view.basename;
    // STIX reports and the Cypher script carry their sources' texts, so evidence survives a re-import.
    const sourceIds = graph.nodes.filter((node) => node.attributes.type === 'source').map((node) => node.key);
    const documents = q.format === 'stix' || q.format === 'cypher' ? await service.documentTexts(deps.db, sourceIds) : undefined;
    const rendered = renderExport(q.format, graph, {
      generatedAt: new Date().toISOString(),
      // A network's weights may be signed (subtract): the title, which every format writes, says how to read them.
      title: q.view === 'network' ? `claim-graph network view. ${String(view.graph.attributes.weights)}` : `claim-graph ${q.view} view`,
      basename,
      ...(documents === undefined ? {} : { documents }),
    });
    return new Download(rendered.body, rendered.contentType, rendered.filename);
  },
};

export const stixImport: RouteSpec = {
  method: 'post',
  path: '/stix',
  summary: 'Import a STIX 2.1 bundle (actors, incidents, attributions, opinions, reports) in one transaction; idempotent',
  tag: 'import',
  body: z.looseObject({}).openapi({ description: 'A STIX 2.1 bundle' }),
  response: importResultSchema.extend({ skipped: z.array(z.object({ index: z.number(), id: z.string(), reason: z.string() })) }),
  write: true,
  run: async ({ body }, deps) => {
    // An invalid bundle throws a StixValidationError naming every object and field at fault; nothing is written.
    const imported = importStixBundle(body);
    return { ...(await importDataset(deps, imported.dataset, 'STIX bundle')), skipped: imported.skipped };
  },
};
