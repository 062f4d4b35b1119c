// What the bench page answers the bench process: plain figures, with no DOM types, so both sides' typechecks read one declaration.

/** The main thread while the explorer's layout runs in its worker, and while its positions are applied afterwards. */
export interface LayoutOffMain {
  nodes: number;
  edges: number;
  iterations: number;
  /** From building the layout's input until the positions arrived. */
  layoutMs: number;
  /** Long tasks (Chromium reports only tasks over 50 ms) on the page's main thread in that time; 0 when there were none. */
  longestTaskMs: number;
  longTasks: number;
  /** Each of those long tasks: when it began, from the start of the layout, and how long it ran. */
  taskList: Array<{ atMs: number; durationMs: number }>;
  /** Animation frames in that time, and the longest time between two of them (or from the last one to the positions). */
  frames: number;
  longestFrameGapMs: number;
  /** Applying the positions as the explorer does (graph update, then sigma's refresh) until the second animation frame after. */
  applyMs: number;
  /** Of which the synchronous update and refresh. */
  applyUpdateMs: number;
  /** The longest long task of the apply step; 0 when none passed 50 ms. */
  applyLongestTaskMs: number;
}
