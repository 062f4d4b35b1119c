// Autocomplete over GET /api/search: debounced, cancels stale requests, and is driven by arrows, Enter and Escape.
import type { SearchResult } from '../../../../server/model/api';
import type { RecordType } from '../../../../server/model/vocabulary';
import type { ApiClient } from '../../core/api';
import { describeError } from '../../core/errors';
import { NODE_TYPE_STYLE } from '../../core/graph/style';
import { el, setChildren, swatch } from '../dom';

export interface AutocompleteOptions {
  api: ApiClient;
  debounceMs: number;
  limit: number;
  placeholder: string;
  /** Accessible name of the input. */
  label: string;
  types?: RecordType[];
  onPick(result: SearchResult): void;
}

let instances = 0;

export class Autocomplete {
  readonly element: HTMLDivElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly status: HTMLDivElement;
  private readonly options: AutocompleteOptions;
  private results: SearchResult[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private controller: AbortController | null = null;
  private readonly id: string;

  constructor(options: AutocompleteOptions) {
    this.options = options;
    instances += 1;
    this.id = `ac${instances}`;
    this.input = el('input', {
      class: 'ac-input',
      attrs: {
        type: 'search',
        role: 'combobox',
        'aria-autocomplete': 'list',
        'aria-expanded': 'false',
        'aria-controls': `${this.id}-list`,
        'aria-label': options.label,
        placeholder: options.placeholder,
        autocomplete: 'off',
        spellcheck: 'false',
      },
    });
    this.list = el('ul', {
      class: 'ac-list',
      attrs: { id: `${this.id}-list`, role: 'listbox', 'aria-label': `${options.label}: results`, hidden: true },
    });
    this.status = el('div', { class: 'ac-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.element = el('div', { class: 'ac' }, [this.input, this.list, this.status]);
    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('focus', () => {
      if (this.results.length > 0 && this.input.value.trim() !== '') this.open();
    });
    // Closing on blur waits a moment so that a click on a result still lands.
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (text === '') {
      this.controller?.abort();
      this.results = [];
      this.close();
      this.status.textContent = '';
      return;
    }
    this.timer = setTimeout(() => void this.run(text), this.options.debounceMs);
  }

  private async run(text: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.element.classList.add('busy');
    try {
      const response = await this.options.api.search(text, this.options.limit, controller.signal, this.options.types);
      if (controller.signal.aborted) return;
      this.results = response.results;
      this.active = this.results.length > 0 ? 0 : -1;
      this.render();
      this.status.textContent = this.results.length === 0 ? `Nothing found for “${text}”` : `${this.results.length} results`;
      this.open();
    } catch (error) {
      if (controller.signal.aborted) return;
      const { title, detail } = describeError(error);
      this.results = [];
      this.render();
      this.status.textContent = `Search failed: ${title}. ${detail}`;
      this.status.classList.add('error');
      return;
    } finally {
      if (this.controller === controller) this.element.classList.remove('busy');
    }
    this.status.classList.remove('error');
  }

  private render(): void {
    setChildren(
      this.list,
      this.results.map((result, index) => {
        const style = NODE_TYPE_STYLE[result.type];
        const item = el(
          'li',
          {
            class: 'ac-option',
            attrs: {
              id: `${this.id}-opt-${index}`,
              role: 'option',
              'aria-selected': index === this.active ? 'true' : 'false',
              'data-id': result.id,
            },
            on: {
              mousedown: (event) => event.preventDefault(),
              click: () => this.pick(index),
            },
          },
          [
            swatch(style.shape, style.color),
            el('span', { class: 'ac-label', text: result.label }),
            el('span', { class: 'ac-type', text: style.label }),
            result.snippet !== '' && result.snippet !== result.label ? el('span', { class: 'ac-snippet', text: result.snippet }) : null,
          ],
        );
        return item;
      }),
    );
    this.updateActive();
  }

  private updateActive(): void {
    Array.from(this.list.children).forEach((child, index) => child.setAttribute('aria-selected', index === this.active ? 'true' : 'false'));
    if (this.active >= 0) {
      this.input.setAttribute('aria-activedescendant', `${this.id}-opt-${this.active}`);
      this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private onKey(event: KeyboardEvent): void {
    const openList = !this.list.hidden;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!openList && this.results.length > 0) this.open();
        else if (this.results.length > 0) this.active = (this.active + 1) % this.results.length;
        this.updateActive();
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (this.results.length > 0) this.active = (this.active - 1 + this.results.length) % this.results.length;
        this.updateActive();
        break;
      case 'Enter':
        if (openList && this.active >= 0) {
          event.preventDefault();
          this.pick(this.active);
        } else if (this.timer !== null) {
          // Enter before the debounce fired: search now.
          event.preventDefault();
          clearTimeout(this.timer);
          void this.run(this.input.value.trim());
        }
        break;
      case 'Escape':
        // First Escape closes the list, the second clears the text; neither reaches the page's Escape handler.
        if (openList) {
          event.preventDefault();
          event.stopPropagation();
          this.close();
        } else if (this.input.value !== '') {
          event.preventDefault();
          event.stopPropagation();
          this.input.value = '';
          this.schedule();
        }
        break;
      default:
    }
  }

  private pick(index: number): void {
    const result = this.results[index];
    if (result === undefined) return;
    this.close();
    this.input.value = result.label;
    this.options.onPick(result);
  }

  private open(): void {
    if (this.results.length === 0) return;
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }

  setValue(text: string): void {
    this.input.value = text;
  }
}
