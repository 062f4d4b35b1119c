// The analyst views in headless Chromium against the real app and the seeded Neo4j: the who-blames-whom matrix of the
// Sony hack, a contested badge with both sides, competing hypotheses for the North Korean outage (read-only, then rated
// with a write token), the timeline moving the matrix, the claimant network and a claim's provenance chain.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Ach } from '../../server/model/hypotheses';
import { isoToDay } from '../../server/model/dates';
import { STANCE_COLORS, TIE_COLORS } from '../../client/src/core/graph/style';
import { expectReference } from './reference';
import { urlParam, useExplorer } from './support';

/** Writes need a token; the app this file starts reads it from the environment. */
const TOKEN = 'e2e-analysis-token';
const previousToken = process.env.WRITE_TOKEN;
process.env.WRITE_TOKEN = TOKEN;
afterAll(() => {
  if (previousToken === undefined) delete process.env.WRITE_TOKEN;
  else process.env.WRITE_TOKEN = previousToken;
});

// Each scenario walks several steps in a real browser; two cores shared with a Neo4j and other runs need the room.
jest.setTimeout(120_000);

const explorer = useExplorer();

/**
 * Who takes which stance on North Korea's responsibility for the Sony hack, from the seed's accusations of `dprk` for
 * `sony-hack`: eight claimants assert it (Obama, the FBI and its director, the NSA and its head, SiliconANGLE, the
 * outage-revenge outlet and the unnamed observers), the paste's authors and North Korea deny it, the security experts
 * neither confirm nor deny.
 */
const ASSERT = [
  'barack-obama',
  'fbi',
  'fbi-director',
  'nsa',
  'nsa-director',
  'outlet-nk-outage-revenge',
  'siliconangle',
  'unnamed-observers',
].sort();
const DENY = ['anon-paste-authors', 'dprk'].sort();

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** The claimants whose cell on `target` holds `stance`, sorted. */
async function claimantsWith(page: Page, target: string, stance: string): Promise<string[]> {
  const ids = await page
    .locator(`.matrix-cell[data-target="${target}"][data-stances~="${stance}"]`)
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-claimant') ?? ''));
  return ids.sort();
}

async function openMatrix(query = ''): Promise<Page> {
  const page = await explorer.open(`/?mode=attribution&node=sony-hack&tab=matrix${query}`, {
    ready: 'table.matrix[data-incident="sony-hack"]',
  });
  return page;
}

test('the matrix of the Sony hack: who asserts and who denies North Korea did it, grouped by independence, with evidence and the reader', async () => {
  const page = await explorer.open('/?mode=attribution&node=sony-hack', { ready: '.analysis-tab[data-tab="matrix"]' });
  await page.locator('.analysis-tab[data-tab="matrix"]').click();
  await page.locator('table.matrix[data-incident="sony-hack"]').waitFor();
  await urlParam(page, 'tab', 'matrix');
  expect(await page.locator('.analysis-tab[aria-selected="true"]').getAttribute('data-tab')).toBe('matrix');

  expect(await claimantsWith(page, 'dprk', 'asserts')).toEqual(ASSERT);
  expect(await claimantsWith(page, 'dprk', 'denies')).toEqual(DENY);
  expect(await claimantsWith(page, 'dprk', 'neither')).toEqual(['security-experts']);

  // Obama, the FBI and the NSA are each affiliated with the US (confirmed), the directors with their agencies: one group of five.
  const group = await page
    .locator('tbody.matrix-group:has(tr[data-claimant="fbi"]) tr.matrix-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-claimant')));
  expect(group.sort()).toEqual(['barack-obama', 'fbi', 'fbi-director', 'nsa', 'nsa-director']);
  expect(await page.locator('tbody.matrix-group:has(tr[data-claimant="dprk"]) tr.matrix-row').count()).toBe(1);

  // A certain assertion (the FBI's) is the stance colour itself; the unnamed observers' moderate one is shaded to 0.625:
  // #d62839 over white → (255 − 41 × 0.625, 255 − 215 × 0.625, 255 − 198 × 0.625) = (229, 121, 131) after rounding.
  const chip = (claimant: string) =>
    page
      .locator(`.matrix-cell[data-claimant="${claimant}"][data-target="dprk"] .claim-chip`)
      .first()
      .evaluate(
        (element) =>
          (globalThis as unknown as { getComputedStyle(target: unknown): { backgroundColor: string } }).getComputedStyle(element)
            .backgroundColor,
      );
  expect(await chip('fbi')).toBe(rgb(STANCE_COLORS.asserts));
  expect(await chip('unnamed-observers')).toBe('rgb(229, 121, 131)');

  // A cell lists its claims with their evidence; the evidence opens the article with the claim's words marked.
  await page.locator('.matrix-cell[data-claimant="fbi"][data-target="dprk"]').click();
  const claim = page.locator('.matrix-detail li.matrix-claim[data-claim="fbi-attributes-sony-hack"]');
  await claim.waitFor();
  expect(await claim.locator('.evidence-quote').count()).toBeGreaterThan(0);
  await expectReference(page, 'matrix');
  await claim.locator('a.reader-link').first().click();
  await page.locator('#reader:not([hidden]) .part.current').first().waitFor();
  await urlParam(page, 'read', 'src-siliconangle-nk-offline');
  // Back returns to the matrix tab.
  await page.goBack();
  await page.locator('table.matrix[data-incident="sony-hack"]').waitFor();
});

