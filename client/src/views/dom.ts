// A tiny element builder so that the UI modules stay declarative without a framework.

type Child = Node | string | null | undefined | false;

export interface ElementProps {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class !== undefined) element.className = props.class;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.title !== undefined) element.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, handler] of Object.entries(props.on ?? {})) element.addEventListener(name, handler as EventListener);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Replaces an element's children. */
export function setChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren(...children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false));
}

/** A small inline SVG swatch of a node shape or edge line, used by the legend and the panel. */
export function swatch(
  shape: 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon' | 'arrow' | 'line',
  color: string,
  size = 14,
): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', '0 0 14 14');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('swatch');
  const shapes: Record<typeof shape, string> = {
    circle: '<circle cx="7" cy="7" r="5.5"/>',
    square: '<rect x="2" y="2" width="10" height="10"/>',
    diamond: '<path d="M7 0.5L13.5 7L7 13.5L0.5 7Z"/>',
    triangle: '<path d="M7 1L13 12.5H1Z"/>',
    hexagon: '<path d="M1 7L4 1.8H10L13 7L10 12.2H4Z"/>',
    arrow: '<path d="M0 7H10" stroke-width="2"/><path d="M9 3.5L14 7L9 10.5Z" stroke="none"/>',
    line: '<path d="M0 7H14" stroke-width="2"/>',
  };
  svg.innerHTML = shapes[shape];
  for (const child of Array.from(svg.children)) {
    child.setAttribute('fill', color);
    if (shape === 'arrow' || shape === 'line') child.setAttribute('stroke', color);
  }
  return svg;
}
