// Label placement: by priority, never two overlapping, never cut at the viewport's edge; and the priority tiers.
import { LABEL_METRICS, labelPriority, overlaps, placeLabels, type LabelCandidate } from '../../client/src/core/graph/labels';

const viewport = { width: 400, height: 300 };

function candidate(node: string, x: number, y: number, priority: number, width = 60): LabelCandidate {
  return { node, text: node, x, y, size: 5, width, priority };
}

describe('labelPriority', () => {
  const plain = { selected: false, cursor: false, lit: false, accusations: 0, incident: false, degree: 0 };
  test('the selection, then the keyboard’s node, lit nodes, accused actors, incidents, and hubs by degree', () => {
    const order = [
      labelPriority({ ...plain, selected: true }),
      labelPriority({ ...plain, cursor: true }),
      labelPriority({ ...plain, lit: true }),
      labelPriority({ ...plain, accusations: 1 }),
      labelPriority({ ...plain, incident: true }),
      labelPriority({ ...plain, degree: 500 }),
      labelPriority({ ...plain, degree: 3 }),
    ];
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    // Within a tier the count orders: 12 accusations outrank 2.
    expect(labelPriority({ ...plain, accusations: 12 })).toBeGreaterThan(labelPriority({ ...plain, accusations: 2 }));
    // The least-accused actor still outranks the biggest hub.
    expect(labelPriority({ ...plain, accusations: 1 })).toBeGreaterThan(labelPriority({ ...plain, degree: 100_000 }));
  });
});

describe('placeLabels', () => {
  test('a label goes right of its node: box from x + size + gap, text inside its padding, vertically centred', () => {
    const [label] = placeLabels([candidate('fbi', 100, 100, 1)], viewport);
    // x = 100 + 5 (size) + 3 (gap) = 108; width = 60 + 2 × 2 (padding) = 64; height = 12 + 2 × 2 = 16; y = 100 − 8 = 92.
    expect(label).toMatchObject({ node: 'fbi', side: 'right', x: 108, y: 92, width: 64, height: 16, textX: 110 });
    // The baseline: the box's middle (100) plus a third of the font size (4).
    expect(label!.baseline).toBe(104);
  });

  test('a label that would leave the viewport on the right goes to the left; one that fits nowhere is left out', () => {
    const [left] = placeLabels([candidate('edge', 380, 100, 1)], viewport);
    // Right would end at 380 + 8 + 64 = 452 > 396; left starts at 380 − 8 − 64 = 308.
    expect(left).toMatchObject({ side: 'left', x: 308 });
    // A 500-pixel label fits nowhere in a 400-pixel viewport.
    expect(placeLabels([candidate('wide', 200, 150, 1, 500)], viewport)).toEqual([]);
  });

  test('the higher priority keeps its place; the other moves to a free side or is dropped, and none overlaps', () => {
    // Two nodes 10 pixels apart on one row: both want the right side at nearly the same spot.
    const placed = placeLabels([candidate('low', 110, 100, 1), candidate('high', 100, 100, 9)], viewport);
    expect(placed[0]).toMatchObject({ node: 'high', side: 'right' });
    expect(placed.find((label) => label.node === 'low')?.side).not.toBe('right');
    for (let i = 0; i < placed.length; i += 1)
      for (let j = i + 1; j < placed.length; j += 1) expect(overlaps(placed[i]!, placed[j]!)).toBe(false);
  });

  test('a dense crowd: every placed box is inside the viewport and disjoint from every other', () => {
    const crowd: LabelCandidate[] = [];
    for (let index = 0; index < 200; index += 1)
      crowd.push(candidate(`n${index}`, (index * 37) % 400, (index * 53) % 300, index % 7, 30 + (index % 5) * 20));
    const placed = placeLabels(crowd, viewport);
    expect(placed.length).toBeGreaterThan(10);
    expect(placed.length).toBeLessThan(200);
    const margin = LABEL_METRICS.margin;
    for (const box of placed) {
      expect(box.x).toBeGreaterThanOrEqual(margin);
      expect(box.y).toBeGreaterThanOrEqual(margin);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width - margin);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height - margin);
    }
    for (let i = 0; i < placed.length; i += 1)
      for (let j = i + 1; j < placed.length; j += 1) expect(overlaps(placed[i]!, placed[j]!)).toBe(false);
  });

  test('a label is never placed under a control drawn over the stage: it takes another side, or is left out', () => {
    // A toolbar over the top right corner, x 300–400, y 0–40. Right of a node at (200, 20) the box would span x 208–272
    // and y 12–28: clear of it, so it stays right.
    const toolbar = { x: 300, y: 0, width: 100, height: 40 };
    expect(placeLabels([candidate('clear', 200, 20, 1)], viewport, LABEL_METRICS, [toolbar])[0]).toMatchObject({ side: 'right' });
    // At (250, 20) the right box spans x 258–322 and reaches under the toolbar (from 300); left spans 178–242: clear.
    expect(placeLabels([candidate('near', 250, 20, 1)], viewport, LABEL_METRICS, [toolbar])[0]).toMatchObject({ side: 'left', x: 178 });
    // A node under the toolbar itself, at (350, 20): right (358–422) leaves the viewport; left (x 278–342) and below
    // (x 318–382, y 28–44) reach under the toolbar; above would start at y 20 − 8 − 16 = −4, past the top margin. No label.
    expect(placeLabels([candidate('under', 350, 20, 1)], viewport, LABEL_METRICS, [toolbar])).toEqual([]);
  });

  test('ties in priority go by id, so the same frame always draws the same labels', () => {
    const a = placeLabels([candidate('b', 100, 100, 1), candidate('a', 102, 100, 1)], viewport);
    const b = placeLabels([candidate('a', 102, 100, 1), candidate('b', 100, 100, 1)], viewport);
    expect(a).toEqual(b);
    expect(a[0]!.node).toBe('a');
  });
});
