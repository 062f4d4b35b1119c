// The analyst views' CSV downloads (matrix, contradictions, ACH, provenance), fetched from the API over the seeded Sony
// story and opened with pandas, as an analyst opens them; every number worked out by hand from seed/data.
import type { Express } from 'express';
import request from 'supertest';
import { testApp } from '../support/api';
import { useDatabase, PATIENT } from '../support/db';
import { pandasVersion, readManyWithPandas, type PandasTable } from './support/tools';

// These tests check values, not speed: a first, unplanned query on a loaded machine must not be a 503.
const store = useDatabase({ seed: true, env: PATIENT });
let app: Express;
beforeAll(() => {
  app = testApp(store.db);
});

/** Downloads a view's CSV, checks it is one, and returns its text and file name. */
async function download(path: string): Promise<{ text: string; filename: string }> {
  const response = await request(app).get(path);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  const filename = /filename="?([^";]+)"?/.exec(String(response.headers['content-disposition']))?.[1] ?? '';
  return { text: response.text, filename };
}

/** Every view's table, read by pandas in one python run. */
let tables: Record<'contradictions' | 'ach' | 'provenance' | 'matrix', PandasTable & { filename: string }>;
beforeAll(async () => {
  const paths = {
    contradictions: '/api/contradictions?incident=sony-hack&format=csv',
    ach: '/api/incidents/sony-hack/ach?format=csv',
    provenance: '/api/claims/revenge-us-admitted/provenance?format=csv',
    matrix: '/api/incidents/sony-hack/matrix?format=csv',
  };
  const names = Object.keys(paths) as Array<keyof typeof paths>;
  const downloads = await Promise.all(names.map((name) => download(paths[name])));
  const read = readManyWithPandas(downloads.map((entry) => entry.text));
  tables = Object.fromEntries(names.map((name, i) => [name, { ...read[i]!, filename: downloads[i]!.filename }])) as typeof tables;
});

test('pandas is there to read the tables', () => {
  expect(pandasVersion().error).toBeUndefined();
});

test('contradictions of the Sony hack: a row per listed claim on each side, numbered by contradiction and side', () => {
  const { columns, rows, filename } = tables.contradictions;
  expect(filename).toBe('contradictions-sony-hack.csv');
  expect(columns.slice(0, 4)).toEqual(['contradiction', 'incident', 'target', 'kind']);
  // Contradiction 1 is the stance one on North Korea (tests/api/contradictions.test.ts works it out): 8 asserting
  // claims, all listed under the default 10 per side, and 2 denials: 10 rows.
  const stance = rows.filter((row) => row.contradiction === '1');
  expect(stance).toHaveLength(10);
  expect(new Set(stance.map((row) => `${row.target}/${row.kind}`))).toEqual(new Set(['dprk/stance']));
  expect(
    stance.filter((row) => row.side === '1').map((row) => [row.side_stance, row.side_claims, row.side_independent_claimants])[0],
  ).toEqual(['asserts', '8', '4']);
  expect(stance.filter((row) => row.side === '2')).toHaveLength(2);
  // The paste's denial keeps its own words and its verbatim span in the article (seed: paste-hacks-not-from-dprk).
  const paste = stance.find((row) => row.claim === 'paste-hacks-not-from-dprk')!;
  expect([paste.side_stance, paste.claim_stance]).toEqual(['denies', 'denies']);
  expect(paste.quote).toContain('the hacks didn’t come from North Korea');
  expect(paste.evidence).toMatch(/^[a-z0-9-]+: “.*the hacks didn’t come from North Korea/);
  // Contradiction 2 is the dispute on the same target; there are no others.
  expect(new Set(rows.map((row) => `${row.contradiction}/${row.kind}`))).toEqual(new Set(['1/stance', '2/dispute']));
});

test('competing hypotheses of the Sony hack: ratings per claim and hypothesis, and the score row', () => {
  const { columns, rows, filename } = tables.ach;
  expect(filename).toBe('ach-sony-hack.csv');
  // One hypothesis, North Korea (every accusation of the Sony hack names it).
  expect(columns).toEqual(['claim', 'claimant', 'date', 'credibility', 'diagnostic', 'North Korea [dprk]']);
  const rating = (claim: string) => rows.find((row) => row.claim === claim)?.['North Korea [dprk]'];
  expect(rating('fbi-attributes-sony-hack')).toBe('CC'); // asserts, certain
  expect(rating('sa-suspicion-on-dprk')).toBe('C'); // asserts, moderate
  expect(rating('security-experts-doubt-dprk')).toBe('N'); // declines
  expect(rating('dprk-denies-sony-hack')).toBe('II'); // denies, certain
  // The last row is the score: the two certain denials, −2 × √2 (high credibility) × 1 (medium relevance) each: −4√2.
  const last = rows[rows.length - 1]!;
  expect(last.claim).toBe('score');
  expect(Number(last['North Korea [dprk]'])).toBeCloseTo(-4 * Math.SQRT2, 9);
  // With one hypothesis no row tells hypotheses apart.
  expect(new Set(rows.slice(0, -1).map((row) => row.diagnostic))).toEqual(new Set(['false']));
});

test('provenance of the revenge outlet’s claim: its chain back to McCaul, with the origin’s group', () => {
  const { rows, filename } = tables.provenance;
  expect(filename).toBe('provenance-revenge-us-admitted.csv');
  // revenge-us-admitted cites and characterizes mccaul-outage-was-response (via Bloomberg), which cites
  // mccaul-cyber-responses (via Bloomberg), which cites nothing: three steps, the last the origin.
  expect(rows.map((row) => [row.depth, row.claim, row.claimant, row.from, row.via, row.reported_via, row.origin_group])).toEqual([
    ['0', 'revenge-us-admitted', 'outlet-nk-outage-revenge', '', '', '', ''],
    ['1', 'mccaul-outage-was-response', 'michael-mccaul', 'revenge-us-admitted', 'cites | characterizes', 'bloomberg', ''],
    ['2', 'mccaul-cyber-responses', 'michael-mccaul', 'mccaul-outage-was-response', 'cites', 'bloomberg', 'michael-mccaul'],
  ]);
});

test('the matrix of the Sony hack: a row per claimant, a column per target', () => {
  const { columns, rows, filename } = tables.matrix;
  expect(filename).toBe('matrix-sony-hack.csv');
  expect(columns).toEqual(['group', 'claimant', 'name', 'North Korea [dprk]']);
  // Eight assert (the five of the US group, SiliconANGLE, the observers, the outlet), two deny (North Korea, the
  // paste's authors) and the security experts decline: 11 claimants (tests/api/matrix.test.ts lists them).
  expect(rows).toHaveLength(11);
  // The paste's one claim toward North Korea: a certain denial dated 19 December 2014, with no hedge.
  expect(rows.find((row) => row.claimant === 'anon-paste-authors')?.['North Korea [dprk]']).toBe('denies (certain, 2014-12-19)');
  expect(rows.find((row) => row.claimant === 'security-experts')?.['North Korea [dprk]']).toMatch(/^neither \(/);
});
