// Class-data sharing for the JVMs the project starts: the classes one run loaded are archived once and mapped by every later start.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a JVM start adds to its arguments, and what to do once that JVM has exited. */
export interface ClassArchive {
  /** JVM options, placed before `-cp`. */
  args: string[];
  /** Keeps the archive this run wrote, if it wrote one and exited cleanly; otherwise removes the partial file. */
  settle(exitCode: number | null): void;
}

/** Exit codes after which an archive written at exit is whole: a normal exit, and the JVM's own exit on SIGINT or SIGTERM. */
const CLEAN_EXITS = new Set([0, 130, 143]);
/** The JVM's notes about classes it cannot archive (signed jars, proxies) are many and change nothing. */
const QUIET = '-Xlog:cds*=off';

const NONE: ClassArchive = { args: [], settle: () => undefined };

/**
 * Neo4j loads about 20,000 classes; reading them from an archive instead of verifying them from jars took a start
 * here from 13.1 s to 7.5–8.2 s (JVM CPU 20 s to 12–14 s). The archive is only valid for the same JDK and the same
 * jars, so its name carries a hash of both (the JVM checks again, and runs without an archive that does not fit).
 * The JVM archives only jars, so a classpath with a directory gets none. The first run writes to a file of its
 * own and renames it when the JVM exits cleanly, so no start ever maps a partial file.
 */
export function classArchive(options: { javaHome: string; classpath: readonly string[]; purpose: string; dir: string }): ClassArchive {
  const { javaHome, classpath, purpose, dir } = options;
  const stamps: string[] = [javaHome];
  for (const entry of classpath) {
    let stat;
    try {
      stat = statSync(entry);
    } catch {
      return NONE;
    }
    if (stat.isDirectory()) return NONE;
    stamps.push(`${entry}:${stat.size}:${stat.mtimeMs}`);
  }
  const hash = createHash('sha256').update(stamps.join('\n')).digest('hex').slice(0, 16);
  const file = path.join(dir, `${purpose}-${hash}.jsa`);
  if (existsSync(file)) return { args: [`-XX:SharedArchiveFile=${file}`, QUIET], settle: () => undefined };
  // One writer at a time: writing costs a JVM about 9 s at exit, and instances started side by side would each pay it.
  const claim = `${file}.writer`;
  if (!takeClaim(claim)) return NONE;
  const partial = `${file}.${process.pid}.partial`;
  return {
    args: [`-XX:ArchiveClassesAtExit=${partial}`, QUIET],
    settle(exitCode) {
      try {
        if (exitCode !== null && CLEAN_EXITS.has(exitCode) && existsSync(partial) && statSync(partial).size > 0) renameSync(partial, file);
      } finally {
        rmSync(partial, { force: true });
        rmSync(claim, { force: true });
      }
    },
  };
}

/** Creates `claim` holding this process's id; a claim whose process is gone (a crash) is taken over. */
function takeClaim(claim: string): boolean {
  mkdirSync(path.dirname(claim), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(claim, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      const owner = Number(readFileSync(claim, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) return false;
      rmSync(claim, { force: true });
    }
  }
  return false;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
