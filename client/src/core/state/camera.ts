// The camera as the URL keeps it: sigma's x, y and ratio, rounded so that equal pictures give equal links, and checked when read back.

export interface CameraState {
  /** Sigma's framed-graph coordinates of the viewport's centre: 0.5, 0.5 is the middle of the graph's extent. */
  x: number;
  y: number;
  /** Zoom: 1 shows the whole extent, smaller is closer. */
  ratio: number;
}

/** The zoom range the renderer allows; a link outside it is refused rather than clamped to something else. */
export const MIN_CAMERA_RATIO = 0.02;
export const MAX_CAMERA_RATIO = 4;
/** How far the centre may sit outside the graph's extent (in extents); further is an edited link. */
const CENTRE_BOUND = 10;

/** The camera sigma starts with: the whole graph, centred. */
export const HOME_CAMERA: Readonly<CameraState> = Object.freeze({ x: 0.5, y: 0.5, ratio: 1 });

/**
 * Rounds a camera the way the URL writes it: centre to 1e-4 of the extent (a tenth of a pixel on a 1000-pixel
 * stage), ratio to four significant digits (a 0.05 % zoom step).
 */
export function roundCamera(camera: CameraState): CameraState {
  return {
    x: Math.round(camera.x * 10_000) / 10_000,
    y: Math.round(camera.y * 10_000) / 10_000,
    ratio: Number(camera.ratio.toPrecision(4)),
  };
}

export function sameCamera(a: CameraState | null, b: CameraState | null): boolean {
  if (a === null || b === null) return a === b;
  const [p, q] = [roundCamera(a), roundCamera(b)];
  return p.x === q.x && p.y === q.y && p.ratio === q.ratio;
}

/** Whether the camera is where sigma starts, which the URL leaves out. */
export function isHomeCamera(camera: CameraState): boolean {
  return sameCamera(camera, HOME_CAMERA);
}

/** `x,y,ratio`, rounded; e.g. "0.4821,0.5133,0.35". */
export function encodeCamera(camera: CameraState): string {
  const { x, y, ratio } = roundCamera(camera);
  return `${x},${y},${ratio}`;
}

/** Reads `x,y,ratio` back; the error names what was expected. */
export function decodeCamera(text: string): { camera: CameraState } | { error: string } {
  const parts = text.split(',');
  const numbers = parts.map((part) => (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(part.trim()) ? Number(part) : Number.NaN));
  const [x, y, ratio] = numbers as [number, number, number];
  if (parts.length !== 3 || numbers.some((value) => !Number.isFinite(value))) {
    return { error: `expected three numbers "x,y,ratio"; got ${JSON.stringify(text)}` };
  }
  if (ratio < MIN_CAMERA_RATIO || ratio > MAX_CAMERA_RATIO) {
    return { error: `expected a ratio from ${MIN_CAMERA_RATIO} to ${MAX_CAMERA_RATIO}; got ${ratio}` };
  }
  if (Math.abs(x - 0.5) > CENTRE_BOUND || Math.abs(y - 0.5) > CENTRE_BOUND) {
    return { error: `expected a centre within ${CENTRE_BOUND} graph widths of the graph; got ${x},${y}` };
  }
  return { camera: roundCamera({ x, y, ratio }) };
}

/** The camera a zoom button asks for: the same centre, the ratio divided (in) or multiplied (out) by `factor`, kept in range. */
export function zoomedCamera(camera: CameraState, direction: 'in' | 'out', factor = 1.5): CameraState {
  const ratio = direction === 'in' ? camera.ratio / factor : camera.ratio * factor;
  return { x: camera.x, y: camera.y, ratio: Math.min(MAX_CAMERA_RATIO, Math.max(MIN_CAMERA_RATIO, ratio)) };
}
