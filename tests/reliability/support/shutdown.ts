// Reliability #9: SIGTERM with 20 requests in flight: all complete, the process exits 0 within 10 s on its own, no handle left open.
import type { ScenarioResult } from './http';
import { startServer } from './serverProcess';

export interface ShutdownOptions {
  /** Environment for the server: NEO4J_URI of a seeded database at least. */
  env: NodeJS.ProcessEnv;
  inFlight?: number;
}

export async function sigtermScenario(options: ShutdownOptions): Promise<ScenarioResult> {
  const inFlight = options.inFlight ?? 20;
  const failures: string[] = [];
  // A generous query timeout: this is about draining, and a just-started Neo4j plans slowly.
  const server = await startServer({ QUERY_TIMEOUT_MS: '20000', ...options.env });
  try {
    // Heavier requests so they are still running when the signal arrives; planned once first, as on a warm server.
    const urls = [`${server.base}/api/incidents/sony-hack/attribution`, `${server.base}/api/graph/neighborhood/dprk?depth=3&limit=500`];
    for (const url of urls) {
      const status = (await fetch(url)).status;
      if (status !== 200) failures.push(`warm-up ${url} answered ${status}`);
    }
    let finished = 0;
    const requests = Array.from({ length: inFlight }, (_, i) =>
      fetch(urls[i % urls.length]!)
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch((error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`)
        .finally(() => finished++),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    const pendingAtSignal = inFlight - finished;
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const statuses = await Promise.all(requests);
    const code = await Promise.race([server.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000))]);
    const seconds = (Date.now() - signalled) / 1000;
    const ok = statuses.filter((status) => status === 200).length;
    if (ok !== inFlight)
      failures.push(`only ${ok}/${inFlight} requests completed with 200: ${statuses.filter((s) => s !== 200).join(', ')}`);
    if (pendingAtSignal === 0) failures.push('no request was still in flight when SIGTERM arrived');
    if (code !== 0) failures.push(`exit code ${code}`);
    if (seconds >= 10) failures.push(`took ${seconds.toFixed(1)} s to exit`);
    if (!server.output().includes('stopped')) failures.push('never logged "stopped"');
    // The process exits on its own once nothing is open; a leaked handle makes it hit the 9 s guard, which names it.
    const leak = /did not stop within 9 s.*/.exec(server.output());
    if (leak !== null) failures.push(`open handles kept it alive: ${leak[0].slice(0, 300)}`);
    return {
      figure: `${ok}/${inFlight} in-flight requests completed (${pendingAtSignal} still pending at SIGTERM); exit ${code} after ${seconds.toFixed(2)} s; open handles at exit: ${
        leak === null && code === 0 ? 'none' : 'SOME'
      }`,
      failures,
      details: { statuses, code, seconds, pendingAtSignal },
    };
  } finally {
    server.kill();
  }
}
