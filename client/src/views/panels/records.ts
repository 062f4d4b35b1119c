// What the panel shows for one record: a claim (stance, evidence, accusations, linked claims), an actor, a source or an explanation.
import type {
  Accusation,
  ActorDetail,
  ActorRef,
  Claim,
  ClaimDetail,
  ClaimSummary,
  Evidence,
  ExplanationDetail,
  LinkedClaim,
  Source,
  SourceDetail,
} from '../../../../server/model/api';
import { CERTAINTIES, STANCES, type Stance } from '../../../../server/model/vocabulary';
import { excerptParts } from '../../core/document';
import {
  ACTOR_KIND_COLORS,
  ACTOR_KIND_LABELS,
  NODE_TYPE_STYLE,
  STANCE_COLORS,
  STANCE_LABELS,
  isActorKind,
  stanceKey,
} from '../../core/graph/style';
import { formatPartialDate } from '../../core/timeline';
import { CERTAINTY_HEADINGS, accusationWords, claimDateNote } from '../../core/wording';
import { el } from '../dom';
import { actorLink, claimRow, explanationLink, nodeLink, readerLink, section, stanceBadge, subjectLink, type Navigator } from './panel';

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

/** The date at its precision, with a marker when it is inferred or only an upper bound. */
function claimDate(claim: Claim): HTMLElement {
  const note = claimDateNote(claim.date, claim.datePrecision, claim.dateBasis ?? null);
  return el('span', { class: 'claim-date' }, [
    note.text,
    note.basis === null
      ? null
      : el('span', { class: `date-basis basis-${claim.dateBasis}`, text: note.basis.label, title: note.basis.title }),
  ]);
}

/** Words with the reporter's bracketed insertions marked as the reporter's (offsets in `text`). */
function withInsertions(text: string, insertions: ClaimDetail['quoteInsertions']): Array<Node | string> {
  return excerptParts(text, text, insertions, null).map((part) =>
    part.insertion ? el('span', { class: 'insertion', text: part.text, title: 'The reporter’s words, not the speaker’s' }) : part.text,
  );
}

/** One evidence excerpt: the source's words, with the quote, the reporter's insertions and the hedge marked inside. */
function excerptBlock(detail: ClaimDetail, evidence: Evidence): HTMLElement {
  const { claim } = detail;
  const parts = excerptParts(evidence.text, claim.quote, detail.quoteInsertions ?? [], claim.hedge);
  const key = stanceKey(claim.stance);
  return el(
    'blockquote',
    {
      class: `excerpt stance-${key}`,
      attrs: { style: `--stance:${STANCE_COLORS[key]}`, 'data-start': evidence.start, 'data-end': evidence.end },
    },
    parts.map((part) => {
      if (!part.quote && !part.hedge) return part.text;
      const classes = ['part', part.quote ? 'quote-words' : '', part.insertion ? 'insertion' : '', part.hedge ? 'hedge-words' : '']
        .filter((name) => name !== '')
        .join(' ');
      const title = part.insertion
        ? 'The reporter’s words, not the speaker’s'
        : part.quote
          ? 'The speaker’s own words'
          : 'The speaker’s hedge';
      return el(part.quote && !part.insertion ? 'mark' : 'span', { class: classes, text: part.text, title });
    }),
  );
}

/** Per source: the excerpts that make or report the claim, and a link that opens the article at them. */
function evidenceSection(nav: Navigator, detail: ClaimDetail): HTMLElement | null {
  const evidence = detail.evidence ?? [];
  const sources = [...detail.sources];
  for (const span of evidence)
    if (!sources.some((source) => source.id === span.source)) sources.push({ id: span.source, title: span.source } as Source);
  return section(
    'In the article',
    sources.map((source) => {
      const spans = evidence.filter((span) => span.source === source.id).sort((a, b) => a.start - b.start);
      return el('div', { class: 'evidence-source', attrs: { 'data-source': source.id } }, [
        el('h4', { class: 'evidence-title', text: source.title }),
        ...(spans.length === 0
          ? [el('p', { class: 'muted no-excerpt', text: 'No excerpt of this source is recorded for the claim.' })]
          : spans.map((span) => excerptBlock(detail, span))),
        readerLink(nav, source.id, detail.claim.id),
      ]);
    }),
    'evidence',
  );
}

