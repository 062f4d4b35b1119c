// The API's own Cypher, caught as the service runs it (so the raw side replays exactly those statements) and PROFILEd.
import type { ManagedTransaction } from 'neo4j-driver';
import { readTransaction, type Database } from '../server/db/neo4j';
import type { QueryProfile } from './types';

export interface RecordedQuery {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * A Database whose read transactions note every statement the service runs, with its parameters,
 * so the raw-driver side replays exactly the API's Cypher, in the same transaction shape.
 */
export function recordingDatabase(db: Database, into: RecordedQuery[]): Database {
  const driver = new Proxy(db.driver, {
    get(target, property, receiver) {
      if (property !== 'session') return Reflect.get(target, property, receiver) as unknown;
      return (config: Parameters<typeof target.session>[0]) => {
        const session = target.session(config);
        const executeRead = session.executeRead.bind(session);
        session.executeRead = (<T>(work: (tx: ManagedTransaction) => Promise<T>, txConfig?: Parameters<typeof executeRead>[1]) =>
          executeRead(
            (tx) =>
              work({
                run: ((cypher: string, params?: Record<string, unknown>) => {
                  into.push({ cypher, params: params ?? {} });
                  return tx.run(cypher, params);
                }) as ManagedTransaction['run'],
              } as ManagedTransaction),
            txConfig,
          )) as typeof session.executeRead;
        return session;
      };
    },
  });
  return { ...db, driver };
}

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

/** Cypher PROFILE of one request's statements: where the database spends its hits. */
export async function profileQueries(db: Database, queries: RecordedQuery[]): Promise<QueryProfile[]> {
  return readTransaction(
    db,
    async (tx) => {
      const profiles: QueryProfile[] = [];
      for (const query of queries) {
        const result = await tx.run(`PROFILE ${query.cypher}`, query.params);
        const operators: Array<[string, number]> = [];
        let hits = 0;
        const walk = (node: PlanNode) => {
          hits += node.dbHits;
          operators.push([node.operatorType.replace(/@.*$/, ''), node.dbHits]);
          node.children.forEach(walk);
        };
        const plan = result.summary.profile as unknown as PlanNode | false;
        if (plan) walk(plan);
        profiles.push({
          statement: query.cypher.trim().split('\n')[0]!.slice(0, 100),
          rows: result.records.length,
          dbHits: hits,
          top: operators
            .sort((a, b) => b[1] - a[1])
            .slice(0, 3)
            .map(([operator, count]) => `${operator} ${count}`),
        });
      }
      return profiles;
    },
    120_000,
  );
}
