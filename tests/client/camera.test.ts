// The camera in the URL: rounding, encoding and decoding, home left out, bad values refused by name, and the zoom buttons' arithmetic.
import {
  HOME_CAMERA,
  MAX_CAMERA_RATIO,
  MIN_CAMERA_RATIO,
  decodeCamera,
  encodeCamera,
  isHomeCamera,
  roundCamera,
  sameCamera,
  zoomedCamera,
} from '../../client/src/core/state/camera';
import { contentKey, decodeViewState, defaultViewState, encodeViewState } from '../../client/src/core/state/urlState';

describe('camera encoding', () => {
  test('rounds the centre to 1e-4 and the ratio to four significant digits', () => {
    // 0.123456 → 0.1235 (0.123456 × 1e4 = 1234.56 rounds to 1235); 0.98766 → 0.9877 (9876.6 rounds to 9877).
    // 0.0345678 has four significant digits 0.03457 (the fifth, 7, rounds the 6 up).
    expect(roundCamera({ x: 0.123456, y: 0.98766, ratio: 0.0345678 })).toEqual({ x: 0.1235, y: 0.9877, ratio: 0.03457 });
    expect(encodeCamera({ x: 0.123456, y: 0.98766, ratio: 0.0345678 })).toBe('0.1235,0.9877,0.03457');
  });

  test('decoding gives back what encoding wrote', () => {
    const camera = { x: 0.4821, y: 0.5133, ratio: 0.35 };
    expect(decodeCamera(encodeCamera(camera))).toEqual({ camera });
    expect(decodeCamera('-1.25,2.5,3.9')).toEqual({ camera: { x: -1.25, y: 2.5, ratio: 3.9 } });
  });

  test('bad values are refused with what was expected', () => {
    expect(decodeCamera('0.5,0.5')).toEqual({ error: 'expected three numbers "x,y,ratio"; got "0.5,0.5"' });
    expect(decodeCamera('0.5,zero,1')).toEqual({ error: 'expected three numbers "x,y,ratio"; got "0.5,zero,1"' });
    expect(decodeCamera('0.5,0.5,Infinity')).toHaveProperty('error');
    expect(decodeCamera('0.5,0.5,0.01')).toEqual({ error: `expected a ratio from ${MIN_CAMERA_RATIO} to ${MAX_CAMERA_RATIO}; got 0.01` });
    expect(decodeCamera('0.5,0.5,5')).toHaveProperty('error');
    // 11 is 10.5 graph widths from the middle (0.5), past the bound of 10.
    expect(decodeCamera('11,0.5,1')).toEqual({ error: 'expected a centre within 10 graph widths of the graph; got 11,0.5' });
  });

  test('sigma’s home camera is recognised after rounding, and sameCamera compares rounded values', () => {
    expect(isHomeCamera(HOME_CAMERA)).toBe(true);
    expect(isHomeCamera({ x: 0.50001, y: 0.49999, ratio: 1.00001 })).toBe(true);
    expect(isHomeCamera({ x: 0.5, y: 0.5, ratio: 0.9 })).toBe(false);
    expect(sameCamera({ x: 0.1, y: 0.2, ratio: 0.3 }, { x: 0.10001, y: 0.2, ratio: 0.30001 })).toBe(true);
    expect(sameCamera({ x: 0.1, y: 0.2, ratio: 0.3 }, null)).toBe(false);
    expect(sameCamera(null, null)).toBe(true);
  });

  test('zooming divides or multiplies the ratio by 1.5 and stays in range', () => {
    expect(zoomedCamera({ x: 0.2, y: 0.7, ratio: 0.9 }, 'in')).toEqual({ x: 0.2, y: 0.7, ratio: 0.6 });
    // 0.9 × 1.5 = 1.35
    expect(zoomedCamera({ x: 0.2, y: 0.7, ratio: 0.9 }, 'out').ratio).toBeCloseTo(1.35, 12);
    expect(zoomedCamera({ x: 0, y: 0, ratio: 0.025 }, 'in').ratio).toBe(MIN_CAMERA_RATIO);
    expect(zoomedCamera({ x: 0, y: 0, ratio: 3 }, 'out').ratio).toBe(MAX_CAMERA_RATIO);
  });
});

describe('the camera in the view state', () => {
  test('is `cam` in the URL, left out at home, and round-trips', () => {
    const framed = {
      ...defaultViewState(),
      mode: 'attribution' as const,
      focus: 'sony-hack',
      camera: { x: 0.4821, y: 0.5133, ratio: 0.35 },
    };
    expect(encodeViewState(framed)).toBe('mode=attribution&node=sony-hack&cam=0.4821%2C0.5133%2C0.35');
    expect(decodeViewState(`?${encodeViewState(framed)}`)).toEqual({ state: framed, problems: [] });
    expect(encodeViewState({ ...defaultViewState(), camera: { ...HOME_CAMERA } })).toBe('');
    expect(decodeViewState('?cam=0.5,0.5,1').state.camera).toBeNull();
  });

  test('a bad camera is ignored and reported, and the rest of the link still applies', () => {
    const { state, problems } = decodeViewState('?node=fbi&cam=0.5,0.5,99');
    expect(state.focus).toBe('fbi');
    expect(state.camera).toBeNull();
    expect(problems).toEqual([`cam: expected a ratio from ${MIN_CAMERA_RATIO} to ${MAX_CAMERA_RATIO}; got 99`]);
  });

  test('moving the camera changes no panel', () => {
    const view = { ...defaultViewState(), focus: 'fbi' };
    expect(contentKey({ ...view, camera: { x: 0.1, y: 0.2, ratio: 0.3 } })).toBe(contentKey(view));
  });
});
