// The attribution view's ACH tab: hypotheses (the accused and the explanations) ordered by their PARC ACH score, every
// claim about the incident as an evidence row, derived and analyst ratings told apart, rows sortable by diagnosticity,
// and a cell editor that appears only once a write token is kept for the session.
import { ACH_LEVELS, ACH_RATINGS, type AchLevel, type AchRating } from '../../../../server/model/vocabulary';
import type { AchCell } from '../../../../server/model/hypotheses';
import {
  EVIDENCE_ORDERS,
  asOfWords,
  diagnosticity,
  orderHypotheses,
  sortEvidence,
  type Ach,
  type AchEvidence,
  type AnalysisApi,
  type EvidenceOrder,
} from '../../core/analysis';
import { ApiProblemError, describeError } from '../../core/errors';
import { ACH_RATING_COLORS, inkOn } from '../../core/graph/style';
import { claimDateText } from '../../core/wording';
import {
  browserSessionStore,
  forgetWriteAccess,
  readWriteAccess,
  saveWriteAccess,
  type SessionStore,
  type WriteAccess,
} from '../../core/writeAccess';
import { el, setChildren } from '../dom';
import { nodeLink, type Navigator } from './panel';
import './analysis.css';

export interface AchContext {
  nav: Navigator;
  analysis: AnalysisApi;
  /** Shows the tab again after a rating was stored, so the scores take it in. */
  reload(): void;
  /** Where the token is kept; the browser's session storage unless a test passes another. */
  store?: SessionStore | null;
}

const RATING_WORDS: Readonly<Record<AchRating, string>> = {
  CC: 'very consistent',
  C: 'consistent',
  N: 'neutral',
  I: 'inconsistent',
  II: 'very inconsistent',
};

const ORDER_LABELS: Readonly<Record<EvidenceOrder, string>> = {
  date: 'Earliest first',
  diagnosticity: 'Most diagnostic first',
};

/** The rows' order is the person's choice for this page; it does not change what the server is asked. */
let chosenOrder: EvidenceOrder = 'date';

function ratingChip(cell: AchCell, editable: boolean, onEdit: () => void): HTMLElement {
  const analyst = cell.analyst;
  const title =
    analyst === null
      ? `${RATING_WORDS[cell.rating]} (derived by the documented rule) · weight ${cell.weight.toFixed(2)}`
      : `${RATING_WORDS[cell.rating]}, rated by ${analyst.analyst} on ${analyst.ratedAt.slice(0, 10)} (the rule gives ${cell.derived})${analyst.note === null ? '' : `: ${analyst.note}`} · weight ${cell.weight.toFixed(2)}`;
  const props = {
    class: `ach-rating ${cell.source}`,
    text: cell.rating,
    title,
    attrs: {
      style: `--cell:${ACH_RATING_COLORS[cell.rating]};--cell-ink:${inkOn(ACH_RATING_COLORS[cell.rating])}`,
      'data-source': cell.source,
    },
  };
  if (!editable) return el('span', props);
  return el('button', { ...props, attrs: { ...props.attrs, type: 'button', 'data-action': 'rate' }, on: { click: onEdit } });
}

/** The editor of one cell, in a row of its own under the evidence row. */
function cellEditor(ctx: AchContext, ach: Ach, row: AchEvidence, cell: AchCell, access: WriteAccess, close: () => void): HTMLElement {
  const rating = el(
    'select',
    { attrs: { name: 'rating', 'data-field': 'rating' } },
    ACH_RATINGS.map((value) =>
      el('option', { text: `${value} — ${RATING_WORDS[value]}`, attrs: { value, selected: value === cell.rating } }),
    ),
  );
  const relevance = el(
    'select',
    { attrs: { name: 'relevance', 'data-field': 'relevance' } },
    ACH_LEVELS.map((value) => el('option', { text: value, attrs: { value, selected: value === cell.relevance } })),
  );
  const note = el('input', {
    attrs: { name: 'note', type: 'text', maxlength: 2000, value: cell.analyst?.note ?? '', 'data-field': 'note' },
  });
  const problems = el('div', { attrs: { role: 'alert' } });
  const save = el('button', { class: 'button small', text: 'Save rating', attrs: { type: 'submit', 'data-action': 'save-rating' } });
  const form = el('form', { class: 'ach-editor', attrs: { 'data-claim': row.claim.id, 'data-hypothesis': cell.hypothesis } }, [
    el('label', {}, ['Rating', rating]),
    el('label', {}, ['Relevance', relevance]),
    el('label', {}, ['Note', note]),
    save,
    el('button', { class: 'button small', text: 'Cancel', attrs: { type: 'button' }, on: { click: close } }),
    problems,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save.disabled = true;
    ctx.analysis
      .putRating(
        ach.incident.id,
        {
          claim: row.claim.id,
          hypothesis: cell.hypothesis,
          rating: rating.value as AchRating,
          relevance: relevance.value as AchLevel,
          note: note.value.trim() === '' ? undefined : note.value.trim(),
          analyst: access.analyst,
        },
        access.token,
      )
      .then(() => ctx.reload())
      .catch((error: unknown) => {
        save.disabled = false;
        const { title, detail } = describeError(error);
        const fields = error instanceof ApiProblemError ? (error.problem.errors ?? []) : [];
        setChildren(problems, [
          el('strong', { text: title }),
          el('p', { class: 'problem-detail', text: detail }),
          fields.length === 0
            ? null
            : el(
                'ul',
                { class: 'problem-list' },
                fields.map((field) => el('li', { text: `${field.field}: ${field.message}` })),
              ),
        ]);
      });
  });
  return form;
}

