// Failures are visible: a dead database gives the API's 503 problem on the page with a retry, and an unreachable API is retried.
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../server/db/neo4j';
import { resetAndSeed, testDatabase } from '../support/db';
import {
  closedPort,
  launchBrowser,
  nodePixels,
  screenshot,
  settled,
  startApp,
  watchErrors,
  QUERY_TIMEOUT_MS,
  type RunningApp,
} from './support';

let browser: Browser;
let liveDb: Database;
let deadDb: Database;
let live: RunningApp;
let dead: RunningApp;

beforeAll(async () => {
  liveDb = testDatabase({ QUERY_TIMEOUT_MS });
  await resetAndSeed(liveDb);
  live = await startApp(liveDb);
  // A second app whose database is a port nothing listens on: every query fails the way a down Neo4j does.
  deadDb = testDatabase({ NEO4J_URI: `bolt://127.0.0.1:${await closedPort()}` });
  dead = await startApp(deadDb);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([live?.close(), dead?.close()]);
  await Promise.all([liveDb?.close(), deadDb?.close()]);
});

async function failureCard(page: Page) {
  const card = page.locator('#status .problem');
  await card.waitFor({ timeout: 20_000 });
  return card;
}

test('with Neo4j down the page shows the API’s 503 problem, keeps its shell, and retries on request', async () => {
  const api = await fetch(`${dead.url}/api/graph`);
  expect(api.status).toBe(503);
  const problem = (await api.json()) as { title: string; detail: string };

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = watchErrors(page);
  // The first load asks for the overview (the graph's size, and the start page) before any graph.
  let graphRequests = 0;
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === '/api/graph' || pathname === '/api/overview') graphRequests += 1;
  });
  await page.goto(`${dead.url}/`);
  const card = await failureCard(page);
  expect(await card.locator('.problem-title').textContent()).toBe(problem.title);
  expect(await card.locator('.problem-detail').textContent()).toBe(problem.detail);
  expect(await card.textContent()).toContain('Loading the graph');
  expect(await card.locator('.retry-hint').textContent()).toMatch(/^Retrying by itself in \d+ s\.$/);
  // Never blank: the top bar and the legend are still there.
  expect(await page.locator('.topbar').isVisible()).toBe(true);
  expect(await page.locator('#legend').isVisible()).toBe(true);
  await screenshot(page, 'e2e-database-down');

  const retry = card.locator('button[data-action="retry"]');
  expect(
    await retry.evaluate(
      (element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
    ),
  ).toBe(true);
  // The page also retries by itself after the API's Retry-After; on a slow machine that may come first, so the
  // click is checked as one more request than were made before it.
  const beforeClick = graphRequests;
  expect(beforeClick).toBeGreaterThanOrEqual(1);
  await retry.click();
  await page.locator('#status .problem .problem-title').waitFor();
  expect(graphRequests).toBe(beforeClick + 1);
  expect(await page.locator('#status .problem-title').textContent()).toBe(problem.title);
  expect(errors).toEqual([]);
  await page.close();
});

test('an API that does not answer within 8 s is reported as not answering', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = watchErrors(page);
  // Hold the request without ever answering it.
  await page.route('**/api/graph?*', () => undefined);
  const started = Date.now();
  await page.goto(`${live.url}/?mode=explore`);
  expect(await page.locator('#status .status-card').textContent()).toContain('Loading the graph');
  const card = await failureCard(page);
  expect(Date.now() - started).toBeGreaterThanOrEqual(7500);
  expect(await card.locator('.problem-title').textContent()).toBe('The server is not answering');
  expect(await card.locator('.problem-detail').textContent()).toContain('expected an answer within 8 s');
  await screenshot(page, 'e2e-api-timeout');
  expect(errors).toEqual([]);
  await page.close();
});

test('an unreachable API is reported, and Retry loads the graph once it answers again', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = watchErrors(page);
  await page.route('**/api/graph?*', (route) => route.abort('connectionrefused'));
  await page.goto(`${live.url}/?mode=explore`);
  const card = await failureCard(page);
  expect(await card.locator('.problem-title').textContent()).toBe('Cannot reach the server');
  expect(await card.locator('.problem-detail').textContent()).toContain('/api/graph');

  await page.unroute('**/api/graph?*');
  await card.locator('button[data-action="retry"]').click();
  await settled(page);
  expect(await page.locator('#status').isHidden()).toBe(true);
  const pixels = await nodePixels(page, []);
  expect(pixels.drawn).toBeGreaterThan(3000);
  expect(errors).toEqual([]);
  await page.close();
});
