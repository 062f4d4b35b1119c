// Builds (once) and runs the embedded Neo4j launcher as a child JVM, so a machine without Docker still gets a real Neo4j.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import { ClaimGraphError } from '../model/errors';
import { classArchive } from './classArchive';

export const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'server', 'neo4j-launcher');
const LAUNCHER_SOURCES = [
  path.join(LAUNCHER_DIR, 'pom.xml'),
  path.join(LAUNCHER_DIR, 'src', 'main', 'java', 'org', 'claimgraph', 'launcher', 'LocalNeo4j.java'),
];
const READY_PREFIX = 'NEO4J_READY ';

/** The local Neo4j could not be built, started or reached; the message says which step failed and how. */
export class LocalNeo4jError extends ClaimGraphError {
  constructor(message: string) {
    super('neo4j_launcher_failed', message);
  }
}

export interface JavaRuntime {
  home: string;
  major: number;
}

function javaMajor(home: string): number | undefined {
  try {
    const release = readFileSync(path.join(home, 'release'), 'utf8');
    const match = /JAVA_VERSION="(\d+)(?:\.(\d+))?/.exec(release);
    if (match === null) return undefined;
    // Java 8 and older report "1.8"; the project needs 17+, so that form only has to read as too old.
    return match[1] === '1' ? Number(match[2]) : Number(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * Picks the JDK to run Neo4j: NEO4J_JAVA_HOME if given, else the newest JDK among JAVA_HOME, the
 * `java` on PATH and /usr/lib/jvm. Newer Neo4j releases need Java 21, so the newest JDK wins.
 */
export function findJava(explicitHome?: string): JavaRuntime {
  if (explicitHome !== undefined) {
    const major = javaMajor(explicitHome);
    if (major === undefined || major < 17) {
      throw new LocalNeo4jError(`NEO4J_JAVA_HOME: expected a JDK 17 or newer, got ${explicitHome} (Java ${major ?? 'unknown'})`);
    }
    return { home: explicitHome, major };
  }
  const candidates = new Set<string>();
  if (process.env.JAVA_HOME) candidates.add(process.env.JAVA_HOME);
  const onPath = spawnSync('sh', ['-c', 'readlink -f "$(command -v java)"'], { encoding: 'utf8' }).stdout.trim();
  if (onPath !== '') candidates.add(path.resolve(onPath, '..', '..'));
  for (const root of ['/usr/lib/jvm', '/Library/Java/JavaVirtualMachines']) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root)) {
      const home = path.join(root, name);
      candidates.add(existsSync(path.join(home, 'Contents', 'Home')) ? path.join(home, 'Contents', 'Home') : home);
    }
  }
  let best: JavaRuntime | undefined;
  for (const home of candidates) {
    const major = javaMajor(home);
    if (major !== undefined && existsSync(path.join(home, 'bin', 'java')) && (best === undefined || major > best.major)) {
      best = { home, major };
    }
  }
  if (best === undefined || best.major < 17) {
    throw new LocalNeo4jError('no JDK 17 or newer found: install one, set NEO4J_JAVA_HOME, or point NEO4J_URI at a running Neo4j');
  }
  return best;
}