/** The session's write access: a form for the token and name, or who is rating and a way to forget it. */
function accessBox(store: SessionStore | null, access: WriteAccess | null, changed: () => void): HTMLElement {
  if (access !== null)
    return el('div', { class: 'write-access', attrs: { 'data-write-access': 'on' } }, [
      `Rating as ${access.analyst}: click a cell to rate it. The token is kept for this tab only. `,
      el('button', {
        class: 'button small',
        text: 'Forget the token',
        attrs: { type: 'button', 'data-action': 'forget-token' },
        on: {
          click: () => {
            forgetWriteAccess(store);
            changed();
          },
        },
      }),
    ]);
  const token = el('input', { attrs: { type: 'password', name: 'token', autocomplete: 'off', 'data-field': 'token' } });
  const analyst = el('input', { attrs: { type: 'text', name: 'analyst', autocomplete: 'name', 'data-field': 'analyst' } });
  const form = el('form', {}, [
    el('label', {}, ['Write token', token]),
    el('label', {}, ['Your name', analyst]),
    el('button', { class: 'button small', text: 'Use for this session', attrs: { type: 'submit', 'data-action': 'keep-token' } }),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (saveWriteAccess(store, { token: token.value, analyst: analyst.value }) !== null) changed();
  });
  return el('details', { class: 'write-access', attrs: { 'data-write-access': 'off' } }, [
    el('summary', { text: 'Cells are read-only. Rate them with the server’s write token…' }),
    form,
  ]);
}

/** The ACH tab's content; it redraws itself when the order or the write access changes. */
export function achContent(ctx: AchContext, ach: Ach): Array<Node | null> {
  const store = ctx.store === undefined ? browserSessionStore() : ctx.store;
  const root = el('div', { class: 'ach-view', attrs: { 'data-incident': ach.incident.id, 'data-as-of': ach.asOf?.asOf ?? '' } });
  const draw = () => setChildren(root, achParts(ctx, ach, store, draw));
  draw();
  return [root];
}

