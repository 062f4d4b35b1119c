// What the panel shows for one record: a claim (stance, quote, sources, linked claims), an actor (affiliations, claims) or a source.
import type {
  ActorDetail,
  ActorRef,
  Claim,
  ClaimDetail,
  ClaimSummary,
  LinkedClaim,
  Source,
  SourceDetail,
} from '../../../../server/model/api';
import { ACTOR_KIND_COLORS, ACTOR_KIND_LABELS, NODE_TYPE_STYLE, STANCE_LABELS, isActorKind, stanceKey } from '../../core/graph/style';
import { formatPartialDate } from '../../core/timeline';
import { el } from '../dom';
import { actorLink, claimRow, nodeLink, section, stanceBadge, subjectLink, type Navigator } from './panel';

function claimList(nav: Navigator, claims: Array<{ claim: Claim; claimant: ActorRef | null }>): HTMLUListElement | null {
  if (claims.length === 0) return null;
  return el(
    'ul',
    { class: 'claim-list' },
    claims.map(({ claim, claimant }) => claimRow(nav, claim, claimant)),
  );
}

function linked(nav: Navigator, title: string, claims: LinkedClaim[]): HTMLElement | null {
  return section(title, [claimList(nav, claims)]);
}

function field(label: string, value: Node | string | null | undefined): HTMLElement | null {
  if (value === null || value === undefined || value === '') return null;
  return el('div', { class: 'field' }, [el('dt', { text: label }), el('dd', {}, [value])]);
}

function fields(...items: Array<HTMLElement | null>): HTMLElement | null {
  const present = items.filter((item): item is HTMLElement => item !== null);
  return present.length === 0 ? null : el('dl', { class: 'fields' }, present);
}

function actions(buttons: Array<[string, () => void, string?]>): HTMLElement {
  return el(
    'div',
    { class: 'panel-actions' },
    buttons.map(([label, handler, name]) =>
      el('button', { class: 'button small', text: label, attrs: { type: 'button', 'data-action': name }, on: { click: handler } }),
    ),
  );
}

function sourceItem(nav: Navigator, source: Source): HTMLLIElement {
  const meta = [source.publisher, source.author, source.published === null ? null : formatPartialDate(source.published)].filter(
    (part) => part !== null && part !== '',
  );
  return el('li', { class: 'source-row' }, [
    nodeLink(nav, source.id, source.title, 'source'),
    meta.length > 0 ? el('span', { class: 'muted', text: meta.join(' · ') }) : null,
    source.url === null
      ? null
      : el('a', { class: 'external', text: 'open article ↗', attrs: { href: source.url, target: '_blank', rel: 'noopener noreferrer' } }),
  ]);
}

function datePrecisionNote(date: string | null, precision: string | null): string {
  if (date === null) return 'undated';
  return precision === null ? formatPartialDate(date) : `${formatPartialDate(date)} (${precision} precision)`;
}

export function claimContent(nav: Navigator, detail: ClaimDetail): Array<Node | null> {
  const { claim } = detail;
  return [
    el('div', { class: 'badges' }, [
      stanceBadge(claim.stance),
      el('span', { class: 'badge neutral', text: claim.kind }),
      el('span', { class: 'badge neutral', text: `confidence: ${claim.confidence}`, title: 'How firmly the claimant put it' }),
    ]),
    fields(
      field('Claimant', actorLink(nav, detail.claimant)),
      field('Stance', STANCE_LABELS[stanceKey(claim.stance)]),
      field('Confidence', claim.confidence),
      field('Hedge', claim.hedge === null ? null : el('q', { class: 'hedge', text: claim.hedge })),
      field('Date', datePrecisionNote(claim.date, claim.datePrecision)),
    ),
    section('Paraphrase', [el('p', { class: 'paraphrase', text: claim.text })]),
    section('Verbatim quote', [
      claim.quote === null
        ? el('p', { class: 'muted no-quote', text: 'No verbatim quote: the sources report this claim only in their own words.' })
        : el('blockquote', { class: 'quote', text: claim.quote }),
    ]),
    section(
      'About',
      detail.about.map((subject) => subjectLink(nav, subject)),
      'links',
    ),
    section(
      'Accuses',
      detail.accused.map((actor) => actorLink(nav, actor)),
      'links',
    ),
    section('Sources', [
      detail.sources.length === 0
        ? null
        : el(
            'ul',
            { class: 'source-list' },
            detail.sources.map((source) => sourceItem(nav, source)),
          ),
    ]),
    section(
      'Reported via',
      detail.reportedVia.map((actor) => actorLink(nav, actor)),
      'links',
    ),
    linked(nav, 'Supports', detail.supports),
    linked(nav, 'Supported by', detail.supportedBy),
    linked(nav, 'Disputes', detail.disputes),
    linked(nav, 'Disputed by', detail.disputedBy),
    linked(nav, 'Responds to', detail.respondsTo),
    linked(nav, 'Responded to by', detail.respondedBy),
    linked(nav, 'Cites', detail.cites),
    linked(nav, 'Cited by', detail.citedBy),
    actions([
      ['Evidence chain ↑', () => nav.chain(claim.id, 'upstream'), 'chain-upstream'],
      ['Follow-ups ↓', () => nav.chain(claim.id, 'downstream'), 'chain-downstream'],
      ['Expand neighbours', () => nav.expand(claim.id), 'expand'],
      ['Path from here', () => nav.pathEnd(claim.id, 'from'), 'path-from'],
    ]),
  ];
}

