// Reaching and reading the explorer: axe-core finds no serious or critical violation, the open panel is the next tab stop
// and takes focus, the graph answers the arrow keys and Enter, 1024×768 leaves the graph half the width, and a path or a
// record that does not exist gets a 404 that says what was asked for and offers no Retry.
import type { Page } from 'playwright-core';
import { expectReference } from './reference';
import { screenshot, settled, urlParam, useExplorer } from './support';

const explorer = useExplorer();

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (injected as the brief says; the context bypasses the CSP for that script) and returns serious and critical violations. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`)) as Violation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** The id of the focused element, or of the nearest ancestor that has one. */
async function focusedWithin(page: Page): Promise<string | null> {
  return (await page.evaluate(`(() => {
    let element = document.activeElement;
    while (element && !element.id) element = element.parentElement;
    return element ? element.id : null;
  })()`)) as string | null;
}

test.each([
  ['the start page', '/', 1280, 800, '#start .start-incident'],
  ['the start page at 390×844', '/', 390, 844, '#start .start-incident'],
  ['the whole graph', '/?mode=explore', 1280, 800, null],
  ['an actor’s panel', '/?node=fbi', 1280, 800, '#panel .panel-section'],
  ['an attribution', '/?mode=attribution&node=sony-hack', 1280, 800, '#panel article.accused'],
  ['paths', '/?mode=paths&from=anonymous&to=fbi', 1280, 800, '#panel .path-list li.path'],
  ['an attribution at 1024×768', '/?mode=attribution&node=sony-hack', 1024, 768, '#panel article.accused'],
  ['an actor’s panel at 390×844', '/?node=fbi', 390, 844, '#panel .panel-section'],
  ['a record that does not exist', '/?node=no-such-record', 1280, 800, '#panel [data-problem="not-found"]'],
])('axe-core finds no serious or critical violation: %s', async (_name, link, width, height, ready) => {
  const page = await explorer.open(link, { width, height, bypassCSP: true, ...(ready === null ? {} : { ready }) });
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe-core finds no serious or critical violation on the 404 page', async () => {
  const page = await explorer.blank({ bypassCSP: true });
  await page.goto(`${explorer.app.url}/no/such/page`);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the open panel is the next tab stop after the top bar, and a node opened from the graph takes focus', async () => {
  const page = await explorer.open('/?node=fbi', { ready: '#panel .panel-section' });
  await page.locator('.main-search input').focus();
  // Tab on through the top bar (search, modes, export): the first stop past it is in the panel (its resize handle).
  const inTopBar = () => page.evaluate('document.activeElement.closest(".topbar") !== null') as Promise<boolean>;
  let stops = 0;
  do {
    await page.keyboard.press('Tab');
    stops += 1;
  } while ((await inTopBar()) && stops < 20);
  expect(await focusedWithin(page)).toBe('panel');
  // Every control of the page has an accessible name (a text, a label or aria-label); none is left nameless.
  const nameless = await page.evaluate(`[...document.querySelectorAll('button, input, select, summary, [role="separator"], [tabindex="0"]')]
    .filter((element) => element.getClientRects().length > 0)
    .filter((element) => {
      const labelled = element.id && document.querySelector('label[for="' + element.id + '"]');
      const wrapped = element.closest('label');
      return !(element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || (element.textContent || '').trim() || labelled || wrapped);
    })
    .map((element) => element.outerHTML.slice(0, 80))`);
  expect(nameless).toEqual([]);
});

test('the graph from the keyboard: arrows move between neighbours, Enter opens the panel with focus, Escape returns to the graph', async () => {
  const page = await explorer.open('/?node=fbi', { ready: '#panel .panel-section' });
  // An arrow for which a drawn neighbour of the FBI lies within 60° of its direction (viewport y grows downwards).
  const arrow = (await page.evaluate(`(() => {
    const hook = window.__explorer;
    const renderer = hook.renderer();
    const at = (node) => renderer.framedGraphToViewport(renderer.getNodeDisplayData(node));
    const from = at('fbi');
    const keys = [['ArrowRight', 1, 0], ['ArrowDown', 0, 1], ['ArrowLeft', -1, 0], ['ArrowUp', 0, -1]];
    for (const [key, vx, vy] of keys) {
      for (const node of hook.graph.neighbors('fbi')) {
        const to = at(node);
        const length = Math.hypot(to.x - from.x, to.y - from.y);
        if (length > 0 && ((to.x - from.x) * vx + (to.y - from.y) * vy) / length >= 0.5) return key;
      }
    }
    return null;
  })()`)) as string | null;
  expect(arrow).not.toBeNull();
  // The keyboard starts on the open record.
  await page.locator('#graph').focus();
  await page.keyboard.press(arrow!);
  const said = (await page.locator('#graph-announcer').textContent()) ?? '';
  expect(said).not.toMatch(/^No /);
  expect(await page.locator('.hover-card').isVisible()).toBe(true);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => new URL((globalThis as unknown as { location: { href: string } }).location.href).searchParams.get('node') !== 'fbi',
  );
  await settled(page);
  const opened = new URL(page.url()).searchParams.get('node')!;
  expect(await page.evaluate(`window.__explorer.graph.areNeighbors('fbi', ${JSON.stringify(opened)})`)).toBe(true);
  expect(await page.evaluate('document.activeElement.id')).toBe('panel-title');
  // What was announced was that node: its full name, or a claim's text.
  const attributes = (await page.evaluate(`window.__explorer.graph.getNodeAttributes(${JSON.stringify(opened)})`)) as {
    type: string;
    label: string;
    text?: string;
  };
  expect(said).toContain(attributes.type === 'claim' && attributes.text ? attributes.text : attributes.label);
  await page.keyboard.press('Escape');
  await page.locator('#panel').waitFor({ state: 'hidden' });
  expect(await page.evaluate('document.activeElement.id')).toBe('graph');
});

test('at 1024×768 the graph keeps at least half the width beside an attribution, however wide the panel is dragged', async () => {
  const page = await explorer.open('/?mode=attribution&node=sony-hack', { width: 1024, height: 768, ready: '#panel article.accused' });
  const graph = async () => (await page.locator('#graph').boundingBox())!.width;
  expect(await graph()).toBeGreaterThanOrEqual(512);
  // The sidebar is a drawer here: closed at first, its filters above its legend, the legend closed.
  expect(await page.locator('#sidebar').isVisible()).toBe(false);
  await page.locator('.sidebar-toggle').click();
  await page.locator('#sidebar').waitFor({ state: 'visible' });
  const filters = (await page.locator('#sidebar .filters-box').boundingBox())!;
  const legend = (await page.locator('#legend').boundingBox())!;
  expect(filters.y).toBeLessThan(legend.y);
  expect(await page.locator('#legend').getAttribute('open')).toBeNull();
  await screenshot(page, 'e2e-attribution-1024-drawer');
  await page.keyboard.press('Escape');
  await page.locator('#sidebar').waitFor({ state: 'hidden' });
  // The panel's handle widens it from the keyboard (24 px a press), up to the cap that keeps the graph half the page.
  const handle = page.locator('#panel .panel-resizer');
  const before = (await page.locator('#panel').boundingBox())!.width;
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  const wider = (await page.locator('#panel').boundingBox())!.width;
  expect(Math.round(wider - before)).toBe(Math.min(24, Math.round(512 - before)));
  for (let press = 0; press < 30; press += 1) await page.keyboard.press('ArrowLeft');
  expect(await graph()).toBeGreaterThanOrEqual(512);
  expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(Math.round((await page.locator('#panel').boundingBox())!.width));
  await expectReference(page, 'attribution-1024');
});

test('at 390×844 the sidebar is a drawer and the panel a bottom sheet, with the graph drawn above it', async () => {
  const page = await explorer.open('/?mode=attribution&node=sony-hack', { width: 390, height: 844, ready: '#panel article.accused' });
  const panel = (await page.locator('#panel').boundingBox())!;
  expect(Math.round(panel.width)).toBe(390);
  expect(Math.round(panel.y + panel.height)).toBe(844);
  expect(await page.locator('#sidebar').isVisible()).toBe(false);
  const graph = (await page.locator('#graph').boundingBox())!;
  // Above the sheet there is still graph to see.
  expect(panel.y - graph.y).toBeGreaterThan(200);
  await expectReference(page, 'attribution-390');
});

test('an unknown client path answers 404 with a page that links home; API paths keep their problem+json', async () => {
  const url = explorer.app.url;
  const page404 = await fetch(`${url}/no/such/page`, { headers: { accept: 'text/html' } });
  expect(page404.status).toBe(404);
  expect(page404.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await page404.text();
  expect(html).toContain('<code>/no/such/page</code>');
  expect(html).toContain('href="/"');
  // What was asked for is shown, never interpreted.
  const injected = await (await fetch(`${url}/%3Cscript%3Ealert(1)%3C%2Fscript%3E`, { headers: { accept: 'text/html' } })).text();
  expect(injected).not.toContain('<script>');
  expect(injected).toContain('&lt;script&gt;');
  const api = await fetch(`${url}/api/no/such/route`, { headers: { accept: 'text/html' } });
  expect(api.status).toBe(404);
  expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const json = await fetch(`${url}/no/such/page`, { headers: { accept: 'application/json' } });
  expect(json.status).toBe(404);
  expect(json.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  // The real pages: the explorer at / and its built files.
  const home = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
  expect(home.status).toBe(200);
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(await home.text());
  expect(script).not.toBeNull();
  expect((await fetch(`${url}${script![1]}`)).status).toBe(200);

  const page = await explorer.blank();
  const response = await page.goto(`${url}/no/such/page`);
  expect(response?.status()).toBe(404);
  await screenshot(page, 'e2e-404');
  await page.locator('a[data-action="home"]').click();
  await page.waitForURL(`${url}/`);
  await settled(page);
  expect(await page.evaluate('window.__explorer.graph.order')).toBeGreaterThan(100);
});

test.each([
  ['record', '/?node=no-such-record', 'no-such-record'],
  ['an incident’s attribution', '/?mode=attribution&node=no-such-incident', 'no-such-incident'],
])('a missing %s: the panel names what was asked for and offers no Retry', async (_name, link, asked) => {
  const page = await explorer.open(link, { ready: '#panel [data-problem="not-found"]' });
  const problem = page.locator('#panel [data-problem="not-found"]');
  expect(await problem.locator('.problem-title').textContent()).toBe(`Nothing found for “${asked}”`);
  expect(await page.locator('#panel [data-action="retry"]').count()).toBe(0);
  await problem.locator('[data-action="close"]').click();
  await page.locator('#panel').waitFor({ state: 'hidden' });
  await urlParam(page, 'node', null);
});
