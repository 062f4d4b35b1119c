// Node and edge styling: colour, size and shape by type, actor kind and stance; every drawn colour is in the legend; one palette.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ACTOR_KIND_COLORS,
  ACTOR_KIND_LABELS,
  EDGE_STYLES,
  NODE_TYPE_STYLE,
  PAGE_COLORS,
  STANCE_COLORS,
  STANCE_KEYS,
  contrastRatio,
  cssCustomProperties,
  edgeStyle,
  inkOn,
  legendEntries,
  nodeColor,
  nodeShape,
  nodeSize,
  shortLabel,
  stanceKey,
} from '../../client/src/core/graph/style';
import {
  ACTOR_KINDS as SEED_ACTOR_KINDS,
  RECORD_TYPES as NODE_TYPES,
  RELATIONSHIP_TYPES as WIRE_EDGE_TYPES,
  STANCES,
} from '../../server/model/vocabulary';

/** The style tables' own keys: what the explorer can draw, to be checked against what the model declares. */
const ACTOR_KINDS = Object.keys(ACTOR_KIND_COLORS);
const EDGE_TYPES = Object.keys(EDGE_STYLES) as Array<keyof typeof EDGE_STYLES>;

describe('node style', () => {
  test('covers every actor kind, edge type and stance the data format defines', () => {
    expect([...ACTOR_KINDS].sort()).toEqual([...SEED_ACTOR_KINDS].sort());
    expect(Object.keys(ACTOR_KIND_LABELS).sort()).toEqual([...SEED_ACTOR_KINDS].sort());
    expect([...EDGE_TYPES].sort()).toEqual([...WIRE_EDGE_TYPES].sort());
    expect(Object.keys(NODE_TYPE_STYLE).sort()).toEqual([...NODE_TYPES].sort());
    for (const stance of STANCES) expect(STANCE_COLORS[stance]).toMatch(/^#[0-9a-f]{6}$/);
    expect(STANCE_KEYS).toEqual([...STANCES, 'none']);
  });

  test('actors are coloured by kind, each kind its own colour', () => {
    expect(nodeColor('actor', { kind: 'state' })).toBe(ACTOR_KIND_COLORS.state);
    expect(nodeColor('actor', { kind: 'agency' })).toBe(ACTOR_KIND_COLORS.agency);
    expect(new Set(Object.values(ACTOR_KIND_COLORS)).size).toBe(ACTOR_KINDS.length);
    expect(nodeColor('actor', { kind: 'unknown-kind' })).toBe(NODE_TYPE_STYLE.actor.color);
  });

  test('claims are coloured by stance, and claims without one get the neutral colour', () => {
    expect(nodeColor('claim', { stance: 'asserts' })).toBe(STANCE_COLORS.asserts);
    expect(nodeColor('claim', { stance: 'denies' })).toBe(STANCE_COLORS.denies);
    expect(nodeColor('claim', { stance: 'neither' })).toBe(STANCE_COLORS.neither);
    expect(nodeColor('claim', { stance: null })).toBe(STANCE_COLORS.none);
    expect(nodeColor('claim', {})).toBe(STANCE_COLORS.none);
    expect(stanceKey('bogus')).toBe('none');
    expect(new Set(Object.values(STANCE_COLORS)).size).toBe(4);
  });

  test('stance colours are not reused by any actor kind', () => {
    for (const color of Object.values(STANCE_COLORS)) expect(Object.values(ACTOR_KIND_COLORS)).not.toContain(color);
  });

  test('incidents and sources have their own colour and every type its own shape', () => {
    expect(nodeColor('incident', {})).toBe(NODE_TYPE_STYLE.incident.color);
    expect(nodeColor('source', {})).toBe(NODE_TYPE_STYLE.source.color);
    expect(new Set(NODE_TYPES.map(nodeShape)).size).toBe(NODE_TYPES.length);
    expect(nodeShape('actor')).toBe('circle');
    expect(nodeShape('claim')).toBe('diamond');
  });

  test('explanations are hexagons of their own colour', () => {
    expect(nodeShape('explanation')).toBe('hexagon');
    expect(nodeColor('explanation', {})).toBe(NODE_TYPE_STYLE.explanation.color);
  });

  test('text on a solid stance colour (the reader’s marked span) takes whichever page colour reads better', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio(PAGE_COLORS.ink, PAGE_COLORS.ink)).toBe(1);
    for (const color of Object.values(STANCE_COLORS)) {
      const ink = inkOn(color);
      expect([PAGE_COLORS.ink, PAGE_COLORS.surface]).toContain(ink);
      const other = ink === PAGE_COLORS.ink ? PAGE_COLORS.surface : PAGE_COLORS.ink;
      expect(contrastRatio(color, ink)).toBeGreaterThanOrEqual(contrastRatio(color, other));
      expect(contrastRatio(color, ink)).toBeGreaterThanOrEqual(3);
    }
    expect(inkOn(STANCE_COLORS.neither)).toBe(PAGE_COLORS.ink);
  });

  test('size starts at the type base and grows with degree, slowly', () => {
    expect(nodeSize('claim', 0)).toBe(NODE_TYPE_STYLE.claim.size);
    expect(nodeSize('actor', 10)).toBeGreaterThan(nodeSize('actor', 1));
    expect(nodeSize('actor', 1000)).toBeLessThan(NODE_TYPE_STYLE.actor.size * 4);
    expect(nodeSize('incident', 0)).toBeGreaterThan(nodeSize('claim', 0));
    expect(nodeSize('actor', -3)).toBe(NODE_TYPE_STYLE.actor.size);
  });

  test('short labels are trimmed with an ellipsis', () => {
    expect(shortLabel('FBI')).toBe('FBI');
    const long = shortLabel('The FBI concluded that North Korea was responsible for the Sony Pictures hack in 2014');
    expect(long.length).toBeLessThanOrEqual(42);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('edge style', () => {
  test('every relationship type has a style, and the claim-to-claim links are told apart by colour', () => {
    for (const type of EDGE_TYPES) {
      const style = edgeStyle(type);
      expect(style.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(style.size).toBeGreaterThan(0);
      expect(['arrow', 'line']).toContain(style.shape);
    }
    const linkColors = (['SUPPORTS', 'DISPUTES', 'RESPONDS_TO', 'CITES'] as const).map((type) => EDGE_STYLES[type].color);
    expect(new Set(linkColors).size).toBe(4);
  });

  test('ACCUSES edges take the colour of their stance', () => {
    expect(edgeStyle('ACCUSES', { stance: 'denies' }).color).toBe(STANCE_COLORS.denies);
    expect(edgeStyle('ACCUSES', { stance: 'neither' }).color).toBe(STANCE_COLORS.neither);
    expect(edgeStyle('MADE', { stance: 'denies' }).color).toBe(EDGE_STYLES.MADE.color);
  });

  test('symmetric ties are drawn without arrows', () => {
    expect(edgeStyle('AFFILIATED_WITH').shape).toBe('line');
    expect(edgeStyle('RELATED_TO').shape).toBe('line');
    expect(edgeStyle('SUPPORTS').shape).toBe('arrow');
  });
});

describe('legend', () => {
  test('explains every colour and shape the view draws', () => {
    const entries = legendEntries();
    const colors = new Set(entries.map((entry) => entry.color));
    for (const color of Object.values(ACTOR_KIND_COLORS)) expect(colors).toContain(color);
    for (const color of Object.values(STANCE_COLORS)) expect(colors).toContain(color);
    for (const type of EDGE_TYPES) expect(colors).toContain(EDGE_STYLES[type].color);
    expect(colors).toContain(NODE_TYPE_STYLE.incident.color);
    expect(colors).toContain(NODE_TYPE_STYLE.source.color);
    const shapes = new Set(entries.map((entry) => entry.shape));
    for (const type of NODE_TYPES) expect(shapes).toContain(NODE_TYPE_STYLE[type].shape);
    expect(entries.every((entry) => entry.label.trim() !== '')).toBe(true);
  });
});

describe('palette', () => {
  const css = readFileSync(path.join(__dirname, '..', '..', 'client', 'src', 'styles.css'), 'utf8');
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, '');

  test('styles.css writes no colour of its own', () => {
    expect(rules.match(/#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(/gi)).toBeNull();
  });

  test('every custom property styles.css reads is given by style.ts or declared in the stylesheet', () => {
    const given = new Set(Object.keys(cssCustomProperties()));
    const declared = new Set([...rules.matchAll(/(--[a-z-]+)\s*:/g)].map((match) => match[1]));
    const read = new Set([...rules.matchAll(/var\((--[a-z-]+)/g)].map((match) => match[1] as string));
    expect(read.size).toBeGreaterThan(10);
    for (const name of read) expect(given.has(name) || declared.has(name) ? name : `${name} (undefined)`).toBe(name);
  });

  test('each page colour is written once, and the stances reach the stylesheet in their graph colours', () => {
    expect(new Set(Object.values(PAGE_COLORS)).size).toBe(Object.keys(PAGE_COLORS).length);
    const properties = cssCustomProperties();
    expect(properties['--bg']).toBe(PAGE_COLORS.bg);
    for (const stance of STANCE_KEYS) expect(properties[`--stance-${stance}`]).toBe(STANCE_COLORS[stance]);
  });
});
