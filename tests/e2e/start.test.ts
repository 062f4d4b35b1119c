// The start page in Chromium: a bare URL opens the overview (what to do, search, every incident with its most-blamed
// targets as stance bars), an incident opens its attribution framed, and "Explore all" the whole graph in one click.
import type { Page } from 'playwright-core';
import { expectReference } from './reference';
import { settled, urlParam, useExplorer } from './support';

const explorer = useExplorer();

/** The requests to the API a page makes, by path, from the moment it is opened. */
function apiLog(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) paths.push(url.pathname);
  });
  return paths;
}

test('a bare URL opens the start page: what to do, a search box, Explore all, and every incident ranked', async () => {
  const page = await explorer.open('/', { ready: '#start .start-incident' });
  expect(await page.locator('#start').isVisible()).toBe(true);
  expect(await page.locator('#start .start-title').textContent()).toBe('Who was blamed for what');
  expect(await page.locator('#start .start-intro').textContent()).toMatch(/^Pick an incident/);
  expect(await page.locator('#start .start-search input').getAttribute('aria-label')).toMatch(/^Search to start/);
  expect(await page.locator('#start button[data-action="explore-all"]').textContent()).toBe('Explore all');
  // The Sony story has 13 incidents, fewer than a page (20): all listed, no "Show more incidents".
  expect(await page.locator('#start li.start-incident').count()).toBe(13);
  expect(await page.locator('#start [data-action="more-incidents"]').count()).toBe(0);
  // 13 incidents, 3 + 55 + 13 + 1 + 93 = 165 records (seed/data/sony-dprk-2014.json).
  expect(await page.locator('#start .start-summary').textContent()).toBe('13 incidents · 165 records');
  // Most accused first: nk-internet-outage (17 accusations), then sony-hack (11).
  const order = await page
    .locator('#start li.start-incident')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-incident')));
  expect(order.slice(0, 2)).toEqual(['nk-internet-outage', 'sony-hack']);
  // No mode button is pressed but Start.
  expect(await page.locator('.mode-button[data-mode="start"]').getAttribute('aria-pressed')).toBe('true');
  expect(await page.locator('.mode-button[aria-pressed="true"]').count()).toBe(1);
  // The picture too: the README shows this reference as the start page.
  await expectReference(page, 'start-page');
});

test('each incident shows its most-blamed targets as a stacked bar of asserts, denies and neither', async () => {
  const page = await explorer.open('/', { ready: '#start .start-incident' });
  const sony = page.locator('#start li.start-incident[data-incident="sony-hack"]');
  expect(await sony.locator('.start-incident-counts').textContent()).toBe('11 accusations · 1 target');
  const dprk = sony.locator('li.start-target[data-target="dprk"]');
  // 8 assert, 2 deny, 1 neither; the five US voices are one, with three others: 4 independent (tests/api/overview.test.ts).
  expect(await dprk.locator('.stance-bar').getAttribute('aria-label')).toBe(
    'North Korea: 8 assert, 2 deny, 1 neither; 4 independent claimants assert',
  );
  expect(await dprk.locator('.start-target-independent').textContent()).toBe('4 independent');
  // The bar's parts are as wide as their counts: 8 : 2 : 1 of the bar's width.
  const widths = await dprk.locator('.stance-segment').evaluateAll((parts) => parts.map((part) => part.getBoundingClientRect().width));
  const total = widths.reduce((sum, width) => sum + width, 0);
  expect(total).toBeGreaterThan(30);
  expect(widths[0]! / total).toBeCloseTo(8 / 11, 1);
  expect(widths[1]! / total).toBeCloseTo(2 / 11, 1);
  expect(widths[2]! / total).toBeCloseTo(1 / 11, 1);
  // The outage lists its three most blamed of five targets: usa, anonymous, infrastructure-failure; "and 2 others".
  const outage = page.locator('#start li.start-incident[data-incident="nk-internet-outage"]');
  const targets = await outage.locator('li.start-target').evaluateAll((items) => items.map((item) => item.getAttribute('data-target')));
  expect(targets).toEqual(['usa', 'anonymous', 'infrastructure-failure']);
  expect(await outage.locator('.start-others').textContent()).toBe('and 2 others');
  expect(await outage.locator('li.start-target[data-target="infrastructure-failure"] .start-target-type').textContent()).toBe(
    'Explanation (no culprit)',
  );
});

test('choosing an incident opens its attribution with its subgraph framed, and Back returns to the start page', async () => {
  const page = await explorer.open('/', { ready: '#start .start-incident' });
  await page.locator('#start a.start-incident-link[data-incident="sony-hack"]').click();
  await urlParam(page, 'mode', 'attribution');
  await urlParam(page, 'node', 'sony-hack');
  await page.locator('#panel article.accused').first().waitFor();
  await settled(page);
  expect(await page.locator('#start').isHidden()).toBe(true);
  // Framed: the incident is drawn on the stage, inside the viewport.
  const framed = (await page.evaluate(`(() => {
    const renderer = window.__explorer.renderer();
    const data = renderer.getNodeDisplayData('sony-hack');
    const { width, height } = renderer.getDimensions();
    const at = renderer.framedGraphToViewport(data);
    return { hidden: data.hidden, inside: at.x >= 0 && at.x <= width && at.y >= 0 && at.y <= height };
  })()`)) as { hidden: boolean; inside: boolean };
  expect(framed).toEqual({ hidden: false, inside: true });
  await expectReference(page, 'attribution-from-start');
  await page.goBack();
  await page.locator('#start').waitFor({ state: 'visible' });
  expect(new URL(page.url()).search).toBe('');
});

test('Explore all opens the whole graph in one click, at ?mode=explore', async () => {
  const page = await explorer.open('/', { ready: '#start .start-incident' });
  await page.locator('#start button[data-action="explore-all"]').click();
  await urlParam(page, 'mode', 'explore');
  await settled(page);
  expect(await page.locator('#start').isHidden()).toBe(true);
  // The Sony story is far below 2,000 records: the whole graph was loaded, and every record is drawn.
  expect(await page.evaluate('window.__explorer.graph.order')).toBe(165);
  expect(await page.locator('#growth-banner').isHidden()).toBe(true);
});

test('links from before the start page open what they opened: a node, an attribution, the explicit whole graph', async () => {
  const node = await explorer.open('/?node=fbi', { ready: '#panel .panel-section' });
  expect(await node.locator('#start').isHidden()).toBe(true);
  expect(await node.locator('#panel').isVisible()).toBe(true);
  const attribution = await explorer.open('/?mode=attribution&node=sony-hack', { ready: '#panel article.accused' });
  expect(await attribution.locator('#start').isHidden()).toBe(true);
  const whole = await explorer.blank();
  // The log fills as the page asks, so it is kept, not copied.
  const requests = apiLog(whole);
  await whole.goto(`${explorer.app.url}/?mode=explore`);
  await settled(whole);
  expect(await whole.locator('#start').isHidden()).toBe(true);
  // One overview to learn the graph's size, then the whole graph, since it is small.
  expect(requests.slice(0, 2)).toEqual(['/api/overview', '/api/graph']);
});

test('a search on the start page opens the record picked', async () => {
  const page = await explorer.open('/', { ready: '#start .start-incident' });
  await page.locator('#start .start-search input').fill('FBI');
  const option = page.locator('#start .start-search [role="option"]').first();
  await option.waitFor();
  await option.click();
  await urlParam(page, 'node', 'fbi');
  await page.locator('#panel .panel-section').first().waitFor();
  expect(await page.locator('#start').isHidden()).toBe(true);
});
