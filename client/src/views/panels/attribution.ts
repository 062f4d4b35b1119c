// What the panel shows for an incident's attribution: per accused actor, the claims that assert, deny or neither, with independent claimant counts.
import type { Accused, Attribution, AttributionEntry } from '../../../../server/model/api';
import { STANCES, type Stance } from '../../../../server/model/vocabulary';
import { STANCE_COLORS } from '../../core/graph/style';
import { formatPartialDate } from '../../core/timeline';
import { el } from '../dom';
import { actorLink, claimRow, section, type Navigator } from './panel';

/** One column per stance, in the model's order: the answer's list for it and its heading. */
const SIDES: Readonly<Record<Stance, { key: 'assertedBy' | 'deniedBy' | 'declinedBy'; title: string }>> = {
  asserts: { key: 'assertedBy', title: 'Assert it was them' },
  denies: { key: 'deniedBy', title: 'Deny it' },
  neither: { key: 'declinedBy', title: 'Neither confirm nor deny' },
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function entryRow(nav: Navigator, entry: AttributionEntry): HTMLLIElement {
  const sources = entry.sources.map((source) => source.title);
  return claimRow(nav, entry.claim, entry.claimant, [
    el('div', { class: 'muted entry-meta' }, [
      `confidence ${entry.claim.confidence}`,
      entry.claim.hedge === null ? null : el('span', {}, [' · hedged: ', el('q', { text: entry.claim.hedge })]),
      sources.length === 0 ? null : ` · in ${sources.join('; ')}`,
    ]),
  ]);
}

function accusedBlock(nav: Navigator, accused: Accused): HTMLElement {
  const sides = STANCES.map((side) => {
    const { key, title } = SIDES[side];
    const entries = accused[key];
    const total = accused.claims[side];
    const independent = accused.independentClaimants[side];
    return el('section', { class: `side side-${side}`, attrs: { style: `--side:${STANCE_COLORS[side]}`, 'data-side': side } }, [
      el('h4', {}, [
        el('span', { class: 'side-title', text: title }),
        el('span', {
          class: 'side-count',
          text: `${plural(total, 'claim', 'claims')} · ${plural(independent, 'independent claimant', 'independent claimants')}`,
          title: 'Claimants counted once per group of affiliated claimants (an agency and its director count once)',
        }),
      ]),
      entries.length === 0
        ? el('p', { class: 'muted', text: 'None in the data.' })
        : el(
            'ul',
            { class: 'claim-list' },
            entries.map((entry) => entryRow(nav, entry)),
          ),
      entries.length < total
        ? el('p', { class: 'muted more', text: `Showing the earliest ${entries.length} of ${plural(total, 'claim', 'claims')}.` })
        : null,
    ]);
  });
  return el('article', { class: 'accused', attrs: { 'data-accused': accused.actor.id } }, [
    el('h3', { class: 'accused-title' }, ['Accused: ', actorLink(nav, accused.actor)]),
    el('div', { class: 'sides' }, sides),
  ]);
}

/** The widest page the API lists: its caps for accused actors and for claims per side. */
export const WIDEST_ATTRIBUTION_PAGE = { limit: 100, claimsPerSide: 50 } as const;

/** `listMore`, when given and the answer left claims or accused actors out, is offered as a button that lists more. */
export function attributionContent(nav: Navigator, attribution: Attribution, listMore?: () => void): Array<Node | null> {
  const { incident } = attribution;
  const when =
    incident.start === null
      ? null
      : incident.end === null || incident.end === incident.start
        ? formatPartialDate(incident.start)
        : `${formatPartialDate(incident.start)} – ${formatPartialDate(incident.end)}`;
  return [
    el('p', { class: 'description', text: incident.description }),
    when === null ? null : el('p', { class: 'muted', text: `${incident.kind} · ${when}` }),
    attribution.accused.length === 0
      ? el('p', { class: 'muted', text: 'No claim in the data names anyone as responsible for this incident.' })
      : section(
          'Who blames whom',
          attribution.accused.map((accused) => accusedBlock(nav, accused)),
          'attribution',
        ),
    attribution.accused.length < attribution.accusedTotal
      ? el('p', {
          class: 'muted more',
          text: `Showing the ${attribution.accused.length} most-blamed of ${plural(attribution.accusedTotal, 'accused actor', 'accused actors')}.`,
        })
      : null,
    el('div', { class: 'panel-actions' }, [
      attribution.truncated && listMore !== undefined
        ? el('button', {
            class: 'button small',
            text: `List up to ${WIDEST_ATTRIBUTION_PAGE.claimsPerSide} claims per side for ${WIDEST_ATTRIBUTION_PAGE.limit} accused`,
            attrs: { type: 'button', 'data-action': 'list-more' },
            on: { click: listMore },
          })
        : null,
      el('button', {
        class: 'button small',
        text: 'Expand neighbours',
        attrs: { type: 'button', 'data-action': 'expand' },
        on: { click: () => nav.expand(incident.id) },
      }),
    ]),
  ];
}
