// The browser bench: data to first frame, frame times while dragging the view, and ForceAtlas2 iteration time, exposed as window.bench.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { mulberry32 } from '../../seed/random';

interface SerializedGraphLike {
  nodes: Array<{ key: string; attributes: Record<string, unknown> }>;
  edges: Array<{ key: string; source: string; target: string; attributes: Record<string, unknown> }>;
}

export interface FirstFrame {
  nodes: number;
  edges: number;
  bytes: number;
  fetchMs: number;
  parseMs: number;
  importMs: number;
  sigmaMs: number;
  /** From asking for the data to the second animation frame after sigma drew: what the page's script sees. */
  totalMs: number;
  /**
   * From asking for the data until the GPU has finished drawing that frame. With SwiftShader the drawing
   * runs on the CPU in the GPU process, after the animation frames have already fired, so this is the
   * time until the picture is really complete.
   */
  drawnMs: number;
}

const COLOURS: Record<string, string> = { actor: '#1a73e8', claim: '#e8710a', incident: '#d93025', source: '#188038' };

let renderer: Sigma | undefined;
let graph: Graph | undefined;

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Resolves once the frame holding everything drawn so far has been produced (two animation frames later). */
async function presented(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

function container(): HTMLElement {
  const element = document.getElementById('graph');
  if (element === null) throw new Error('no #graph element');
  return element;
}

/**
 * Blocks until every draw call sigma has issued has been executed: reading a pixel back from a WebGL
 * context has to wait for the context's queued commands.
 */
function waitUntilDrawn(sigma: Sigma): void {
  const pixel = new Uint8Array(4);
  for (const canvas of Object.values(sigma.getCanvases())) {
    // getContext returns the context sigma already created on this canvas; 2D canvases (labels) have none of these.
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  }
}

/** Loads the graph the way the explorer does: fetch, parse, import, place, then draw with the explorer's large-graph settings. */
async function firstFrame(url: string): Promise<FirstFrame> {
  renderer?.kill();
  renderer = undefined;
  graph = undefined;
  await presented();
  const started = performance.now();
  const response = await fetch(url, { cache: 'no-store' });
  const text = await response.text();
  const fetched = performance.now();
  const data = JSON.parse(text) as SerializedGraphLike;
  const parsed = performance.now();
  // The API sends no positions; the explorer seeds them before layout, so this is part of the cost. Display
  // attributes go onto the parsed objects before import: one pass, no per-node update events.
  const random = mulberry32(data.nodes.length);
  for (const node of data.nodes) {
    const kind = node.attributes.type;
    // Sigma reads `type` as the drawing program; the record type moves to `kind`, as the explorer's reducers do.
    node.attributes = {
      ...node.attributes,
      type: 'circle',
      kind,
      x: random() * 1000,
      y: random() * 1000,
      size: 2 + random() * 3,
      color: COLOURS[String(kind)] ?? '#5f6368',
    };
  }
  for (const edge of data.edges) edge.attributes = { ...edge.attributes, kind: edge.attributes.type, type: 'line', color: '#dadce0' };
  const g = new Graph({ type: 'directed', multi: false, allowSelfLoops: true });
  g.import(data as unknown as Parameters<Graph['import']>[0]);
  const imported = performance.now();
  renderer = new Sigma(g, container(), {
    hideEdgesOnMove: true,
    hideLabelsOnMove: true,
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 7,
    labelDensity: 0.5,
  });
  const constructed = performance.now();
  await presented();
  const done = performance.now();
  waitUntilDrawn(renderer);
  const drawn = performance.now();
  graph = g;
  return {
    nodes: g.order,
    edges: g.size,
    bytes: text.length,
    fetchMs: fetched - started,
    parseMs: parsed - fetched,
    importMs: imported - parsed,
    sigmaMs: constructed - imported,
    totalMs: done - started,
    drawnMs: drawn - started,
  };
}

/**
 * Drags the view with synthetic mouse events, one move per animation frame, as a person panning
 * would, and returns the time between frames. Starts from a completely drawn first frame (firstFrame
 * waits for it), so the first interval is a panning frame, not the rest of the initial draw.
 */
async function pan(frames: number): Promise<number[]> {
  if (renderer === undefined) throw new Error('pan: draw a graph first');
  const box = container().getBoundingClientRect();
  const x0 = box.left + box.width / 2;
  const y0 = box.top + box.height / 2;
  container().dispatchEvent(new MouseEvent('mousedown', { clientX: x0, clientY: y0, button: 0, bubbles: true }));
  const intervals: number[] = [];
  let last = await nextFrame();
  for (let i = 1; i <= frames; i++) {
    const angle = (i / frames) * 2 * Math.PI;
    document.dispatchEvent(
      new MouseEvent('mousemove', { clientX: x0 + 150 * Math.sin(angle), clientY: y0 + 100 * (1 - Math.cos(angle)), bubbles: true }),
    );
    const now = await nextFrame();
    intervals.push(now - last);
    last = now;
  }
  document.dispatchEvent(new MouseEvent('mouseup', { clientX: x0, clientY: y0, button: 0, bubbles: true }));
  // The redraw with edges that follows a drag is not measured, and on SwiftShader it would keep a core busy
  // for seconds under whatever is measured next; ending the renderer before its next frame skips it.
  renderer.kill();
  renderer = undefined;
  return intervals;
}

/** Milliseconds per ForceAtlas2 iteration with Barnes–Hut, on the graph at `url`. */
async function forceAtlas(url: string, iterations: number): Promise<{ nodes: number; edges: number; msPerIteration: number }> {
  renderer?.kill();
  renderer = undefined;
  const data = (await (await fetch(url, { cache: 'no-store' })).json()) as SerializedGraphLike;
  const g = new Graph({ type: 'directed', multi: false, allowSelfLoops: true });
  g.import(data as unknown as Parameters<Graph['import']>[0]);
  const random = mulberry32(7);
  g.forEachNode((node) => g.mergeNodeAttributes(node, { x: random() * 1000, y: random() * 1000, size: 3 }));
  const settings = { ...forceAtlas2.inferSettings(g), barnesHutOptimize: true, barnesHutTheta: 0.6 };
  // One untimed iteration lets the JIT settle, so the figure is the steady cost per iteration.
  forceAtlas2.assign(g, { iterations: 1, settings });
  const started = performance.now();
  forceAtlas2.assign(g, { iterations, settings });
  return { nodes: g.order, edges: g.size, msPerIteration: (performance.now() - started) / iterations };
}

/** The GPU the page really draws with; a silent fallback to another renderer shows up here. */
function webgl(): { version: string; vendor: string; renderer: string } {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (gl === null) return { version: 'none', vendor: 'none', renderer: 'none' };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return {
    version: String(gl.getParameter(gl.VERSION)),
    vendor: String(info === null ? gl.getParameter(gl.VENDOR) : gl.getParameter(info.UNMASKED_VENDOR_WEBGL)),
    renderer: String(info === null ? gl.getParameter(gl.RENDERER) : gl.getParameter(info.UNMASKED_RENDERER_WEBGL)),
  };
}

declare global {
  interface Window {
    bench: { firstFrame: typeof firstFrame; pan: typeof pan; forceAtlas: typeof forceAtlas; webgl: typeof webgl; graphOrder: () => number };
  }
}

window.bench = { firstFrame, pan, forceAtlas, webgl, graphOrder: () => graph?.order ?? 0 };
