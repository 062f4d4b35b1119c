// Runs the compiled server (build/server/main.js, as `npm start` does) as a real child process on 127.0.0.1 for the tests that signal, kill or load it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../../server/db/localNeo4j';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  base: string;
  pid: number;
  output(): string;
  exited: Promise<number | null>;
  /** SIGKILL if still running; for cleanup after a failed check. */
  kill(): void;
}

export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', 'build/server/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      SEED_ON_START: 'never',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  // Ready when /api/health answers, whatever LOG_LEVEL hides from the output.
  const answers = async () => {
    try {
      return (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) })).status === 200;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + timeoutMs;
  let ready = false;
  while (!ready && child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    ready = await answers();
  }
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`the server did not start within ${timeoutMs} ms:\n${output.slice(-3000)}`);
  }
  return {
    child,
    base,
    pid: child.pid!,
    output: () => output,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