/** "accuses North Korea of Sony Pictures hack", with the stance as a badge and both ends as links. */
function accusationItem(nav: Navigator, accusation: Accusation): HTMLLIElement {
  const { before, middle } = accusationWords(accusation);
  const target =
    accusation.target.type === 'explanation'
      ? explanationLink(nav, accusation.target)
      : nodeLink(nav, accusation.target.id, accusation.target.name, 'actor');
  const key = stanceKey(accusation.stance);
  return el('li', { class: 'accusation', attrs: { 'data-target': accusation.target.id, 'data-incident': accusation.incident.id } }, [
    // Not `.badge.stance-…`: that names the claim's own stance, once per panel.
    el('span', {
      class: 'badge accusation-stance',
      text: accusation.stance,
      title: STANCE_LABELS[key],
      attrs: { style: `--badge:${STANCE_COLORS[key]}`, 'data-stance': key },
    }),
    el('span', { class: 'accusation-words', text: ` ${before} ` }),
    target,
    el('span', { class: 'accusation-words', text: ` ${middle} ` }),
    nodeLink(nav, accusation.incident.id, accusation.incident.name, 'incident'),
  ]);
}

function accusationsSection(nav: Navigator, detail: ClaimDetail): HTMLElement | null {
  const accusations = detail.accusations ?? [];
  if (accusations.length === 0)
    return section(
      'Accuses',
      detail.accused.map((actor) => actorLink(nav, actor)),
      'links',
    );
  return section(
    'Accusations',
    [
      el(
        'ul',
        { class: 'accusation-list' },
        accusations.map((accusation) => accusationItem(nav, accusation)),
      ),
    ],
    'accusations',
  );
}

/** `provenance`, when given, is the "Where it came from" section (panels/provenance.ts), placed after the outlets. */
export function claimContent(nav: Navigator, detail: ClaimDetail, provenance: Node | null = null): Array<Node | null> {
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
      field('Date', claimDate(claim)),
    ),
    section('Paraphrase', [el('p', { class: 'paraphrase', text: claim.text })]),
    section('Verbatim quote', [
      claim.quote === null
        ? el('p', { class: 'muted no-quote', text: 'No verbatim quote: the sources report this claim only in their own words.' })
        : el('blockquote', { class: 'quote' }, withInsertions(claim.quote, detail.quoteInsertions ?? [])),
      claim.quote !== null && (detail.quoteInsertions ?? []).length > 0
        ? el('p', { class: 'muted insertion-note', text: 'Words in brackets are the reporter’s, not the speaker’s.' })
        : null,
    ]),
    evidenceSection(nav, detail),
    section(
      'About',
      detail.about.map((subject) => subjectLink(nav, subject)),
      'links',
    ),
    accusationsSection(nav, detail),
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
    provenance,
    linked(nav, 'Characterizes (in the reporter’s words)', detail.characterizes ?? []),
    linked(nav, 'Characterized by (reporters’ descriptions)', detail.characterizedBy ?? []),
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
    affiliatesSaidSection(nav, detail),
    actions([
      ['Expand neighbours', () => nav.expand(actor.id), 'expand'],
      ['Path from here', () => nav.pathEnd(actor.id, 'from'), 'path-from'],
      ['Path to here', () => nav.pathEnd(actor.id, 'to'), 'path-to'],
    ]),
  ];
}

