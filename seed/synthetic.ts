// A deterministic synthetic dataset in the project's format, generated in chunks so a million claims never sit in memory at once.
import type { DatasetChunk } from '../server/db/batchLoad';
import { hashSeed, mulberry32, pick, randomInt, weighted, Zipf, type Random } from './random';
import type { Actor, Claim, Dataset, Incident, Source } from '../server/model/dataset';
import { CERTAINTIES, type ActorKind, type ClaimKind, type Confidence, type Stance } from '../server/model/vocabulary';

export interface SyntheticOptions {
  claims: number;
  seed: number;
  /** Records per chunk, and so per write transaction when loaded. */
  chunkSize?: number;
}

/** Everything about a synthetic dataset that follows from its options, before any record is made. */
export interface SyntheticPlan {
  seed: number;
  claims: number;
  actors: number;
  incidents: number;
  sources: number;
  chunkSize: number;
  chunkCount: number;
  datasetId: string;
  title: string;
  /** Starts every record id, so datasets of different seeds or sizes never share a record. */
  prefix: string;
  /** Identifies the generated content; a resumed load only continues a load of the same fingerprint. */
  fingerprint: string;
}

/** Bumped whenever the generator's output changes, so an old partial load is never resumed with new content. */
export const GENERATOR_VERSION = 2;

/**
 * Claimants follow Zipf's law (a few voices make most claims, as with governments and big vendors);
 * incidents are skewed more gently; accused actors have their own ranking so the loudest claimants
 * are not also the most blamed.
 */
export const SHAPE = {
  actorsPerClaim: 1 / 50,
  incidentsPerClaim: 1 / 100,
  sourcesPerClaim: 1 / 20,
  claimantExponent: 1.0,
  incidentExponent: 0.5,
  accusedExponent: 1.0,
  sourceExponent: 0.5,
  /** Supports, disputes, replies and citations point at one of this many claims just before. */
  linkWindow: 500,
} as const;

const KIND_WEIGHTS: ReadonlyArray<readonly [ClaimKind, number]> = [
  ['attribution', 40],
  ['denial', 15],
  ['non-committal', 10],
  ['observation', 15],
  ['statement', 10],
  ['speculation', 6],
  ['threat', 4],
];
const STANCE_OF: Partial<Record<ClaimKind, Stance>> = { attribution: 'asserts', denial: 'denies', 'non-committal': 'neither' };
const ACTOR_KIND_WEIGHTS: ReadonlyArray<readonly [ActorKind, number]> = [
  ['person', 25],
  ['company', 15],
  ['media', 12],
  ['official', 10],
  ['online-account', 10],
  ['agency', 8],
  ['government-body', 8],
  ['collective', 5],
  ['group', 5],
  ['state', 2],
];
const CONFIDENCE_WEIGHTS: ReadonlyArray<readonly [Confidence, number]> = [
  ['certain', 20],
  ['high', 30],
  ['moderate', 30],
  ['low', 15],
  ['rumoured', 5],
];
const KIND_SUFFIX: Record<ActorKind, readonly string[]> = {
  person: [''],
  official: [''],
  company: [' Security', ' Labs', ' Systems', ' Networks'],
  media: [' Times', ' Daily', ' Wire', ' Post'],
  'online-account': [''],
  agency: [' Agency', ' Bureau', ' Directorate'],
  'government-body': [' Ministry', ' Council', ' Committee'],
  collective: [' Collective', ' Crew'],
  group: [' Group', ' Team', ' Unit'],
  state: [' Republic', ' Federation', ' Kingdom'],
};
const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'vor', 'la', 'shi', 'dan', 'el', 'qu', 'ar', 'no', 'bel', 'tra', 'zi', 'pon', 'ux', 'ha'];
const INCIDENT_KINDS = ['intrusion', 'ddos', 'outage', 'leak', 'defacement', 'ransomware', 'threat'] as const;
const ROLES = ['director', 'spokesperson', 'researcher', 'part of', 'contractor', 'member'] as const;
const HEDGES = ['reportedly', 'appears to', 'likely', 'could have', 'it is plausible that'] as const;
const PUBLISHERS = ['Northwire', 'The Ledger', 'Signal Desk', 'Open Report', 'Harbor Press', 'Civic Monitor'] as const;

