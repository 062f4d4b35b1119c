// The start page's contract: the query and answer of GET /api/overview, every incident with its most-blamed targets and the split of stances.
import { incidentRefSchema } from './api';
import { asOfDate, intParam, z } from './fields';

/** Caps of the overview; the README's API section documents them. */
export const OVERVIEW_CAPS = {
  /** Incidents on one page of the overview; the 1M synthetic graph has about ten thousand, so they are paged. */
  incidents: 100,
  /** Most-blamed targets listed per incident. */
  targets: 10,
} as const;

export const overviewQuery = z
  .object({
    asOf: asOfDate,
    limit: intParam(1, OVERVIEW_CAPS.incidents, 20, 'Incidents on this page, the most accused first'),
    targets: intParam(1, OVERVIEW_CAPS.targets, 3, 'Most-blamed targets listed per incident; `targetTotal` counts them all'),
    cursor: z
      .string()
      .max(400)
      .regex(/^[A-Za-z0-9_-]+$/, 'expected a cursor returned by a previous page')
      .optional()
      .openapi({ description: 'Opaque cursor from the previous page’s `nextCursor`.' }),
  })
  .strict();

const stanceCounts = z.object({ asserts: z.number().int(), denies: z.number().int(), neither: z.number().int() });

/** One accused actor or explanation of an incident, counted as attribution counts it. */
export const overviewTargetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    type: z.enum(['actor', 'explanation']),
    claims: stanceCounts.openapi({ description: 'Claims on each side about this target, as of the date when one is asked for' }),
    independentClaimants: stanceCounts.openapi({
      description: 'Distinct claimants on each side, affiliated claimants (an agency and its director) counted once',
    }),
  })
  .openapi('OverviewTarget');

export const overviewIncidentSchema = z
  .object({
    incident: incidentRefSchema.extend({ start: z.string().nullable() }),
    accusations: z.number().int().openapi({
      description:
        'What the incidents are ranked by: every accusation of the incident, a claim counted once per target it names, whatever `asOf` says',
    }),
    stances: stanceCounts.openapi({ description: 'Accusations on each side over every target, as of the date when one is asked for' }),
    targetTotal: z.number().int().openapi({ description: 'Accused actors and explanations of the incident, listed or not' }),
    targets: z.array(overviewTargetSchema).openapi({ description: 'The most blamed first, ranked as attribution ranks them' }),
  })
  .openapi('OverviewIncident');

export const overviewSchema = z
  .object({
    nodes: z.number().int().openapi({ description: 'Records in the graph: the explorer starts small above its own threshold' }),
    incidentTotal: z.number().int().openapi({ description: 'Incidents in the graph, on this page or not' }),
    asOf: z.object({ asOf: z.string(), lastDay: z.string() }).nullable().openapi({ description: 'Null unless `asOf` was asked for' }),
    incidents: z.array(overviewIncidentSchema),
    nextCursor: z.string().nullable(),
  })
  .openapi('Overview');

export type OverviewQuery = z.infer<typeof overviewQuery>;
export type OverviewTarget = z.infer<typeof overviewTargetSchema>;
export type OverviewIncident = z.infer<typeof overviewIncidentSchema>;
export type Overview = z.infer<typeof overviewSchema>;
