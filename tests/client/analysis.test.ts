// The analyst views' pure logic in the explorer: matrix shading and rows, contested targets, ACH ordering and
// diagnosticity, the network layout, provenance chains in words, as-of words, the refresh rule, the write token's
// session storage, the URL form of the tab and network options, and the rating PUT. Every value is worked by hand.
import type { Contradiction, ContradictionClaim, Matrix, Provenance, ProvenanceStep } from '../../server/model/analysis';
import type { AsOfSummary, Claim } from '../../server/model/api';
import type { AchCell, AchEvidence, AchHypothesis, ClaimantNetwork } from '../../server/model/hypotheses';
import { ApiClient } from '../../client/src/core/api';
import {
  AnalysisApi,
  asOfWords,
  cellStances,
  chainSegments,
  chainText,
  circlePositions,
  claimShade,
  confidenceShade,
  contestedBadges,
  contestedIndex,
  contestedKinds,
  decodeNetworkOptions,
  defaultNetworkOptions,
  diagnosticity,
  encodeNetworkOptions,
  layoutWeight,
  matrixCsvUrl,
  matrixLayout,
  mixColor,
  networkLayout,
  orderHypotheses,
  provenanceLines,
  sideQuote,
  sideTitle,
  sortEvidence,
  tableCsvUrl,
  tieDistance,
} from '../../client/src/core/analysis';
import { ApiProblemError } from '../../client/src/core/errors';
import { STANCE_COLORS, TIE_COLORS } from '../../client/src/core/graph/style';
import { contentKey, decodeViewState, defaultViewState, encodeViewState, serverExportQuery } from '../../client/src/core/state/urlState';
import { analysisRefresh, rest } from '../../client/src/core/timeline';
import {
  forgetWriteAccess,
  readWriteAccess,
  saveWriteAccess,
  WRITE_ACCESS_KEY,
  type SessionStore,
} from '../../client/src/core/writeAccess';
import { matrixSvg } from '../../client/src/export/matrixImage';
import { layoutOrder, tieColor } from '../../client/src/export/networkImage';

function claim(id: string, change: Partial<Claim> = {}): Claim {
  return {
    id,
    kind: 'attribution',
    text: `paraphrase of ${id}`,
    quote: null,
    stance: 'asserts',
    confidence: 'certain',
    hedge: null,
    date: null,
    datePrecision: null,
    dateBasis: null,
    ...change,
  };
}

const actor = (id: string, name = id) => ({ id, name, kind: 'agency' as const });

describe('matrix shading', () => {
  test('confidence shades run linearly on the STIX scale from 0.25 (rumoured, 5) to 1 (certain, 95)', () => {
    // 0.25 + 0.75 × (scale − 5) / 90
    expect(confidenceShade('certain')).toBeCloseTo(1, 10); // 0.25 + 0.75 × 90/90
    expect(confidenceShade('high')).toBeCloseTo(0.916667, 5); // 0.25 + 0.75 × 80/90 = 0.25 + 0.666667
    expect(confidenceShade('moderate')).toBeCloseTo(0.625, 10); // 0.25 + 0.75 × 45/90 = 0.25 + 0.375
    expect(confidenceShade('low')).toBeCloseTo(0.333333, 5); // 0.25 + 0.75 × 10/90 = 0.25 + 0.083333
    expect(confidenceShade('rumoured')).toBeCloseTo(0.25, 10); // 0.25 + 0
  });

  test('a shade lays the stance colour over the white surface, channel by channel, rounded', () => {
    // Black at half strength over white: 255 + (0 − 255) × 0.5 = 127.5, rounded to 128 = 0x80.
    expect(mixColor('#000000', '#ffffff', 0.5)).toBe('#808080');
    // asserts #d62839 = (214, 40, 57) at moderate 0.625:
    //   r 255 − 41 × 0.625 = 229.375 → 229 = e5; g 255 − 215 × 0.625 = 120.625 → 121 = 79; b 255 − 198 × 0.625 = 131.25 → 131 = 83
    expect(claimShade('asserts', 'moderate')).toBe('#e57983');
    // A certain claim is drawn in the stance's own colour.
    expect(claimShade('denies', 'certain')).toBe(STANCE_COLORS.denies);
    // neither #f2a007 = (242, 160, 7) at rumoured 0.25:
    //   r 255 − 13 × 0.25 = 251.75 → 252 = fc; g 255 − 95 × 0.25 = 231.25 → 231 = e7; b 255 − 248 × 0.25 = 193 = c1
    expect(claimShade('neither', 'rumoured')).toBe('#fce7c1');
  });
});

