// The layout worker: runs the seeded layout pipeline (layout.ts) off the main thread and posts its progress and positions back.
import { computeLayout } from './layout';
import { unpackLayoutInput, type PackedLayoutInput } from './layoutTransfer';

/** What the runner sends: one layout to compute, packed (layoutTransfer.ts). */
export interface LayoutRequest {
  input: PackedLayoutInput;
}

/** What the worker answers: progress from 0 to 1, then the positions as x, y pairs in the order of `input.nodes`. */
export type LayoutReply = { kind: 'progress'; done: number } | { kind: 'done'; xy: Float64Array } | { kind: 'failed'; message: string };

/** The worker's global scope, typed here because the client compiles against the DOM library, not the worker one. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutReply, transfer?: Transferable[]): void;
};

scope.onmessage = ({ data }) => {
  try {
    const input = unpackLayoutInput(data.input);
    const positions = computeLayout(input, (done) => scope.postMessage({ kind: 'progress', done }));
    const xy = new Float64Array(input.nodes.length * 2);
    input.nodes.forEach((node, index) => {
      const position = positions.get(node.id);
      xy[2 * index] = position?.x ?? Number.NaN;
      xy[2 * index + 1] = position?.y ?? Number.NaN;
    });
    scope.postMessage({ kind: 'done', xy }, [xy.buffer]);
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
