// The saved-views box: name and save the view on screen, then open, share (copy its link) or delete a saved one; the logic is core/state/savedViews.ts.
import { addView, removeView, viewLink, viewSummary, type SavedView, type SavedViewStore } from '../../core/state/savedViews';
import type { ViewState } from '../../core/state/urlState';
import { el, setChildren } from '../dom';

export interface SavedViewsOptions {
  store: SavedViewStore;
  /** The view on screen and the timeline window's start. */
  current(): { state: ViewState; windowStart: string | null };
  layoutSeed: number;
  /** Shows a saved view (state, window start, camera). */
  open(view: SavedView): void;
  page: { origin: string; pathname: string };
  /** Puts text on the clipboard; rejects when the browser refuses. */
  copy(text: string): Promise<void>;
  now?: () => Date;
}

export class SavedViewsBox {
  readonly element: HTMLElement;
  private readonly options: SavedViewsOptions;
  private readonly nameInput: HTMLInputElement;
  private readonly message: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly link: HTMLInputElement;
  private views: SavedView[] = [];

  constructor(options: SavedViewsOptions) {
    this.options = options;
    this.nameInput = el('input', {
      class: 'saved-view-name-input',
      attrs: { type: 'text', maxlength: 80, 'aria-label': 'Name of the view to save', placeholder: 'Name this view' },
    });
    this.message = el('p', { class: 'saved-views-message', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.list = el('ul', { class: 'saved-views-list', attrs: { 'aria-label': 'Saved views' } });
    this.link = el('input', {
      class: 'saved-view-link',
      attrs: { type: 'text', readonly: true, 'aria-label': 'Link to the shared view', hidden: true },
    });
    const form = el('form', { class: 'saved-views-form' }, [
      this.nameInput,
      el('button', { class: 'button small', text: 'Save view', attrs: { type: 'submit', 'data-action': 'save-view' } }),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
    this.element = el('section', { class: 'saved-views-box', attrs: { 'aria-labelledby': 'saved-views-title' } }, [
      el('h2', { class: 'saved-views-title', text: 'Saved views', attrs: { id: 'saved-views-title' } }),
      form,
      this.message,
      this.list,
      this.link,
    ]);
    const read = options.store.read();
    this.views = read.views;
    if (read.problems.length > 0) this.say(read.problems.join(' '), 'problem');
    this.renderList();
  }

  private say(text: string, kind: 'info' | 'problem' = 'info'): void {
    this.message.textContent = text;
    this.message.classList.toggle('problem', kind === 'problem');
  }

  private save(): void {
    const { state, windowStart } = this.options.current();
    const result = addView(this.views, {
      name: this.nameInput.value,
      state,
      windowStart,
      layoutSeed: this.options.layoutSeed,
      now: (this.options.now ?? (() => new Date()))(),
    });
    if (!result.ok) {
      this.say(result.error, 'problem');
      this.nameInput.focus();
      return;
    }
    const refused = this.options.store.write(result.views);
    if (refused !== null) {
      this.say(refused, 'problem');
      return;
    }
    this.views = result.views;
    this.nameInput.value = '';
    this.say(`${result.replaced ? 'Replaced' : 'Saved'} “${result.view.name}”.`);
    this.renderList();
  }

  private remove(view: SavedView): void {
    const views = removeView(this.views, view.name);
    const refused = this.options.store.write(views);
    if (refused !== null) {
      this.say(refused, 'problem');
      return;
    }
    this.views = views;
    this.link.hidden = true;
    this.say(`Deleted “${view.name}”.`);
    this.renderList();
  }

  private async share(view: SavedView): Promise<void> {
    const link = viewLink(view, this.options.page);
    // The link is shown too, so it can be copied by hand where the clipboard is refused.
    this.link.value = link;
    this.link.hidden = false;
    try {
      await this.options.copy(link);
      this.say(`Copied the link to “${view.name}”.`);
    } catch {
      this.say(`The browser would not copy; the link to “${view.name}” is below, selected.`);
      this.link.focus();
      this.link.select();
    }
  }

  private renderList(): void {
    if (this.views.length === 0) {
      setChildren(this.list, [el('li', { class: 'saved-views-empty', text: 'No saved views yet.' })]);
      return;
    }
    setChildren(
      this.list,
      this.views.map((view) => {
        const button = (action: string, text: string, label: string, run: () => void) =>
          el('button', {
            class: 'button small',
            text,
            attrs: { type: 'button', 'data-action': action, 'aria-label': label },
            on: { click: run },
          });
        return el('li', { class: 'saved-view', attrs: { 'data-name': view.name } }, [
          el('span', { class: 'saved-view-name', text: view.name }),
          el('span', { class: 'saved-view-summary', text: viewSummary(view) }),
          el('span', { class: 'saved-view-actions' }, [
            button('open-view', 'Open', `Open the view “${view.name}”`, () => {
              this.options.open(view);
              this.say(
                view.layoutSeed === this.options.layoutSeed
                  ? `Opened “${view.name}”.`
                  : `Opened “${view.name}”. It was saved with layout seed ${view.layoutSeed}; this page lays the graph out with seed ${this.options.layoutSeed}, so nodes may sit elsewhere.`,
              );
            }),
            button('share-view', 'Copy link', `Copy the link to the view “${view.name}”`, () => void this.share(view)),
            button('delete-view', 'Delete', `Delete the view “${view.name}”`, () => this.remove(view)),
          ]),
        ]);
      }),
    );
  }
}