const mclaim = (
  id: string,
  stance: 'asserts' | 'denies' | 'neither',
  date: string | null,
  confidence: Claim['confidence'] = 'certain',
) => ({
  id,
  stance,
  confidence,
  hedge: null,
  date,
  datePrecision: date === null ? null : 'day',
  dateBasis: null,
});

/** Three claimants: the FBI and its director one group, North Korea another; one target; the director asserted, then denied. */
const MATRIX: Matrix = {
  incident: { id: 'hack', name: 'The hack' },
  asOf: null,
  claimants: [
    { ...actor('fbi', 'FBI'), group: 'fbi' },
    { ...actor('fbi-director', 'Director of the FBI'), group: 'fbi' },
    { ...actor('dprk', 'North Korea'), kind: 'state', group: 'dprk' },
  ],
  groups: [
    { id: 'fbi', claimants: ['fbi', 'fbi-director'] },
    { id: 'dprk', claimants: ['dprk'] },
  ],
  targets: [
    {
      id: 'dprk',
      type: 'actor',
      name: 'North Korea',
      kind: 'state',
      claims: { asserts: 2, denies: 2, neither: 0 },
      independentClaimants: { asserts: 1, denies: 2, neither: 0 },
      independentOrigins: { asserts: 1, denies: 2, neither: 0 },
      contested: ['stance', 'reversal'],
    },
  ],
  cells: [
    { claimant: 'fbi', target: 'dprk', claims: [mclaim('fbi-says', 'asserts', '2014-12-19')] },
    {
      claimant: 'fbi-director',
      target: 'dprk',
      claims: [mclaim('director-says', 'asserts', '2014-12-20', 'high'), mclaim('director-unsays', 'denies', '2014-12-30', 'low')],
    },
    { claimant: 'dprk', target: 'dprk', claims: [mclaim('dprk-denies', 'denies', '2014-12-21')] },
  ],
};