/** What the actor's affiliates said, one list per certainty of the tie, firmest first. */
function affiliatesSaidSection(nav: Navigator, detail: ActorDetail): HTMLElement | null {
  const groups = [...(detail.affiliatesSaid ?? [])]
    .filter((group) => group.claims.length > 0)
    .sort((a, b) => CERTAINTIES.indexOf(a.certainty) - CERTAINTIES.indexOf(b.certainty));
  const total = groups.reduce((sum, group) => sum + group.claims.length, 0);
  return section(
    `What its affiliates said (${total})`,
    groups.map((group) =>
      el('div', { class: 'affiliates-group', attrs: { 'data-certainty': group.certainty } }, [
        el('h4', { text: `${CERTAINTY_HEADINGS[group.certainty] ?? group.certainty} (${group.claims.length})` }),
        el(
          'ul',
          { class: 'claim-list' },
          group.claims.map((claim) =>
            claimRow(nav, claim, claim.claimant, [
              el('div', { class: 'muted entry-meta' }, [
                claim.affiliate.id === claim.claimant.id ? null : el('span', {}, ['via ', actorLink(nav, claim.affiliate), ' · ']),
                claim.role,
                ' · ',
                claim.hedge === null ? group.certainty : el('q', { class: 'hedge', text: claim.hedge }),
              ]),
            ]),
          ),
        ),
      ]),
    ),
    'affiliates-said',
  );
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
    el('p', { class: 'reader-entry' }, [readerLink(nav, source.id, null, 'Read the article, with every claim highlighted')]),
    section(`Claims reported here (${detail.claims.length})`, [claimList(nav, detail.claims)]),
    actions([['Expand neighbours', () => nav.expand(source.id), 'expand']]),
  ];
}

const EXPLANATION_SIDES: Readonly<Record<Stance, string>> = {
  asserts: 'Put forward by',
  denies: 'Rejected by',
  neither: 'Neither confirmed nor ruled out by',
};

/**
 * An explanation that blames no one: what it is, and the claims that put it forward, reject it or leave it open,
 * each with the incident it explains.
 */
export function explanationContent(nav: Navigator, detail: ExplanationDetail): Array<Node | null> {
  const { explanation } = detail;
  const incidents = new Map<string, string>();
  const bySide = new Map<Stance, Array<{ claim: ClaimSummary; accusations: Accusation[] }>>();
  for (const claim of detail.claims) {
    const own = (claim.accusations ?? []).filter((accusation) => accusation.target.id === explanation.id);
    for (const accusation of own) incidents.set(accusation.incident.id, accusation.incident.name);
    const stances = own.length === 0 ? [claim.stance ?? 'neither'] : [...new Set(own.map((accusation) => accusation.stance))];
    for (const stance of stances) {
      const accusations = own.filter((accusation) => accusation.stance === stance);
      bySide.set(stance, [...(bySide.get(stance) ?? []), { claim, accusations }]);
    }
  }
  return [
    el('div', { class: 'badges' }, [
      el('span', { class: 'badge', text: explanation.kind, attrs: { style: `--badge:${NODE_TYPE_STYLE.explanation.color}` } }),
      el('span', { class: 'badge neutral', text: 'blames no one' }),
    ]),
    explanation.description === null ? null : el('p', { class: 'description explanation-description', text: explanation.description }),
    ...STANCES.map((stance) => {
      const entries = bySide.get(stance) ?? [];
      return section(
        `${EXPLANATION_SIDES[stance]} (${entries.length})`,
        [
          entries.length === 0
            ? null
            : el(
                'ul',
                { class: 'claim-list' },
                entries.map(({ claim, accusations }) =>
                  claimRow(nav, claim, claim.claimant, [
                    accusations.length === 0
                      ? null
                      : el('div', { class: 'muted entry-meta' }, [
                          'for ',
                          ...accusations.flatMap((accusation, index) => [
                            index === 0 ? null : ', ',
                            nodeLink(nav, accusation.incident.id, accusation.incident.name, 'incident'),
                          ]),
                        ]),
                  ]),
                ),
              ),
        ],
        `explained-side side-${stance}`,
      );
    }),
    detail.claims.length === 0
      ? el('p', { class: 'muted', text: 'No claim in the data puts this explanation forward or rejects it.' })
      : null,
    el(
      'div',
      { class: 'panel-actions' },
      [...incidents.entries()].map(([id, name]) =>
        el('button', {
          class: 'button small wrap',
          text: `Attribution of ${name}`,
          attrs: { type: 'button', 'data-action': 'attribution', 'data-node': id },
          on: { click: () => nav.attribution(id) },
        }),
      ),
    ),
  ];
}
