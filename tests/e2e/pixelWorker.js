// Decodes two PNGs, counts the pixels that differ and encodes the diff image, on a worker thread (see comparePngs in reference.ts).
const { Buffer } = require('node:buffer');
const { parentPort, workerData } = require('node:worker_threads');
const pixelmatch = require('pixelmatch');
const { PNG } = require('pngjs');

/** Plain JavaScript run by Node itself, not by Jest: in Jest's sandbox every `Math.abs` of pngjs is a slow global lookup. */
function compare({ actual, expected, threshold }) {
  const a = PNG.sync.read(Buffer.from(actual));
  const e = PNG.sync.read(Buffer.from(expected));
  const size = { width: a.width, height: a.height, reference: `${e.width}×${e.height}` };
  const pixels = a.width * a.height;
  if (a.width !== e.width || a.height !== e.height) return { ...size, differing: pixels, share: 1, diff: null };
  const diff = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, e.data, diff.data, a.width, a.height, { threshold });
  return { ...size, differing, share: differing / pixels, diff: differing > 0 ? PNG.sync.write(diff) : null };
}

parentPort.postMessage(compare(workerData));
