// Floors phase: what no query can beat, a driver round trip doing nothing and JSON.stringify of a typical (depth-2, 500-node) answer.
import { readTransaction } from '../server/db/neo4j';
import * as service from '../server/graph/service';
import { percentiles, spread, timedLoop } from './measure';
import type { BenchContext, FloorResults } from './types';

export async function floorsBench({ db, args, clock, log }: BenchContext, centre: string): Promise<FloorResults> {
  const { returnOne, serialise, json } = await clock.time('floors', async () => {
    const returnOne: number[] = [];
    for (let run = 0; run < args.runs; run++) {
      const loop = await timedLoop(1, args.seconds * 1000, () => readTransaction(db, (tx) => tx.run('RETURN 1 AS one')));
      returnOne.push(percentiles(loop.latencies).p50);
    }
    const typical = await service.neighborhood({ ...db, queryTimeoutMs: 60_000 }, centre, 2, 500, undefined);
    const json = JSON.stringify(typical);
    const serialise: number[] = [];
    for (let run = 0; run < args.runs; run++) {
      const iterations = 200;
      const begun = performance.now();
      for (let i = 0; i < iterations; i++) JSON.stringify(typical);
      serialise.push((performance.now() - begun) / iterations);
    }
    return { returnOne, serialise, json };
  });
  log(
    `floors: RETURN 1 p50 ${spread(returnOne).median.toFixed(2)} ms; JSON.stringify of ${json.length} bytes ${spread(serialise).median.toFixed(2)} ms`,
  );
  return { returnOneP50Ms: spread(returnOne), jsonBytes: json.length, jsonStringifyMs: spread(serialise) };
}
