// The "contested" badge on a target or claim that a contradiction involves, and what it opens: every contradiction on
// that target with its sides side by side, each claim with its claimant, stance, date and quoted words.
import type { Contradiction, ContradictionClaim, ContradictionSide } from '../../../../server/model/analysis';
import { CONTRADICTION_TITLES, sideQuote, sideTitle, type ContestedIndex, contestedKinds } from '../../core/analysis';
import { CONTESTED_COLOR, STANCE_COLORS, stanceKey } from '../../core/graph/style';
import { claimDateText } from '../../core/wording';
import { el, setChildren } from '../dom';
import { readerLink, stanceBadge, type Navigator } from './panel';
import './analysis.css';

/** The inline style every contested element reads its colour from. */
export const CONTESTED_STYLE = `--contested:${CONTESTED_COLOR};--badge:${CONTESTED_COLOR}`;

/** The badge whose view a host shows, so that whatever replaces the view (another badge, a matrix cell) closes it. */
const openBadges = new WeakMap<HTMLElement, HTMLButtonElement>();

/** Fills `host` with `content`, marking `badge` (or none) as the one whose view it shows. */
export function showInHost(host: HTMLElement, badge: HTMLButtonElement | null, content: Array<Node | null>): void {
  openBadges.get(host)?.setAttribute('aria-expanded', 'false');
  if (badge === null) openBadges.delete(host);
  else {
    openBadges.set(host, badge);
    badge.setAttribute('aria-expanded', 'true');
  }
  setChildren(host, content);
}

/**
 * A button saying which kinds of contradiction a target is in; each click shows or hides `view()` in `host`
 * (created on first use, so a badge that is never opened costs nothing). Null when the target is not contested.
 */
export function contestedBadge(
  nav: Navigator,
  index: ContestedIndex,
  target: { id: string; name: string },
  host: HTMLElement,
): HTMLButtonElement | null {
  const contradictions = index.byTarget.get(target.id) ?? [];
  if (contradictions.length === 0) return null;
  const kinds = contestedKinds(index, target.id);
  const badge = el('button', {
    class: 'badge contested-badge',
    text: 'contested',
    title: `Contested: ${kinds.map((kind) => CONTRADICTION_TITLES[kind].toLowerCase()).join('; ')}. Show both sides.`,
    attrs: { type: 'button', style: CONTESTED_STYLE, 'aria-expanded': 'false', 'data-contested': target.id, 'data-kinds': kinds.join(' ') },
  });
  badge.addEventListener('click', (event) => {
    // A badge inside another clickable (a matrix header) must not also trigger it.
    event.stopPropagation();
    const open = badge.getAttribute('aria-expanded') !== 'true';
    showInHost(host, open ? badge : null, open ? [contestedView(nav, target, contradictions)] : []);
    if (open) host.scrollIntoView({ block: 'nearest' });
  });
  return badge;
}

function sideClaim(nav: Navigator, entry: ContradictionClaim): HTMLLIElement {
  const quote = sideQuote(entry);
  const evidence = entry.evidence[0];
  return el('li', { attrs: { 'data-claim': entry.claim.id } }, [
    el(
      'button',
      { class: 'node-link', attrs: { type: 'button', 'data-node': entry.claim.id }, on: { click: () => nav.open(entry.claim.id) } },
      [el('strong', { text: entry.claimant.name })],
    ),
    ' ',
    stanceBadge(entry.stance),
    el('span', { class: 'muted', text: ` ${entry.claim.confidence} · ${claimDateText(entry.claim.date, entry.claim.dateBasis)}` }),
    quote === null ? el('span', { class: 'muted', text: entry.claim.text }) : el('q', { text: quote }),
    evidence === undefined ? null : readerLink(nav, evidence.source, entry.claim.id),
  ]);
}

function sideColumn(nav: Navigator, contradiction: Contradiction, side: ContradictionSide): HTMLElement {
  return el(
    'section',
    {
      class: 'contested-side',
      attrs: {
        style: `--side:${STANCE_COLORS[stanceKey(side.stance)]}`,
        'data-stance': side.stance ?? 'none',
        'data-target': side.target.id,
      },
    },
    [
      el('h5', { text: sideTitle(contradiction, side) }),
      el('p', {
        class: 'muted',
        text: `${side.claimCount} claim${side.claimCount === 1 ? '' : 's'} · ${side.independentClaimants} independent claimant${side.independentClaimants === 1 ? '' : 's'}`,
      }),
      el(
        'ul',
        {},
        side.claims.map((entry) => sideClaim(nav, entry)),
      ),
      side.claims.length < side.claimCount
        ? el('p', { class: 'muted', text: `Showing the earliest ${side.claims.length} of ${side.claimCount}.` })
        : null,
    ],
  );
}

/** Every contradiction on the target, one block each, its sides in columns. */
export function contestedView(nav: Navigator, target: { id: string; name: string }, contradictions: readonly Contradiction[]): HTMLElement {
  return el(
    'div',
    {
      class: 'contested-view',
      attrs: { style: CONTESTED_STYLE, 'data-contested-view': target.id, role: 'region', 'aria-label': `Why ${target.name} is contested` },
    },
    [
      ...contradictions.map((contradiction) =>
        el('article', { class: 'contradiction', attrs: { 'data-kind': contradiction.kind } }, [
          el('h4', {
            text: `${CONTRADICTION_TITLES[contradiction.kind]}${contradiction.group === null ? '' : `: ${contradiction.group.claimants.map((claimant) => claimant.name).join(', ')}`}`,
          }),
          el(
            'div',
            { class: 'contested-sides' },
            contradiction.sides.map((side) => sideColumn(nav, contradiction, side)),
          ),
        ]),
      ),
    ],
  );
}
