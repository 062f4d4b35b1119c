// Stops the test Neo4j and removes its throwaway data directory.
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__TEST_NEO4J__;
  if (started === undefined) return;
  await started.local.stop();
  rmSync(started.home, { recursive: true, force: true });
}
