// The export menu: the current view as PNG (via @sigma/export-image), SVG, GEXF, GraphML, JSON or CSV, and as STIX 2.1 or Cypher from the API.
import { downloadAsPNG } from '@sigma/export-image';
import type Sigma from 'sigma';
import { describeError } from '../core/errors';
import type { ExplorerGraph } from '../core/graph/graphData';
import { BACKGROUND_COLOR } from '../core/graph/style';
import { el } from '../views/dom';
import { toCsv, toGexf, toGraphml, toJson, toSvg, type ExportFormat } from './exporters';

const LABELS: Record<ExportFormat, string> = {
  png: 'PNG image',
  svg: 'SVG drawing',
  gexf: 'GEXF (Gephi)',
  graphml: 'GraphML',
  json: 'JSON (graphology)',
  csv: 'CSV (nodes + edges)',
};

export function downloadText(fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = el('a', { attrs: { href: url, download: fileName } });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ExportSource {
  /** The graph of what is on screen now. */
  viewGraph(): ExplorerGraph;
  renderer(): Sigma | null;
  /** File name without extension, e.g. "claim-graph-fbi". */
  baseName(): string;
  /** The `/api/export` query for the view on screen, for the formats the server writes. */
  serverQuery(format: string): string;
}

/** Formats only the server writes; the browser downloads them from `/api/export` for the same view. */
const SERVER_FORMATS: Array<[format: string, label: string]> = [
  ['stix', 'STIX 2.1 bundle (OpenCTI, MISP)'],
  ['cypher', 'Cypher script (Neo4j)'],
];

export async function exportAs(format: ExportFormat, source: ExportSource): Promise<void> {
  const name = source.baseName();
  switch (format) {
    case 'png': {
      const renderer = source.renderer();
      if (renderer === null) throw new Error('PNG export: expected a drawn graph; there is none yet');
      await downloadAsPNG(renderer, { fileName: name, backgroundColor: BACKGROUND_COLOR });
      return;
    }
    case 'svg':
      return downloadText(`${name}.svg`, 'image/svg+xml', toSvg(source.viewGraph()));
    case 'gexf':
      return downloadText(`${name}.gexf`, 'application/gexf+xml', toGexf(source.viewGraph()));
    case 'graphml':
      return downloadText(`${name}.graphml`, 'application/graphml+xml', toGraphml(source.viewGraph()));
    case 'json':
      return downloadText(`${name}.json`, 'application/json', toJson(source.viewGraph()));
    case 'csv': {
      const { nodes, edges } = toCsv(source.viewGraph());
      downloadText(`${name}-nodes.csv`, 'text/csv', nodes);
      downloadText(`${name}-edges.csv`, 'text/csv', edges);
      return;
    }
  }
}

export function createExportMenu(source: ExportSource, onError: (message: string) => void): HTMLElement {
  const menu = el('details', { class: 'menu export-menu' });
  const items = (Object.keys(LABELS) as ExportFormat[]).map((format) =>
    el('li', {}, [
      el('button', {
        class: 'menu-item',
        text: LABELS[format],
        attrs: { type: 'button', 'data-format': format },
        on: {
          click: () => {
            menu.open = false;
            exportAs(format, source).catch((error: unknown) => {
              const { title, detail } = describeError(error);
              onError(`Export failed: ${title}. ${detail}`);
            });
          },
        },
      }),
    ]),
  );
  for (const [format, label] of SERVER_FORMATS) {
    items.push(
      el('li', {}, [
        el('a', {
          class: 'menu-item',
          text: label,
          attrs: { href: `/api/export?${source.serverQuery(format)}`, download: '', 'data-format': format },
          on: {
            // The view can change after the menu was built, so the link is refreshed as it is followed.
            click: (event) => {
              (event.currentTarget as HTMLAnchorElement).href = `/api/export?${source.serverQuery(format)}`;
              menu.open = false;
            },
          },
        }),
      ]),
    );
  }
  menu.append(
    el('summary', { class: 'button', text: 'Export', attrs: { 'aria-label': 'Export the current view' } }),
    el('ul', { class: 'menu-list' }, items),
  );
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && menu.open) {
      event.stopPropagation();
      menu.open = false;
      menu.querySelector('summary')?.focus();
    }
  });
  return menu;
}
