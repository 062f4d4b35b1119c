// How the panels word the model: a claim's date with its basis, accusations by stance and target, a claimant's affiliations.
import type { Accusation } from '../../server/model/api';
import { accusationSentence, affiliationSentence, affiliationWords, claimDateNote, claimDateText } from '../../client/src/core/wording';

describe('claim dates', () => {
  test('a bounded date reads "by": the claim was made on or before it', () => {
    expect(claimDateText('2014-12-23', 'bounded')).toBe('by 23 Dec 2014');
    expect(claimDateText('2014-12', 'bounded')).toBe('by Dec 2014');
  });

  test('an inferred date is marked; a stated one (or one with no basis) is the date alone', () => {
    expect(claimDateText('2014-12-22', 'inferred')).toBe('22 Dec 2014 (inferred)');
    expect(claimDateText('2014-12-19', 'stated')).toBe('19 Dec 2014');
    expect(claimDateText('2014', null)).toBe('2014');
    expect(claimDateText('2014', undefined)).toBe('2014');
    expect(claimDateText(null, 'bounded')).toBe('undated');
    expect(claimDateText('not a date', 'bounded')).toBe('undated');
  });

  test('the panel gives the precision and a marker for the basis', () => {
    expect(claimDateNote('2014-12-23', 'day', 'bounded')).toEqual({
      text: 'by 23 Dec 2014 (day precision)',
      basis: { label: 'on or before', title: expect.stringContaining('predate the article') },
    });
    expect(claimDateNote('2014-12-22', 'day', 'inferred').basis?.label).toBe('inferred');
    expect(claimDateNote('2014', 'year', 'stated')).toEqual({ text: '2014 (year precision)', basis: null });
    expect(claimDateNote('2014', null, null)).toEqual({ text: '2014', basis: null });
    expect(claimDateNote(null, null, null)).toEqual({ text: 'undated', basis: null });
  });
});

describe('accusations', () => {
  const incident = { id: 'nk-outage', name: 'North Korea internet outage' };
  const accusation = (type: 'actor' | 'explanation', name: string, stance: Accusation['stance']): Accusation => ({
    incident,
    target: { id: 'x', type, name },
    stance,
  });

  test('an actor is accused of an incident, or cleared of it', () => {
    expect(accusationSentence(accusation('actor', 'United States', 'asserts'))).toBe(
      'accuses United States of North Korea internet outage',
    );
    expect(accusationSentence(accusation('actor', 'United States', 'denies'))).toBe(
      'denies that United States was behind North Korea internet outage',
    );
    expect(accusationSentence(accusation('actor', 'United States', 'neither'))).toBe(
      'neither confirms nor denies that United States was behind North Korea internet outage',
    );
  });

  test('an explanation is put forward for an incident, or rejected', () => {
    expect(accusationSentence(accusation('explanation', 'Infrastructure failure', 'asserts'))).toBe(
      'puts forward Infrastructure failure for North Korea internet outage',
    );
    expect(accusationSentence(accusation('explanation', 'Infrastructure failure', 'denies'))).toBe(
      'rejects Infrastructure failure for North Korea internet outage',
    );
    expect(accusationSentence(accusation('explanation', 'Infrastructure failure', 'neither'))).toBe(
      'neither confirms nor rules out Infrastructure failure for North Korea internet outage',
    );
  });
});

describe('affiliations', () => {
  const anonymous = { id: 'anonymous', name: 'Anonymous', kind: 'collective' as const };
  const fbi = { id: 'fbi', name: 'FBI', kind: 'agency' as const };

  test('the source’s own hedge when it has one', () => {
    expect(
      affiliationSentence('Authors of the 19 December paste', [
        { actor: anonymous, role: 'part of', certainty: 'reported', hedge: 'reportedly' },
      ]),
    ).toBe('Authors of the 19 December paste, reportedly Anonymous');
    expect(affiliationWords({ role: 'member', certainty: 'rumoured', hedge: 'rumoured to be affiliated with' })).toEqual({
      before: 'rumoured to be affiliated with',
      after: '',
    });
  });

  test('otherwise the certainty in words, and the tie after the name', () => {
    expect(affiliationSentence('Josh Earnest', [{ actor: fbi, role: 'press secretary', certainty: 'confirmed', hedge: null }])).toBe(
      'Josh Earnest, of FBI (press secretary)',
    );
    expect(affiliationWords({ role: 'North Korean unit', certainty: 'reported', hedge: null })).toEqual({
      before: 'reportedly of',
      after: '(North Korean unit)',
    });
    expect(affiliationWords({ role: ' ', certainty: 'speculated', hedge: '  ' })).toEqual({ before: 'speculated to be of', after: '' });
  });

  test('several ties are listed in order; none leaves the name alone', () => {
    expect(
      affiliationSentence('Guardians of Peace', [
        { actor: anonymous, role: 'part of', certainty: 'claimed', hedge: null },
        { actor: fbi, role: 'informant', certainty: 'rumoured', hedge: null },
      ]),
    ).toBe('Guardians of Peace, claimed to be of Anonymous (part of); rumoured to be of FBI (informant)');
    expect(affiliationSentence('FBI', [])).toBe('FBI');
  });
});
