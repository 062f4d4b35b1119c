// Dataset validation: a good file passes, and each kind of bad input is refused with a message naming file, record and field.
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentsFromDirectory, formatProblem, readDatasetFile, validateDataset, type DocumentLookup } from '../../server/model/validate';
import { FIXTURE_DOCUMENTS, FIXTURE_FILE } from '../support/db';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FILE = 'harbor.json';
let documents: DocumentLookup;
const fixture = (): Json => JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as Json;

function problemsOf(mutate: (dataset: Json) => void): string[] {
  const dataset = fixture();
  mutate(dataset);
  const result = validateDataset(dataset, FILE, documents);
  return result.ok ? [] : result.problems.map(formatProblem);
}

beforeAll(async () => {
  documents = await documentsFromDirectory(FIXTURE_DOCUMENTS);
});

describe('validateDataset', () => {
  test('accepts a well-formed dataset and applies defaults', () => {
    const result = validateDataset(fixture(), FILE, documents);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.dataset.claims).toHaveLength(4);
      expect(result.dataset.actors.find((actor) => actor.id === 'delta-group')?.aliases).toEqual([]);
    }
  });

  const cases: Array<[string, (dataset: Json) => void, string]> = [
    ['a missing required field', (d) => delete d.claims[0].claimant, 'harbor.json: claims[0] "hpa-blames-delta": field "claimant":'],
    ['an unknown field', (d) => (d.actors[0].nickname = 'x'), 'harbor.json: actors[0] "port-authority":'],
    ['a stance outside the enum', (d) => (d.claims[0].stance = 'maybe'), 'harbor.json: claims[0] "hpa-blames-delta": field "stance":'],
    ['an actor kind outside the enum', (d) => (d.actors[1].kind = 'wizard'), 'harbor.json: actors[1] "delta-group": field "kind":'],
    ['a malformed date', (d) => (d.claims[0].date = '2021-13-02'), 'field "date": expected YYYY, YYYY-MM or YYYY-MM-DD'],
    [
      'a date whose precision disagrees',
      (d) => (d.claims[0].datePrecision = 'month'),
      'field "datePrecision": "2021-03-02" has day precision, but datePrecision says "month"',
    ],
    [
      'a duplicate id across record types',
      (d) => (d.claims[1].id = 'delta-group'),
      'claims[1] "delta-group": field "id": duplicate id; already used by a record in actors',
    ],
    [
      'a reference to an unknown actor',
      (d) => (d.claims[0].claimant = 'nobody'),
      'claims[0] "hpa-blames-delta": field "claimant.0": unknown id "nobody"',
    ],
    [
      'a reference of the wrong type',
      (d) => (d.claims[0].accusations = [{ incident: 'ledger-breach', accused: 'ledger-breach' }]),
      'field "accusations.0.accused.0": "ledger-breach" is one of the incidents; expected one of the actors',
    ],
    ['a quote not in the article', (d) => (d.claims[1].quote = 'we did it'), 'claims[1] "delta-denies": field "quote": not found verbatim'],
    [
      'a hedge not in the article',
      (d) => (d.claims[0].hedge = 'pretty sure'),
      'claims[0] "hpa-blames-delta": field "hedge": not found verbatim',
    ],
    [
      'a claim with no source',
      (d) => (d.claims[2].sources = []),
      'claims[2] "council-declines": field "sources": expected at least one source',
    ],
    [
      'a stance without an accusation',
      (d) => (d.claims[0].accusations = []),
      'field "accusations": expected at least one accusation because "stance" is set',
    ],
    [
      'an attribution without a stance',
      (d) => delete d.claims[0].stance,
      'field "stance": expected a stance for a claim of kind "attribution"',
    ],
    [
      'a claim linking to itself',
      (d) => (d.claims[3].supports = ['beacon-plausible']),
      'field "supports.0": a record cannot refer to itself',
    ],
    ['an empty quote', (d) => (d.claims[1].quote = '   '), 'field "quote": expected non-empty text'],
    ['an id that is not a slug', (d) => (d.actors[0].id = 'Port Authority'), 'field "id": expected a lowercase slug'],
    [
      // The excerpt "The Harbor Port Authority said…" stands at offset 76 (see below); a span moved to offset 10
      // slices the dateline and headline instead, so it no longer matches the excerpt.
      'an evidence span whose offsets do not match the document',
      (d) => {
        const span = d.claims[0].evidence[0];
        span.start = 10;
        span.end = 10 + span.excerpt.length;
      },
      'claims[0] "hpa-blames-delta": field "evidence.0": source "harbor-daily" (offsets 10–',
    ],
    [
      'an excerpt that occurs twice with no offsets',
      (d) => (d.claims[1].evidence = [{ source: 'harbor-daily', excerpt: 'Delta Group' }]),
      'claims[1] "delta-denies": field "evidence.0": source "harbor-daily": excerpt occurs',
    ],
    [
      'an accusation whose incident does not exist',
      (d) => (d.claims[0].accusations[0].incident = 'no-such-incident'),
      'claims[0] "hpa-blames-delta": field "accusations.0.incident.0": unknown id "no-such-incident"',
    ],
    [
      'a cited source with no evidence span',
      (d) => (d.claims[2].evidence = []),
      'claims[2] "council-declines": field "sources.0": expected an evidence span from source "harbor-daily"',
    ],
    [
      'a quote outside the evidence',
      (d) => (d.claims[0].evidence = [{ source: 'harbor-daily', excerpt: 'The city council would neither confirm nor deny the finding.' }]),
      'claims[0] "hpa-blames-delta": field "quote": stands in the document but outside every evidence span',
    ],
    [
      'evidence from a source the claim does not cite',
      (d) => (d.claims[0].evidence[0].source = 'delta-group'),
      'field "evidence.0.source": "delta-group" is not among the sources this record cites',
    ],
    [
      'an accusation naming both an actor and an explanation',
      (d) => (d.claims[0].accusations[0].explanation = 'ledger-breach'),
      'field "accusations.0.accused": expected exactly one of "accused" (an actor) and "explanation"',
    ],
    [
      'an incident ending before it starts',
      (d) => (d.incidents[0].end = '2020'),
      'incidents[0] "ledger-breach": field "end": end "2020" is before start "2021-03"',
    ],
  ];

  test.each(cases)('refuses %s', (_kind, mutate, expected) => {
    const problems = problemsOf(mutate);
    expect(problems.join('\n')).toContain(expected);
  });

  test('reports every problem at once rather than stopping at the first', () => {
    const problems = problemsOf((d) => {
      d.claims[0].claimant = 'nobody';
      d.claims[1].quote = 'we did it';
      d.actors[2].affiliations[0].actor = 'ghost';
    });
    expect(problems).toHaveLength(3);
  });

  test('names the file and reports malformed JSON without throwing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-bad-'));
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "dataset": ');
    const result = await readDatasetFile(file, documents);
    rmSync(dir, { recursive: true, force: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatProblem(result.problems[0]!)).toMatch(/broken\.json: \(file\): cannot read JSON/);
  });

  test('skips quote checks only when a source document is unavailable, and then takes no evidence it cannot check', () => {
    const dataset = fixture();
    delete dataset.sources[0].text;
    for (const claim of dataset.claims) claim.evidence = [];
    dataset.actors[2].affiliations[0].evidence = [];
    dataset.claims[1].quote = 'we did it';
    expect(validateDataset(dataset, FILE, () => undefined).ok).toBe(true);
    dataset.claims[0].evidence = [{ source: 'harbor-daily', excerpt: 'highly confident' }];
    const result = validateDataset(dataset, FILE, () => undefined);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'harbor.json: claims[0] "hpa-blames-delta": field "evidence.0": cannot check the span: the text of source "harbor-daily" is neither embedded nor in DOCUMENTS_DIR',
    ]);
  });

  test('fills in the offsets of an excerpt that occurs once, so that they slice the document to it', () => {
    const result = validateDataset(fixture(), FILE, documents);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const text = result.dataset.sources[0]!.text!;
    for (const claim of result.dataset.claims) {
      for (const span of claim.evidence) expect(text.slice(span.start, span.end)).toBe(span.excerpt);
    }
    // The port authority's sentence opens the body: the dateline "HARBOR DAILY / MARCH 3 2021" (27 characters), two
    // newlines, the headline "Port authority blames rival for ledger breach" (45), two newlines: 27 + 2 + 45 + 2 = 76.
    expect(result.dataset.claims[0]!.evidence[0]!.start).toBe(76);
  });
});

describe('validateDataset with shape and reference problems together', () => {
  test('reports a bad field and a dangling reference in one run, without blaming references to the malformed record', () => {
    const problems = problemsOf((d) => {
      d.claims[3].stance = 'perhaps';
      d.claims[0].claimant = 'nobody';
      d.claims[1].supports = ['beacon-plausible'];
    });
    expect(problems.join('\n')).toContain('claims[3] "beacon-plausible": field "stance":');
    expect(problems.join('\n')).toContain('claims[0] "hpa-blames-delta": field "claimant.0": unknown id "nobody"');
    expect(problems.join('\n')).not.toContain('unknown id "beacon-plausible"');
    expect(problems).toHaveLength(2);
  });
});