// Separate random streams per record type, so adding a field to one type never reshuffles another.
const STREAM = { source: 1, actor: 2, actorName: 3, incident: 4, claim: 5 } as const;

export function syntheticPlan(options: SyntheticOptions): SyntheticPlan {
  const { claims, seed } = options;
  if (!Number.isInteger(claims) || claims < 1) throw new RangeError(`claims: expected a positive integer, got ${claims}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed: expected an integer 0–4294967295, got ${seed}`);
  const chunkSize = options.chunkSize ?? 20_000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize: expected a positive integer, got ${chunkSize}`);
  const actors = Math.max(20, Math.round(claims * SHAPE.actorsPerClaim));
  const incidents = Math.max(5, Math.round(claims * SHAPE.incidentsPerClaim));
  const sources = Math.max(5, Math.round(claims * SHAPE.sourcesPerClaim));
  const records = sources + actors + incidents + claims;
  return {
    seed,
    claims,
    actors,
    incidents,
    sources,
    chunkSize,
    chunkCount: Math.ceil(records / chunkSize),
    datasetId: `synthetic-${seed}-${claims}`,
    title: `Synthetic claims (seed ${seed}, ${claims} claims)`,
    prefix: `s${seed}n${claims}-`,
    fingerprint: `synthetic/v${GENERATOR_VERSION}/seed=${seed}/claims=${claims}/chunk=${chunkSize}`,
  };
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function word(random: Random, syllables: number): string {
  let text = '';
  for (let i = 0; i < syllables; i++) text += pick(random, SYLLABLES);
  return text;
}

function dayIn(random: Random, fromYear: number, years: number): string {
  const year = fromYear + randomInt(random, years);
  const month = 1 + randomInt(random, 12);
  const day = 1 + randomInt(random, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Generates the records of one plan; each record's values depend only on (seed, type, index). */
class RecordMaker {
  private readonly claimants: Zipf;
  private readonly accusedRanks: Zipf;
  private readonly incidentRanks: Zipf;
  private readonly sourceRanks: Zipf;

  constructor(private readonly plan: SyntheticPlan) {
    this.claimants = new Zipf(plan.actors, SHAPE.claimantExponent);
    this.accusedRanks = new Zipf(plan.actors, SHAPE.accusedExponent);
    this.incidentRanks = new Zipf(plan.incidents, SHAPE.incidentExponent);
    this.sourceRanks = new Zipf(plan.sources, SHAPE.sourceExponent);
  }

  private random(stream: number, index: number): Random {
    return mulberry32(hashSeed(this.plan.seed, stream, index));
  }

  actorId = (index: number) => `${this.plan.prefix}a${index}`;
  incidentId = (index: number) => `${this.plan.prefix}i${index}`;
  sourceId = (index: number) => `${this.plan.prefix}s${index}`;
  claimId = (index: number) => `${this.plan.prefix}c${index}`;

  // Names are asked for once per claim and accused; caching them costs one entry per actor or incident, never per claim.
  private readonly identities: Array<{ kind: ActorKind; name: string } | undefined> = [];
  private readonly incidentNames: Array<string | undefined> = [];

  /** An actor's kind and name come from their own stream, so a claim can name its claimant without the actor record. */
  actorIdentity(index: number): { kind: ActorKind; name: string } {
    return (this.identities[index] ??= this.makeIdentity(index));
  }

  private makeIdentity(index: number): { kind: ActorKind; name: string } {
    const random = this.random(STREAM.actorName, index);
    const kind = weighted(random, ACTOR_KIND_WEIGHTS);
    const base =
      kind === 'person' || kind === 'official'
        ? `${capitalise(word(random, 2))} ${capitalise(word(random, 3))}`
        : capitalise(word(random, 3));
    const handle = kind === 'online-account' ? '@' : '';
    return { kind, name: `${handle}${base}${pick(random, KIND_SUFFIX[kind])}` };
  }

  incidentName(index: number): string {
    return (this.incidentNames[index] ??= `Operation ${capitalise(word(this.random(STREAM.incident, index), 3))}`);
  }

  source(index: number): Source {
    const random = this.random(STREAM.source, index);
    const id = this.sourceId(index);
    const published = dayIn(random, 2010, 16);
    return {
      id,
      title: `${capitalise(word(random, 2))} ${word(random, 3)} report ${index}`,
      publisher: pick(random, PUBLISHERS),
      published,
      publishedPrecision: 'day',
      ...(random() < 0.5 ? { url: `https://example.org/reports/${id}` } : {}),
      documentRef: `${id}.txt`,
    };
  }

  actor(index: number): Actor {
    const random = this.random(STREAM.actor, index);
    const { kind, name } = this.actorIdentity(index);
    const affiliations: Actor['affiliations'] = [];
    if (index > 0 && random() < 0.15) {
      affiliations.push({
        actor: this.actorId(randomInt(random, index)),
        role: pick(random, ROLES),
        certainty: pick(random, CERTAINTIES),
        sources: [this.sourceId(randomInt(random, this.plan.sources))],
        // Synthetic sources have no text, so there is no span to point to.
        evidence: [],
      });
    }
    return {
      id: this.actorId(index),
      name,
      kind,
      aliases: random() < 0.2 ? [`${name.split(' ')[0]} ${word(random, 2)}`] : [],
      ...(random() < 0.3 ? { description: `A synthetic ${kind.replace('-', ' ')} (rank ${index}).` } : {}),
      affiliations,
    };
  }

  incident(index: number): Incident {
    const random = this.random(STREAM.incident, index);
    const name = `Operation ${capitalise(word(random, 3))}`; // the same draws as incidentName()
    const kind = pick(random, INCIDENT_KINDS);
    const start = dayIn(random, 2010, 15);
    const targets = [this.actorId(randomInt(random, this.plan.actors))];
    if (random() < 0.3) {
      const second = this.actorId(randomInt(random, this.plan.actors));
      if (second !== targets[0]) targets.push(second);
    }
    return {
      id: this.incidentId(index),
      name,
      kind,
      aliases: random() < 0.2 ? [`${capitalise(word(random, 2))} campaign`] : [],
      description: `A synthetic ${kind} incident against ${targets.length} target(s).`,
      start,
      ...(random() < 0.3 ? { end: `${Number(start.slice(0, 4)) + 1}${start.slice(4)}` } : {}),
      datePrecision: 'day',
      targets,
      relatedTo: index > 0 && random() < 0.1 ? [this.incidentId(randomInt(random, index))] : [],
    };
  }

  claim(index: number): Claim {
    const random = this.random(STREAM.claim, index);
    const claimantIndex = this.claimants.sample(random);
    const claimant = this.actorIdentity(claimantIndex);
    const kind = weighted(random, KIND_WEIGHTS);
    const stance = STANCE_OF[kind];
    const incidentIndex = this.incidentRanks.sample(random);
    const about = [this.incidentId(incidentIndex)];
    if (random() < 0.1) about.push(this.actorId(randomInt(random, this.plan.actors)));

    const accusedIndexes: number[] = [];
    if (stance !== undefined) {
      // Most denials are actors denying their own part; the most blamed are the last-ranked actors.
      const first = kind === 'denial' && random() < 0.5 ? claimantIndex : this.plan.actors - 1 - this.accusedRanks.sample(random);
      accusedIndexes.push(first);
      if (random() < 0.2) {
        const second = this.plan.actors - 1 - this.accusedRanks.sample(random);
        if (second !== first) accusedIndexes.push(second);
      }
    }
    const accusedNames = accusedIndexes.map((i) => this.actorIdentity(i).name);
    const incidentName = this.incidentName(incidentIndex);
    const text =
      stance === 'asserts'
        ? `${claimant.name} says ${accusedNames.join(' and ')} carried out ${incidentName}.`
        : stance === 'denies'
          ? `${claimant.name} denies that ${accusedNames.join(' and ')} carried out ${incidentName}.`
          : stance === 'neither'
            ? `${claimant.name} will neither confirm nor deny a role of ${accusedNames.join(' and ')} in ${incidentName}.`
            : `${claimant.name} makes a ${kind} about ${incidentName}.`;

    const sources = [this.sourceId(this.sourceRanks.sample(random))];
    if (random() < 0.15) {
      const second = this.sourceId(this.sourceRanks.sample(random));
      if (second !== sources[0]) sources.push(second);
    }
    const earlier = (probability: number): string[] =>
      index > 0 && random() < probability ? [this.claimId(index - 1 - randomInt(random, Math.min(index, SHAPE.linkWindow)))] : [];
    const precision = weighted(random, [
      ['day', 70],
      ['month', 20],
      ['year', 10],
    ] as const);
    const day = dayIn(random, 2010, 16);
    const date = precision === 'day' ? day : precision === 'month' ? day.slice(0, 7) : day.slice(0, 4);
    const hedge = random() < 0.2 ? pick(random, HEDGES) : undefined;
    return {
      id: this.claimId(index),
      claimant: this.actorId(claimantIndex),
      kind,
      about,
      // Each accused actor is blamed for (or cleared of) the one incident the claim is about.
      accusations: accusedIndexes.map((accused) => ({ incident: about[0]!, accused: this.actorId(accused) })),
      ...(stance !== undefined ? { stance } : {}),
      confidence: weighted(random, CONFIDENCE_WEIGHTS),
      ...(hedge !== undefined ? { hedge } : {}),
      ...(random() < 0.9 ? { date, datePrecision: precision, dateBasis: 'stated' as const } : {}),
      text,
      ...(random() < 0.3 ? { quote: `We ${hedge ?? 'know'} ${word(random, 2)} ${word(random, 3)} was involved.` } : {}),
      sources,
      evidence: [],
      reportedVia: random() < 0.08 ? [this.actorId(randomInt(random, this.plan.actors))] : [],
      supports: earlier(0.12),
      disputes: earlier(0.07),
      respondsTo: earlier(0.04),
      cites: earlier(0.04),
      characterizes: [],
    };
  }
}