describe('matrix rows and cells', () => {
  test('rows come in their independent groups, in the order the answer lists the claimants', () => {
    const layout = matrixLayout(MATRIX);
    expect(layout.groups.map((group) => [group.id, group.claimants.map((claimant) => claimant.id)])).toEqual([
      ['fbi', ['fbi', 'fbi-director']],
      ['dprk', ['dprk']],
    ]);
    expect(layout.cell('dprk', 'dprk')?.claims.map((entry) => entry.id)).toEqual(['dprk-denies']);
    expect(layout.cell('fbi', 'nobody')).toBeNull();
  });

  test('a claimant who asserted and later denied shows both stances, in order; an empty cell none', () => {
    const layout = matrixLayout(MATRIX);
    expect(cellStances(layout.cell('fbi-director', 'dprk'))).toEqual(['asserts', 'denies']);
    expect(cellStances(layout.cell('fbi', 'dprk'))).toEqual(['asserts']);
    expect(cellStances(null)).toEqual([]);
  });

  test('the PNG drawing has one chip per claim, in its shade, and names the as-of date', () => {
    const svg = matrixSvg({ ...MATRIX, asOf: { asOf: '2014-12-31', lastDay: '2014-12-31', undatedLeftOut: 0, laterLeftOut: 3 } });
    // Four claims, four chips: each a <rect rx="3"> inside a <g> with its title.
    expect(svg.match(/<title>[a-z-]+: /g)?.length).toBe(4);
    // The director's denial is low (0.333333): denies #0f9d8a = (15, 157, 138) over white:
    //   r 255 − 240 × 0.333333 = 175 = af; g 255 − 98 × 0.333333 = 222.33 → 222 = de; b 255 − 117 × 0.333333 = 216 = d8
    expect(svg).toContain('fill="#afded8"');
    expect(svg).toContain('As of 2014-12-31: 0 undated and 3 later claims left out');
    expect(svg).toContain('2 claimants, one voice');
  });

  test('the CSV download is the matrix route with format=csv and the as-of date', () => {
    expect(matrixCsvUrl('/api', 'sony-hack', null)).toBe('/api/incidents/sony-hack/matrix?format=csv');
    expect(matrixCsvUrl('/api/', 'sony-hack', '2014-12-20')).toBe('/api/incidents/sony-hack/matrix?format=csv&asOf=2014-12-20');
    // The other views' downloads: the same routes with format=csv, the day kept where the view has one.
    expect(tableCsvUrl('/api', { view: 'ach', incident: 'nk-internet-outage', asOf: '2014-12' })).toBe(
      '/api/incidents/nk-internet-outage/ach?format=csv&asOf=2014-12',
    );
    expect(tableCsvUrl('/api', { view: 'contradictions', incident: 'sony-hack', asOf: null })).toBe(
      '/api/contradictions?incident=sony-hack&format=csv',
    );
    expect(tableCsvUrl('/api', { view: 'provenance', claim: 'revenge-us-admitted' })).toBe(
      '/api/claims/revenge-us-admitted/provenance?format=csv',
    );
  });
});

const target = (id: string, type: 'actor' | 'explanation' = 'actor') => ({ id, type, name: id.toUpperCase(), kind: 'state' });
const side = (
  stance: 'asserts' | 'denies' | 'neither' | null,
  on: ReturnType<typeof target>,
  claims: ContradictionClaim[],
  role: 'disputed' | 'disputing' | null = null,
) => ({
  stance,
  target: on,
  role,
  claims,
  claimCount: claims.length,
  independentClaimants: claims.length,
});
const entry = (id: string, change: Partial<Claim> = {}, evidence: string[] = []): ContradictionClaim => ({
  claim: claim(id, change),
  claimant: actor(`${id}-speaker`),
  stance: change.stance ?? 'asserts',
  evidence: evidence.map((text, index) => ({ source: `src-${index}`, start: 0, end: text.length, text })),
});

