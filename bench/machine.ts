// What the figures were measured on: the machine, Node, the JDK and the Neo4j version, for the report's header.
import os from 'node:os';
import { findJava } from '../server/db/localNeo4j';
import { readTransaction, type Database } from '../server/db/neo4j';
import type { MachineInfo } from './types';

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  // Other developers' test runs share this machine; the load average at the end says how busy it was.
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    // The JDK the launcher picks (the newest found), not whatever `java` is first on the PATH.
    java: (() => {
      try {
        const java = findJava(process.env.NEO4J_JAVA_HOME);
        return `Java ${java.major} (${java.home})`;
      } catch {
        return 'unknown';
      }
    })(),
    loadAverageAtEnd: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}

export async function neo4jVersion(db: Database): Promise<string> {
  const result = await readTransaction(
    db,
    (tx) => tx.run('CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition'),
    30_000,
  );
  const record = result.records[0];
  return record === undefined ? 'unknown' : `${record.get('name')} ${record.get('version')} ${record.get('edition')}`;
}
