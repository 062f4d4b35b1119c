// The attribution view's matrix tab: claimants (rows, grouped by independence) against accused actors and explanations
// (columns), each cell a chip per claim in its stance's colour shaded by confidence; a click lists the cell's claims with
// their evidence and a way into the source reader. Downloads: the server's CSV form and a PNG drawn here.
import type { ClaimDetail } from '../../../../server/model/api';
import { CONFIDENCES, STANCES } from '../../../../server/model/vocabulary';
import type { ApiClient } from '../../core/api';
import {
  asOfWords,
  cellStances,
  claimShade,
  confidenceShade,
  matrixCsvUrl,
  matrixLayout,
  type ContestedIndex,
  type Matrix,
  type MatrixCell,
} from '../../core/analysis';
import { describeError } from '../../core/errors';
import { CONTESTED_COLOR, STANCE_COLORS, STANCE_LABELS } from '../../core/graph/style';
import { claimDateText } from '../../core/wording';
import { downloadBlob, svgToPng } from '../../export/exportMenu';
import { STANCE_MARKS, matrixSvg } from '../../export/matrixImage';
import { el, setChildren } from '../dom';
import { CONTESTED_STYLE, contestedBadge, showInHost } from './contested';
import { nodeLink, readerLink, stanceBadge, type Navigator } from './panel';
import './analysis.css';

export interface MatrixContext {
  nav: Navigator;
  api: ApiClient;
  apiBase: string;
  /** Reports a failed PNG export where the page shows notices. */
  notice(text: string): void;
}

function legend(): HTMLElement {
  return el('div', { class: 'analysis-legend', attrs: { 'aria-label': 'What the cells mean' } }, [
    ...STANCES.map((stance) =>
      el('span', {
        class: 'legend-chip',
        text: `${STANCE_MARKS[stance]} ${STANCE_LABELS[stance]}`,
        attrs: { style: `--cell:${STANCE_COLORS[stance]}` },
      }),
    ),
    el('span', { text: 'Shade: confidence' }),
    ...CONFIDENCES.map((confidence) =>
      el('span', {
        class: 'legend-chip',
        text: confidence,
        title: `Drawn at ${Math.round(confidenceShade(confidence) * 100)}% strength`,
        attrs: { style: `--cell:${claimShade('asserts', confidence)}` },
      }),
    ),
  ]);
}

/** A claim of the cell with its paraphrase, quote and evidence, each evidence span opening the article at it. */
function claimDetail(nav: Navigator, detail: ClaimDetail, contested: boolean): HTMLElement {
  const { claim } = detail;
  return el('li', { class: 'matrix-claim', attrs: { 'data-claim': claim.id } }, [
    el('div', { class: 'badges' }, [
      stanceBadge(claim.stance),
      el('span', { class: 'badge neutral', text: `confidence: ${claim.confidence}` }),
      contested ? el('span', { class: 'badge', text: 'contested', attrs: { style: `--badge:${CONTESTED_COLOR}` } }) : null,
    ]),
    el('p', {}, [
      el('button', { class: 'node-link', attrs: { type: 'button', 'data-node': claim.id }, on: { click: () => nav.open(claim.id) } }, [
        claim.text,
      ]),
      el('span', { class: 'muted', text: ` · ${claimDateText(claim.date, claim.dateBasis)}` }),
    ]),
    claim.hedge === null ? null : el('p', { class: 'muted' }, ['Hedged: ', el('q', { text: claim.hedge })]),
    ...detail.evidence.map((evidence) => {
      const source = detail.sources.find((candidate) => candidate.id === evidence.source);
      return el('div', { class: 'matrix-evidence' }, [
        el('blockquote', { class: 'evidence-quote', text: evidence.text }),
        el('span', { class: 'muted', text: source === undefined ? '' : `${source.title} · ` }),
        readerLink(nav, evidence.source, claim.id),
      ]);
    }),
    detail.evidence.length === 0 ? el('p', { class: 'muted', text: 'No verbatim span in the sources.' }) : null,
  ]);
}

/** Fills `host` with the cell's claims: their ids and stances at once, their evidence as each claim's detail arrives. */
async function showCell(ctx: MatrixContext, host: HTMLElement, title: string, cell: MatrixCell, contested: ContestedIndex): Promise<void> {
  const list = el('ul', { class: 'claim-list' });
  showInHost(host, null, [
    el('div', { class: 'detail-card', attrs: { 'data-cell': `${cell.claimant}|${cell.target}` } }, [el('h4', { text: title }), list]),
  ]);
  setChildren(
    list,
    cell.claims.map((claim) =>
      el('li', {
        class: 'muted loading-line',
        text: `${claim.id} (${claim.stance}) — loading its evidence…`,
        attrs: { 'data-claim': claim.id },
      }),
    ),
  );
  const details = await Promise.allSettled(cell.claims.map((claim) => ctx.api.claim(claim.id)));
  if (!list.isConnected) return;
  setChildren(
    list,
    details.map((result, index) => {
      if (result.status === 'fulfilled') return claimDetail(ctx.nav, result.value, contested.claims.has(result.value.claim.id));
      const { title: problem, detail } = describeError(result.reason);
      return el('li', { class: 'problem', attrs: { role: 'alert' } }, [`${cell.claims[index]?.id ?? ''}: ${problem}. ${detail}`]);
    }),
  );
}