describe('contested targets', () => {
  const stanceClash: Contradiction = {
    incident: { id: 'outage', name: 'The outage' },
    target: target('usa'),
    kind: 'stance',
    sides: [side('asserts', target('usa'), [entry('a1')]), side('denies', target('usa'), [entry('d1', { stance: 'denies' })])],
    group: null,
    links: [],
  };
  const alternative: Contradiction = {
    incident: { id: 'outage', name: 'The outage' },
    target: target('anonymous'),
    kind: 'alternative',
    sides: [side('asserts', target('anonymous'), [entry('a2')]), side('asserts', target('failure', 'explanation'), [entry('f1')])],
    group: null,
    links: [],
  };

  test('a target is contested by the contradictions it is the target of and those it is a side of', () => {
    const index = contestedIndex([stanceClash, alternative]);
    expect(index.byTarget.get('usa')).toEqual([stanceClash]);
    expect(index.byTarget.get('anonymous')).toEqual([alternative]);
    // The explanation is only a side of the alternative, and is contested all the same.
    expect(index.byTarget.get('failure')).toEqual([alternative]);
    expect(index.byTarget.has('nobody')).toBe(false);
    expect([...index.claims].sort()).toEqual(['a1', 'a2', 'd1', 'f1']);
    expect(contestedKinds(index, 'usa')).toEqual(['stance']);
    expect(contestedKinds(index, 'nobody')).toEqual([]);
    // The graph marks the three contested targets and the four claims on their sides, and nothing else.
    const badges = contestedBadges(index);
    expect([...badges.keys()].sort()).toEqual(['a1', 'a2', 'anonymous', 'd1', 'f1', 'failure', 'usa']);
    expect(new Set(badges.values())).toEqual(new Set(['contested']));
  });

  test("a side's quote is the speaker's words, else the first verbatim span, else none", () => {
    expect(sideQuote(entry('q', { quote: 'we did not' }, ['the article says so']))).toBe('we did not');
    expect(sideQuote(entry('q', {}, ['the article says so', 'and again']))).toBe('the article says so');
    expect(sideQuote(entry('q'))).toBeNull();
  });

  test('side titles name the stance, the target when it is not the contradiction’s, and the end of a dispute', () => {
    expect(sideTitle(stanceClash, stanceClash.sides[1]!)).toBe('Deny');
    expect(sideTitle(alternative, alternative.sides[1]!)).toBe('Assert FAILURE');
    const dispute = { ...stanceClash, kind: 'dispute' as const };
    expect(sideTitle(dispute, side('neither', target('usa'), [], 'disputing'))).toBe('Neither confirm nor deny (disputing)');
  });
});

const cell = (hypothesis: string, rating: AchCell['rating'], weight: number): AchCell => ({
  hypothesis,
  rating,
  source: 'derived',
  derived: rating,
  relevance: 'medium',
  weight,
  analyst: null,
});
const row = (id: string, cells: AchCell[], diagnostic = true): AchEvidence => ({
  claim: claim(id),
  claimant: actor('someone'),
  credibility: 'medium',
  diagnostic,
  cells,
});

describe('competing hypotheses', () => {
  test('hypotheses run from the least inconsistent (score nearest 0); a tie keeps the rank order', () => {
    const hypotheses: AchHypothesis[] = [
      { id: 'failure', type: 'explanation', name: 'Failure', kind: 'technical-failure', score: -9.66, rank: 3 },
      { id: 'usa', type: 'actor', name: 'USA', kind: 'state', score: -1, rank: 2 },
      { id: 'anonymous', type: 'actor', name: 'Anonymous', kind: 'collective', score: -1, rank: 1 },
    ];
    expect(orderHypotheses(hypotheses).map((hypothesis) => hypothesis.id)).toEqual(['anonymous', 'usa', 'failure']);
  });

  test('diagnosticity is the spread of a row’s weights, then its number of distinct ratings', () => {
    // An assertion of the failure: I (−1) for the four actors, C (0) for the failure: spread 0 − (−1) = 1, ratings I and C.
    const failure = row('failure-said', [
      cell('a', 'I', -1),
      cell('b', 'I', -1),
      cell('c', 'I', -1),
      cell('d', 'I', -1),
      cell('f', 'C', 0),
    ]);
    expect(diagnosticity(failure)).toEqual({ spread: 1, distinct: 2 });
    // A high-credibility assertion of d: CC for d, I × √2 = −1.414214 for the failure: spread 1.414214, ratings N, CC, I.
    const firm = row('us-admitted', [
      cell('a', 'N', 0),
      cell('b', 'N', 0),
      cell('c', 'N', 0),
      cell('d', 'CC', 0),
      cell('f', 'I', -Math.SQRT2),
    ]);
    expect(diagnosticity(firm).spread).toBeCloseTo(1.414214, 6);
    expect(diagnosticity(firm).distinct).toBe(3);
    // C against CC weighs the same (0) but tells the hypotheses apart: spread 0, two ratings.
    const mild = row('mild', [cell('a', 'C', 0), cell('d', 'CC', 0)]);
    // A neutral row: spread 0, one rating.
    const flat = row('flat', [cell('a', 'N', 0), cell('d', 'N', 0)], false);
    expect(diagnosticity(flat)).toEqual({ spread: 0, distinct: 1 });

    const rows = [flat, failure, mild, firm];
    expect(sortEvidence(rows, 'date').map((entry) => entry.claim.id)).toEqual(['flat', 'failure-said', 'mild', 'us-admitted']);
    // 1.414 > 1 > 0 (two ratings) > 0 (one rating)
    expect(sortEvidence(rows, 'diagnosticity').map((entry) => entry.claim.id)).toEqual(['us-admitted', 'failure-said', 'mild', 'flat']);
  });
});

