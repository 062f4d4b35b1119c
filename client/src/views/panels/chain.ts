// What the panel shows for an evidence chain: the claims a claim rests on (upstream) or that rest on it (downstream), by depth.
import type { Chain } from '../../../../server/model/api';
import { el } from '../dom';
import { claimRow, section, type Navigator } from './panel';

/**
 * How a step relates to the claim it was reached from. Upstream walks to a claim's evidence: the claims that support
 * it and the claims it cites; downstream walks the other way.
 */
function relation(upstream: boolean, via: 'SUPPORTS' | 'CITES'): string {
  if (upstream) return via === 'SUPPORTS' ? 'supports' : 'is cited by';
  return via === 'SUPPORTS' ? 'is supported by' : 'cites';
}

export function chainContent(nav: Navigator, chain: Chain): Array<Node | null> {
  const upstream = chain.direction === 'upstream';
  const byDepth = new Map<number, Chain['steps']>();
  for (const step of chain.steps) byDepth.set(step.depth, [...(byDepth.get(step.depth) ?? []), step]);
  const labels = new Map(chain.steps.map((step) => [step.claim.id, `${step.claimant.name}: ${step.claim.text}`]));
  const deepest = Math.max(0, ...byDepth.keys());
  const levels = [...byDepth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([depth, steps]) =>
      section(
        depth === 0 ? 'The claim' : depth === deepest && upstream ? `Step ${depth} (origin)` : `Step ${depth}`,
        [
          el(
            'ol',
            { class: 'claim-list chain-level' },
            steps.map((step) =>
              claimRow(nav, step.claim, step.claimant, [
                step.via === null || step.from === null
                  ? null
                  : el('div', {
                      class: 'muted entry-meta',
                      text: `${relation(upstream, step.via)} ${labels.get(step.from)?.slice(0, 90) ?? step.from}`,
                    }),
              ]),
            ),
          ),
        ],
        'chain-step',
      ),
    );
  return [
    el('p', {
      class: 'muted',
      text:
        chain.steps.length <= 1
          ? upstream
            ? 'This claim cites or supports no other claim: it is its own origin.'
            : 'No claim in the data supports or cites this one.'
          : upstream
            ? `Followed SUPPORTS and CITES links back through ${deepest} step${deepest === 1 ? '' : 's'}; the last step is where the evidence starts.`
            : `Claims that support or cite this one, ${deepest} step${deepest === 1 ? '' : 's'} out.`,
    }),
    ...levels,
    el('div', { class: 'panel-actions' }, [
      el('button', {
        class: 'button small',
        text: upstream ? 'Show follow-ups ↓' : 'Show evidence ↑',
        attrs: { type: 'button', 'data-action': 'chain-flip' },
        on: { click: () => nav.chain(chain.root, upstream ? 'downstream' : 'upstream') },
      }),
    ]),
  ];
}
