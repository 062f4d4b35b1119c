// The claimant network view's panel: its options (what ties count, rDNA's normalisation, hedged weights, the incident),
// the drawing at its own layout, and the ties listed strongest first with the claim pairs behind each.
import { NETWORK_MODES, NETWORK_NORMALIZATIONS, type NetworkMode, type NetworkNormalization } from '../../../../server/model/vocabulary';
import { asOfWords, type ClaimantNetwork, type NetworkOptions } from '../../core/analysis';
import { describeError } from '../../core/errors';
import { downloadBlob, downloadText, svgToPng } from '../../export/exportMenu';
import { networkPositions, networkSvg, tieColor } from '../../export/networkImage';
import { el, setChildren } from '../dom';
import type { Navigator } from './panel';
import './analysis.css';

export interface NetworkPanelContext {
  nav: Navigator;
  /** Incidents the person can narrow the network to: id and name. */
  incidents: Array<[string, string]>;
  incident: string | null;
  options: NetworkOptions;
  change(incident: string | null, options: NetworkOptions): void;
  notice(text: string): void;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const MODE_LABELS: Readonly<Record<NetworkMode, string>> = {
  congruence: 'Congruence (same stance)',
  conflict: 'Conflict (opposite stances)',
  subtract: 'Subtract (congruence − conflict, signed)',
};

const NORMALIZATION_LABELS: Readonly<Record<NetworkNormalization, string>> = {
  none: 'None (counts)',
  average: 'Average activity',
  jaccard: 'Jaccard',
  cosine: 'Cosine',
};

function optionsForm(ctx: NetworkPanelContext): HTMLElement {
  const incident = el('select', { attrs: { 'data-field': 'incident' } }, [
    el('option', { text: 'Every incident', attrs: { value: '', selected: ctx.incident === null } }),
    ...ctx.incidents.map(([id, name]) => el('option', { text: name, attrs: { value: id, selected: id === ctx.incident } })),
  ]);
  const mode = el(
    'select',
    { attrs: { 'data-field': 'mode' } },
    NETWORK_MODES.map((value) => el('option', { text: MODE_LABELS[value], attrs: { value, selected: value === ctx.options.mode } })),
  );
  const normalize = el(
    'select',
    { attrs: { 'data-field': 'normalize' } },
    NETWORK_NORMALIZATIONS.map((value) =>
      el('option', { text: NORMALIZATION_LABELS[value], attrs: { value, selected: value === ctx.options.normalize } }),
    ),
  );
  const hedged = el('input', { attrs: { type: 'checkbox', 'data-field': 'hedged', checked: ctx.options.hedged } });
  const changed = () =>
    ctx.change(incident.value === '' ? null : incident.value, {
      mode: mode.value as NetworkMode,
      normalize: normalize.value as NetworkNormalization,
      hedged: hedged.checked,
    });
  for (const control of [incident, mode, normalize, hedged]) control.addEventListener('change', changed);
  return el('div', { class: 'network-options' }, [
    el('label', {}, ['Incident', incident]),
    el('label', {}, ['Ties count', mode]),
    el('label', {}, ['Normalisation', normalize]),
    el('label', { class: 'inline', title: "Each tie weighs the product of its two claims' confidence (certain 0.95 … rumoured 0.05)" }, [
      hedged,
      'Weigh by confidence',
    ]),
  ]);
}

function tieList(ctx: NetworkPanelContext, network: ClaimantNetwork, selected: string | null): HTMLElement {
  const names = new Map(network.nodes.map((node) => [node.key, node.attributes.label]));
  const ties = network.edges
    .filter((edge) => selected === null || edge.source === selected || edge.target === selected)
    .sort((a, b) => Math.abs(b.attributes.weight) - Math.abs(a.attributes.weight) || a.key.localeCompare(b.key));
  if (ties.length === 0) return el('p', { class: 'muted', text: 'No ties: no two claimants took a stance on the same concept.' });
  return el(
    'ul',
    { class: 'tie-list' },
    ties.map((edge) => {
      const { weight, congruence, conflict, pairs, pairsTotal } = edge.attributes;
      return el('li', { attrs: { 'data-tie': edge.key, style: `--tie:${tieColor(network.attributes.mode, weight)}` } }, [
        el('span', { class: 'tie-weight', text: String(Number(weight.toFixed(3))) }),
        el('button', {
          class: 'node-link',
          text: names.get(edge.source) ?? edge.source,
          attrs: { type: 'button' },
          on: { click: () => ctx.nav.open(edge.source) },
        }),
        ' — ',
        el('button', {
          class: 'node-link',
          text: names.get(edge.target) ?? edge.target,
          attrs: { type: 'button' },
          on: { click: () => ctx.nav.open(edge.target) },
        }),
        el('span', { class: 'muted', text: ` · congruence ${Number(congruence.toFixed(3))}, conflict ${Number(conflict.toFixed(3))}` }),
        el('details', {}, [
          el('summary', { text: `${pairsTotal} claim pair${pairsTotal === 1 ? '' : 's'}` }),
          el(
            'ul',
            {},
            pairs.map((pair) =>
              el('li', {}, [
                `${pair.relation} on ${pair.target} (${pair.incident}): `,
                el('button', {
                  class: 'node-link',
                  text: `${pair.claims[0]} (${pair.stances[0]})`,
                  attrs: { type: 'button' },
                  on: { click: () => ctx.nav.open(pair.claims[0]) },
                }),
                ' · ',
                el('button', {
                  class: 'node-link',
                  text: `${pair.claims[1]} (${pair.stances[1]})`,
                  attrs: { type: 'button' },
                  on: { click: () => ctx.nav.open(pair.claims[1]) },
                }),
              ]),
            ),
          ),
          pairs.length < pairsTotal ? el('p', { class: 'muted', text: `Listing ${pairs.length} of ${pairsTotal}.` }) : null,
        ]),
      ]);
    }),
  );
}

/** The panel's content for one network; clicking a claimant lights its ties and lists only them. */
export function networkContent(ctx: NetworkPanelContext, network: ClaimantNetwork): Array<Node | null> {
  const positions = networkPositions(network);
  const drawing = el('div', { class: 'network-canvas', attrs: { 'data-nodes': network.nodes.length, 'data-ties': network.edges.length } });
  const list = el('div', { class: 'network-ties' });
  let selected: string | null = null;
  const draw = () => {
    drawing.innerHTML = networkSvg(network, positions, { selected });
    setChildren(list, [tieList(ctx, network, selected)]);
  };
  const select = (target: EventTarget | null) => {
    const node = (target as Element | null)?.closest('[data-node]')?.getAttribute('data-node') ?? null;
    if (node === null) return;
    selected = selected === node ? null : node;
    draw();
    // The drawing is redrawn whole; the claimant just picked keeps keyboard focus.
    drawing.querySelector<SVGGElement>(`g[data-node="${CSS.escape(node)}"]`)?.focus();
  };
  drawing.addEventListener('click', (event) => select(event.target));
  drawing.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    select(event.target);
  });
  draw();
  const title = `Claimant network (${network.attributes.mode}, ${network.attributes.normalize}${network.attributes.hedged ? ', hedged' : ''}) · ${ctx.incident ?? 'every incident'}`;
  const fileName = `network-${ctx.incident ?? 'all'}-${network.attributes.mode}`;
  const svg = () => networkSvg(network, positions, { width: 1200, title, selected: null });
  const { attributes } = network;
  return [
    optionsForm(ctx),
    el('p', { class: 'muted as-of-note', text: asOfWords(attributes.asOf) }),
    el('p', {
      class: 'muted network-weights',
      text: `${plural(attributes.claimantsTotal, 'claimant')}, ${plural(attributes.concepts, 'concept')} (a target in an incident), ${plural(attributes.claims, 'claim')}. ${attributes.weights}`,
    }),
    attributes.truncated ? el('p', { class: 'muted', text: `Only the ${network.nodes.length} most active claimants are drawn.` }) : null,
    drawing,
    el('div', { class: 'analysis-toolbar' }, [
      el('button', {
        class: 'button small',
        text: 'Download PNG',
        attrs: { type: 'button', 'data-action': 'network-png' },
        on: {
          click: () =>
            void svgToPng(svg())
              .then((blob) => downloadBlob(`${fileName}.png`, blob))
              .catch((error: unknown) => ctx.notice(`PNG export failed: ${describeError(error).detail}`)),
        },
      }),
      el('button', {
        class: 'button small',
        text: 'Download SVG',
        attrs: { type: 'button', 'data-action': 'network-svg' },
        on: { click: () => downloadText(`${fileName}.svg`, 'image/svg+xml', svg()) },
      }),
      el('span', { class: 'muted', text: 'The Export menu gives this network as GEXF, GraphML, JSON, CSV, STIX or Cypher.' }),
    ]),
    el('section', { class: 'panel-section' }, [el('h3', { text: 'Ties, strongest first' }), list]),
  ];
}
