// Browser-test helpers: start the real app in-process on a free port, launch Debian's Chromium, and read what sigma drew.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../bench/chromium';
import { createApp } from '../../server/http/app';
import { loadConfig, PROJECT_ROOT } from '../../server/config';
import type { Database } from '../../server/db/neo4j';
import { resetAndSeed, testDatabase } from '../support/db';

export const ROOT = PROJECT_ROOT;
/** The built explorer the browser tests serve; E2E_CLIENT_DIR points them at another build. */
export const CLIENT_DIR = process.env.E2E_CLIENT_DIR ?? path.join(ROOT, 'client', 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/**
 * The whole-graph query can exceed the default 2 s transaction timeout when the machine is busy (one Neo4j, a
 * browser and the suite share two cores); the browser tests are about the page, so they allow more.
 */
export const QUERY_TIMEOUT_MS = '15000';

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** Serves the API and the built explorer for `db` on 127.0.0.1 at a free port. */
export async function startApp(db: Database): Promise<RunningApp> {
  const config = loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', QUERY_TIMEOUT_MS: QUERY_TIMEOUT_MS });
  const app = createApp({ db, config, clientDir: CLIENT_DIR });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that nothing listens on (taken, then released). */
export async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The page's own WebGL still draws through SwiftShader; only Chromium's compositor works in software. With both on
 * SwiftShader, opening the explorer took 4.2–4.5 s here, and 2.4–3.2 s with this flag (the same four opens each), most
 * of the difference in sigma creating and sizing its WebGL canvases. The bench keeps the plain arguments.
 */
const TEST_ONLY_ARGS = ['--disable-gpu-compositing'];

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return launchChromium(TEST_ONLY_ARGS);
}

/** Collects uncaught page errors so that a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Waits until the explorer loaded its graph and has no request in flight. */
export async function settled(page: Page, timeout = 20_000): Promise<void> {
  // A function, not a string: the app's CSP forbids eval, which string predicates need.
  try {
    await page.waitForFunction(
      () => {
        const hook = (globalThis as unknown as PageGlobals).__explorer;
        return hook !== undefined && hook.settled();
      },
      undefined,
      { timeout },
    );
  } catch (error) {
    // Say what the page shows (e.g. a failure card) rather than only that it timed out.
    const shown = await page
      .locator('#status')
      .textContent()
      .catch(() => null);
    throw new Error(`the explorer did not settle within ${timeout} ms; its status layer says: ${JSON.stringify(shown)}`, { cause: error });
  }
}

/** The page's globals that the tests read, typed without pulling the DOM library into the Node typecheck. */
export interface PageGlobals {
  __explorer?: { settled(): boolean };
  location: { href: string };
}

/** Waits until the page's URL has `name=value` in its query string (null: absent). */
export async function urlParam(page: Page, name: string, value: string | null): Promise<void> {
  await page.waitForFunction(
    ([key, wanted]) => new URL((globalThis as unknown as PageGlobals).location.href).searchParams.get(key as string) === wanted,
    [name, value] as const,
  );
}

export interface OpenOptions {
  width?: number;
  height?: number;
  /** A locator to wait for before waiting for the explorer to settle (e.g. the panel a link opens). */
  ready?: string;
  /** Lets the test inject scripts (axe-core) that the app's CSP would refuse; nothing else depends on it. */
  bypassCSP?: boolean;
  /** The reader's motion preference, as the system settings give it to `prefers-reduced-motion`. */
  reducedMotion?: 'reduce' | 'no-preference';
}

/** What a browser-test file shares: the seeded app, one browser, and the pages of the current test. */
export interface ExplorerSession {
  readonly app: RunningApp;
  readonly browser: Browser;
  /** The page the last `open` made. */
  readonly page: Page;
  /** Uncaught page errors of every page opened since the last `close`. */
  readonly errors: string[];
  /** Opens `path` in a fresh context (no stored layout, no history) and waits until the explorer has settled. */
  open(path: string, options?: OpenOptions): Promise<Page>;
  /** A page in a fresh context that has not navigated yet (for pages that are not the explorer, like the 404 page). */
  blank(options?: OpenOptions): Promise<Page>;
  /** Closes every context opened since the last call and returns the page errors they saw. */
  close(): Promise<string[]>;
}

/**
 * The set-up every explorer test file repeats, once: before all, the seeded database, the app and the browser; after
 * each test, its contexts closed and no uncaught page error allowed; after all, everything shut down.
 */
export function useExplorer(): ExplorerSession {
  let db: Database | undefined;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let contexts: BrowserContext[] = [];
  let errors: string[] = [];
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useExplorer: expected ${what}; beforeAll has not made it`);
    return value;
  };
  const session: ExplorerSession = {
    get app() {
      return need(app, 'the app');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    get page() {
      return need(page, 'a page (call open first)');
    },
    get errors() {
      return errors;
    },
    async blank(options = {}) {
      const context = await need(browser, 'the browser').newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
        acceptDownloads: true,
        bypassCSP: options.bypassCSP ?? false,
        reducedMotion: options.reducedMotion ?? 'no-preference',
      });
      contexts.push(context);
      const opened = await context.newPage();
      opened.on('pageerror', (error) => errors.push(error.message));
      page = opened;
      return opened;
    },
    async open(path, options = {}) {
      const opened = await session.blank(options);
      await opened.goto(`${need(app, 'the app').url}${path}`);
      if (options.ready !== undefined) await opened.locator(options.ready).first().waitFor();
      await settled(opened);
      return opened;
    },
    async close() {
      const seen = errors;
      await Promise.all(contexts.map((context) => context.close()));
      contexts = [];
      errors = [];
      page = undefined;
      return seen;
    },
  };
  beforeAll(async () => {
    db = testDatabase({ QUERY_TIMEOUT_MS });
    await resetAndSeed(db);
    app = await startApp(db);
    browser = await launchBrowser();
  }, 60_000);
  afterEach(async () => {
    expect(await session.close()).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });
  return session;
}

/**
 * Takes a screenshot through `shoot`. Chromium now and then refuses one capture ("Unable to capture screenshot", seen
 * once in a full run on the 404 page) and takes the same picture when asked again, so a refused capture is asked for
 * once more; a second refusal is the test's error.
 */
export async function capture(shoot: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await shoot();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 250));
    return shoot();
  }
}

/** A picture of the page for people to look at, in test-artifacts/; no assertion reads it. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await capture(() => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) }));
}

export interface DrawnPixels {
  width: number;
  height: number;
  /** Opaque pixels on sigma's node canvas. */
  drawn: number;
  /** Opaque pixels within a small distance of each asked-for colour. */
  matches: Record<string, number>;
}

/**
 * Renders once and copies sigma's WebGL node canvas into a 2D canvas in the same task, before the browser may clear
 * the drawing buffer (sigma creates it without preserveDrawingBuffer), then counts the opaque pixels by colour.
 */
export async function nodePixels(page: Page, colors: string[]): Promise<DrawnPixels> {
  const script = `(() => {
    const colors = ${JSON.stringify(colors)}.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    const renderer = window.__explorer.renderer();
    if (renderer === null) return null;
    renderer.refresh();
    const source = renderer.getCanvases().nodes;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d');
    context.drawImage(source, 0, 0);
    const data = context.getImageData(0, 0, copy.width, copy.height).data;
    let drawn = 0;
    const matches = new Array(colors.length).fill(0);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 250) continue;
      drawn += 1;
      for (let c = 0; c < colors.length; c += 1) {
        const [r, g, b] = colors[c];
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 12) matches[c] += 1;
      }
    }
    return { width: copy.width, height: copy.height, drawn, matches };
  })()`;
  const result = (await page.evaluate(script)) as { width: number; height: number; drawn: number; matches: number[] } | null;
  if (result === null) throw new Error('nodePixels: expected the explorer to have a renderer; it has none');
  return { ...result, matches: Object.fromEntries(colors.map((color, index) => [color, result.matches[index] ?? 0])) };
}

/** What the page drew, as the test hook gives it: graph positions, the camera, and the label boxes of the last frame. */
export interface DrawnView {
  positions: Record<string, [number, number]>;
  camera: { x: number; y: number; ratio: number };
  labels: Array<{ node: string; text: string; x: number; y: number; width: number; height: number }>;
}

export async function drawnView(page: Page): Promise<DrawnView> {
  return (await page.evaluate(
    '({ positions: window.__explorer.positions(), camera: window.__explorer.camera(), labels: window.__explorer.labels() })',
  )) as DrawnView;
}

/** A node's position on the stage in CSS pixels (null when hidden or unknown), from sigma's own conversion. */
export async function viewportPosition(page: Page, node: string): Promise<{ x: number; y: number } | null> {
  return (await page.evaluate(`(() => {
    const renderer = window.__explorer.renderer();
    const data = renderer.getNodeDisplayData(${JSON.stringify(node)});
    if (!data || data.hidden) return null;
    return renderer.framedGraphToViewport(data);
  })()`)) as { x: number; y: number } | null;
}

/** Display colour sigma would draw a node with now (after reducers). */
export async function displayColor(page: Page, node: string): Promise<string | null> {
  return (await page.evaluate(
    `(() => { const d = window.__explorer.renderer().getNodeDisplayData(${JSON.stringify(node)}); return d ? (d.hidden ? 'hidden' : d.color) : null; })()`,
  )) as string | null;
}