describe('the claimant network layout', () => {
  test('conflict ties repel, the other modes keep the sign of the weight', () => {
    expect(layoutWeight('conflict', 2)).toBe(-2);
    expect(layoutWeight('subtract', -1)).toBe(-1);
    expect(layoutWeight('congruence', 3)).toBe(3);
    expect(tieColor('conflict', 2)).toBe(TIE_COLORS.oppose);
    expect(tieColor('subtract', 1)).toBe(TIE_COLORS.agree);
    expect(tieColor('subtract', -1)).toBe(TIE_COLORS.oppose);
  });

  test('the start is the unit circle, counter-clockwise from (1, 0)', () => {
    const start = circlePositions(['a', 'b', 'c', 'd']);
    // Angles 0, 90, 180 and 270 degrees.
    const expected = [
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
    ];
    ['a', 'b', 'c', 'd'].forEach((node, index) => {
      expect(start.get(node)!.x).toBeCloseTo(expected[index]![0]!, 10);
      expect(start.get(node)!.y).toBeCloseTo(expected[index]![1]!, 10);
    });
  });

  test('allies aim at 0.4, opponents at 1.6 and strangers at 1 (1 − 0.6 × the share of the strongest tie)', () => {
    expect(tieDistance(1)).toBeCloseTo(0.4, 10);
    expect(tieDistance(-1)).toBeCloseTo(1.6, 10);
    expect(tieDistance(0)).toBe(1);
    expect(tieDistance(0.5)).toBeCloseTo(0.7, 10); // 1 − 0.3
  });

  test('two claimants end exactly at their tie’s distance, about the centre', () => {
    // Start (1, 0) and (−1, 0), distance 2. The first step has η = 0.4² so μ = 1: each moves (2 − 0.4) / 2 = 0.8
    // toward the other, to (0.2, 0) and (−0.2, 0); later steps find the distance right and move nothing.
    const agree = networkLayout(['a', 'b'], [{ source: 'a', target: 'b', weight: 3 }]);
    expect(agree.get('a')!.x).toBeCloseTo(0.2, 10);
    expect(agree.get('b')!.x).toBeCloseTo(-0.2, 10);
    // Opposed: (2 − 1.6) / 2 = 0.2 each, to (0.8, 0) and (−0.8, 0).
    const oppose = networkLayout(['a', 'b'], [{ source: 'a', target: 'b', weight: -2 }]);
    expect(oppose.get('a')!.x).toBeCloseTo(0.8, 10);
    expect(oppose.get('b')!.x).toBeCloseTo(-0.8, 10);
  });

  test('two allies against a third settle near their targets: 0.4 between the allies, 1.6 to the opponent', () => {
    // The three targets make a triangle (0.4 + 1.6 > 1.6), so the layout can meet them all.
    const positions = networkLayout(
      ['a', 'b', 'c'],
      [
        { source: 'a', target: 'b', weight: 1 },
        { source: 'a', target: 'c', weight: -1 },
        { source: 'b', target: 'c', weight: -1 },
      ],
    );
    const distance = (p: string, q: string) =>
      Math.hypot(positions.get(p)!.x - positions.get(q)!.x, positions.get(p)!.y - positions.get(q)!.y);
    expect(distance('a', 'b')).toBeCloseTo(0.4, 2);
    expect(distance('a', 'c')).toBeCloseTo(1.6, 2);
    expect(distance('b', 'c')).toBeCloseTo(1.6, 2);
  });

  test('claimants start round the circle by independent group, then by id', () => {
    const node = (key: string, group: string) => ({
      key,
      attributes: { type: 'actor' as const, label: key, kind: 'agency' as const, positions: 1, activity: 1, independentGroup: group },
    });
    const network = { nodes: [node('nsa', 'us'), node('dprk', 'dprk'), node('fbi', 'us')] } as unknown as ClaimantNetwork;
    expect(layoutOrder(network)).toEqual(['dprk', 'fbi', 'nsa']);
  });
});

