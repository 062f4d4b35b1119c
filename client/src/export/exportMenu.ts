// The export menu: PNG and SVG of the view as drawn (with title, legend and date) are made here; every data format
// (GEXF, GraphML, CSV, JSON, STIX 2.1, Cypher) is downloaded from GET /api/export for the same view and filters.
import type Sigma from 'sigma';
import { describeError } from '../core/errors';
import type { ExplorerGraph } from '../core/graph/graphData';
import { el } from '../views/dom';
import { toSvg } from './image';

export const IMAGE_FORMATS = ['png', 'svg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

const IMAGE_LABELS: Record<ImageFormat, string> = { png: 'PNG image', svg: 'SVG drawing' };

/** Formats the server writes; the browser downloads them from `/api/export` for the same view. */
export const SERVER_FORMATS: Array<[format: string, label: string]> = [
  ['gexf', 'GEXF (Gephi)'],
  ['graphml', 'GraphML'],
  ['json', 'JSON (graphology)'],
  ['csv', 'CSV (nodes + edges, zip)'],
  ['stix', 'STIX 2.1 bundle (OpenCTI, MISP)'],
  ['cypher', 'Cypher script (Neo4j)'],
];

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = el('a', { attrs: { href: url, download: fileName } });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(fileName: string, mime: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: mime }));
}

/** The SVG drawn on a canvas at `scale`, as a PNG blob. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('PNG export: expected a 2D canvas context; the browser gave none');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob === null ? reject(new Error('PNG export: the canvas gave no image')) : resolve(blob)), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export interface ExportSource {
  /** The graph of what is on screen now. */
  viewGraph(): ExplorerGraph;
  renderer(): Sigma | null;
  /** File name without extension, e.g. "claim-graph-fbi". */
  baseName(): string;
  /** The view and its parameters in words, for the images' title line. */
  title(): string;
  /** The `/api/export` query for the view on screen and its filters. */
  serverQuery(format: string): string;
}

export async function exportAs(format: ImageFormat, source: ExportSource): Promise<void> {
  const name = source.baseName();
  const svg = toSvg(source.viewGraph(), { title: source.title(), date: new Date() });
  if (format === 'svg') return downloadText(`${name}.svg`, 'image/svg+xml', svg);
  downloadBlob(`${name}.png`, await svgToPng(svg));
}

export function createExportMenu(source: ExportSource, onError: (message: string) => void): HTMLElement {
  const menu = el('details', { class: 'menu export-menu' });
  const items = IMAGE_FORMATS.map((format) =>
    el('li', {}, [
      el('button', {
        class: 'menu-item',
        text: IMAGE_LABELS[format],
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
            // The view and filters can change after the menu was built, so the link is refreshed as it is followed.
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