/** Compiles the launcher and resolves its classpath with Maven; skipped when nothing changed since the last build. */
export function ensureLauncherBuilt(java: JavaRuntime, log: (line: string) => void = () => {}): string[] {
  const target = path.join(LAUNCHER_DIR, 'target');
  const stamp = path.join(target, 'built-with.txt');
  const classpathFile = path.join(target, 'classpath.txt');
  const newestSource = Math.max(...LAUNCHER_SOURCES.map((file) => statSync(file).mtimeMs));
  const upToDate =
    existsSync(stamp) &&
    existsSync(classpathFile) &&
    readFileSync(stamp, 'utf8') === String(java.major) &&
    statSync(stamp).mtimeMs >= newestSource;
  if (!upToDate) {
    log(`building the Neo4j launcher with Maven (Java ${java.major}); the first build downloads Neo4j's jars`);
    const build = spawnSync('mvn', ['-q', '-B', 'compile'], {
      cwd: LAUNCHER_DIR,
      env: { ...process.env, JAVA_HOME: java.home },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (build.error !== undefined || build.status !== 0) {
      const output = `${build.stdout ?? ''}${build.stderr ?? ''}`
        .split('\n')
        .filter((line) => !line.startsWith('WARNING'))
        .slice(-30)
        .join('\n');
      throw new LocalNeo4jError(`building the Neo4j launcher failed (mvn exit ${build.status ?? build.error?.message}):\n${output}`);
    }
    writeFileSync(stamp, String(java.major));
  }
  const jars = readFileSync(classpathFile, 'utf8').trim();
  return [launcherClasses(java, target, statSync(stamp).mtimeMs), ...jars.split(path.delimiter).filter((entry) => entry !== '')];
}

/**
 * The launcher's compiled classes as a jar when the JDK has the `jar` tool (the JVM archives classes from jars only,
 * see classArchive.ts), else the classes folder.
 */
function launcherClasses(java: JavaRuntime, target: string, builtAt: number): string {
  const classes = path.join(target, 'classes');
  const jar = path.join(target, 'launcher.jar');
  const tool = path.join(java.home, 'bin', 'jar');
  if (existsSync(jar) && statSync(jar).mtimeMs >= builtAt) return jar;
  if (!existsSync(tool)) return classes;
  const packed = spawnSync(tool, ['--create', '--file', jar, '-C', classes, '.'], { encoding: 'utf8' });
  if (packed.error !== undefined || packed.status !== 0) {
    rmSync(jar, { force: true });
    return classes;
  }
  return jar;
}

/** Where the class archives of classArchive.ts live: beside the build they belong to. */
export const CLASS_ARCHIVE_DIR = path.join(LAUNCHER_DIR, 'target', 'class-archives');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface LocalNeo4jOptions {
  /** Directory holding the database files; created when missing. */
  home: string;
  port: number;
  heap: string;
  pageCache: string;
  javaHome?: string;
  /** Milliseconds to wait for Bolt to answer. */
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  home: string;
  pid: number;
  stop(): Promise<void>;
  /** Resolves when the JVM exits, for whatever reason. */
  exited: Promise<number | null>;
}

/** Starts the launcher and resolves once Bolt accepts connections. The JVM stops if this process dies. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? (() => {});
  const java = findJava(options.javaHome);
  const classpath = ensureLauncherBuilt(java, log);
  mkdirSync(options.home, { recursive: true });
  const archive = classArchive({ javaHome: java.home, classpath, purpose: 'neo4j', dir: CLASS_ARCHIVE_DIR });
  const args = [
    `-Xms${options.heap}`,
    `-Xmx${options.heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    ...(java.major >= 21 ? ['--enable-native-access=ALL-UNNAMED'] : []),
    ...archive.args,
    '-cp',
    classpath.join(path.delimiter),
    'org.claimgraph.launcher.LocalNeo4j',
    '--home',
    options.home,
    '--port',
    String(options.port),
    '--pagecache',
    options.pageCache,
  ];
  // stdin stays a pipe on purpose: the launcher exits when it closes, so no JVM outlives us.
  const child: ChildProcess = spawn(path.join(java.home, 'bin', 'java'), args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      archive.settle(code);
      resolve(code);
    }),
  );
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-8000);
  });

  const uri = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new LocalNeo4jError(`Neo4j did not answer on port ${options.port} within ${options.startTimeoutMs ?? 180_000} ms`));
    }, options.startTimeoutMs ?? 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(READY_PREFIX));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(line.slice(READY_PREFIX.length).trim());
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      const meaningful = stderrTail
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('WARNING'))
        .slice(-15)
        .join('\n');
      reject(new LocalNeo4jError(`Neo4j exited before it was ready (exit ${code}):\n${meaningful}`));
    });
  });
  child.stdout?.resume();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return { uri, port: options.port, home: options.home, pid: child.pid ?? -1, stop, exited };
}

/** Where a running `npm run db` (or server) advertises its instance so other commands can reuse it. */
export function instanceFile(localDir: string): string {
  return path.join(localDir, 'instance.json');
}

export interface InstanceRecord {
  uri: string;
  port: number;
  pid: number;
}

export function writeInstanceRecord(localDir: string, record: InstanceRecord): void {
  mkdirSync(localDir, { recursive: true });
  writeFileSync(instanceFile(localDir), JSON.stringify(record));
}

export function removeInstanceRecord(localDir: string, pid: number): void {
  const record = readInstanceRecord(localDir);
  if (record?.pid === pid) rmSync(instanceFile(localDir), { force: true });
}

export function readInstanceRecord(localDir: string): InstanceRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(instanceFile(localDir), 'utf8')) as InstanceRecord;
    process.kill(record.pid, 0); // throws when no such process
    return record;
  } catch {
    return undefined;
  }
}
