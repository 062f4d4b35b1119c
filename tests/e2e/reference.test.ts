// The pixel comparison the browser scenarios rest on, checked on images made here: equal, one pixel off, another size.
import { PNG } from 'pngjs';
import { comparePngs, PIXEL_THRESHOLD } from './reference';

/** A width × height PNG of one colour, with `changed` pixels painted another. */
function png(width: number, height: number, changed: Array<[number, number, [number, number, number]]> = []): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i += 1) image.data.set([240, 240, 240, 255], i * 4);
  for (const [x, y, [r, g, b]] of changed) image.data.set([r, g, b, 255], (y * width + x) * 4);
  return PNG.sync.write(image);
}

test('two equal images differ in no pixel', async () => {
  expect(await comparePngs('equal', png(20, 10), png(20, 10))).toMatchObject({ differing: 0, share: 0, width: 20, height: 10 });
});

test('a pixel painted another colour is counted, as a share of all pixels', async () => {
  // Two of the 20 × 10 = 200 pixels are dark: 2 / 200 = 0.01.
  const comparison = await comparePngs(
    'two-pixels',
    png(20, 10, [
      [3, 4, [20, 20, 20]],
      [15, 9, [20, 20, 20]],
    ]),
    png(20, 10),
  );
  expect(comparison).toMatchObject({ differing: 2, share: 0.01 });
});

test('a colour change under the threshold is not a difference', async () => {
  // 240 → 238 in every channel is far under the YIQ threshold of 0.1 (a change of 2 in 255 is under 1 %).
  expect(PIXEL_THRESHOLD).toBe(0.1);
  expect((await comparePngs('faint', png(20, 10, [[5, 5, [238, 238, 238]]]), png(20, 10))).differing).toBe(0);
});

test('images of different sizes differ wholly, and say both sizes', async () => {
  expect(await comparePngs('sizes', png(20, 10), png(10, 20))).toMatchObject({ share: 1, reference: '10×20', width: 20, height: 10 });
});
