// The start page's pure logic: a target's stance bar as shares, its words, and the growth of a graph that starts small.
import { GrowthPlan, hiddenBanner, startsSmall } from '../../client/src/core/graph/growth';
import { incidentWords, moreTargetsWords, stanceSegments, targetWords } from '../../client/src/core/overview';

describe('the stance bar', () => {
  test('asserts, denies, neither in that order, each its share of the claims', () => {
    // North Korea for the Sony hack: 8 + 2 + 1 = 11 claims; 8/11, 2/11, 1/11.
    const segments = stanceSegments({ asserts: 8, denies: 2, neither: 1 });
    expect(segments.map((segment) => segment.stance)).toEqual(['asserts', 'denies', 'neither']);
    expect(segments.map((segment) => segment.count)).toEqual([8, 2, 1]);
    expect(segments[0]!.share).toBeCloseTo(8 / 11, 10);
    expect(segments[1]!.share).toBeCloseTo(2 / 11, 10);
    expect(segments[2]!.share).toBeCloseTo(1 / 11, 10);
  });

  test('an empty bar has no share anywhere rather than dividing by zero', () => {
    expect(stanceSegments({ asserts: 0, denies: 0, neither: 0 }).map((segment) => segment.share)).toEqual([0, 0, 0]);
  });

  test('in words, with the independent asserting claimants', () => {
    const dprk = { claims: { asserts: 8, denies: 2, neither: 1 }, independentClaimants: { asserts: 4, denies: 2, neither: 1 } };
    expect(targetWords(dprk)).toBe('8 assert, 2 deny, 1 neither; 4 independent claimants assert');
    const lone = { claims: { asserts: 1, denies: 0, neither: 0 }, independentClaimants: { asserts: 1, denies: 0, neither: 0 } };
    expect(targetWords(lone)).toBe('1 assert, 0 deny, 0 neither; 1 independent claimant asserts');
  });
});

describe('an incident in words', () => {
  test('its accusations and targets, or that no one is blamed yet', () => {
    expect(incidentWords({ accusations: 17, targetTotal: 5 })).toBe('17 accusations · 5 targets');
    expect(incidentWords({ accusations: 1, targetTotal: 1 })).toBe('1 accusation · 1 target');
    expect(incidentWords({ accusations: 12_345, targetTotal: 2 })).toBe('12,345 accusations · 2 targets');
    expect(incidentWords({ accusations: 0, targetTotal: 0 })).toBe('No claim blames anyone for it yet');
  });

  test('the targets past those listed', () => {
    const target = { id: 't', name: 'T', kind: 'state', type: 'actor' as const, claims: zero(), independentClaimants: zero() };
    // 5 targets, 3 listed: 2 others.
    expect(moreTargetsWords({ targetTotal: 5, targets: [target, target, target] })).toBe('and 2 others');
    expect(moreTargetsWords({ targetTotal: 4, targets: [target, target, target] })).toBe('and 1 other');
    expect(moreTargetsWords({ targetTotal: 1, targets: [target] })).toBeNull();
  });
});

function zero() {
  return { asserts: 0, denies: 0, neither: 0 };
}

describe('a graph that starts small', () => {
  test('starts small only above the threshold', () => {
    expect(startsSmall(2001, 2000)).toBe(true);
    expect(startsSmall(2000, 2000)).toBe(false);
    expect(startsSmall(165, 2000)).toBe(false);
    // A threshold of 0 starts small on any graph with a record.
    expect(startsSmall(1, 0)).toBe(true);
  });

  test('each expansion of a node asks for one page more, never above the cap', () => {
    const plan = new GrowthPlan({ page: 50, cap: 160 });
    // First: the node and one page of neighbours, 1 + 50 = 51.
    expect(plan.nextLimit('hub')).toBe(51);
    plan.record('hub', 51, true);
    // Then 51 + 50 = 101, then 101 + 50 = 151, then the cap 160 (151 + 50 = 201 > 160), then nothing.
    expect(plan.nextLimit('hub')).toBe(101);
    expect(plan.offer).toEqual({ id: 'hub', more: 50 });
    plan.record('hub', 101, true);
    expect(plan.nextLimit('hub')).toBe(151);
    plan.record('hub', 151, true);
    expect(plan.nextLimit('hub')).toBe(160);
    // 160 - 151 = 9 more.
    expect(plan.offer).toEqual({ id: 'hub', more: 9 });
    plan.record('hub', 160, true);
    expect(plan.nextLimit('hub')).toBeNull();
    expect(plan.offer).toBeNull();
  });

  test('a neighbourhood that came back whole has nothing more to show', () => {
    const plan = new GrowthPlan({ page: 50, cap: 200 });
    plan.record('leaf', 51, false);
    expect(plan.nextLimit('leaf')).toBeNull();
    expect(plan.offer).toBeNull();
    expect(plan.has('leaf')).toBe(true);
    expect(plan.has('other')).toBe(false);
    // Another node starts at its own first page; the offer follows the node expanded last.
    expect(plan.nextLimit('other')).toBe(51);
    plan.record('other', 51, true);
    expect(plan.offer).toEqual({ id: 'other', more: 50 });
  });

  test('a cap below one page asks for the cap at once', () => {
    const plan = new GrowthPlan({ page: 50, cap: 30 });
    expect(plan.nextLimit('hub')).toBe(30);
  });

  test('the banner says how much is hidden, with thousands separators', () => {
    expect(hiddenBanner(312, 1_204_118)).toBe('Showing 312 of 1,204,118 nodes');
    expect(hiddenBanner(0, 21_600)).toBe('Showing 0 of 21,600 nodes');
    // Never fewer in all than on screen.
    expect(hiddenBanner(12, 10)).toBe('Showing 12 of 12 nodes');
  });
});