function achParts(ctx: AchContext, ach: Ach, store: SessionStore | null, redraw: () => void): Array<Node | null> {
  const access = readWriteAccess(store);
  const hypotheses = orderHypotheses(ach.hypotheses);
  const least = new Set(ach.leastInconsistent);
  const name = new Map(ach.hypotheses.map((hypothesis) => [hypothesis.id, hypothesis.name]));
  const order = el(
    'select',
    { attrs: { 'data-action': 'ach-sort', 'aria-label': 'Order of the evidence rows' } },
    EVIDENCE_ORDERS.map((value) => el('option', { text: ORDER_LABELS[value], attrs: { value, selected: value === chosenOrder } })),
  );
  order.addEventListener('change', () => {
    chosenOrder = order.value as EvidenceOrder;
    redraw();
  });
  if (hypotheses.length === 0)
    return [
      el('p', { class: 'muted as-of-note', text: asOfWords(ach.asOf) }),
      el('p', { class: 'muted', text: 'No hypothesis yet: no claim by then holds anyone or anything responsible.' }),
    ];
  const rows = sortEvidence(ach.evidence, chosenOrder).flatMap((row) => {
    const cells = new Map(row.cells.map((cell) => [cell.hypothesis, cell]));
    const { spread, distinct } = diagnosticity(row);
    const tr = el(
      'tr',
      {
        class: `ach-row${row.diagnostic ? '' : ' not-diagnostic'}`,
        attrs: { 'data-claim': row.claim.id, 'data-diagnostic': String(row.diagnostic) },
      },
      [
        el('td', { class: 'ach-evidence' }, [
          el(
            'button',
            { class: 'node-link', attrs: { type: 'button', 'data-node': row.claim.id }, on: { click: () => ctx.nav.open(row.claim.id) } },
            [el('strong', { text: `${row.claimant.name}: ` }), row.claim.text],
          ),
          el('span', {
            class: 'muted',
            text: ` · ${claimDateText(row.claim.date, row.claim.dateBasis)}${row.diagnostic ? ` · spread ${spread.toFixed(2)}, ${distinct} ratings` : ' · not diagnostic'}`,
          }),
        ]),
        el('td', { text: row.credibility, title: `Credibility from the claim's confidence (${row.claim.confidence})` }),
        ...hypotheses.map((hypothesis) => {
          const cell = cells.get(hypothesis.id);
          if (cell === undefined) return el('td', { class: 'ach-cell muted', text: '—' });
          const td = el('td', {
            class: 'ach-cell',
            attrs: { 'data-hypothesis': hypothesis.id, 'data-rating': cell.rating, 'data-source': cell.source },
          });
          const edit = () => {
            const existing = tr.nextElementSibling;
            if (existing?.classList.contains('ach-editor-row')) existing.remove();
            const holder = el('tr', { class: 'ach-editor-row' });
            const close = () => holder.remove();
            holder.append(el('td', { attrs: { colspan: hypotheses.length + 2 } }, [cellEditor(ctx, ach, row, cell, access!, close)]));
            tr.after(holder);
            holder.querySelector<HTMLSelectElement>('select')?.focus();
          };
          td.append(ratingChip(cell, access !== null, edit));
          return td;
        }),
      ],
    );
    return [tr];
  });
  return [
    el('p', { class: 'muted as-of-note', text: asOfWords(ach.asOf) }),
    el('p', {
      class: 'muted',
      text: 'Scores follow PARC ACH 1.1: only inconsistency counts (I = −1, II = −2), times credibility (from the claim’s confidence) and relevance; the least inconsistent hypothesis is first. A framed ✎ rating is an analyst’s; the others come from the documented rule.',
    }),
    el('div', { class: 'analysis-toolbar' }, [
      el('label', {}, ['Rows: ', order]),
      el('a', {
        class: 'button small',
        text: 'Download CSV',
        attrs: {
          href: ctx.analysis.csvUrl({ view: 'ach', incident: ach.incident.id, asOf: ach.asOf?.asOf ?? null }),
          download: '',
          'data-action': 'ach-csv',
        },
      }),
    ]),
    accessBox(store, access, redraw),
    el('div', { class: 'analysis-legend' }, [
      ...ACH_RATINGS.map((rating) =>
        el('span', {
          class: 'legend-chip',
          text: `${rating} ${RATING_WORDS[rating]}`,
          attrs: { style: `--cell:${ACH_RATING_COLORS[rating]}` },
        }),
      ),
    ]),
    el('div', { class: 'ach-scroll' }, [
      el('table', { class: 'ach' }, [
        el('thead', {}, [
          el('tr', {}, [
            el('th', { text: `Evidence (${ach.evidenceTotal} claims)`, attrs: { scope: 'col' } }),
            el('th', { text: 'Credibility', attrs: { scope: 'col' } }),
            ...hypotheses.map((hypothesis) =>
              el(
                'th',
                {
                  class: `ach-hypothesis${least.has(hypothesis.id) ? ' least-inconsistent' : ''}`,
                  attrs: { scope: 'col', 'data-hypothesis': hypothesis.id, 'data-rank': hypothesis.rank },
                },
                [
                  nodeLink(ctx.nav, hypothesis.id, hypothesis.name, hypothesis.type),
                  el('span', { class: 'score', text: `score ${hypothesis.score.toFixed(2)} · rank ${hypothesis.rank}` }),
                ],
              ),
            ),
          ]),
        ]),
        el('tbody', {}, rows),
      ]),
    ]),
    ach.truncated
      ? el('p', {
          class: 'muted',
          text: `Showing ${ach.evidence.length} of ${ach.evidenceTotal} evidence rows; the scores count them all.`,
        })
      : null,
    el('section', { class: 'panel-section ach-sensitivity' }, [
      el('h3', { text: 'Sensitivity' }),
      ach.sensitivity.length === 0
        ? el('p', { class: 'muted', text: 'No single evidence row changes which hypothesis is least inconsistent.' })
        : el(
            'ul',
            {},
            ach.sensitivity.map((entry) =>
              el('li', { attrs: { 'data-claim': entry.claim } }, [
                el('button', {
                  class: 'node-link',
                  text: entry.claim,
                  attrs: { type: 'button' },
                  on: { click: () => ctx.nav.open(entry.claim) },
                }),
                ` — without it, the least inconsistent would be ${entry.leastInconsistentWithout.map((id) => name.get(id) ?? id).join(', ')}`,
              ]),
            ),
          ),
    ]),
  ];
}
