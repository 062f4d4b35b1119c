// The bench's side of bench/apiServer.ts: forks the API process early and talks to it (where Neo4j is, and whether it is idle).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ApiServerReply, ApiServerRequest } from './apiServer';
import type { Log } from './types';

export interface ApiProcess {
  child: ChildProcess;
  /** Hands the process Neo4j's address (and a built explorer to serve at `/`) and resolves with the port it then listens on. */
  listen(uri: string, local: boolean, clientDir?: string): Promise<number>;
  /** Resolves once no request is being handled any more, with the requests whose client left before the answer. */
  idle(): Promise<{ abandoned: number; abandonedFailed: number }>;
}

/**
 * Forks the API process before Neo4j is up, so that loading the server code (tsx compiling it) overlaps
 * Neo4j's start-up instead of following it; the process waits for the database's address.
 */
export function forkApi(log: Log): ApiProcess {
  const child = fork(path.join(__dirname, 'apiServer.ts'), [], {
    // BENCH_CPU_PROF=DIR writes a V8 CPU profile of the API process there when it exits.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [])],
    env: { ...process.env, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before answering`))),
  );
  exited.catch(() => undefined); // only matters while someone waits for an answer
  const reply = <T extends ApiServerReply>(matches: (message: ApiServerReply) => message is T) =>
    Promise.race([
      new Promise<T>((resolve) => {
        const listener = (message: ApiServerReply) => {
          if (!matches(message)) return;
          child.off('message', listener);
          resolve(message);
        };
        child.on('message', listener);
      }),
      exited,
    ]);
  const send = (message: ApiServerRequest) => child.send(message);
  let question = 0;
  return {
    child,
    async listen(uri, local, clientDir) {
      const answer = reply((message): message is { port: number } => 'port' in message);
      send({ uri, local, clientDir });
      return (await answer).port;
    },
    async idle() {
      const id = ++question;
      const answer = reply((message): message is Extract<ApiServerReply, { idle: number }> => 'idle' in message && message.idle === id);
      send({ idle: id });
      // A handler that never ends its response would otherwise hang the bench; no query outlives its timeout by this much.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), 30_000);
      });
      const answered = await Promise.race([answer, late]);
      clearTimeout(timer);
      if (answered === undefined) {
        log('the API process still had requests in flight after 30 s; measuring on regardless');
        return { abandoned: 0, abandonedFailed: 0 };
      }
      return { abandoned: answered.abandoned, abandonedFailed: answered.abandonedFailed };
    },
  };
}
