// A small serialized graph in the API's wire format, shaped like the seed data: an accusation, a denial, a source, an affiliation.
import type { GraphView } from '../../server/model/api';

type Wire = GraphView['graph'];

export function sampleGraph(): Wire {
  return {
    attributes: { view: 'test' },
    options: { type: 'directed', multi: false, allowSelfLoops: true },
    nodes: [
      { key: 'fbi', attributes: { type: 'actor', label: 'FBI', kind: 'agency', name: 'FBI', aliases: [] } },
      { key: 'fbi-director', attributes: { type: 'actor', label: 'Director of the FBI', kind: 'official', aliases: ['the director'] } },
      { key: 'dprk', attributes: { type: 'actor', label: 'North Korea', kind: 'state', aliases: ['DPRK'] } },
      { key: 'mystery', attributes: { type: 'actor', label: 'Someone', kind: 'alien-overlord' } },
      { key: 'sony-hack', attributes: { type: 'incident', label: 'Sony Pictures hack', kind: 'intrusion', start: '2014-11' } },
      {
        key: 'fbi-attributes-sony-hack',
        attributes: {
          type: 'claim',
          label: 'The FBI concluded…',
          stance: 'asserts',
          confidence: 'certain',
          date: '2014',
          datePrecision: 'year',
          kind: 'attribution',
          text: 'The FBI concluded, "confirming", that North Korea was responsible.',
        },
      },
      {
        key: 'dprk-denies-sony-hack',
        attributes: {
          type: 'claim',
          label: 'North Korea denied…',
          stance: 'denies',
          confidence: 'certain',
          date: '2014-12',
          datePrecision: 'month',
          kind: 'denial',
          quote: 'We had <nothing> to do with it',
        },
      },
      {
        key: 'madory-observes',
        attributes: {
          type: 'claim',
          label: 'Routing was unstable',
          confidence: 'high',
          date: '2014-12-22',
          datePrecision: 'day',
          kind: 'observation',
        },
      },
      {
        key: 'undated-claim',
        attributes: { type: 'claim', label: 'Undated', stance: 'neither', confidence: 'low', kind: 'non-committal' },
      },
      {
        key: 'src-a',
        attributes: {
          type: 'source',
          label: 'North Korea kicked entirely offline',
          title: 'North Korea kicked entirely offline',
          published: '2014-12-23',
        },
      },
      { key: 'src-b', attributes: { type: 'source', label: 'Another article', title: 'Another article' } },
    ],
    edges: [
      { key: 'MADE:fbi->fbi-attributes-sony-hack', source: 'fbi', target: 'fbi-attributes-sony-hack', attributes: { type: 'MADE' } },
      {
        key: 'ABOUT:fbi-attributes-sony-hack->sony-hack',
        source: 'fbi-attributes-sony-hack',
        target: 'sony-hack',
        attributes: { type: 'ABOUT' },
      },
      {
        key: 'ACCUSES:fbi-attributes-sony-hack->dprk',
        source: 'fbi-attributes-sony-hack',
        target: 'dprk',
        attributes: { type: 'ACCUSES', stance: 'asserts' },
      },
      {
        key: 'REPORTED_IN:fbi-attributes-sony-hack->src-a',
        source: 'fbi-attributes-sony-hack',
        target: 'src-a',
        attributes: { type: 'REPORTED_IN' },
      },
      { key: 'MADE:dprk->dprk-denies-sony-hack', source: 'dprk', target: 'dprk-denies-sony-hack', attributes: { type: 'MADE' } },
      {
        key: 'ABOUT:dprk-denies-sony-hack->sony-hack',
        source: 'dprk-denies-sony-hack',
        target: 'sony-hack',
        attributes: { type: 'ABOUT' },
      },
      {
        key: 'ACCUSES:dprk-denies-sony-hack->dprk',
        source: 'dprk-denies-sony-hack',
        target: 'dprk',
        attributes: { type: 'ACCUSES', stance: 'denies' },
      },
      {
        key: 'DISPUTES:dprk-denies-sony-hack->fbi-attributes-sony-hack',
        source: 'dprk-denies-sony-hack',
        target: 'fbi-attributes-sony-hack',
        attributes: { type: 'DISPUTES' },
      },
      {
        key: 'REPORTED_IN:dprk-denies-sony-hack->src-b',
        source: 'dprk-denies-sony-hack',
        target: 'src-b',
        attributes: { type: 'REPORTED_IN' },
      },
      { key: 'REPORTED_IN:madory-observes->src-a', source: 'madory-observes', target: 'src-a', attributes: { type: 'REPORTED_IN' } },
      { key: 'REPORTED_IN:undated-claim->src-b', source: 'undated-claim', target: 'src-b', attributes: { type: 'REPORTED_IN' } },
      {
        key: 'AFFILIATED_WITH:fbi-director->fbi',
        source: 'fbi-director',
        target: 'fbi',
        attributes: { type: 'AFFILIATED_WITH', role: 'director', certainty: 'confirmed' },
      },
    ],
  };
}
