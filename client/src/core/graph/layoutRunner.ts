// Runs the seeded layout (layout.ts) in a web worker, on the main thread where no worker starts, and keeps finished layouts by fingerprint.
import { computeLayout, parsePositions, serializePositions, type LayoutInput, type Positions } from './layout';
import { LayoutPacker } from './layoutTransfer';
import type { LayoutReply, LayoutRequest } from './layoutWorker';

/**
 * One finished layout kept in localStorage under one key, with the fingerprint of what it was computed from. It is
 * used only for that same fingerprint, where it equals what a fresh run would compute: a reload is quicker, and never
 * shows another picture than a fresh browser does.
 */
export class PositionStore {
  private readonly key: string;

  constructor(key: string) {
    this.key = key;
  }

  load(fingerprint: string): Positions | null {
    if (this.key === '') return null;
    try {
      const text = window.localStorage.getItem(this.key);
      if (text === null) return null;
      const stored = JSON.parse(text) as { fingerprint?: unknown; positions?: unknown };
      if (stored.fingerprint !== fingerprint || stored.positions === null || typeof stored.positions !== 'object') return null;
      return parsePositions(JSON.stringify(stored.positions));
    } catch {
      // Storage off (privacy mode) or a malformed entry: the layout simply runs.
      return null;
    }
  }

  save(fingerprint: string, positions: Positions): void {
    if (this.key === '') return;
    try {
      window.localStorage.setItem(this.key, JSON.stringify({ fingerprint, positions: serializePositions(positions) }));
    } catch {
      // Quota exceeded or storage off: kept positions are only a shortcut.
    }
  }
}

/**
 * Nodes plus edges packed per task. The whole of 50,000 nodes and 100,000 edges took 31–51 ms in one task, so a slice
 * of this many is a few milliseconds, and a graph of the Sony story's size is packed in one.
 */
const PACK_SLICE = 20_000;

/** A promise that resolves in a new task, after the page had its turn to draw or take input. */
function nextTask(): Promise<void> {
  // A message, not setTimeout: nested timeouts are held back to 4 ms each.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * One layout at a time: a new run supersedes the one in flight, whose promise then resolves to null. The worker is
 * started per run and ended with it, so a superseded run stops computing at once.
 */
export class LayoutRunner {
  private worker: Worker | null = null;
  private settle: ((positions: Positions | null) => void) | null = null;

  get running(): boolean {
    return this.settle !== null;
  }

  run(input: LayoutInput, progress: (done: number) => void): Promise<Positions | null> {
    this.cancel();
    return new Promise<Positions | null>((resolve) => {
      this.settle = (positions) => {
        this.settle = null;
        this.worker?.terminate();
        this.worker = null;
        resolve(positions);
      };
      const worker = this.startWorker();
      if (worker === null) {
        this.settle(computeLayout(input, progress));
        return;
      }
      this.worker = worker;
      const settle = this.settle;
      worker.onmessage = ({ data }: MessageEvent<LayoutReply>) => {
        if (this.settle !== settle) return;
        if (data.kind === 'progress') progress(data.done);
        else if (data.kind === 'done') settle(positionsFrom(input, data.xy));
        // The same pipeline on the main thread: slower for the page, the same picture.
        else settle(computeLayout(input, progress));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        if (this.settle === settle) settle(computeLayout(input, progress));
      };
      this.post(worker, input).catch(() => {
        // A packing fault: the same pipeline on the main thread, as when the worker fails.
        if (this.settle === settle) settle(computeLayout(input, progress));
      });
    });
  }

  /**
   * Packs `input` (so that its buffers move to the worker: the plain input's clone was a long task on big graphs) a
   * slice per task, then posts it. Each slice starts in a task after the caller's, which built the input; a run
   * superseded meanwhile stops packing.
   */
  private async post(worker: Worker, input: LayoutInput): Promise<void> {
    const packer = new LayoutPacker(input);
    let done = false;
    while (!done) {
      await nextTask();
      if (this.worker !== worker) return;
      done = packer.step(PACK_SLICE);
    }
    const { packed, transfer } = packer.result();
    const request: LayoutRequest = { input: packed };
    worker.postMessage(request, transfer);
  }

  /** Ends the run in flight; its promise resolves to null. */
  cancel(): void {
    this.settle?.(null);
  }

  private startWorker(): Worker | null {
    if (typeof Worker === 'undefined') return null;
    try {
      return new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module', name: 'layout' });
    } catch {
      return null;
    }
  }
}

function positionsFrom(input: LayoutInput, xy: Float64Array): Positions {
  const positions: Positions = new Map();
  input.nodes.forEach((node, index) => {
    const x = xy[2 * index]!;
    const y = xy[2 * index + 1]!;
    if (Number.isFinite(x) && Number.isFinite(y)) positions.set(node.id, { x, y });
  });
  return positions;
}