const step = (id: string, speaker: string, from: string | null, via: string[] = []): ProvenanceStep => ({
  claim: claim(id),
  claimant: actor(speaker, speaker === 'outlet' ? 'Unnamed outlet' : speaker === 'mccaul' ? 'Michael McCaul' : speaker),
  via: from === null ? [] : ['cites'],
  from,
  depth: 0,
  reportedVia: via.map((outlet) => actor(outlet, outlet === 'bloomberg' ? 'Bloomberg' : outlet)),
});
const provenance = (root: string, chain: ProvenanceStep[]): Provenance => ({
  claim: claim(root),
  chain,
  origins: [],
  independentOrigins: 1,
  circular: false,
  loops: [],
  truncated: false,
});

describe('provenance chains', () => {
  test('an outlet repeating McCaul via Bloomberg reads "article ← outlet ← Bloomberg ← McCaul"', () => {
    const revenge = provenance('revenge', [
      step('revenge', 'outlet', null),
      step('mccaul-yes', 'mccaul', 'revenge', ['bloomberg']),
      step('mccaul-csis', 'mccaul', 'mccaul-yes', ['bloomberg']),
    ]);
    const lines = provenanceLines(revenge);
    expect(lines.map((line) => line.map((entry) => entry.claim.id))).toEqual([['revenge', 'mccaul-yes', 'mccaul-csis']]);
    const segments = chainSegments(lines[0]!, [{ id: 'src-002', title: 'Article 002' }]);
    // McCaul's second claim, via Bloomberg again, adds nothing to the words.
    expect(chainText(segments)).toBe('Article 002 ← Unnamed outlet ← Bloomberg ← Michael McCaul');
    expect(segments.map((segment) => segment.kind)).toEqual(['source', 'claimant', 'outlet', 'claimant']);
    expect(segments[3]!.claim).toBe('mccaul-yes');
  });

  test('a claim resting on two others has one line per origin; a loop ends its line', () => {
    const branching = provenance('sa', [
      step('sa', 'siliconangle', null),
      step('dyn', 'dyn', 'sa'),
      step('madory-1', 'madory', 'sa'),
      step('madory-2', 'madory', 'madory-1'),
    ]);
    expect(provenanceLines(branching).map((line) => line.map((entry) => entry.claim.id))).toEqual([
      ['sa', 'dyn'],
      ['sa', 'madory-1', 'madory-2'],
    ]);
    const loop = provenance('a', [step('a', 'x', null), step('b', 'y', 'a'), step('a', 'x', 'b')]);
    expect(provenanceLines(loop).map((line) => line.map((entry) => entry.claim.id))).toEqual([['a', 'b']]);
    expect(provenanceLines(provenance('a', []))).toEqual([]);
  });
});