/**
 * Yields the dataset in chunks of `plan.chunkSize` records: sources, then actors, then incidents,
 * then claims, so every record a chunk refers to is in that chunk or an earlier one. Starting at a
 * later chunk skips the earlier ones without generating them.
 */
export function* syntheticChunks(plan: SyntheticPlan, fromChunk = 0): Generator<DatasetChunk> {
  const generator = new RecordMaker(plan);
  const sections = [
    { count: plan.sources, make: (i: number) => generator.source(i), key: 'sources' },
    { count: plan.actors, make: (i: number) => generator.actor(i), key: 'actors' },
    { count: plan.incidents, make: (i: number) => generator.incident(i), key: 'incidents' },
    { count: plan.claims, make: (i: number) => generator.claim(i), key: 'claims' },
  ] as const;
  for (let chunk = fromChunk; chunk < plan.chunkCount; chunk++) {
    const out: DatasetChunk = { index: chunk, sources: [], actors: [], incidents: [], claims: [] };
    const start = chunk * plan.chunkSize;
    const end = start + plan.chunkSize;
    let offset = 0;
    for (const section of sections) {
      const sectionEnd = offset + section.count;
      for (let at = Math.max(start, offset); at < Math.min(end, sectionEnd); at++) {
        (out[section.key] as unknown[]).push(section.make(at - offset));
      }
      offset = sectionEnd;
    }
    yield out;
  }
}

/** The whole dataset in memory, for small sizes (tests, validation, export). */
export function syntheticDataset(options: SyntheticOptions): Dataset {
  const plan = syntheticPlan(options);
  const dataset: Dataset = {
    dataset: { id: plan.datasetId, title: plan.title, version: plan.fingerprint },
    sources: [],
    actors: [],
    incidents: [],
    explanations: [],
    claims: [],
  };
  for (const chunk of syntheticChunks(plan)) {
    dataset.sources.push(...chunk.sources);
    dataset.actors.push(...chunk.actors);
    dataset.incidents.push(...chunk.incidents);
    dataset.claims.push(...chunk.claims);
  }
  return dataset;
}

/** Claims' share per claimant rank, as the generator intends it; the tests compare the data with it. */
export function expectedClaimantShare(plan: SyntheticPlan, rank: number): number {
  return new Zipf(plan.actors, SHAPE.claimantExponent).share(rank);
}
