// The source reader: an article's whole text over the graph, every claim's span highlighted in its stance's colour and a link that
// opens the claim; the focused claim's span is marked and scrolled to. What it shows is the store's `read` (the source) and `focus`.
import type { SourceDocument } from '../../../../server/model/api';
import type { ApiClient } from '../../core/api';
import { claimStanceIn, documentClaims, documentPieces, type DocumentPiece } from '../../core/document';
import { describeError } from '../../core/errors';
import { STANCE_COLORS, STANCE_KEYS, STANCE_LABELS, inkOn, type StanceKey } from '../../core/graph/style';
import type { StateChange, ViewStore } from '../../core/state/store';
import { formatPartialDate } from '../../core/timeline';
import { el, setChildren, swatch } from '../dom';
import type { Navigator } from './panel';

export interface ReaderContext {
  readonly api: ApiClient;
  readonly store: ViewStore;
  readonly nav: Navigator;
  /** A claim's label for a highlight's tooltip ("Open the claim: …"), or null while the graph does not hold it. */
  describe(claimId: string): string | null;
  /** Counts a request as in flight while it runs, so that the page is not reported settled before the article is drawn. */
  track<T>(work: Promise<T>): Promise<T>;
}

const STANCE_WORDS: Readonly<Record<StanceKey, string>> = {
  asserts: 'asserts',
  denies: 'denies',
  neither: 'neither',
  none: 'no stance',
};

export class SourceReader {
  readonly element: HTMLElement;
  private readonly ctx: ReaderContext;
  private readonly kicker: HTMLDivElement;
  private readonly heading: HTMLHeadingElement;
  private readonly meta: HTMLParagraphElement;
  private readonly key: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly text: HTMLDivElement;
  /** The source the reader shows or is fetching, and its document once it came. */
  private source: string | null = null;
  private article: SourceDocument | null = null;
  private failed = false;
  /** The claim whose span is marked. */
  private marked: string | null = null;
  private generation = 0;
  private abort: AbortController | null = null;
  /** Where keyboard focus was before a person opened the reader, given back when they close it. */
  private returnFocus: HTMLElement | null = null;

