// The synthetic generator (deterministic, power-law shaped, valid) and the batched loader against the real Neo4j: counts, re-runs, interruption and resume.
import { datasetComplete, loadInBatches, type BatchLoadOptions } from '../../server/db/batchLoad';
import { datasetLinks } from '../../server/db/load';
import { ensureSchema } from '../../server/db/schema';
import { graphCounts } from '../../server/db/counts';
import { RELATIONSHIP_TYPES } from '../../server/model/vocabulary';
import { expectedClaimantShare, syntheticChunks, syntheticDataset, syntheticPlan, type SyntheticPlan } from '../../seed/synthetic';
import { validateDataset } from '../../server/model/validate';
import { readTransaction, type Database } from '../../server/db/neo4j';
import { signature, testDatabase, wipe } from '../support/db';

describe('synthetic dataset', () => {
  test('the same seed gives the same records; another seed gives other records', () => {
    const first = syntheticDataset({ claims: 400, seed: 11 });
    expect(syntheticDataset({ claims: 400, seed: 11 })).toEqual(first);
    const other = syntheticDataset({ claims: 400, seed: 12 });
    expect(other.claims.map((c) => c.claimant)).not.toEqual(first.claims.map((c) => c.claimant));
    expect(other.claims.map((c) => c.text)).not.toEqual(first.claims.map((c) => c.text));
  });

  test('chunking never changes the records, and a later chunk can be generated on its own', () => {
    const whole = syntheticDataset({ claims: 600, seed: 5, chunkSize: 10_000 });
    const chunked = syntheticDataset({ claims: 600, seed: 5, chunkSize: 37 });
    expect({ ...chunked, dataset: whole.dataset }).toEqual(whole);
    const plan = syntheticPlan({ claims: 600, seed: 5, chunkSize: 37 });
    const all = [...syntheticChunks(plan)];
    expect(all).toHaveLength(plan.chunkCount);
    expect(all.every((chunk, index) => chunk.index === index)).toBe(true);
    expect([...syntheticChunks(plan, 9)]).toEqual(all.slice(9));
  });

  test('every id is a valid slug and the dataset passes the project validator', () => {
    const dataset = syntheticDataset({ claims: 1500, seed: 3 });
    const result = validateDataset(JSON.parse(JSON.stringify(dataset)), 'synthetic.json');
    if (!result.ok)
      throw new Error(
        result.problems
          .slice(0, 5)
          .map((p) => `${p.record} ${p.field}: ${p.message}`)
          .join('\n'),
      );
    expect(result.dataset.claims).toHaveLength(1500);
  });

  test('stances come in the intended mix and claimant activity follows a power law', () => {
    const plan = syntheticPlan({ claims: 30_000, seed: 21 });
    const perClaimant = new Map<string, number>();
    const stances = { asserts: 0, denies: 0, neither: 0, none: 0 };
    let withAccused = 0;
    for (const chunk of syntheticChunks(plan)) {
      for (const claim of chunk.claims) {
        perClaimant.set(claim.claimant, (perClaimant.get(claim.claimant) ?? 0) + 1);
        stances[claim.stance ?? 'none'] += 1;
        if (claim.accusations.length > 0) withAccused += 1;
      }
    }
    const share = (n: number) => n / plan.claims;
    expect(share(stances.asserts)).toBeCloseTo(0.4, 1);
    expect(share(stances.denies)).toBeCloseTo(0.15, 1);
    expect(share(stances.neither)).toBeCloseTo(0.1, 1);
    expect(share(stances.none)).toBeCloseTo(0.35, 1);
    expect(withAccused).toBe(plan.claims - stances.none);

    const counts = [...perClaimant.values()].sort((a, b) => b - a);
    // The busiest claimant's share is what Zipf's law predicts, within sampling noise.
    expect(share(counts[0]!)).toBeGreaterThan(expectedClaimantShare(plan, 0) * 0.85);
    expect(share(counts[0]!)).toBeLessThan(expectedClaimantShare(plan, 0) * 1.15);
    // The top 1% of actors make a large part of all claims, and the log–log slope of count by rank is near −1.
    const top = counts.slice(0, Math.ceil(plan.actors / 100)).reduce((sum, n) => sum + n, 0);
    expect(share(top)).toBeGreaterThan(0.3);
    const points = [1, 2, 4, 8, 16, 32, 64].map((rank) => [Math.log(rank), Math.log(counts[rank - 1]!)] as const);
    const meanX = points.reduce((s, [x]) => s + x, 0) / points.length;
    const meanY = points.reduce((s, [, y]) => s + y, 0) / points.length;
    const slope = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0) / points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
    expect(slope).toBeGreaterThan(-1.3);
    expect(slope).toBeLessThan(-0.7);
  });
});

