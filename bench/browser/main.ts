// The browser bench: data to first frame, frame times while dragging the view, ForceAtlas2 iteration time and the main thread while the explorer's layout worker runs, exposed as window.bench.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import type { LayoutInput } from '../../client/src/core/graph/layout';
import { LayoutRunner } from '../../client/src/core/graph/layoutRunner';
import { nodeSize } from '../../client/src/core/graph/style';
import { DEFAULT_SETTINGS } from '../../client/src/core/settings';
import { GraphView } from '../../client/src/views/graph/graphView';
import type { NodeType } from '../../server/model/wire';
import { mulberry32 } from '../../seed/random';
import type { LayoutOffMain } from './results';

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

/**
 * Counts the web workers the page starts and the ones that fail, while `during` runs: the explorer's runner falls back
 * to laying out on the main thread when its worker cannot start or fails, and this bench must not measure that
 * fallback as if it were the worker.
 */
async function watchingWorkers<T>(during: () => Promise<T>): Promise<{ result: T; started: number; failures: string[] }> {
  const NativeWorker = window.Worker;
  let started = 0;
  const failures: string[] = [];
  class WatchedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      started += 1;
      this.addEventListener('error', (event) => failures.push(`error: ${event.message}`));
      this.addEventListener('message', (event: MessageEvent<{ kind?: string; message?: string }>) => {
        if (event.data.kind === 'failed') failures.push(`failed: ${event.data.message ?? ''}`);
      });
    }
  }
  window.Worker = WatchedWorker;
  try {
    return { result: await during(), started, failures };
  } finally {
    window.Worker = NativeWorker;
  }
}

/** Counts animation frames and the longest time between two, until `stop`. */
function watchFrames(): { stop(): { frames: number; longestGapMs: number } } {
  let running = true;
  let frames = 0;
  let last = performance.now();
  let longestGapMs = 0;
  const tick = (now: number) => {
    if (!running) return;
    frames += 1;
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    stop() {
      running = false;
      // A main thread still blocked when the layout ends shows as the time since the last frame.
      return { frames, longestGapMs: Math.max(longestGapMs, performance.now() - last) };
    },
  };
}

/**
 * Draws the graph at `url` as firstFrame does, then lays it out with the explorer's own LayoutRunner (its worker and
 * computeLayout, the explorer's default seed and Barnes–Hut threshold, `iterations` of ForceAtlas2) and watches the
 * page's main thread meanwhile: long tasks, and the animation frames an analyst would see. The positions are then
 * applied as the explorer's stage does, and that step is measured on its own.
 */
async function layoutOffMain(url: string, iterations: number): Promise<LayoutOffMain> {
  await firstFrame(url);
  const sigma = renderer;
  const g = graph;
  if (sigma === undefined || g === undefined) throw new Error('layoutOffMain: the graph was not drawn');
  // firstFrame ends by blocking until the GPU has drawn; a frame later the page is idle.
  await presented();
  if (!PerformanceObserver.supportedEntryTypes.includes('longtask')) throw new Error('layoutOffMain: this browser reports no long tasks');
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  // A long task's startTime is when its task began, before any clock read inside it: the layout's tasks are those
  // that begin from here on, starting with the next one, which builds the input and starts the worker.
  const quiet = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const frameWatch = watchFrames();
  const started = performance.now();
  // The input as the explorer's stage builds it: every node with the size the explorer would draw it at (its type and
  // degree, scaled down on big graphs), which sets the no-overlap pass's work; every edge as a pair.
  const scale = GraphView.sizeScaleFor(g.order);
  const input: LayoutInput = {
    nodes: g.mapNodes((id, attributes) => ({ id, size: nodeSize(attributes.kind as NodeType, g.degree(id)) * scale })),
    edges: g.mapEdges((_edge, _attributes, source, target) => [source, target] as [string, string]),
    seed: DEFAULT_SETTINGS.layoutSeed,
    largeGraphNodes: DEFAULT_SETTINGS.largeGraphNodes,
    iterations,
  };
  const { result: positions, started: workers, failures } = await watchingWorkers(() => new LayoutRunner().run(input, () => undefined));
  const laidOut = performance.now();
  const { frames, longestGapMs } = frameWatch.stop();
  if (workers !== 1 || failures.length > 0) {
    observer.disconnect();
    throw new Error(`layoutOffMain: expected the layout in one worker, got ${workers} started, failures: ${failures.join('; ') || 'none'}`);
  }
  if (positions === null) throw new Error('layoutOffMain: the layout was superseded');
  // The positions arrive in the worker's message task; applying them in a task of its own keeps that task's length
  // (the runner's own work on the main thread) apart from the apply step's.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const applying = performance.now();
  // As the explorer's stage applies a layout: one update of every node's x and y, then the view's full refresh.
  g.updateEachNodeAttributes(
    (node, attributes) => {
      const position = positions.get(node);
      if (position !== undefined) {
        attributes.x = position.x;
        attributes.y = position.y;
      }
      return attributes;
    },
    { attributes: ['x', 'y'] },
  );
  sigma.refresh();
  const updated = performance.now();
  await presented();
  const applied = performance.now();
  // Chromium reports a long task after it ends, and the last frame's task ends only after this one.
  await new Promise((resolve) => setTimeout(resolve, 100));
  tasks.push(...observer.takeRecords());
  observer.disconnect();
  // The task that delivered the positions began before `laidOut`; the apply step's tasks all begin after it.
  const duringLayout = tasks.filter((task) => task.startTime >= quiet && task.startTime < laidOut);
  const duringApply = tasks.filter((task) => task.startTime >= laidOut);
  const longest = (entries: PerformanceEntry[]) => entries.reduce((most, task) => Math.max(most, task.duration), 0);
  // The redraw with the new positions is not measured further; waiting for it keeps it from running under the next measurement.
  waitUntilDrawn(sigma);
  sigma.kill();
  renderer = undefined;
  return {
    nodes: g.order,
    edges: g.size,
    iterations,
    layoutMs: laidOut - started,
    longestTaskMs: longest(duringLayout),
    longTasks: duringLayout.length,
    taskList: duringLayout.map((task) => ({ atMs: task.startTime - started, durationMs: task.duration })),
    frames,
    longestFrameGapMs: longestGapMs,
    applyMs: applied - applying,
    applyUpdateMs: updated - applying,
    applyLongestTaskMs: longest(duringApply),
  };
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
    bench: {
      firstFrame: typeof firstFrame;
      pan: typeof pan;
      forceAtlas: typeof forceAtlas;
      layoutOffMain: typeof layoutOffMain;
      webgl: typeof webgl;
      graphOrder: () => number;
    };
  }
}

window.bench = { firstFrame, pan, forceAtlas, layoutOffMain, webgl, graphOrder: () => graph?.order ?? 0 };
