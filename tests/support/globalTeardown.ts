// Stops the test Neo4j instances and removes their throwaway data directories.
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__TEST_NEO4J__ ?? [];
  await Promise.all(
    started.map(async ({ local, home }) => {
      await local.stop();
      rmSync(home, { recursive: true, force: true });
    }),
  );
}