describe('loadInBatches', () => {
  let db: Database;
  const small: BatchLoadOptions = { rowsPerStatement: 250 };
  const headerOf = (plan: SyntheticPlan) => ({
    id: plan.datasetId,
    title: plan.title,
    fingerprint: plan.fingerprint,
    chunkCount: plan.chunkCount,
  });
  const loader =
    (plan: SyntheticPlan) =>
    (options: BatchLoadOptions = {}) =>
      loadInBatches(db, headerOf(plan), (first) => syntheticChunks(plan, first), { ...small, ...options });
  /** Relationship counts with every type present, since the count query only reports types the database knows. */
  const relationshipCounts = async () => ({
    ...Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, 0])),
    ...(await graphCounts(db)).relationships,
  });

  beforeAll(async () => {
    // These tests are about what gets written, not latency: a cold server on a busy machine may plan a query for seconds.
    db = testDatabase({ QUERY_TIMEOUT_MS: '60000' });
    await wipe(db);
    await ensureSchema(db);
  });
  afterAll(async () => {
    await db.close();
  });

  describe('2,000 claims in small batches', () => {
    const CLAIMS = 2000;
    const plan = syntheticPlan({ claims: CLAIMS, seed: 8, chunkSize: 1000 });
    const load = loader(plan);
    let first: Awaited<ReturnType<typeof signature>>;

    test('a batched load gives the expected counts and marks the dataset complete', async () => {
      const dataset = syntheticDataset({ claims: CLAIMS, seed: 8 });
      const summary = await load();
      expect(summary.chunksLoaded).toBe(plan.chunkCount);
      expect(summary.nodesCreated).toBe(plan.sources + plan.actors + plan.incidents + plan.claims);
      const counts = await graphCounts(db);
      expect(counts.nodes).toEqual({ Source: plan.sources, Actor: plan.actors, Incident: plan.incidents, Claim: CLAIMS, Dataset: 1 });
      const links = datasetLinks(dataset);
      expect(await relationshipCounts()).toEqual(Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, links[type].length])));
      expect(await datasetComplete(db, plan.datasetId)).toBe(true);
      first = await signature(db);
    });

    test('re-running the load gives the same signature', async () => {
      const again = await load();
      expect(again.nodesCreated).toBe(0);
      expect(await signature(db)).toEqual(first);
    });
  });

  describe('interruption and resume', () => {
    const plan = syntheticPlan({ claims: 300, seed: 9, chunkSize: 60 });
    const load = loader(plan);
    let uninterrupted: Awaited<ReturnType<typeof signature>>;
    const crashAfter = (chunk: number) => (index: number) => {
      if (index === chunk) throw new Error('simulated crash');
    };

    beforeAll(async () => {
      await wipe(db);
      await load();
      uninterrupted = await signature(db);
    });
    beforeEach(async () => {
      await wipe(db);
    });

    test('an interrupted load stays incomplete, and a re-run resumes to the same graph', async () => {
      const stopAfter = 2;
      await expect(load({ afterChunk: crashAfter(stopAfter) })).rejects.toThrow('simulated crash');
      expect(await datasetComplete(db, plan.datasetId)).toBe(false);
      const stored = await readTransaction(db, (tx) =>
        tx.run('MATCH (d:Dataset {id: $id}) RETURN d.chunksDone AS done', { id: plan.datasetId }),
      );
      expect(Number(stored.records[0]?.get('done'))).toBe(stopAfter + 1);
      expect((await signature(db)).nodes).toBeLessThan(uninterrupted.nodes);

      const resumed = await load();
      expect(resumed.resumedFrom).toBe(stopAfter + 1);
      expect(resumed.chunksLoaded).toBe(plan.chunkCount - stopAfter - 1);
      expect(await datasetComplete(db, plan.datasetId)).toBe(true);
      expect(await signature(db)).toEqual(uninterrupted);
      const marker = await readTransaction(db, (tx) =>
        tx.run('MATCH (d:Dataset {id: $id}) RETURN d.claims AS claims, d.actors AS actors', { id: plan.datasetId }),
      );
      expect(Number(marker.records[0]?.get('claims'))).toBe(plan.claims);
      expect(Number(marker.records[0]?.get('actors'))).toBe(plan.actors);
    });

    test('an interrupted load restarted from scratch with MERGE-only relationships also reaches the same graph', async () => {
      // One load covers two claims: a restart ignores the partial state, and MERGE gives what clear-and-CREATE gives.
      await expect(load({ afterChunk: crashAfter(4) })).rejects.toThrow('simulated crash');
      const restarted = await load({ resume: false, relationships: 'merge' });
      expect(restarted.resumedFrom).toBe(0);
      expect(await signature(db)).toEqual(uninterrupted);
    });

    test('a reload mirrors the chunks: a link dropped from a record disappears', async () => {
      await load();
      const trimmed = (first: number) =>
        [...syntheticChunks(plan, first)].map((chunk) => ({
          ...chunk,
          claims: chunk.claims.map((claim) => ({ ...claim, supports: [], disputes: [] })),
        }));
      await loadInBatches(db, headerOf(plan), trimmed, { ...small, resume: false });
      const counts = await relationshipCounts();
      expect(counts.SUPPORTS).toBe(0);
      expect(counts.DISPUTES).toBe(0);
      expect(counts.MADE).toBe(plan.claims);
    });
  });
});
