// A large graph that starts small: whether the whole graph may be loaded, each node's neighbourhood paged up to a cap, and the banner's words.

/** True when a graph of `nodes` records is too large to load whole, by the `startSmallAbove` setting. */
export function startsSmall(nodes: number, threshold: number): boolean {
  return nodes > threshold;
}

export interface GrowthLimits {
  /** Neighbours one expansion adds. */
  page: number;
  /** Most nodes one node's neighbourhood may ever be asked for (its answer counts the node itself). */
  cap: number;
}

/**
 * How far each expanded node's neighbourhood has been paged. A neighbourhood answer holds the node itself and up to
 * `limit - 1` neighbours, so the first request asks for the node and one page, and each "show more" one page more,
 * never above the cap. A node whose answer was not cut has nothing more to show.
 */
export class GrowthPlan {
  private readonly asked = new Map<string, { limit: number; more: boolean }>();
  /** The node last expanded, whose "show more" the banner offers. */
  private last: string | null = null;

  constructor(readonly limits: GrowthLimits) {}

  /** The `limit` of the node's next neighbourhood request, or null when its cap is reached or its answer was whole. */
  nextLimit(id: string): number | null {
    const seen = this.asked.get(id);
    if (seen === undefined) return Math.min(this.limits.cap, this.limits.page + 1);
    if (!seen.more || seen.limit >= this.limits.cap) return null;
    return Math.min(this.limits.cap, seen.limit + this.limits.page);
  }

  /** Records an answer: the limit asked for, and whether the server said it cut the neighbourhood. */
  record(id: string, limit: number, truncated: boolean): void {
    this.asked.set(id, { limit, more: truncated });
    this.last = id;
  }

  /** Whether the node was expanded at all. */
  has(id: string): boolean {
    return this.asked.has(id);
  }

  /** The node whose "show more" is on offer: the last one expanded, while it has more to show. */
  get offer(): { id: string; more: number } | null {
    if (this.last === null) return null;
    const next = this.nextLimit(this.last);
    const seen = this.asked.get(this.last);
    if (next === null || seen === undefined) return null;
    return { id: this.last, more: next - seen.limit };
  }
}

/** The banner over a graph that starts small: "Showing 312 of 1,204,118 nodes". */
export function hiddenBanner(shown: number, total: number): string {
  const format = (count: number) => count.toLocaleString('en-US');
  return `Showing ${format(shown)} of ${format(Math.max(total, shown))} nodes`;
}
