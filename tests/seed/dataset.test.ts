// Data checks on the shipped datasets: references resolve, every claim is sourced, quotes are verbatim and non-empty.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEED_DATA_DIR } from '../../server/config';
import { datasetFilesIn } from '../../server/model/validate';
import type { Dataset } from '../../server/model/dataset';
import { readDataset } from '../support/db';

const SEEDS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'seeds');

describe.each(datasetFilesIn(SEED_DATA_DIR).map((file) => [path.basename(file), file]))('%s', (_name, file) => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = await readDataset(file, SEEDS_DIR);
  });

  test('validates, with every quote checked against an available article', () => {
    for (const source of dataset.sources) {
      expect(() => readFileSync(path.join(SEEDS_DIR, source.documentRef), 'utf8')).not.toThrow();
    }
  });

  test('no two records share an id', () => {
    const ids = [...dataset.sources, ...dataset.actors, ...dataset.incidents, ...dataset.explanations, ...dataset.claims].map(
      (record) => record.id,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every claim has a known claimant and at least one known source', () => {
    const actors = new Set(dataset.actors.map((actor) => actor.id));
    const sources = new Set(dataset.sources.map((source) => source.id));
    for (const claim of dataset.claims) {
      expect(actors.has(claim.claimant)).toBe(true);
      expect(claim.sources.length).toBeGreaterThan(0);
      for (const source of claim.sources) expect(sources.has(source)).toBe(true);
    }
  });

  test('every quote is non-empty and a verbatim substring of one of its articles', () => {
    const article = new Map(dataset.sources.map((source) => [source.id, readFileSync(path.join(SEEDS_DIR, source.documentRef), 'utf8')]));
    const quoted = dataset.claims.filter((claim) => claim.quote !== undefined);
    expect(quoted.length).toBeGreaterThan(0);
    for (const claim of quoted) {
      expect(claim.quote!.trim().length).toBeGreaterThan(0);
      expect(claim.sources.some((source) => article.get(source)!.includes(claim.quote!))).toBe(true);
    }
  });

  test('every referenced id exists', () => {
    const ids = new Set(
      [...dataset.sources, ...dataset.actors, ...dataset.incidents, ...dataset.explanations, ...dataset.claims].map((record) => record.id),
    );
    const references = [
      ...dataset.claims.flatMap((c) => [
        c.claimant,
        ...c.about,
        ...c.accusations.flatMap((a) => [a.incident, (a.accused ?? a.explanation)!]),
        ...c.sources,
        ...c.reportedVia,
        ...c.supports,
        ...c.disputes,
        ...c.respondsTo,
        ...c.cites,
        ...c.characterizes,
      ]),
      ...dataset.actors.flatMap((a) => a.affiliations.flatMap((f) => [f.actor, ...f.sources])),
      ...dataset.incidents.flatMap((i) => [...i.targets, ...i.relatedTo]),
    ];
    expect(references.filter((id) => !ids.has(id))).toEqual([]);
  });

  test('stance appears exactly on claims that make an accusation', () => {
    for (const claim of dataset.claims) expect(claim.stance !== undefined).toBe(claim.accusations.length > 0);
  });

  // Read from the articles on disk, not from the validated dataset's copy, so the check does not trust the loader.
  const articleText = (id: string) =>
    readFileSync(path.join(SEEDS_DIR, dataset.sources.find((source) => source.id === id)!.documentRef), 'utf8');

  test('every claim has evidence in each source it cites', () => {
    const missing = dataset.claims.flatMap((claim) =>
      claim.sources.filter((source) => !claim.evidence.some((span) => span.source === source)).map((source) => `${claim.id} in ${source}`),
    );
    expect(missing).toEqual([]);
    expect(dataset.claims.every((claim) => claim.evidence.length > 0)).toBe(true);
  });

  test('every evidence span is verbatim at its offsets, and so is every affiliation span', () => {
    const spans = [
      ...dataset.claims.flatMap((claim) => claim.evidence.map((span) => ({ owner: claim.id, span }))),
      ...dataset.actors.flatMap((actor) => actor.affiliations.flatMap((tie) => tie.evidence.map((span) => ({ owner: actor.id, span })))),
    ];
    expect(spans.length).toBeGreaterThan(dataset.claims.length);
    const wrong = spans.filter(({ span }) => articleText(span.source).slice(span.start, span.end) !== span.excerpt);
    expect(wrong.map(({ owner, span }) => `${owner} ${span.source} ${span.start}–${span.end}`)).toEqual([]);
  });

  test("every quote and hedge lies within one of its claim's evidence spans", () => {
    const outside = dataset.claims.flatMap((claim) =>
      (['quote', 'hedge'] as const).flatMap((field) => {
        const words = claim[field];
        if (words === undefined) return [];
        const inside = claim.evidence.some((span) => span.excerpt.includes(words));
        return inside ? [] : [`${claim.id} ${field}`];
      }),
    );
    expect(outside).toEqual([]);
  });
});

describe('the Sony Pictures story', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = await readDataset(path.resolve(__dirname, '..', '..', 'seed', 'data', 'sony-dprk-2014.json'), SEEDS_DIR);
  });

  test('records the FBI attribution to the DPRK, the DPRK denial, and a neither-confirm-nor-deny', () => {
    const about = (claim: Dataset['claims'][number]) => claim.about.includes('sony-hack') || claim.about.includes('nk-internet-outage');
    const accuses = (claim: Dataset['claims'][number], actor: string) => claim.accusations.some((a) => a.accused === actor);
    expect(dataset.claims.some((c) => c.claimant === 'fbi' && accuses(c, 'dprk') && c.stance === 'asserts' && about(c))).toBe(true);
    expect(dataset.claims.some((c) => accuses(c, 'dprk') && c.stance === 'denies' && ['dprk', 'kcna'].includes(c.claimant))).toBe(true);
    expect(dataset.claims.some((c) => c.stance === 'neither' && ['state-department', 'marie-harf'].includes(c.claimant))).toBe(true);
  });

  test('keeps hedging rather than flattening it', () => {
    const levels = new Set(dataset.claims.map((claim) => claim.confidence));
    expect(levels.size).toBeGreaterThanOrEqual(4);
    expect(dataset.claims.filter((claim) => claim.hedge !== undefined).length).toBeGreaterThanOrEqual(5);
  });

  test('records that @TheAnonMessage is only rumoured to be tied to Anonymous', () => {
    const account = dataset.actors.find((actor) => actor.id === 'anon-theanonmessage');
    expect(account?.affiliations.find((f) => f.actor === 'anonymous')?.certainty).toBe('rumoured');
  });
});
