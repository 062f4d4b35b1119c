// Pixel checks against committed reference images, as sigma's own end-to-end scenarios make them, within a tolerance.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, capture, ROOT } from './support';

/** The committed references; the README's explorer section shows them, so its screenshots are the ones the tests check. */
export const REFERENCES = path.join(ROOT, 'tests', 'e2e', 'references');

/** Set to 1 to write every reference a run takes instead of comparing (after a deliberate change to the picture). */
const UPDATING = process.env.UPDATE_REFERENCES === '1';

/**
 * How far a pixel's colour may move before it counts as different (pixelmatch's YIQ threshold, 0–1), and the share
 * of the image that may differ. SwiftShader draws the same frame byte for byte on one machine; the slack is for
 * anti-aliased text edges if a font's hinting differs, not for a node or label that moved.
 */
export const PIXEL_THRESHOLD = 0.1;
export const DEFAULT_TOLERANCE = 0.002;

export interface PixelComparison {
  name: string;
  width: number;
  height: number;
  /** Pixels whose colour differs by more than PIXEL_THRESHOLD. */
  differing: number;
  /** differing ÷ all pixels; 1 when the sizes do not match. */
  share: number;
  /** What the reference was: its size, or why there is none. */
  reference: string;
}

/** What pixelWorker.js answers: the comparison, and the diff image when some pixel differs. */
type WorkerComparison = Omit<PixelComparison, 'name'> & { diff: Uint8Array | null };

const PIXEL_WORKER = path.join(__dirname, 'pixelWorker.js');

/**
 * Compares two PNG images and, when they differ, writes the actual image and a diff beside the other artifacts. The
 * decoding and counting run on a worker thread: inside Jest's sandbox the same pngjs and pixelmatch code took 3.8 s
 * to read one 1280×800 image and 11 s to write one, against 45 ms and 123 ms in plain Node on this machine.
 */
export async function comparePngs(name: string, actual: Buffer, expected: Buffer): Promise<PixelComparison> {
  const answer = await new Promise<WorkerComparison>((resolve, reject) => {
    const worker = new Worker(PIXEL_WORKER, { workerData: { actual, expected, threshold: PIXEL_THRESHOLD } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`comparePngs ${name}: the pixel worker exited with code ${code} before answering`)));
  });
  const { diff, ...comparison } = answer;
  if (diff !== null) {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, `${name}.actual.png`), actual);
    writeFileSync(path.join(ARTIFACTS, `${name}.diff.png`), diff);
  }
  return { name, ...comparison };
}

/**
 * Screenshots `target` (a page's viewport or one element) and compares it with the reference `name`. A missing
 * reference is an error that says how to make it, so a new scenario cannot pass without its picture committed.
 */
export async function compareWithReference(target: Page | Locator, name: string): Promise<PixelComparison> {
  // Playwright hides the caret by default; CSS animations are finished so that a transition's frame never decides.
  const actual = await capture(() => target.screenshot({ animations: 'disabled' }));
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, `${name}.png`), actual);
  const file = path.join(REFERENCES, `${name}.png`);
  if (UPDATING) {
    mkdirSync(REFERENCES, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) {
    throw new Error(
      `reference ${path.relative(ROOT, file)}: expected a committed image, found none; ` +
        'run the scenario with UPDATE_REFERENCES=1 to write it, look at it, and commit it',
    );
  }
  return comparePngs(name, actual, readFileSync(file));
}

/** Asserts that `target` looks like its reference: same size, and no more than `tolerance` of its pixels differ. */
export async function expectReference(target: Page | Locator, name: string, tolerance = DEFAULT_TOLERANCE): Promise<PixelComparison> {
  const comparison = await compareWithReference(target, name);
  expect({ name, size: `${comparison.width}×${comparison.height}` }).toEqual({ name, size: comparison.reference });
  if (comparison.share > tolerance) {
    const percent = (share: number) => `${(share * 100).toFixed(3)} %`;
    throw new Error(
      `${name}: ${comparison.differing} of ${comparison.width * comparison.height} pixels (${percent(comparison.share)}) differ from ` +
        `the reference, more than the tolerance of ${percent(tolerance)}; see test-artifacts/${name}.diff.png`,
    );
  }
  return comparison;
}
