// The hover card: a node's full name or claim text, its stance and claimant, beside the node and kept inside the stage.
import type { NodeSummary } from '../../core/graph/nodeSummary';
import { STANCE_COLORS } from '../../core/graph/style';
import { el, setChildren } from '../dom';

const OFFSET = 10;

export class HoverCard {
  readonly element: HTMLDivElement;

  constructor() {
    // Hidden from assistive technology: the keyboard's moves are announced by the stage's live region instead.
    this.element = el('div', { class: 'hover-card', attrs: { 'aria-hidden': 'true', hidden: true } });
  }

  /** Shows `summary` next to a node at viewport point `at` with rendered radius `radius`, flipped to stay in `bounds`. */
  show(summary: NodeSummary, at: { x: number; y: number }, radius: number, bounds: { width: number; height: number }): void {
    setChildren(this.element, [
      el('div', { class: 'hover-kind', text: summary.kind }),
      el('div', { class: 'hover-title', text: summary.title }),
      ...summary.lines.map((line, index) =>
        el('div', {
          class: `hover-line${index === 0 && summary.stance !== null ? ' hover-stance' : ''}`,
          text: line,
          attrs: index === 0 && summary.stance !== null ? { style: `--stance:${STANCE_COLORS[summary.stance]}` } : {},
        }),
      ),
    ]);
    this.element.hidden = false;
    const width = this.element.offsetWidth;
    const height = this.element.offsetHeight;
    let left = at.x + radius + OFFSET;
    if (left + width > bounds.width - 4) left = at.x - radius - OFFSET - width;
    left = Math.max(4, Math.min(left, bounds.width - width - 4));
    let top = at.y - height / 2;
    top = Math.max(4, Math.min(top, bounds.height - height - 4));
    if (at.x < 0 || at.y < 0 || at.x > bounds.width || at.y > bounds.height) {
      this.hide();
      return;
    }
    this.element.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
