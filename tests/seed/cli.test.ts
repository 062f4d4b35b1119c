// `npm run seed` as a user runs it: loads the shipped data, gives identical counts twice, and refuses a broken file untouched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_FILE, signature, useDatabase } from '../support/db';

const ROOT = path.resolve(__dirname, '..', '..');

function seed(...files: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'seed/cli.ts', ...files], {
    cwd: ROOT,
    env: { ...process.env, DOCUMENTS_DIR: path.join(ROOT, '..', 'shared', 'seeds') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function countsTable(stdout: string): string {
  return stdout.slice(stdout.indexOf('Nodes:'), stdout.indexOf('Loaded '));
}

const store = useDatabase({ wipe: true });

describe('npm run seed', () => {
  test('loads the shipped dataset and a second run gives identical counts and values', async () => {
    const first = seed();
    expect(first.stderr).not.toMatch(/seed failed/);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Claim\s*│\s*\d+/);
    const afterFirst = await signature(store.db);
    expect(afterFirst.nodes).toBeGreaterThan(100);

    const second = seed();
    expect(second.status).toBe(0);
    expect(countsTable(second.stdout)).toBe(countsTable(first.stdout));
    expect(await signature(store.db)).toEqual(afterFirst);
  });

  test('refuses a broken dataset with precise messages and writes nothing', async () => {
    const before = await signature(store.db);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-seed-'));
    const broken = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8'));
    broken.claims[0].claimant = 'nobody';
    broken.claims[3].stance = 'perhaps';
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));

    const run = seed(file);
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('broken.json: claims[3] "beacon-plausible": field "stance":');
    expect(run.stderr).toContain('broken.json: claims[0] "hpa-blames-delta": field "claimant.0": unknown id "nobody"');
    expect(run.stderr).toContain('nothing was written');
    expect(await signature(store.db)).toEqual(before);
  });
});
