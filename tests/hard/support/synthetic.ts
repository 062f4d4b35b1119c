// A small deterministic generator of datasets in the project format, with one deliberate worst-case hub, for the reliability tests.
import type { Actor, Claim, Dataset, Incident, Source } from '../../../server/model/dataset';
import { ACTOR_KINDS, CONFIDENCES } from '../../../server/model/vocabulary';
import { mulberry32 } from '../../../seed/random';

export interface SyntheticSpec {
  /** Same seed and sizes → byte-identical dataset. */
  seed: number;
  claims: number;
  actors: number;
  incidents: number;
  sources: number;
  /** Share of claims that accuse the hub actor and are about the hub incident (0–1). */
  hubShare?: number;
  /** Starts every record id, so several synthetic datasets can sit in one database without sharing records. */
  prefix?: string;
  datasetId?: string;
}

/** Reproducible test data from one integer: the project's own mulberry32. */
export const prng = mulberry32;

const WORDS = [
  'attack',
  'breach',
  'leak',
  'wiper',
  'phishing',
  'ransom',
  'botnet',
  'espionage',
  'defacement',
  'outage',
  'backdoor',
  'exploit',
];

/** The hub's ids, so tests can aim at it. */
export function hubIds(prefix = 'syn-'): { actor: string; incident: string; claim: string } {
  return { actor: `${prefix}actor-0`, incident: `${prefix}incident-0`, claim: `${prefix}claim-0` };
}

/**
 * Builds a dataset in which actor 0 and incident 0 form a hub: a `hubShare` of all claims accuse
 * actor 0 about incident 0, every actor is affiliated with actor 0, and claim 0 is cited by many.
 * Other references are uniform, so paths between two ordinary nodes are many and short.
 */
export function syntheticDataset(spec: SyntheticSpec): Dataset {
  const random = prng(spec.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const p = spec.prefix ?? 'syn-';
  const hubShare = spec.hubShare ?? 0.3;
  const hub = hubIds(p);

  const sources: Source[] = Array.from({ length: spec.sources }, (_, i) => ({
    id: `${p}src-${i}`,
    title: `Report ${i} on the ${WORDS[i % WORDS.length]}`,
    publisher: `Outlet ${i % 17}`,
    published: `20${10 + (i % 14)}-0${1 + (i % 9)}`,
    publishedPrecision: 'month',
    documentRef: `synthetic-${i}.txt`,
  }));

  const actors: Actor[] = Array.from({ length: spec.actors }, (_, i) => ({
    id: `${p}actor-${i}`,
    name: i === 0 ? 'Hub State' : `Actor ${i} ${WORDS[i % WORDS.length]}`,
    kind: ACTOR_KINDS[i % ACTOR_KINDS.length]!,
    aliases: i % 5 === 0 ? [`A${i}`] : [],
    // Every other actor is tied to the hub so its neighbourhood is as wide as the graph.
    affiliations:
      i === 0
        ? []
        : [
            {
              actor: hub.actor,
              role: 'part of',
              certainty: i % 2 === 0 ? 'reported' : 'claimed',
              sources: [`${p}src-${i % spec.sources}`],
              evidence: [],
            },
          ],
  }));

  const incidents: Incident[] = Array.from({ length: spec.incidents }, (_, i) => ({
    id: `${p}incident-${i}`,
    name: i === 0 ? 'Hub incident' : `Incident ${i} ${WORDS[(i * 7) % WORDS.length]}`,
    kind: WORDS[i % WORDS.length]!,
    aliases: [],
    description: `Synthetic incident number ${i}.`,
    start: `20${10 + (i % 14)}`,
    datePrecision: 'year',
    targets: [`${p}actor-${1 + pick(spec.actors - 1)}`],
    relatedTo: i > 0 && i % 3 === 0 ? [hub.incident] : [],
  }));

  const claims: Claim[] = [];
  for (let i = 0; i < spec.claims; i++) {
    const onHub = i === 0 || random() < hubShare;
    const roll = random();
    const kind = roll < 0.5 ? 'attribution' : roll < 0.65 ? 'denial' : roll < 0.75 ? 'non-committal' : 'observation';
    const stance = kind === 'attribution' ? 'asserts' : kind === 'denial' ? 'denies' : kind === 'non-committal' ? 'neither' : undefined;
    const accused = stance === undefined ? [] : [onHub ? hub.actor : `${p}actor-${1 + pick(spec.actors - 1)}`];
    const earlier = (window: number) => (i === 0 ? [] : [`${p}claim-${Math.max(0, i - 1 - pick(Math.min(i, window)))}`]);
    const claimSources = [`${p}src-${pick(spec.sources)}`];
    if (random() < 0.3) {
      const second = `${p}src-${pick(spec.sources)}`;
      if (second !== claimSources[0]) claimSources.push(second);
    }
    const year = 2010 + (i % 14);
    const incident = onHub ? hub.incident : `${p}incident-${pick(spec.incidents)}`;
    claims.push({
      id: `${p}claim-${i}`,
      claimant: `${p}actor-${pick(spec.actors)}`,
      kind,
      about: [incident],
      accusations: accused.map((actor) => ({ incident, accused: actor })),
      ...(stance === undefined ? {} : { stance }),
      confidence: CONFIDENCES[i % CONFIDENCES.length]!,
      date: `${year}-0${1 + (i % 9)}-1${i % 10}`,
      datePrecision: 'day',
      text: `Claim ${i}: ${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]} by actor ${accused[0] ?? 'unknown'}`,
      sources: claimSources,
      evidence: [],
      reportedVia: random() < 0.1 ? [`${p}actor-${pick(spec.actors)}`] : [],
      supports: random() < 0.3 ? earlier(200) : [],
      disputes: random() < 0.1 ? earlier(200) : [],
      respondsTo: random() < 0.05 ? earlier(50) : [],
      // Claim 0 is the most-cited piece of evidence: a downstream chain from it fans out widely.
      cites: i > 0 && random() < 0.2 ? [random() < 0.5 ? hub.claim : earlier(500)[0]!] : [],
      characterizes: [],
    });
  }

  return {
    dataset: { id: spec.datasetId ?? `${p}dataset`, title: `Synthetic dataset (seed ${spec.seed}, ${spec.claims} claims)` },
    sources,
    actors,
    incidents,
    explanations: [],
    claims,
  };
}
