// What the panel shows for an incident's attribution: per accused actor and per explanation that blames no one, the claims that
// assert, deny or neither, with independent claimant counts and each claimant's affiliations; related incidents apart.
import type { Accused, Attribution, AttributionEntry, Explained, RelatedAttribution } from '../../../../server/model/api';
import { STANCES, type Stance } from '../../../../server/model/vocabulary';
import { ATTRIBUTION_TABS, type AttributionTab, type ContestedIndex } from '../../core/analysis';
import { STANCE_COLORS } from '../../core/graph/style';
import { formatPartialDate } from '../../core/timeline';
import { affiliationWords } from '../../core/wording';
import { el } from '../dom';
import { contestedBadge } from './contested';
import { actorLink, claimRow, explanationLink, nodeLink, section, type Navigator } from './panel';

type SideKey = 'assertedBy' | 'deniedBy' | 'declinedBy';

/** One column per stance, in the model's order: the answer's list for it and its heading, for an accused actor and for an explanation. */
const SIDES: Readonly<Record<Stance, { key: SideKey; title: string; explanationTitle: string }>> = {
  asserts: { key: 'assertedBy', title: 'Assert it was them', explanationTitle: 'Put it forward' },
  denies: { key: 'deniedBy', title: 'Deny it', explanationTitle: 'Reject it' },
  neither: { key: 'declinedBy', title: 'Neither confirm nor deny', explanationTitle: 'Neither confirm nor rule it out' },
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Authors of the 19 December paste, reportedly from Anonymous": the claimant and the groups the sources tie it to. */
function affiliationLine(nav: Navigator, entry: AttributionEntry): HTMLElement | null {
  const affiliations = entry.claimant.affiliations ?? [];
  if (affiliations.length === 0) return null;
  const ties = affiliations.flatMap((affiliation, index) => {
    const { before, after } = affiliationWords(affiliation);
    return [
      index === 0 ? null : '; ',
      before === '' ? null : `${before} `,
      actorLink(nav, affiliation.actor),
      after === '' ? null : el('span', { class: 'muted', text: ` ${after}` }),
    ];
  });
  return el(
    'div',
    {
      class: 'claimant-affiliations',
      title: affiliations.map((affiliation) => `${affiliation.role} (${affiliation.certainty})`).join('; '),
      attrs: { 'data-claimant': entry.claimant.id },
    },
    [el('span', { class: 'claimant-name', text: entry.claimant.name }), ', ', ...ties],
  );
}

function entryRow(nav: Navigator, entry: AttributionEntry): HTMLLIElement {
  const sources = entry.sources.map((source) => source.title);
  return claimRow(nav, entry.claim, entry.claimant, [
    affiliationLine(nav, entry),
    el('div', { class: 'muted entry-meta' }, [
      `confidence ${entry.claim.confidence}`,
      entry.claim.hedge === null ? null : el('span', {}, [' · hedged: ', el('q', { text: entry.claim.hedge })]),
      sources.length === 0 ? null : ` · in ${sources.join('; ')}`,
    ]),
  ]);
}

/** The three sides of an accused actor or an explanation, each with its counts and its earliest claims. */
function sides(nav: Navigator, subject: Accused | Explained, explanation: boolean): HTMLElement {
  return el(
    'div',
    { class: 'sides' },
    STANCES.map((side) => {
      const { key, title, explanationTitle } = SIDES[side];
      const entries = subject[key];
      const total = subject.claims[side];
      const independent = subject.independentClaimants[side];
      return el('section', { class: `side side-${side}`, attrs: { style: `--side:${STANCE_COLORS[side]}`, 'data-side': side } }, [
        el('h4', {}, [
          el('span', { class: 'side-title', text: explanation ? explanationTitle : title }),
          el('span', {
            class: 'side-count',
            text: [
              plural(total, 'claim', 'claims'),
              plural(independent, 'independent claimant', 'independent claimants'),
              plural(subject.independentOrigins[side], 'independent origin', 'independent origins'),
            ].join(' · '),
            title:
              'Claimants count once per group of affiliated claimants (an agency and its director count once); origins are what the claims rest on, followed back through what they cite and characterize (five outlets repeating one speaker are one origin)',
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
    }),
  );
}

/**
 * A related incident's blocks take other class and attribute names, so that a selector for this incident's accused
 * (`article.accused[data-accused=…]`) never finds an actor that is only accused of a related one.
 */
function accusedBlock(nav: Navigator, accused: Accused, related = false, contested: ContestedIndex | null = null): HTMLElement {
  const attrs = related ? { 'data-related-accused': accused.actor.id } : { 'data-accused': accused.actor.id };
  const host = el('div', { class: 'contested-host' });
  const badge = contested === null ? null : contestedBadge(nav, contested, { id: accused.actor.id, name: accused.actor.name }, host);
  return el('article', { class: related ? 'related-accused' : 'accused', attrs }, [
    el('h3', { class: 'accused-title' }, ['Accused: ', actorLink(nav, accused.actor), badge]),
    host,
    sides(nav, accused, false),
  ]);
}

function explainedBlock(nav: Navigator, explained: Explained, related = false, contested: ContestedIndex | null = null): HTMLElement {
  const attrs = related ? { 'data-related-explanation': explained.explanation.id } : { 'data-explanation': explained.explanation.id };
  const host = el('div', { class: 'contested-host' });
  const { id, name } = explained.explanation;
  return el('article', { class: related ? 'related-explained' : 'explained', attrs }, [
    el('h3', { class: 'accused-title' }, [
      'Explanation: ',
      explanationLink(nav, explained.explanation),
      el('span', { class: 'muted explanation-kind', text: explained.explanation.kind }),
      contested === null ? null : contestedBadge(nav, contested, { id, name }, host),
    ]),
    host,
    sides(nav, explained, true),
  ]);
}

/** An incident related to this one, with its own accusations and explanations: listed apart, folded, never in the counts above. */
function relatedBlock(nav: Navigator, related: RelatedAttribution): HTMLElement {
  const claims = [...related.accused, ...related.explanations].reduce(
    (sum, entry) => sum + entry.claims.asserts + entry.claims.denies + entry.claims.neither,
    0,
  );
  const named = [
    related.accused.length === 0 ? null : plural(related.accused.length, 'accused', 'accused'),
    related.explanations.length === 0 ? null : plural(related.explanations.length, 'explanation', 'explanations'),
    plural(claims, 'claim', 'claims'),
  ].filter((part): part is string => part !== null);
  return el('details', { class: 'related-incident', attrs: { 'data-related': related.incident.id } }, [
    el('summary', {}, [
      el('span', { class: 'related-name', text: related.incident.name }),
      el('span', { class: 'muted related-counts', text: ` · ${named.join(' · ')}` }),
    ]),
    el('div', { class: 'related-title' }, [
      nodeLink(nav, related.incident.id, related.incident.name, 'incident'),
      el('button', {
        class: 'button small',
        text: 'Its attribution',
        attrs: { type: 'button', 'data-action': 'attribution', 'data-node': related.incident.id },
        on: { click: () => nav.attribution(related.incident.id) },
      }),
    ]),
    ...related.accused.map((accused) => accusedBlock(nav, accused, true)),
    ...related.explanations.map((explained) => explainedBlock(nav, explained, true)),
  ]);
}

/** The widest page the API lists: its caps for accused actors and for claims per side. */
export const WIDEST_ATTRIBUTION_PAGE = { limit: 100, claimsPerSide: 50 } as const;

/**
 * `listMore`, when given and the answer left claims or accused actors out, is offered as a button that lists more;
 * `contested`, when given, puts a "contested" badge on each of the incident's targets that a contradiction involves.
 */
export function attributionContent(
  nav: Navigator,
  attribution: Attribution,
  listMore?: () => void,
  contested: ContestedIndex | null = null,
): Array<Node | null> {
  const { incident } = attribution;
  const explanations = attribution.explanations ?? [];
  const related = (attribution.related ?? []).filter((entry) => entry.accused.length > 0 || entry.explanations.length > 0);
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
          attribution.accused.map((accused) => accusedBlock(nav, accused, false, contested)),
          'attribution',
        ),
    attribution.accused.length < attribution.accusedTotal
      ? el('p', {
          class: 'muted more',
          text: `Showing the ${attribution.accused.length} most-blamed of ${plural(attribution.accusedTotal, 'accused actor', 'accused actors')}.`,
        })
      : null,
    section(
      'Explanations that blame no one',
      explanations.map((explained) => explainedBlock(nav, explained, false, contested)),
      'attribution explanations',
    ),
    related.length === 0
      ? null
      : section(
          'Related incidents',
          [
            el('p', {
              class: 'muted related-note',
              text: 'What the claims say about incidents tied to this one. They are not counted above; open one to see who blames whom for it.',
            }),
            ...related.map((entry) => relatedBlock(nav, entry)),
          ],
          'related',
        ),
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

const TAB_LABELS: Readonly<Record<AttributionTab, string>> = {
  sides: 'Sides',
  matrix: 'Who blames whom',
  ach: 'Competing hypotheses',
};

/** The attribution view's tabs; `pick` is asked for the one clicked (the store keeps it, and the URL with it). */
export function attributionTabs(current: AttributionTab, pick: (tab: AttributionTab) => void): HTMLElement {
  const tabs = ATTRIBUTION_TABS.map((tab) =>
    el('button', {
      class: 'analysis-tab',
      text: TAB_LABELS[tab],
      attrs: { type: 'button', role: 'tab', 'data-tab': tab, 'aria-selected': String(tab === current), tabindex: tab === current ? 0 : -1 },
      on: { click: () => pick(tab) },
    }),
  );
  const bar = el('div', { class: 'analysis-tabs', attrs: { role: 'tablist', 'aria-label': 'Attribution views' } }, tabs);
  // Arrow keys move between tabs, as a tab list's keyboard pattern has it.
  bar.addEventListener('keydown', (event) => {
    const at = tabs.findIndex((tab) => tab === document.activeElement);
    if (at < 0 || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    event.preventDefault();
    const next = tabs[(at + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next?.focus();
    next?.click();
  });
  return bar;
}
