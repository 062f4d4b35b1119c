// The legend: every node shape, actor-kind colour, stance colour and relationship style the view draws.
import { legendEntries, type LegendEntry } from '../../core/graph/style';
import { el, swatch } from '../dom';

export function createLegend(): HTMLElement {
  const groups = new Map<LegendEntry['group'], LegendEntry[]>();
  for (const entry of legendEntries()) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
  const sections = [...groups.entries()].map(([group, entries]) =>
    el('div', { class: 'legend-group' }, [
      el('h3', { text: group }),
      el(
        'ul',
        {},
        entries.map((entry) =>
          el('li', {}, [
            swatch(entry.shape, entry.color, entry.shape === 'arrow' || entry.shape === 'line' ? 18 : 14),
            el('span', { text: entry.label }),
          ]),
        ),
      ),
    ]),
  );
  // Closed at first: the legend is long, and the filters above it are what a person reaches for.
  return el('details', { class: 'legend', attrs: { id: 'legend' } }, [el('summary', { text: 'Legend' }), ...sections]);
}
