// The start page's logic, no DOM: the overview's API call, a target's stance bar as shares, and the page's words.
import type { Overview, OverviewIncident, OverviewTarget } from '../../../server/model/overview';
import { STANCES, type Stance } from '../../../server/model/vocabulary';
import type { ApiClient } from './api';
import { InvalidResponseError, describeValue } from './errors';

export interface OverviewRequest {
  limit: number;
  cursor?: string | null;
  targets?: number;
  asOf?: string | null;
}

/** `GET /api/overview`: the graph's size and a page of incidents, the most accused first. */
export async function fetchOverview(api: ApiClient, request: OverviewRequest, signal?: AbortSignal): Promise<Overview> {
  const body = await api.get<unknown>(
    '/overview',
    { limit: request.limit, cursor: request.cursor ?? undefined, targets: request.targets, asOf: request.asOf ?? undefined },
    signal,
  );
  const answer = body as Partial<Overview> | null;
  if (answer === null || typeof answer !== 'object' || typeof answer.nodes !== 'number' || !Array.isArray(answer.incidents))
    throw new InvalidResponseError('GET /overview', 'an object with "nodes" and "incidents"', describeValue(body));
  return answer as Overview;
}

/** One part of a stacked bar: a stance, its count, and its share of the bar (0–1; all 0 for an empty bar). */
export interface BarSegment {
  stance: Stance;
  count: number;
  share: number;
}

/** The three stances of a target in a fixed order, asserts, denies, neither, with their shares of the claims. */
export function stanceSegments(counts: Readonly<Record<Stance, number>>): BarSegment[] {
  const total = STANCES.reduce((sum, stance) => sum + counts[stance], 0);
  return STANCES.map((stance) => ({ stance, count: counts[stance], share: total === 0 ? 0 : counts[stance] / total }));
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** A bar in words, for its accessible name and tooltip: "8 assert, 2 deny, 1 neither; 4 independent claimants assert". */
export function targetWords(target: Pick<OverviewTarget, 'claims' | 'independentClaimants'>): string {
  const { asserts, denies, neither } = target.claims;
  const independent = target.independentClaimants.asserts;
  return (
    `${asserts.toLocaleString('en-US')} assert, ${denies.toLocaleString('en-US')} deny, ${neither.toLocaleString('en-US')} neither; ` +
    `${plural(independent, 'independent claimant asserts', 'independent claimants assert')}`
  );
}

/** The line under an incident's name: "17 accusations · 5 targets", or that nothing accuses anyone of it. */
export function incidentWords(entry: Pick<OverviewIncident, 'accusations' | 'targetTotal'>): string {
  if (entry.accusations === 0) return 'No claim blames anyone for it yet';
  return `${plural(entry.accusations, 'accusation', 'accusations')} · ${plural(entry.targetTotal, 'target', 'targets')}`;
}

/** Targets an incident has beyond those listed, in words, or null when all are listed. */
export function moreTargetsWords(entry: Pick<OverviewIncident, 'targets' | 'targetTotal'>): string | null {
  const more = entry.targetTotal - entry.targets.length;
  return more <= 0 ? null : `and ${plural(more, 'other', 'others')}`;
}
