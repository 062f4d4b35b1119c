// A large graph starts small, in Chromium: the bench's synthetic generator at 20,000 claims in this run's own Neo4j;
// `/` never asks for the whole graph, "Explore all" grows from one incident, and a hub's expansions stay within their cap.
import type { Browser, Page } from 'playwright-core';
import { loadInBatches } from '../../server/db/batchLoad';
import type { Database } from '../../server/db/neo4j';
import { syntheticChunks, syntheticPlan } from '../../seed/synthetic';
import { testDatabase, wipe } from '../support/db';
import { launchBrowser, screenshot, settled, startApp, QUERY_TIMEOUT_MS, type RunningApp } from './support';
import { DEFAULT_SETTINGS } from '../../client/src/core/settings';

// 20,000 claims: 400 actors, 200 incidents and 1,000 sources (seed/synthetic.ts SHAPE: 1/50, 1/100, 1/20 of the claims).
const PLAN = syntheticPlan({ claims: 20_000, seed: 15 });
// 1,000 + 400 + 200 + 20,000 = 21,600 records, far above the default threshold of 2,000.
const RECORDS = 21_600;
const { startSmallAbove: THRESHOLD, growPage: PAGE, expandLimit: CAP } = DEFAULT_SETTINGS;

let db: Database;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  db = testDatabase({ QUERY_TIMEOUT_MS });
  await wipe(db);
  await loadInBatches(
    db,
    { id: PLAN.datasetId, title: PLAN.title, version: PLAN.fingerprint, fingerprint: PLAN.fingerprint, chunkCount: PLAN.chunkCount },
    (first) => syntheticChunks(PLAN, first),
    { resume: false },
  );
  app = await startApp(db);
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.close();
});

/** Every API request the page makes, with its query, and the node count of each graph it is answered with. */
interface Logged {
  path: string;
  status: number;
  query: URLSearchParams;
  nodes: number | null;
}

async function openLogged(path: string): Promise<{ page: Page; log: Logged[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const log: Logged[] = [];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    const entry: Logged = { path: url.pathname, status: response.status(), query: url.searchParams, nodes: null };
    log.push(entry);
    const body = (await response.json().catch(() => null)) as { graph?: { nodes?: unknown[] } } | null;
    if (Array.isArray(body?.graph?.nodes)) entry.nodes = body.graph.nodes.length;
  });
  await page.goto(`${app.url}${path}`);
  return { page, log, errors };
}

/** Waits for `selector`; on a timeout, says what the status layer shows and how the API answered the page. */
async function appears(page: Page, selector: string, log: Logged[]): Promise<void> {
  try {
    await page.locator(selector).first().waitFor({ timeout: 60_000 });
  } catch (error) {
    const status = await page
      .locator('#status')
      .textContent()
      .catch(() => null);
    const answers = log.map((entry) => `${entry.status} ${entry.path}`).join(', ');
    throw new Error(`${selector} did not show within 60 s; the status layer says ${JSON.stringify(status)}; the API answered: ${answers}`, {
      cause: error,
    });
  }
}

const order = (page: Page) => page.evaluate('window.__explorer.graph.order') as Promise<number>;

test('the synthetic graph is large: more records than the threshold', () => {
  expect(PLAN.sources + PLAN.actors + PLAN.incidents + PLAN.claims).toBe(RECORDS);
  expect(RECORDS).toBeGreaterThan(THRESHOLD);
});

test('`/` asks for no more than the configured number of nodes, and Explore all grows from the most accused incident', async () => {
  const { page, log, errors } = await openLogged('/');
  await appears(page, '#start .start-incident', log);
  await settled(page, 60_000);
  // The start page: 20 incidents of 200, with more on request; the summary says why the graph is not drawn whole.
  expect(await page.locator('#start li.start-incident').count()).toBe(DEFAULT_SETTINGS.overviewIncidents);
  expect(await page.locator('#start [data-action="more-incidents"]').count()).toBe(1);
  expect(await page.locator('#start .start-summary').textContent()).toContain('200 incidents · 21,600 records — too many to draw');
  // The whole graph was never asked for, and nothing on the page holds a node yet.
  expect(log.map((entry) => entry.path)).not.toContain('/api/graph');
  expect(await order(page)).toBe(0);
  const top = await page.locator('#start li.start-incident').first().getAttribute('data-incident');

  await page.locator('#start button[data-action="explore-all"]').click();
  await page.locator('#growth-banner').waitFor({ state: 'visible', timeout: 60_000 });
  await settled(page, 60_000);
  const neighbourhoods = log.filter((entry) => entry.path.startsWith('/api/graph/neighborhood/'));
  // One request: the most accused incident and one page of its neighbours, 1 + 50 = 51 nodes at most.
  expect(neighbourhoods.map((entry) => entry.path)).toEqual([`/api/graph/neighborhood/${top}`]);
  expect(Number(neighbourhoods[0]!.query.get('limit'))).toBe(PAGE + 1);
  expect(neighbourhoods[0]!.nodes).toBeLessThanOrEqual(PAGE + 1);
  expect(log.map((entry) => entry.path)).not.toContain('/api/graph');
  // Every request of the page asked for at most the threshold's number of nodes, and the page holds no more.
  for (const entry of log) expect(Number(entry.query.get('limit') ?? 0)).toBeLessThanOrEqual(THRESHOLD);
  const shown = await order(page);
  expect(shown).toBeGreaterThan(1);
  expect(shown).toBeLessThanOrEqual(PAGE + 1);
  expect(await page.locator('#growth-banner .growth-text').textContent()).toMatch(new RegExp(`^Showing ${shown} of 21,600 nodes`));
  await screenshot(page, 'e2e-scale-explore-all');
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

test('expanding a hub pages its neighbours, 50 at a time, and never past its cap', async () => {
  const { page, log, errors } = await openLogged('/?mode=explore');
  await appears(page, '#growth-banner [data-action="grow-more"]', log);
  await settled(page, 60_000);
  const hub = new URL(log.find((entry) => entry.path.startsWith('/api/graph/neighborhood/'))!.path, app.url).pathname.split('/').pop();
  // "Show more" until the cap: 51, then 51 + 50 = 101, 151, and 200 (151 + 50 = 201 is past the cap of 200).
  for (let round = 0; round < 10; round += 1) {
    const more = page.locator('#growth-banner [data-action="grow-more"]');
    if ((await more.count()) === 0) break;
    await more.click();
    await settled(page, 60_000);
  }
  const limits = log.filter((entry) => entry.path === `/api/graph/neighborhood/${hub}`).map((entry) => Number(entry.query.get('limit')));
  expect(limits).toEqual([PAGE + 1, 2 * PAGE + 1, 3 * PAGE + 1, CAP]);
  for (const entry of log.filter((logged) => logged.nodes !== null)) expect(entry.nodes).toBeLessThanOrEqual(CAP);
  // Everything on the page came from the hub's neighbourhoods: no more than the cap.
  const shown = await order(page);
  expect(shown).toBeGreaterThan(3 * PAGE);
  expect(shown).toBeLessThanOrEqual(CAP);
  expect(await page.locator('#growth-banner [data-action="grow-more"]').count()).toBe(0);
  expect(log.map((entry) => entry.path)).not.toContain('/api/graph');
  expect(errors).toEqual([]);
  await page.context().close();
}, 240_000);
