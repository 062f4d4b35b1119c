// The who-blames-whom matrix as a standalone SVG (rasterised to PNG by the export menu's svgToPng): a title naming the
// incident and its as-of date, claimants by independent group against targets, each claim a chip in its stance's colour.
import { CONFIDENCES, STANCES, type Stance } from '../../../server/model/vocabulary';
import { claimShade, matrixLayout, type Matrix } from '../core/analysis';
import { LABEL_COLOR, PAGE_COLORS, STANCE_COLORS, STANCE_LABELS, shortLabel } from '../core/graph/style';
import { escapeXml } from './image';

/** One letter per stance inside a chip, so the picture reads without colour too. */
export const STANCE_MARKS: Readonly<Record<Stance, string>> = { asserts: '+', denies: '−', neither: '?' };

const GROUP_WIDTH = 150;
const CLAIMANT_WIDTH = 240;
const COLUMN_WIDTH = 150;
const HEADER = 90;
const COLUMN_HEAD = 64;
const ROW = 30;
const LEGEND = 70;

export interface MatrixSvgOptions {
  /** The export date written under the title; now when left out. */
  date?: Date;
}

/** The matrix drawn as an SVG document; its width grows with the targets, its height with the claimants. */
export function matrixSvg(matrix: Matrix, options: MatrixSvgOptions = {}): string {
  const layout = matrixLayout(matrix);
  const width = GROUP_WIDTH + CLAIMANT_WIDTH + Math.max(1, layout.targets.length) * COLUMN_WIDTH + 20;
  const rows = matrix.claimants.length;
  const top = HEADER + COLUMN_HEAD;
  const height = top + Math.max(1, rows) * ROW + LEGEND;
  const date = (options.date ?? new Date()).toISOString();
  const asOf =
    matrix.asOf === null
      ? 'Every claim'
      : `As of ${matrix.asOf.asOf}: ${matrix.asOf.undatedLeftOut} undated and ${matrix.asOf.laterLeftOut} later claims left out`;
  const text = (x: number, y: number, body: string, size = 12, extra = '') =>
    `<text x="${x}" y="${y}" font-size="${size}" fill="${LABEL_COLOR}"${extra}>${escapeXml(body)}</text>`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="100%" height="100%" fill="${PAGE_COLORS.bg}"/>`,
    text(16, 28, `Who blames whom: ${matrix.incident.name}`, 18, ' font-weight="600"'),
    text(16, 50, `${asOf} · exported ${date.slice(0, 16).replace('T', ' ')} UTC`),
    text(16, 70, 'Rows: claimants, grouped by independence (affiliated claimants are one voice). Chips: claims in date order.'),
  ];
  const left = GROUP_WIDTH + CLAIMANT_WIDTH;
  layout.targets.forEach((target, index) => {
    const x = left + index * COLUMN_WIDTH + 6;
    parts.push(
      text(x, HEADER + 18, shortLabel(target.name, 22), 12, ' font-weight="600"'),
      text(x, HEADER + 34, target.type === 'actor' ? 'accused' : 'explanation', 11),
      text(x, HEADER + 50, `${target.claims.asserts} assert · ${target.claims.denies} deny · ${target.claims.neither} neither`, 10),
    );
  });
  let row = 0;
  layout.groups.forEach((group, groupIndex) => {
    const y0 = top + row * ROW;
    parts.push(
      `<rect x="8" y="${y0}" width="${width - 16}" height="${group.claimants.length * ROW}" fill="${groupIndex % 2 === 0 ? PAGE_COLORS.surface : PAGE_COLORS.field}" stroke="${PAGE_COLORS.line}"/>`,
      text(16, y0 + 19, group.claimants.length > 1 ? `${group.claimants.length} claimants, one voice` : 'independent', 11),
    );
    for (const claimant of group.claimants) {
      const y = top + row * ROW;
      parts.push(text(GROUP_WIDTH, y + 19, shortLabel(claimant.name, 34)));
      layout.targets.forEach((target, index) => {
        const claims = layout.cell(claimant.id, target.id)?.claims ?? [];
        if (claims.length === 0) return;
        const x = left + index * COLUMN_WIDTH + 4;
        const chip = (COLUMN_WIDTH - 12) / claims.length;
        claims.forEach((claim, at) => {
          const cx = x + at * chip;
          parts.push(
            `<g><title>${escapeXml(`${claim.id}: ${claim.stance}, ${claim.confidence}, ${claim.date ?? 'undated'}`)}</title>`,
            `<rect x="${cx.toFixed(1)}" y="${y + 4}" width="${(chip - 2).toFixed(1)}" height="${ROW - 8}" rx="3" fill="${claimShade(claim.stance, claim.confidence)}"/>`,
            `<text x="${(cx + (chip - 2) / 2).toFixed(1)}" y="${y + 20}" font-size="13" text-anchor="middle" fill="${LABEL_COLOR}">${STANCE_MARKS[claim.stance]}</text></g>`,
          );
        });
      });
      row += 1;
    }
  });
  const legendY = top + Math.max(1, rows) * ROW + 24;
  STANCES.forEach((stance, index) => {
    const x = 16 + index * 230;
    parts.push(
      `<rect x="${x}" y="${legendY - 12}" width="16" height="16" rx="3" fill="${STANCE_COLORS[stance]}"/>`,
      text(x + 22, legendY, `${STANCE_MARKS[stance]} ${STANCE_LABELS[stance]}`),
    );
  });
  CONFIDENCES.forEach((confidence, index) => {
    const x = 16 + index * 110;
    parts.push(
      `<rect x="${x}" y="${legendY + 14}" width="16" height="16" rx="3" fill="${claimShade('asserts', confidence)}"/>`,
      text(x + 22, legendY + 26, confidence, 11),
    );
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}
