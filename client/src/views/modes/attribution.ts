// Attribution mode: who blames whom for one incident, with the incident's claims lit; without an incident, a list to pick one from.
import type { ViewState } from '../../core/state/urlState';
import { NODE_TYPE_STYLE } from '../../core/graph/style';
import { el, swatch } from '../dom';
import { WIDEST_ATTRIBUTION_PAGE, attributionContent } from '../panels/attribution';
import { labelFor, retry, type ModeContext, type ModeController, type ModeRun } from './mode';

export class AttributionMode implements ModeController {
  private readonly ctx: ModeContext;

  constructor(ctx: ModeContext) {
    this.ctx = ctx;
  }

  show(state: ViewState, run: ModeRun): Promise<void> {
    return this.showPage(state, run, run.focusPanel, false);
  }

  /** `widest` asks for the widest page the API lists; the panel's "list more" button does. */
  private async showPage(state: ViewState, run: ModeRun, focusPanel: boolean, widest: boolean): Promise<void> {
    const { graph, api, panel, stage, nav } = this.ctx;
    const id = state.focus;
    if (id === null) {
      this.showIncidentPicker(focusPanel);
      return;
    }
    panel.loading('Attribution', labelFor(graph, id));
    try {
      const attribution = await api.attribution(id, widest ? WIDEST_ATTRIBUTION_PAGE : undefined);
      if (run.stale()) return;
      const nodes = stage.merge(attribution.graph, `GET /api/incidents/${id}/attribution`);
      stage.setHighlight({ nodes: new Set(nodes), edges: null }, id);
      stage.fitNodes(nodes);
      const listMore = widest ? undefined : () => void this.showPage(state, run, true, true);
      panel.show('Attribution', attribution.incident.name, attributionContent(nav, attribution, listMore), focusPanel);
    } catch (error) {
      if (run.stale()) return;
      panel.error('Attribution', labelFor(graph, id), error, retry(this.ctx.store));
    }
  }

  private showIncidentPicker(focusPanel: boolean): void {
    const { graph, panel, stage, nav } = this.ctx;
    const incidents: Array<[string, string]> = [];
    graph.forEachNode((node, attributes) => {
      if (attributes.type === 'incident') incidents.push([node, attributes.label]);
    });
    incidents.sort((a, b) => a[1].localeCompare(b[1]));
    stage.setHighlight({ nodes: new Set(incidents.map(([id]) => id)), edges: null });
    panel.show(
      'Attribution',
      'Pick an incident',
      [
        el('p', { class: 'muted', text: 'Who blames whom for each incident: choose one.' }),
        el(
          'ul',
          { class: 'incident-list' },
          incidents.map(([id, label]) =>
            el('li', {}, [
              el('button', { class: 'node-link', attrs: { type: 'button', 'data-node': id }, on: { click: () => nav.attribution(id) } }, [
                swatch('square', NODE_TYPE_STYLE.incident.color),
                el('span', { text: label }),
              ]),
            ]),
          ),
        ),
      ],
      focusPanel,
    );
  }
}