  constructor(ctx: ReaderContext) {
    this.ctx = ctx;
    this.kicker = el('div', { class: 'panel-kicker', text: 'Source article' });
    this.heading = el('h2', { class: 'reader-title', attrs: { id: 'reader-title', tabindex: '-1' } });
    this.meta = el('p', { class: 'muted reader-meta' });
    const close = el('button', {
      class: 'icon-button reader-close',
      text: '×',
      attrs: { type: 'button', 'aria-label': 'Close the article (Escape)', 'data-action': 'close-reader' },
      on: { click: () => this.close() },
    });
    this.key = el('div', { class: 'reader-key', attrs: { 'aria-label': 'What the highlights mean' } });
    this.text = el('div', { class: 'reader-text', attrs: { lang: 'en' } });
    this.body = el('div', { class: 'reader-body', attrs: { tabindex: '-1' } }, [this.text]);
    this.element = el('section', { class: 'reader', attrs: { id: 'reader', 'aria-labelledby': 'reader-title', hidden: true } }, [
      el('header', { class: 'reader-header' }, [el('div', { class: 'reader-heading' }, [this.kicker, this.heading, this.meta]), close]),
      this.key,
      this.body,
    ]);
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      this.close();
    });
    // Tooltips name the claim; they are filled when first needed, since the graph may load after the article.
    const entitle = (event: Event) => {
      const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-claim]');
      if (target === null || target === undefined || target.title !== '') return;
      const claim = target.dataset.claim ?? '';
      const label = this.ctx.describe(claim);
      target.title = `Open the claim${label === null ? '' : `: ${label}`} (${STANCE_WORDS[(target.dataset.stance as StanceKey) ?? 'none']})`;
    };
    this.text.addEventListener('mouseover', entitle);
    this.text.addEventListener('focusin', entitle);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** What a change of the store does: opens, closes or refetches the article, or moves the mark to the focused claim. */
  render({ state, previous, force, focusPanel }: StateChange): void {
    if (state.read === null) {
      this.hide();
      return;
    }
    const opened = state.read !== previous.read || this.element.hidden;
    if (focusPanel && opened && this.returnFocus === null && document.activeElement instanceof HTMLElement)
      this.returnFocus = document.activeElement;
    if (state.read !== this.source || (force && this.failed)) {
      void this.load(state.read, focusPanel && opened);
      return;
    }
    this.element.hidden = false;
    if (this.article !== null && (state.focus !== this.marked || force)) this.mark(state.focus, 'if-hidden', false);
  }

  private async load(sourceId: string, takeFocus: boolean): Promise<void> {
    const generation = ++this.generation;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.source = sourceId;
    this.article = null;
    this.failed = false;
    this.marked = null;
    this.element.hidden = false;
    this.heading.textContent = sourceId;
    this.meta.textContent = '';
    setChildren(this.key, []);
    setChildren(this.text, [el('p', { class: 'muted loading-line', text: 'Loading the article…', attrs: { role: 'status' } })]);
    try {
      const answer = await this.ctx.track(this.ctx.api.document(sourceId, abort.signal));
      if (generation !== this.generation) return;
      this.article = answer;
      this.draw(answer);
      this.mark(this.ctx.store.state.focus, 'always', takeFocus);
    } catch (error) {
      if (generation !== this.generation) return;
      this.failed = true;
      const { title, detail } = describeError(error);
      setChildren(this.text, [
        el('div', { class: 'problem', attrs: { role: 'alert' } }, [
          el('strong', { class: 'problem-title', text: title }),
          el('p', { class: 'problem-detail', text: detail }),
          el('button', {
            class: 'button',
            text: 'Retry',
            attrs: { type: 'button', 'data-action': 'retry-reader' },
            on: { click: () => void this.load(sourceId, true) },
          }),
        ]),
      ]);
      if (takeFocus) this.heading.focus({ preventScroll: true });
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }

  private draw(answer: SourceDocument): void {
    const { source } = answer;
    this.heading.textContent = source.title;
    const meta = [source.publisher, source.author, source.published === null ? null : formatPartialDate(source.published)].filter(
      (part): part is string => part !== null && part !== '',
    );
    setChildren(this.meta, [
      meta.join(' · '),
      source.url === null
        ? null
        : el('a', {
            class: 'external',
            text: `${meta.length === 0 ? '' : ' · '}original ↗`,
            attrs: { href: source.url, target: '_blank', rel: 'noopener noreferrer' },
          }),
    ]);
    const claims = documentClaims(answer.spans);
    setChildren(this.key, [
      el('span', { class: 'reader-count', text: `${claims.length} claim${claims.length === 1 ? '' : 's'} highlighted` }),
      ...STANCE_KEYS.map((stance) =>
        el('span', { class: 'key-item', title: STANCE_LABELS[stance] }, [
          swatch('square', STANCE_COLORS[stance], 12),
          STANCE_WORDS[stance],
        ]),
      ),
      el('span', { class: 'key-item key-quote', text: 'quote', title: 'The speaker’s own words' }),
      el('span', { class: 'key-item key-hedge', text: 'hedge', title: 'The speaker’s hedging words' }),
    ]);
    const pieces = documentPieces(answer.text, answer.spans);
    setChildren(
      this.text,
      pieces.flatMap((piece) => this.pieceNodes(source.id, piece)),
    );
  }

  private pieceNodes(sourceId: string, piece: DocumentPiece): Node[] {
    const nodes: Node[] = [];
    if (piece.claim === null) {
      nodes.push(document.createTextNode(piece.parts.map((part) => part.text).join('')));
    } else {
      const claim = piece.claim;
      const link = el(
        'a',
        {
          class: `span-link stance-${piece.stance}`,
          attrs: {
            href: this.ctx.nav.readerHref(sourceId, claim),
            'data-claim': claim,
            'data-stance': piece.stance,
            'data-start': piece.start,
            'data-end': piece.end,
            tabindex: piece.first ? undefined : '-1',
            style: `--stance:${STANCE_COLORS[piece.stance]}`,
          },
          on: { click: (event) => this.follow(event, claim) },
        },
        piece.parts.map((part) =>
          el('span', {
            class: ['part', part.quote ? 'in-quote' : '', part.hedge ? 'in-hedge' : '', part.evidenceOf.length > 1 ? 'overlap' : '']
              .filter((name) => name !== '')
              .join(' '),
            text: part.text,
            attrs: { 'data-claims': part.claims.join(' ') },
          }),
        ),
      );
      nodes.push(link);
    }
    for (const other of piece.alsoHere) {
      nodes.push(
        el('a', {
          class: `span-chip stance-${other.stance}`,
          attrs: {
            href: this.ctx.nav.readerHref(sourceId, other.claim),
            'data-claim': other.claim,
            'data-stance': other.stance,
            'aria-label': `Another claim on these words (${STANCE_WORDS[other.stance]})`,
            style: `--stance:${STANCE_COLORS[other.stance]}`,
          },
          on: { click: (event) => this.follow(event, other.claim) },
        }),
      );
    }
    return nodes;
  }

  /** A plain click opens the claim in the panel and keeps the reader; a modified click is left to the browser (a new tab). */
  private follow(event: MouseEvent, claim: string): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.ctx.nav.open(claim);
  }

  /**
   * Marks the spans of `claim` (every run its spans cover) and, as `scroll` says, brings the first into view: always
   * (the article was just opened) or only when it is out of sight (the focus moved while reading).
   */
  private mark(claim: string | null, scroll: 'always' | 'if-hidden', takeFocus: boolean): void {
    const answer = this.article;
    if (answer === null) return;
    this.marked = claim;
    const inDocument = claim !== null && answer.spans.some((span) => span.claim === claim);
    const stance = inDocument ? claimStanceIn(answer.spans, claim) : 'none';
    this.text.style.setProperty('--mark', STANCE_COLORS[stance]);
    this.text.style.setProperty('--mark-ink', inkOn(STANCE_COLORS[stance]));
    let first: HTMLElement | null = null;
    for (const part of this.text.querySelectorAll<HTMLElement>('.part')) {
      const current = inDocument && (part.dataset.claims ?? '').split(' ').includes(claim);
      part.classList.toggle('current', current);
      if (current && first === null) first = part;
    }
    let target: HTMLElement | null = null;
    for (const link of this.text.querySelectorAll<HTMLElement>('[data-claim]')) {
      const current = inDocument && link.dataset.claim === claim;
      if (current) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
      if (current && target === null && link.getAttribute('tabindex') !== '-1') target = link;
    }
    this.kicker.textContent = inDocument ? 'Source article · the claim’s words are marked' : 'Source article';
    if (first !== null) this.scrollTo(first, scroll);
    else if (scroll === 'always') this.body.scrollTop = 0;
    if (takeFocus) (target ?? this.heading).focus({ preventScroll: true });
  }

  /** Puts `element` a fifth of the way down the reader; on narrow screens at its top, above the panel's bottom sheet. */
  private scrollTo(element: HTMLElement, scroll: 'always' | 'if-hidden'): void {
    const body = this.body.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    const sheet = window.matchMedia('(max-width: 720px)').matches;
    const visibleBottom = body.top + body.height * (sheet ? 0.3 : 1);
    if (scroll === 'if-hidden' && box.top >= body.top && box.bottom <= visibleBottom) return;
    this.body.scrollTop += box.top - body.top - (sheet ? 12 : body.height * 0.2);
  }

  private close(): void {
    const back = this.returnFocus;
    this.returnFocus = null;
    this.ctx.store.update({ read: null }, 'push');
    if (back !== null && back.isConnected && !back.closest('[hidden]')) back.focus({ preventScroll: true });
  }

  private hide(): void {
    this.generation += 1;
    this.abort?.abort();
    this.abort = null;
    this.source = null;
    this.article = null;
    this.marked = null;
    this.failed = false;
    this.element.hidden = true;
    setChildren(this.text, []);
  }
}
