// The filter form: node types, actor kinds, stances and source article; it reports a new FilterState on every change (the predicate is core/filters.ts).
import { ACTOR_KINDS, RECORD_TYPES } from '../../../../server/model/vocabulary';
import { defaultFilters, type FilterState } from '../../core/filters';
import {
  ACTOR_KIND_COLORS,
  ACTOR_KIND_LABELS,
  NODE_TYPE_STYLE,
  STANCE_COLORS,
  STANCE_KEYS,
  STANCE_LABELS,
  type Shape,
} from '../../core/graph/style';
import { el, setChildren, swatch } from '../dom';

type ListKey = 'types' | 'kinds' | 'stances';

export class FilterControls {
  readonly element: HTMLElement;
  private filters: FilterState = defaultFilters();
  private readonly boxes: Array<{ key: ListKey; value: string; input: HTMLInputElement }> = [];
  private readonly sourceSelect: HTMLSelectElement;
  private readonly onChange: (filters: FilterState) => void;

  constructor(onChange: (filters: FilterState) => void) {
    this.onChange = onChange;
    const group = <T extends string>(
      key: ListKey,
      legend: string,
      values: readonly T[],
      describe: (value: T) => { label: string; color: string; shape: Shape },
    ) =>
      el('fieldset', { class: `filter-group filter-${key}` }, [
        el('legend', { text: legend }),
        ...values.map((value) => {
          const { label, color, shape } = describe(value);
          const input = el('input', { attrs: { type: 'checkbox', name: key, value, checked: true } });
          input.addEventListener('change', () => this.changed());
          this.boxes.push({ key, value, input });
          return el('label', { class: 'check' }, [input, swatch(shape, color), el('span', { text: label })]);
        }),
      ]);
    this.sourceSelect = el('select', { attrs: { name: 'source', 'aria-label': 'Source article' } });
    this.sourceSelect.addEventListener('change', () => this.changed());
    this.element = el('form', { class: 'filters', attrs: { 'aria-label': 'Filters' }, on: { submit: (event) => event.preventDefault() } }, [
      group('types', 'Node types', RECORD_TYPES, (type) => ({
        label: NODE_TYPE_STYLE[type].label,
        color: NODE_TYPE_STYLE[type].color,
        shape: NODE_TYPE_STYLE[type].shape,
      })),
      group('stances', 'Claim stance', STANCE_KEYS, (stance) => ({
        label: STANCE_LABELS[stance],
        color: STANCE_COLORS[stance],
        shape: 'diamond',
      })),
      group('kinds', 'Actor kind', ACTOR_KINDS, (kind) => ({
        label: ACTOR_KIND_LABELS[kind],
        color: ACTOR_KIND_COLORS[kind],
        shape: 'circle',
      })),
      el('fieldset', { class: 'filter-group' }, [el('legend', { text: 'Source article' }), this.sourceSelect]),
      el('button', {
        class: 'button small',
        text: 'Reset filters',
        attrs: { type: 'button', 'data-action': 'reset-filters' },
        on: { click: () => this.onChange({ ...defaultFilters(), until: this.filters.until }) },
      }),
    ]);
  }

  /** The sources offered in the select, as [id, title]. */
  setSources(sources: Array<[string, string]>): void {
    setChildren(this.sourceSelect, [
      el('option', { text: 'All sources', attrs: { value: '' } }),
      ...sources.map(([id, title]) => el('option', { text: title, attrs: { value: id } })),
    ]);
    this.sourceSelect.value = this.filters.source ?? '';
  }

  /** Shows a state that came from elsewhere (the URL, a reset) without reporting it back. */
  update(filters: FilterState): void {
    this.filters = { ...filters };
    for (const box of this.boxes) box.input.checked = (filters[box.key] as string[]).includes(box.value);
    if (filters.source !== null && !Array.from(this.sourceSelect.options).some((option) => option.value === filters.source)) {
      this.sourceSelect.append(el('option', { text: filters.source, attrs: { value: filters.source } }));
    }
    this.sourceSelect.value = filters.source ?? '';
  }

  private changed(): void {
    const pick = (key: ListKey) => this.boxes.filter((box) => box.key === key && box.input.checked).map((box) => box.value);
    const next: FilterState = {
      types: pick('types') as FilterState['types'],
      kinds: pick('kinds') as FilterState['kinds'],
      stances: pick('stances') as FilterState['stances'],
      source: this.sourceSelect.value === '' ? null : this.sourceSelect.value,
      until: this.filters.until,
    };
    this.filters = next;
    this.onChange(next);
  }
}