describe('as of a date', () => {
  test('the words name what the date left out, and the last day only when the date is coarser', () => {
    const month: AsOfSummary = { asOf: '2014-12', lastDay: '2014-12-31', undatedLeftOut: 5, laterLeftOut: 1 };
    expect(asOfWords(month)).toBe('As of 2014-12 (to the end of 2014-12-31): 5 undated and 1 later claim left out.');
    const day: AsOfSummary = { asOf: '2014-12-20', lastDay: '2014-12-20', undatedLeftOut: 5, laterLeftOut: 4 };
    expect(asOfWords(day)).toBe('As of 2014-12-20: 5 undated and 4 later claims left out.');
    expect(asOfWords(null)).toBe('Every claim in the data, whatever its date.');
  });

  test('a new subject redraws all, a new tab or options asks at once, a new day alone waits', () => {
    const shown = { subject: 'sony-hack', variant: 'matrix', asOf: '2014-12-20' };
    expect(analysisRefresh(null, shown)).toBe('full');
    expect(analysisRefresh(shown, { ...shown, subject: 'nk-internet-outage' })).toBe('full');
    expect(analysisRefresh(shown, { ...shown, variant: 'ach' })).toBe('tab');
    expect(analysisRefresh(shown, { ...shown, variant: 'ach', asOf: null })).toBe('tab');
    expect(analysisRefresh(shown, { ...shown, asOf: '2014-12-23' })).toBe('asOf');
    expect(analysisRefresh(shown, { ...shown })).toBe('none');
  });

  test('the pause is the timer’s, for the time asked', async () => {
    const asked: number[] = [];
    await rest(250, (done, ms) => {
      asked.push(ms);
      done();
    });
    expect(asked).toEqual([250]);
  });
});

/** Session storage's part the module uses, over a Map. */
function memoryStore(): SessionStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('the write token', () => {
  test('it is kept in the session store, trimmed, and forgotten on request', () => {
    const store = memoryStore();
    expect(readWriteAccess(store)).toBeNull();
    expect(saveWriteAccess(store, { token: ' s3cret ', analyst: ' Ada ' })).toEqual({ token: 's3cret', analyst: 'Ada' });
    expect(JSON.parse(store.items.get(WRITE_ACCESS_KEY)!)).toEqual({ token: 's3cret', analyst: 'Ada' });
    expect(readWriteAccess(store)).toEqual({ token: 's3cret', analyst: 'Ada' });
    forgetWriteAccess(store);
    expect(store.items.size).toBe(0);
  });

  test('a half-filled form or damaged storage enables nothing', () => {
    const store = memoryStore();
    saveWriteAccess(store, { token: 's3cret', analyst: 'Ada' });
    expect(saveWriteAccess(store, { token: 's3cret', analyst: '  ' })).toBeNull();
    expect(store.items.size).toBe(0);
    store.items.set(WRITE_ACCESS_KEY, '{not json');
    expect(readWriteAccess(store)).toBeNull();
    store.items.set(WRITE_ACCESS_KEY, JSON.stringify({ token: 7, analyst: 'Ada' }));
    expect(readWriteAccess(store)).toBeNull();
    expect(readWriteAccess(null)).toBeNull();
  });
});

