// The JVMs' class archive: none for a classpath with a folder, one writer at a time, kept only after a clean exit, and named after the JDK and jars it fits.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classArchive } from '../../server/db/classArchive';

let root: string;
let dir: string;
let jar: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-class-archive-'));
  dir = path.join(root, 'archives');
  jar = path.join(root, 'launcher.jar');
  writeFileSync(jar, 'jar bytes');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const options = () => ({ javaHome: '/jdk', classpath: [jar], purpose: 'neo4j', dir });
/** What the JVM does with -XX:ArchiveClassesAtExit=FILE when it exits. */
const writeAtExit = (args: string[]) => {
  const flag = args.find((arg) => arg.startsWith('-XX:ArchiveClassesAtExit='));
  expect(flag).toBeDefined();
  writeFileSync(flag!.slice('-XX:ArchiveClassesAtExit='.length), 'archived classes');
};

test('a classpath with a folder gets no archive: the JVM archives classes from jars only', () => {
  mkdirSync(path.join(root, 'classes'));
  expect(classArchive({ ...options(), classpath: [path.join(root, 'classes'), jar] }).args).toEqual([]);
});

test('the first start writes the archive, kept after a clean exit; the next start maps it', () => {
  const first = classArchive(options());
  writeAtExit(first.args);
  first.settle(143);
  const files = readdirSync(dir);
  // Only the archive is left: no partial file, no writer's claim.
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^neo4j-[0-9a-f]{16}\.jsa$/);
  expect(classArchive(options()).args).toEqual([`-XX:SharedArchiveFile=${path.join(dir, files[0]!)}`, '-Xlog:cds*=off']);
});

test('after an exit that may have cut the writing short, nothing is kept and the next start writes again', () => {
  const first = classArchive(options());
  writeAtExit(first.args);
  first.settle(137);
  expect(readdirSync(dir)).toEqual([]);
  expect(classArchive(options()).args[0]).toMatch(/^-XX:ArchiveClassesAtExit=/);
});

test('one writer at a time: a start beside a writing one gets no archive flags; a dead writer’s claim is taken over', () => {
  const writing = classArchive(options());
  expect(writing.args[0]).toMatch(/^-XX:ArchiveClassesAtExit=/);
  const claim = readdirSync(dir).find((name) => name.endsWith('.writer'));
  expect(claim).toBeDefined();
  expect(classArchive(options()).args).toEqual([]);
  writing.settle(null);
  expect(readdirSync(dir)).toEqual([]);
  // A claim left by a process that crashed: 2^22 + 1 is above Linux's largest pid, so no process has it.
  writeFileSync(path.join(dir, claim!), String(2 ** 22 + 1));
  expect(classArchive(options()).args[0]).toMatch(/^-XX:ArchiveClassesAtExit=/);
});

test('another JDK or a rebuilt jar names another archive, so a stale one is never asked for', () => {
  const first = classArchive(options());
  writeAtExit(first.args);
  first.settle(0);
  expect(classArchive(options()).args[0]).toMatch(/^-XX:SharedArchiveFile=/);
  const otherJdk = classArchive({ ...options(), javaHome: '/other-jdk' });
  expect(otherJdk.args[0]).toMatch(/^-XX:ArchiveClassesAtExit=/);
  otherJdk.settle(null);
  utimesSync(jar, new Date(2030, 0, 1), new Date(2030, 0, 1));
  expect(classArchive(options()).args[0]).toMatch(/^-XX:ArchiveClassesAtExit=/);
});