test('the matrix downloads as the server’s CSV and as a PNG drawn in the page', async () => {
  const page = await openMatrix();
  const href = await page.locator('[data-action="matrix-csv"]').getAttribute('href');
  expect(href).toBe('/api/incidents/sony-hack/matrix?format=csv');
  const response = await fetch(`${explorer.app.url}${href}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  const csv = await response.text();
  expect(csv.split('\n')[0]).toContain('North Korea');
  expect(csv.split('\n').find((line) => line.includes(',fbi,'))).toContain('asserts');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="matrix-png"]').click()]);
  expect(download.suggestedFilename()).toBe('matrix-sony-hack.png');
  const bytes = readFileSync((await download.path()) as string);
  // The PNG signature: 0x89 "PNG".
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});

test('a contested badge shows both sides side by side, with their quotes', async () => {
  const page = await explorer.open('/?mode=attribution&node=sony-hack', { ready: '.accused[data-accused="dprk"] .contested-badge' });
  const badge = page.locator('.accused[data-accused="dprk"] .contested-badge');
  expect((await badge.getAttribute('data-kinds'))?.split(' ')).toContain('stance');
  await badge.click();
  const view = page.locator('[data-contested-view="dprk"] .contradiction[data-kind="stance"]');
  await view.waitFor();
  const asserts = view.locator('.contested-side[data-stance="asserts"]');
  const denies = view.locator('.contested-side[data-stance="denies"]');
  // Side by side: the two columns start at the same height, the assertions on the left.
  const [left, right] = [await asserts.boundingBox(), await denies.boundingBox()];
  expect(left).not.toBeNull();
  expect(right).not.toBeNull();
  expect(Math.abs(left!.y - right!.y)).toBeLessThan(2);
  expect(left!.x + left!.width).toBeLessThanOrEqual(right!.x + 1);
  // The paste's own words on the denying side, SiliconANGLE's on the asserting side (seed quotes).
  expect(await denies.locator('li[data-claim="paste-hacks-not-from-dprk"] q').textContent()).toContain(
    'the hacks didn’t come from North Korea',
  );
  expect(await asserts.locator('li[data-claim="sa-dprk-played-with-fire"] q').textContent()).toBe(
    'If you play with fire, expect to get burned.',
  );
  await expectReference(page, 'contested');
  // The graph marks the same target and claims: their labels carry the badge (sigma's display data, as drawn).
  const drawnLabel = (node: string) =>
    page.evaluate(`window.__explorer.renderer().getNodeDisplayData(${JSON.stringify(node)})?.label ?? null`) as Promise<string | null>;
  await page.waitForFunction(`(window.__explorer.renderer().getNodeDisplayData('dprk')?.label ?? '').endsWith(' · contested')`);
  expect(await drawnLabel('paste-hacks-not-from-dprk')).toMatch(/ · contested$/);
  // The incident itself is no target of a contradiction, so its label is plain.
  expect(await drawnLabel('sony-hack')).not.toMatch(/contested/);
  // A second click folds it away.
  await badge.click();
  expect(await page.locator('[data-contested-view="dprk"]').count()).toBe(0);

  // The matrix's column for North Korea carries the badge too, and it opens the same sides under the table.
  const matrix = await openMatrix();
  await matrix.locator('th.matrix-target[data-target="dprk"] .contested-badge').click();
  await matrix.locator('.matrix-detail [data-contested-view="dprk"] .contested-side[data-stance="denies"]').first().waitFor();
});

test('ACH for the North Korean outage: hypotheses by score, rows by diagnosticity, derived cells read-only until a token is kept', async () => {
  const page = await explorer.open('/?mode=attribution&node=nk-internet-outage&tab=ach', { ready: '.ach-view table.ach' });
  const headers = await page
    .locator('th.ach-hypothesis')
    .evaluateAll((cells) => cells.map((cell) => [cell.getAttribute('data-hypothesis'), cell.querySelector('.score')?.textContent ?? '']));
  // Each actor is rated I once, by the one assertion of the infrastructure failure (moderate: credibility 1): −1. The
  // failure is rated I by every assertion of a culprit: four low (1/√2 each), four moderate (1 each) and two certain or
  // high (√2 each): −(4 × 0.7071 + 4 + 2 × 1.4142) = −9.657. So the four actors come first, the failure last.
  expect(
    headers
      .map(([id]) => id)
      .slice(0, 4)
      .sort(),
  ).toEqual(['anonymous', 'sony-pictures', 'us-sony-allies', 'usa']);
  expect(headers.slice(0, 4).every(([, score]) => score.startsWith('score -1.00'))).toBe(true);
  expect(headers[4]).toEqual(['infrastructure-failure', 'score -9.66 · rank 5']);

  // Most diagnostic first: the two firm assertions that the US did it (CC for the US, I × √2 for the failure: spread 1.414).
  await page.locator('select[data-action="ach-sort"]').selectOption('diagnosticity');
  const first = await page.locator('tr.ach-row').evaluateAll((rows) => rows.slice(0, 2).map((row) => row.getAttribute('data-claim')));
  expect(first.sort()).toEqual(['revenge-us-admitted', 'revenge-us-almost-certain']);
  // And the flat rows last: Dyn's observation rates every hypothesis N.
  expect(await page.locator('tr.ach-row').last().getAttribute('data-diagnostic')).toBe('false');

  // Without a token every cell is derived and none can be edited.
  expect(await page.locator('td.ach-cell[data-source="analyst"]').count()).toBe(0);
  expect(await page.locator('td.ach-cell button').count()).toBe(0);
  await page.locator('.write-access summary').click();
  await page.locator('.write-access input[name="token"]').fill(TOKEN);
  await page.locator('.write-access input[name="analyst"]').fill('Ada');
  await page.locator('[data-action="keep-token"]').click();
  expect(await page.evaluate('JSON.parse(sessionStorage.getItem("claim-graph:write-access")).analyst')).toBe('Ada');
  expect(page.url()).not.toContain(TOKEN);

  // Dyn's observation is N for the US by the rule; the analyst rates it C.
  const cell = page.locator('tr[data-claim="dyn-outage-unprecedented"] td.ach-cell[data-hypothesis="usa"]');
  await cell.locator('button').click();
  const editor = page.locator('form.ach-editor[data-claim="dyn-outage-unprecedented"][data-hypothesis="usa"]');
  await editor.locator('select[name="rating"]').selectOption('C');
  await editor.locator('input[name="note"]').fill('Unprecedented fits a deliberate attack');
  await editor.locator('[data-action="save-rating"]').click();
  const rated = page.locator('tr[data-claim="dyn-outage-unprecedented"] td.ach-cell[data-hypothesis="usa"][data-source="analyst"]');
  await rated.waitFor();
  expect(await rated.getAttribute('data-rating')).toBe('C');
  expect(await rated.locator('.ach-rating').getAttribute('title')).toContain('rated by Ada');
  await expectReference(page, 'ach');

  const stored = (await (await fetch(`${explorer.app.url}/api/incidents/nk-internet-outage/ach`)).json()) as Ach;
  const row = stored.evidence.find((entry) => entry.claim.id === 'dyn-outage-unprecedented');
  const usa = row?.cells.find((entry) => entry.hypothesis === 'usa');
  expect(usa?.source).toBe('analyst');
  expect(usa?.derived).toBe('N');
  expect(usa?.analyst?.analyst).toBe('Ada');
});

test('the timeline moves the matrix: as of 20 December 2014 no official asserts North Korea did it, and a burst of steps asks once', async () => {
  const page = await openMatrix();
  expect(await claimantsWith(page, 'dprk', 'asserts')).toEqual(ASSERT);
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/incidents/sony-hack/matrix')) asked.push(new URL(request.url()).searchParams.get('asOf') ?? 'all');
  });
  // Five slider steps in one task, as a fast drag gives them: only the last one's matrix is asked for.
  const days = ['2014-12-01', '2014-12-05', '2014-12-10', '2014-12-15', '2014-12-20'].map((iso) => isoToDay(iso) as number);
  await page.evaluate(`(() => {
    const slider = document.querySelector('.timeline-slider');
    for (const day of ${JSON.stringify(days)}) {
      slider.value = String(day);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }
  })()`);
  await page.locator('table.matrix[data-as-of="2014-12-20"]').waitFor();
  await urlParam(page, 'until', '2014-12-20');
  expect(asked).toEqual(['2014-12-20']);
  // By the end of 20 December only the paste (19 Dec) and the observers' November suspicion had been made: the FBI
  // (23 Dec), Obama (December, so counted from 31 Dec) and the undated claims are left out.
  expect(await claimantsWith(page, 'dprk', 'asserts')).toEqual(['unnamed-observers']);
  expect(await claimantsWith(page, 'dprk', 'denies')).toEqual(['anon-paste-authors']);
  expect(await page.locator('.matrix-cell[data-claimant="fbi"]').count()).toBe(0);
  expect(await page.locator('.as-of-note').first().textContent()).toContain('As of 2014-12-20');

  // "All dates" brings every claim back, the FBI's assertion with them.
  await page.locator('[data-action="all-dates"]').click();
  await page.locator('table.matrix[data-as-of=""]').waitFor();
  expect(await claimantsWith(page, 'dprk', 'asserts')).toEqual(ASSERT);
});

test('the claimant network of the Sony hack in subtract mode: ten claimants, 29 agreeing and 16 opposing ties', async () => {
  const page = await explorer.open('/?mode=network&node=sony-hack&net=subtract.none', { ready: '.network-canvas svg' });
  expect(await page.locator('.mode-button[data-mode="network"]').getAttribute('aria-pressed')).toBe('true');
  // The eight who assert and the two who deny (a "neither" takes no side, so it makes no tie): C(10, 2) = 45 pairs, all on
  // the one concept. Agreeing pairs: C(8, 2) + C(2, 2) = 28 + 1 = 29, weight +1; opposing: 8 × 2 = 16, weight −1.
  expect(await page.locator('.network-canvas g.node').count()).toBe(10);
  const strokes = await page.locator('.network-canvas line.tie').evaluateAll((lines) => lines.map((line) => line.getAttribute('stroke')));
  expect(strokes).toHaveLength(45);
  expect(strokes.filter((stroke) => stroke === TIE_COLORS.agree)).toHaveLength(29);
  expect(strokes.filter((stroke) => stroke === TIE_COLORS.oppose)).toHaveLength(16);
  // Clicking North Korea lists only its nine ties.
  await page.locator('.network-canvas g.node[data-node="dprk"] circle').click();
  expect(await page.locator('.network-ties li[data-tie]').count()).toBe(9);
  await expectReference(page, 'claimant-network');
  // The Export menu downloads this network, with its options.
  const gexf = new URLSearchParams((await page.locator('.export-menu a[data-format="gexf"]').getAttribute('href'))!.split('?')[1]);
  expect(Object.fromEntries(gexf)).toMatchObject({ view: 'network', incident: 'sony-hack', mode: 'subtract', normalize: 'none' });
});

test('a claim’s panel shows where it came from: the article, the outlet, Bloomberg, McCaul', async () => {
  const page = await explorer.open('/?node=revenge-us-admitted', { ready: '[data-provenance="revenge-us-admitted"][data-loaded="true"]' });
  // revenge-us-admitted (the outlet, in "North Korea Web Outage Was Revenge For Sony Hack") cites McCaul's "yes", reported
  // via Bloomberg, which cites his CSIS remark, also via Bloomberg: the second step adds nothing to the words.
  const chains = await page
    .locator('[data-provenance="revenge-us-admitted"] .provenance-line')
    .evaluateAll((lines) => lines.map((line) => line.getAttribute('data-chain')));
  expect(chains).toEqual([
    'North Korea Web Outage Was Revenge For Sony Hack ← Unnamed outlet of “North Korea Web Outage Was Revenge For Sony Hack” ← Bloomberg ← Michael McCaul',
  ]);
  expect(await page.locator('[data-provenance="revenge-us-admitted"] .provenance-origin').textContent()).toContain('At a CSIS event');
});

test.each([
  ['the matrix', '/?mode=attribution&node=sony-hack&tab=matrix', 'table.matrix'],
  ['competing hypotheses', '/?mode=attribution&node=nk-internet-outage&tab=ach', 'table.ach'],
  ['the claimant network', '/?mode=network&node=sony-hack', '.network-canvas svg'],
])('axe-core finds no serious or critical violation: %s', async (_name, link, ready) => {
  const page = await explorer.open(link, { bypassCSP: true, ready });
  // Injected as access.test.ts does (the context bypasses the CSP for that one script).
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
  expect(violations).toEqual([]);
});