describe('the URL form of the analyst views', () => {
  test('network options are mode.normalize[.hedged], left out at their defaults', () => {
    expect(encodeNetworkOptions(defaultNetworkOptions())).toBeNull();
    expect(encodeNetworkOptions({ mode: 'conflict', normalize: 'jaccard', hedged: true })).toBe('conflict.jaccard.hedged');
    expect(encodeNetworkOptions({ mode: 'congruence', normalize: 'none', hedged: true })).toBe('congruence.none.hedged');
    expect(decodeNetworkOptions('subtract.cosine')).toEqual({ options: { mode: 'subtract', normalize: 'cosine', hedged: false } });
    for (const bad of ['subtract', 'sideways.none', 'subtract.none.loud', 'subtract.none.hedged.again'])
      expect('error' in decodeNetworkOptions(bad)).toBe(true);
  });

  test('the tab and the options round-trip through the query string; bad values are reported and dropped', () => {
    const state = {
      ...defaultViewState(),
      mode: 'network' as const,
      focus: 'sony-hack',
      network: { mode: 'subtract' as const, normalize: 'none' as const, hedged: false },
    };
    expect(encodeViewState(state)).toBe('mode=network&node=sony-hack&net=subtract.none');
    const matrix = { ...defaultViewState(), mode: 'attribution' as const, focus: 'sony-hack', tab: 'matrix' as const };
    expect(encodeViewState(matrix)).toBe('mode=attribution&node=sony-hack&tab=matrix');
    expect(decodeViewState('mode=attribution&node=sony-hack&tab=matrix').state).toEqual(matrix);
    const bad = decodeViewState('tab=pie&net=loud');
    expect(bad.state.tab).toBe('sides');
    expect(bad.state.network).toEqual(defaultNetworkOptions());
    expect(bad.problems).toHaveLength(2);
  });

  test('the timeline’s day is content for the analyst views only', () => {
    const attribution = { ...defaultViewState(), mode: 'attribution' as const, focus: 'sony-hack' };
    const later = { ...attribution, filters: { ...attribution.filters, until: '2014-12-20' } };
    expect(contentKey(later)).not.toBe(contentKey(attribution));
    expect(contentKey({ ...attribution, tab: 'ach' })).not.toBe(contentKey(attribution));
    const explore = { ...defaultViewState(), focus: 'fbi' };
    expect(contentKey({ ...explore, filters: { ...explore.filters, until: '2014-12-20' } })).toBe(contentKey(explore));
  });

  test('the Export menu exports the network on show, with its options and the timeline’s day as asOf', () => {
    const state = {
      ...defaultViewState(),
      mode: 'network' as const,
      focus: 'sony-hack',
      network: { mode: 'conflict' as const, normalize: 'jaccard' as const, hedged: true },
      filters: { ...defaultViewState().filters, until: '2014-12-20' },
    };
    const query = new URLSearchParams(serverExportQuery(state, 'gexf'));
    expect(Object.fromEntries(query)).toEqual({
      format: 'gexf',
      view: 'network',
      incident: 'sony-hack',
      asOf: '2014-12-20',
      mode: 'conflict',
      normalize: 'jaccard',
      hedged: 'true',
      until: '2014-12-20',
    });
  });
});

describe('the rating write', () => {
  const body = { claim: 'dyn-says', hypothesis: 'usa', rating: 'I' as const, relevance: 'high' as const, analyst: 'Ada' };

  test('it is a PUT with the bearer token and the rating as JSON; the stored rating comes back', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const stored = { ...body, incident: 'outage', note: null, ratedAt: '2026-01-01T00:00:00.000Z' };
    const fetching = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify(stored), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const analysis = new AnalysisApi(new ApiClient({ base: '/api', timeoutMs: 1000, fetch: fetching }), {
      base: '/api',
      timeoutMs: 1000,
      fetch: fetching,
    });
    expect(await analysis.putRating('outage', body, 's3cret')).toEqual(stored);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('/api/incidents/outage/ach/ratings');
    expect(seen[0]!.init.method).toBe('PUT');
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer s3cret');
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual(body);
  });

  test('a refusal is an ApiProblemError carrying the problem and its field errors', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      errors: [{ field: 'rating', message: 'expected one of CC, C, N, I, II' }],
    };
    const fetching = (async () =>
      new Response(JSON.stringify(problem), {
        status: 400,
        headers: { 'content-type': 'application/problem+json' },
      })) as unknown as typeof fetch;
    const analysis = new AnalysisApi(new ApiClient({ base: '/api', timeoutMs: 1000, fetch: fetching }), {
      base: '/api',
      timeoutMs: 1000,
      fetch: fetching,
    });
    const error = await analysis.putRating('outage', body, 'wrong').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblemError);
    expect((error as ApiProblemError).problem.status).toBe(400);
    expect((error as ApiProblemError).problem.errors).toEqual(problem.errors);
  });
});
