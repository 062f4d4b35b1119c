// What the panel shows for shortest paths: the two pickers, the paths between them, and buttons that highlight one or all of them.
import type { PathsResponse } from '../../../../server/model/api';
import { isRecordType, isRelationshipType } from '../../../../server/model/vocabulary';
import type { ApiClient } from '../../core/api';
import { EDGE_STYLES, NODE_TYPE_STYLE, PAGE_COLORS } from '../../core/graph/style';
import type { ExplorerSettings } from '../../core/settings';
import { Autocomplete } from '../controls/search';
import { el, swatch } from '../dom';
import type { Navigator } from './panel';

export interface PathsContext {
  api: ApiClient;
  settings: ExplorerSettings;
  nav: Navigator;
  /** Label, type and colour of a node already in the graph. */
  describe(id: string): { label: string; type: string; color: string } | null;
  /** Source of an edge in the graph, to tell which way a step of a path points. */
  edgeSource(key: string): string | null;
  /** Asks for the paths between two nodes (updates the URL). */
  setEnds(from: string | null, to: string | null): void;
  /** Highlights one path, or all of them with null. */
  showPath(index: number | null): void;
}

/** The two pickers; a picked end is applied at once when the other end is known. */
export function pathsForm(ctx: PathsContext, from: string | null, to: string | null): HTMLElement {
  let chosenFrom = from;
  let chosenTo = to;
  const picker = (end: 'from' | 'to', current: string | null) => {
    const box = new Autocomplete({
      api: ctx.api,
      debounceMs: ctx.settings.searchDebounceMs,
      limit: ctx.settings.searchLimit,
      label: end === 'from' ? 'Path start' : 'Path end',
      placeholder: end === 'from' ? 'From… (type a name)' : 'To… (type a name)',
      onPick: (result) => {
        if (end === 'from') chosenFrom = result.id;
        else chosenTo = result.id;
        if (chosenFrom !== null && chosenTo !== null) ctx.setEnds(chosenFrom, chosenTo);
      },
    });
    box.element.classList.add(`path-${end}`);
    if (current !== null) box.setValue(ctx.describe(current)?.label ?? current);
    return box;
  };
  const fromBox = picker('from', from);
  const toBox = picker('to', to);
  const swap = el('button', {
    class: 'icon-button',
    text: '⇅',
    title: 'Swap the ends',
    attrs: { type: 'button', 'aria-label': 'Swap start and end' },
    on: { click: () => ctx.setEnds(chosenTo, chosenFrom) },
  });
  return el(
    'form',
    { class: 'paths-form', attrs: { role: 'search', 'aria-label': 'Shortest paths' }, on: { submit: (event) => event.preventDefault() } },
    [
      el('label', { class: 'field-label', text: 'From' }),
      fromBox.element,
      el('label', { class: 'field-label', text: 'To' }),
      toBox.element,
      swap,
    ],
  );
}

function nodeChip(ctx: PathsContext, id: string): HTMLButtonElement {
  const described = ctx.describe(id);
  const type = described !== null && isRecordType(described.type) ? described.type : 'actor';
  const style = NODE_TYPE_STYLE[type];
  return el('button', { class: 'node-link path-node', attrs: { type: 'button', 'data-node': id }, on: { click: () => ctx.nav.open(id) } }, [
    swatch(style.shape, described?.color ?? style.color),
    el('span', { text: described?.label ?? id }),
  ]);
}

/** A step of a path; paths ignore direction, so the arrow says which way the relationship really points. */
function edgeChip(ctx: PathsContext, edgeKey: string, from: string): HTMLSpanElement {
  const type = edgeKey.split(':')[0] ?? '';
  const color = isRelationshipType(type) ? EDGE_STYLES[type].color : PAGE_COLORS.muted;
  const words = type.toLowerCase().replace(/_/g, ' ');
  const forward = ctx.edgeSource(edgeKey) !== null ? ctx.edgeSource(edgeKey) === from : true;
  return el('span', {
    class: `path-edge ${forward ? 'forward' : 'backward'}`,
    text: forward ? `${words} →` : `← ${words}`,
    title: forward ? `${words}` : `${words} (pointing back)`,
    attrs: { style: `--edge:${color}` },
  });
}

export function pathsResults(ctx: PathsContext, response: PathsResponse): Array<Node | null> {
  if (response.paths.length === 0) {
    return [el('p', { class: 'muted', text: `No path of at most ${ctx.settings.pathMaxHops} steps joins these two nodes.` })];
  }
  const hops = response.paths[0]?.edges.length ?? 0;
  return [
    el('p', {
      class: 'muted',
      text: `${response.paths.length} shortest path${response.paths.length === 1 ? '' : 's'}, ${hops} step${hops === 1 ? '' : 's'} long.`,
    }),
    el(
      'ol',
      { class: 'path-list' },
      response.paths.map((path, index) => {
        const steps: Node[] = [];
        path.nodes.forEach((node, position) => {
          steps.push(nodeChip(ctx, node));
          const edge = path.edges[position];
          if (edge !== undefined) steps.push(edgeChip(ctx, edge, node));
        });
        return el('li', { class: 'path', attrs: { 'data-path': index } }, [
          el('div', { class: 'path-steps' }, steps),
          el('button', {
            class: 'button small',
            text: 'Highlight only this path',
            attrs: { type: 'button' },
            on: { click: () => ctx.showPath(index) },
          }),
        ]);
      }),
    ),
    response.paths.length > 1
      ? el('button', {
          class: 'button small',
          text: 'Highlight all paths',
          attrs: { type: 'button' },
          on: { click: () => ctx.showPath(null) },
        })
      : null,
  ];
}