/** The matrix tab's content: the as-of line, downloads, legend, the table and the area a cell or badge fills. */
export function matrixContent(ctx: MatrixContext, matrix: Matrix, contested: ContestedIndex): Array<Node | null> {
  const layout = matrixLayout(matrix);
  const detail = el('div', { class: 'matrix-detail', attrs: { 'aria-live': 'polite' } });
  const png = el('button', {
    class: 'button small',
    text: 'Download PNG',
    attrs: { type: 'button', 'data-action': 'matrix-png' },
    on: {
      click: () => {
        svgToPng(matrixSvg(matrix))
          .then((blob) => downloadBlob(`matrix-${matrix.incident.id}${matrix.asOf === null ? '' : `-as-of-${matrix.asOf.asOf}`}.png`, blob))
          .catch((error: unknown) => ctx.notice(`PNG export failed: ${describeError(error).detail}`));
      },
    },
  });
  const csv = el('a', {
    class: 'button small',
    text: 'Download CSV',
    attrs: { href: matrixCsvUrl(ctx.apiBase, matrix.incident.id, matrix.asOf?.asOf ?? null), download: '', 'data-action': 'matrix-csv' },
  });
  if (matrix.claimants.length === 0 || layout.targets.length === 0)
    return [
      el('p', { class: 'muted as-of-note', text: asOfWords(matrix.asOf) }),
      el('p', { class: 'muted', text: 'No claim in the data holds anyone or anything responsible for this incident by then.' }),
    ];
  /** The cell whose claims the detail area lists. */
  let pressed: HTMLButtonElement | null = null;
  const head = el('tr', {}, [
    el('th', { text: 'Independent group', attrs: { scope: 'col' } }),
    el('th', { text: 'Claimant', attrs: { scope: 'col' } }),
    ...layout.targets.map((target) =>
      el('th', { class: 'matrix-target', attrs: { scope: 'col', 'data-target': target.id, 'data-type': target.type } }, [
        nodeLink(ctx.nav, target.id, target.name, target.type),
        contestedBadge(ctx.nav, contested, target, detail),
        el('span', {
          class: 'target-meta',
          text: `${target.type === 'actor' ? 'accused' : 'explanation'} · ${target.claims.asserts} assert · ${target.claims.denies} deny · ${target.claims.neither} neither`,
        }),
        el('span', {
          class: 'target-meta',
          text: `independent origins: ${target.independentOrigins.asserts} / ${target.independentOrigins.denies} / ${target.independentOrigins.neither}`,
          title: 'Distinct origins behind the asserting, denying and declining claims: five outlets repeating one speaker count once',
        }),
      ]),
    ),
  ]);
  const groups = layout.groups.map((group) =>
    el(
      'tbody',
      { class: 'matrix-group', attrs: { 'data-group': group.id } },
      group.claimants.map((claimant, index) =>
        el('tr', { class: 'matrix-row', attrs: { 'data-claimant': claimant.id } }, [
          index === 0
            ? el('th', {
                class: 'group-cell',
                text: group.claimants.length > 1 ? `${group.claimants.length} claimants, one voice` : 'independent',
                attrs: { rowspan: group.claimants.length, scope: 'rowgroup' },
              })
            : null,
          el('th', { attrs: { scope: 'row' } }, [nodeLink(ctx.nav, claimant.id, claimant.name, 'actor')]),
          ...layout.targets.map((target) => {
            const cell = layout.cell(claimant.id, target.id);
            const stances = cellStances(cell);
            const title = `${claimant.name} on ${target.name}`;
            const button = el(
              'button',
              {
                class: 'matrix-cell',
                title:
                  cell === null
                    ? `${title}: no claim`
                    : `${title}: ${cell.claims.map((claim) => `${claim.stance} (${claim.confidence}, ${claim.date ?? 'undated'})`).join(', then ')}`,
                attrs: {
                  type: 'button',
                  'data-claimant': claimant.id,
                  'data-target': target.id,
                  'data-stances': stances.join(' '),
                  'aria-pressed': 'false',
                  disabled: cell === null,
                },
              },
              (cell?.claims ?? []).map((claim) =>
                el('span', {
                  class: `claim-chip${contested.claims.has(claim.id) ? ' contested' : ''}`,
                  text: STANCE_MARKS[claim.stance],
                  attrs: {
                    style: `--cell:${claimShade(claim.stance, claim.confidence)};--contested:${CONTESTED_COLOR}`,
                    'data-claim': claim.id,
                  },
                }),
              ),
            );
            if (cell !== null)
              button.addEventListener('click', () => {
                pressed?.setAttribute('aria-pressed', 'false');
                button.setAttribute('aria-pressed', 'true');
                pressed = button;
                void showCell(ctx, detail, title, cell, contested);
              });
            return el('td', {}, [button]);
          }),
        ]),
      ),
    ),
  );
  return [
    el('p', { class: 'muted as-of-note', text: asOfWords(matrix.asOf) }),
    el('div', { class: 'analysis-toolbar' }, [csv, png]),
    legend(),
    el('div', { class: 'matrix-scroll', attrs: { style: CONTESTED_STYLE } }, [
      el('table', { class: 'matrix', attrs: { 'data-incident': matrix.incident.id, 'data-as-of': matrix.asOf?.asOf ?? '' } }, [
        el('thead', {}, [head]),
        ...groups,
      ]),
    ]),
    detail,
  ];
}
