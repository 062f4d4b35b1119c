// The claim panel's provenance: where a claim came from, as chains of what it passed through ("article ← Bloomberg ←
// McCaul"), its independent origins, and a warning when the reporting goes round in a circle. Loads itself when shown.
import type { ActorRef, ClaimDetail } from '../../../../server/model/api';
import { chainSegments, chainText, provenanceLines, type AnalysisApi, type Provenance } from '../../core/analysis';
import { describeError } from '../../core/errors';
import { el, setChildren } from '../dom';
import { actorLink, readerLink, type Navigator } from './panel';
import './analysis.css';

function lines(nav: Navigator, detail: ClaimDetail, provenance: Provenance): Array<Node | null> {
  const articles = detail.sources.map((source) => ({ id: source.id, title: source.title }));
  const chains = provenanceLines(provenance);
  const actors = new Map<string, ActorRef>();
  for (const step of provenance.chain) {
    actors.set(step.claimant.id, step.claimant);
    for (const outlet of step.reportedVia) actors.set(outlet.id, outlet);
  }
  const origins = provenance.origins.filter((origin) => origin.claim.id !== provenance.claim.id);
  return [
    ...chains.map((line) => {
      const segments = chainSegments(line, articles);
      return el(
        'p',
        { class: 'provenance-line', attrs: { 'data-chain': chainText(segments), title: chainText(segments) } },
        segments.flatMap((segment, index) => [
          index === 0 ? null : el('span', { class: 'arrow', text: '←', attrs: { 'aria-label': 'from' } }),
          segment.kind === 'source'
            ? readerLink(nav, segment.id, detail.claim.id, segment.label)
            : segment.kind === 'claimant' && segment.claim !== null && segment.claim !== detail.claim.id
              ? el('button', {
                  class: 'node-link',
                  text: segment.label,
                  title: 'Open the claim this speaker made',
                  attrs: { type: 'button', 'data-node': segment.claim },
                  on: { click: () => nav.open(segment.claim as string) },
                })
              : actorLink(nav, actors.get(segment.id) ?? { id: segment.id, name: segment.label, kind: 'group' }),
        ]),
      );
    }),
    origins.length === 0
      ? el('p', { class: 'muted provenance-origin', text: 'It rests on nothing further: the claim is its own origin.' })
      : el(
          'ul',
          { class: 'provenance-origin' },
          origins.map((origin) =>
            el('li', {}, [
              'Origin: ',
              el('button', {
                class: 'node-link',
                text: `${origin.claimant.name}: ${origin.claim.text}`,
                attrs: { type: 'button', 'data-node': origin.claim.id },
                on: { click: () => nav.open(origin.claim.id) },
              }),
            ]),
          ),
        ),
    el('p', {
      class: 'muted',
      text: `${provenance.independentOrigins} independent origin${provenance.independentOrigins === 1 ? '' : 's'}: speakers affiliated with each other count once.`,
    }),
    provenance.circular
      ? el('p', {
          class: 'provenance-circular',
          attrs: { role: 'note' },
          text: `Circular reporting: ${provenance.loops.map((loop) => loop.join(' → ')).join('; ')}.`,
        })
      : null,
    provenance.truncated ? el('p', { class: 'muted', text: 'The chain is longer than the walk follows; it stops here.' }) : null,
  ];
}

/** The "Where it came from" section: a placeholder at once, filled when GET /api/claims/:id/provenance answers. */
export function provenanceSection(analysis: AnalysisApi, nav: Navigator, detail: ClaimDetail): HTMLElement {
  const body = el('div', { class: 'provenance-body' }, [el('p', { class: 'muted loading-line', text: 'Tracing where it came from…' })]);
  const section = el('section', { class: 'panel-section provenance', attrs: { 'data-provenance': detail.claim.id } }, [
    el('h3', { text: 'Where it came from' }),
    body,
  ]);
  analysis
    .provenance(detail.claim.id)
    .then((provenance) => {
      setChildren(body, [
        ...lines(nav, detail, provenance),
        el('a', {
          class: 'button small',
          text: 'Download the chain (CSV)',
          attrs: { href: analysis.csvUrl({ view: 'provenance', claim: detail.claim.id }), download: '', 'data-action': 'provenance-csv' },
        }),
      ]);
      section.dataset.loaded = 'true';
    })
    .catch((error: unknown) => {
      const { title, detail: why } = describeError(error);
      setChildren(body, [el('p', { class: 'muted', text: `${title}: ${why}` })]);
      section.dataset.loaded = 'failed';
    });
  return section;
}
