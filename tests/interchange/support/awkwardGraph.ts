// A made-up graph whose strings hold everything a file format can trip on: quotes, commas, line breaks, CR LF, tabs, "|", ">", emoji, a control character.
import { edgeKey, type SerializedGraph } from '../../../server/model/wire';

/** The awkward text itself; the XML formats carry the control character as U+FFFD, which XML 1.0 cannot hold. */
export const AWKWARD_TEXT = 'He said "no", then,\nlater:\r\n\tit\'s A|B > C & <D> 🙂\u0001 end';

/** The same text as an XML format reads it back: XML 1.0 has no way to write U+0001. */
export const AWKWARD_TEXT_IN_XML = AWKWARD_TEXT.replace('\u0001', '\uFFFD');

export const AWKWARD_ALIASES = ['A|B', 'back\\slash', ' spaced | out ', '🙂'];

/**
 * Two actors, an incident and three claims: a claim accusing one actor of two incidents (two ACCUSES edges between
 * one pair) that also supports and cites another (two more parallel edges), numbers, a boolean, lists and a
 * day-precision date, with the awkward text in labels, attributes and list items.
 */
export const awkwardGraph: SerializedGraph = {
  attributes: { name: AWKWARD_TEXT },
  options: { type: 'directed', multi: true, allowSelfLoops: true },
  nodes: [
    { key: 'actor-a', attributes: { type: 'actor', label: AWKWARD_TEXT, kind: 'state', aliases: AWKWARD_ALIASES } },
    { key: 'actor-b', attributes: { type: 'actor', label: 'B, "the other"', kind: 'group', description: AWKWARD_TEXT } },
    { key: 'incident-1', attributes: { type: 'incident', label: 'One > two', start: '2020-02', datePrecision: 'month' } },
    { key: 'incident-2', attributes: { type: 'incident', label: 'Tab\there', start: '2020', datePrecision: 'year' } },
    {
      key: 'claim-1',
      attributes: {
        type: 'claim',
        label: AWKWARD_TEXT,
        text: AWKWARD_TEXT,
        quote: 'line one\r\nline two',
        stance: 'asserts',
        confidence: 'high',
        date: '2020-02-29',
        datePrecision: 'day',
        score: 0.25,
        verified: true,
        count: 3,
      },
    },
    {
      key: 'claim-2',
      attributes: { type: 'claim', label: 'Neither | nor', text: 'Neither | nor', stance: 'neither', confidence: 'low', date: '2020-03' },
    },
    { key: 'source-1', attributes: { type: 'source', label: '📰 "Daily, News"', title: '📰 "Daily, News"', published: '2020-03-01' } },
  ],
  edges: [
    { key: edgeKey('MADE', 'actor-b', 'claim-1'), source: 'actor-b', target: 'claim-1', attributes: { type: 'MADE' } },
    { key: edgeKey('MADE', 'actor-a', 'claim-2'), source: 'actor-a', target: 'claim-2', attributes: { type: 'MADE' } },
    {
      key: edgeKey('ACCUSES', 'claim-1', 'actor-a', 'incident-1'),
      source: 'claim-1',
      target: 'actor-a',
      attributes: { type: 'ACCUSES', stance: 'asserts', incident: 'incident-1' },
    },
    {
      key: edgeKey('ACCUSES', 'claim-1', 'actor-a', 'incident-2'),
      source: 'claim-1',
      target: 'actor-a',
      attributes: { type: 'ACCUSES', stance: 'denies', incident: 'incident-2' },
    },
    {
      key: edgeKey('ACCUSES', 'claim-2', 'actor-a', 'incident-1'),
      source: 'claim-2',
      target: 'actor-a',
      attributes: { type: 'ACCUSES', stance: 'neither', incident: 'incident-1' },
    },
    { key: edgeKey('ABOUT', 'claim-1', 'incident-1'), source: 'claim-1', target: 'incident-1', attributes: { type: 'ABOUT' } },
    { key: edgeKey('SUPPORTS', 'claim-2', 'claim-1'), source: 'claim-2', target: 'claim-1', attributes: { type: 'SUPPORTS' } },
    { key: edgeKey('CITES', 'claim-2', 'claim-1'), source: 'claim-2', target: 'claim-1', attributes: { type: 'CITES' } },
    {
      key: edgeKey('REPORTED_IN', 'claim-1', 'source-1'),
      source: 'claim-1',
      target: 'source-1',
      attributes: { type: 'REPORTED_IN', position: 0, evidenceStarts: [3, 40], evidenceEnds: [9, 52], note: AWKWARD_TEXT },
    },
    { key: edgeKey('TARGETS', 'incident-1', 'actor-b'), source: 'incident-1', target: 'actor-b', attributes: { type: 'TARGETS' } },
  ],
};