function summaryList(nav: Navigator, claims: ClaimSummary[], withClaimant: boolean): HTMLUListElement | null {
  return claimList(
    nav,
    claims.map((claim) => ({ claim, claimant: withClaimant ? claim.claimant : null })),
  );
}

export function actorContent(nav: Navigator, detail: ActorDetail): Array<Node | null> {
  const { actor } = detail;
  const kindColor = isActorKind(actor.kind) ? ACTOR_KIND_COLORS[actor.kind] : NODE_TYPE_STYLE.actor.color;
  return [
    el('div', { class: 'badges' }, [
      el('span', {
        class: 'badge',
        text: isActorKind(actor.kind) ? ACTOR_KIND_LABELS[actor.kind] : actor.kind,
        attrs: { style: `--badge:${kindColor}` },
      }),
    ]),
    actor.description === null ? null : el('p', { class: 'description', text: actor.description }),
    fields(field('Also known as', actor.aliases.length === 0 ? null : actor.aliases.join('; '))),
    section('Affiliations', [
      detail.affiliations.length === 0
        ? null
        : el(
            'ul',
            { class: 'affiliations' },
            detail.affiliations.map((affiliation) =>
              el('li', {}, [
                affiliation.direction === 'outgoing' ? el('span', { class: 'muted', text: `${affiliation.role} of ` }) : null,
                actorLink(nav, affiliation.actor),
                affiliation.direction === 'incoming' ? el('span', { class: 'muted', text: ` (${affiliation.role})` }) : null,
                el('span', { class: 'muted', text: ` · ${affiliation.certainty}` }),
              ]),
            ),
          ),
    ]),
    section(`Claims made (${detail.claimsMade.length})`, [summaryList(nav, detail.claimsMade, false)]),
    section(`Claims about or accusing it (${detail.claimsAbout.length})`, [summaryList(nav, detail.claimsAbout, true)]),
    actions([
      ['Expand neighbours', () => nav.expand(actor.id), 'expand'],
      ['Path from here', () => nav.pathEnd(actor.id, 'from'), 'path-from'],
      ['Path to here', () => nav.pathEnd(actor.id, 'to'), 'path-to'],
    ]),
  ];
}

export function sourceContent(nav: Navigator, detail: SourceDetail): Array<Node | null> {
  const { source } = detail;
  return [
    fields(
      field('Publisher', source.publisher),
      field('Author', source.author),
      field('Published', source.published === null ? null : datePrecisionNote(source.published, source.publishedPrecision)),
      field('Document', source.documentRef),
      field(
        'Link',
        source.url === null
          ? null
          : el('a', { class: 'external', text: source.url, attrs: { href: source.url, target: '_blank', rel: 'noopener noreferrer' } }),
      ),
    ),
    section(`Claims reported here (${detail.claims.length})`, [claimList(nav, detail.claims)]),
    actions([['Expand neighbours', () => nav.expand(source.id), 'expand']]),
  ];
}
