// How the panels put the model into words: a claim's date with its basis, an accusation, a claimant's affiliation.
// Pure: the panels place links between the words these functions return.
import type { Accusation, Claimant } from '../../../server/model/api';
import type { Certainty, DateBasis, Stance } from '../../../server/model/vocabulary';
import { formatPartialDate } from './timeline';

type ClaimantAffiliation = Claimant['affiliations'][number];

/**
 * A claim's date in a line of a list: "19 Dec 2014"; "by 23 Dec 2014" when the date only bounds it (the claim was
 * made on or before it); "19 Dec 2014 (inferred)" when it was worked out from the text.
 */
export function claimDateText(date: string | null | undefined, basis: DateBasis | null | undefined): string {
  if (date === null || date === undefined) return 'undated';
  const day = formatPartialDate(date);
  if (day === 'undated') return day;
  if (basis === 'bounded') return `by ${day}`;
  if (basis === 'inferred') return `${day} (inferred)`;
  return day;
}

export interface ClaimDateNote {
  /** The date at its precision: "by 23 Dec 2014 (day precision)". */
  text: string;
  /** What the basis adds, for a marker beside the date; null when the text states the date. */
  basis: { label: string; title: string } | null;
}

const BASIS_NOTES: Readonly<Record<Exclude<DateBasis, 'stated'>, { label: string; title: string }>> = {
  inferred: {
    label: 'inferred',
    title: 'Worked out from the text (a “yesterday” counted from the publication date, a weekday between known days)',
  },
  bounded: {
    label: 'on or before',
    title: 'Only known to predate the article: made on or before this date, not on it',
  },
};

/** The claim panel's date: the date at its precision, and its basis when the text does not state it. */
export function claimDateNote(date: string | null, precision: string | null, basis: DateBasis | null): ClaimDateNote {
  if (date === null) return { text: 'undated', basis: null };
  const day = formatPartialDate(date);
  const text = `${basis === 'bounded' ? `by ${day}` : day}${precision === null ? '' : ` (${precision} precision)`}`;
  return { text, basis: basis === null || basis === 'stated' ? null : BASIS_NOTES[basis] };
}

/** The words around an accusation's two links: `${before} TARGET ${middle} INCIDENT`. */
export interface AccusationWords {
  before: string;
  middle: string;
}

const ACCUSATION_WORDS: Readonly<Record<'actor' | 'explanation', Readonly<Record<Stance, AccusationWords>>>> = {
  actor: {
    asserts: { before: 'accuses', middle: 'of' },
    denies: { before: 'denies that', middle: 'was behind' },
    neither: { before: 'neither confirms nor denies that', middle: 'was behind' },
  },
  explanation: {
    asserts: { before: 'puts forward', middle: 'for' },
    denies: { before: 'rejects', middle: 'for' },
    neither: { before: 'neither confirms nor rules out', middle: 'for' },
  },
};

/** "accuses X of INCIDENT", "denies that X was behind INCIDENT", "puts forward EXPLANATION for INCIDENT", … */
export function accusationWords(accusation: Pick<Accusation, 'stance'> & { target: Pick<Accusation['target'], 'type'> }): AccusationWords {
  return ACCUSATION_WORDS[accusation.target.type][accusation.stance];
}

/** The whole accusation as one sentence, for titles and tests. */
export function accusationSentence(accusation: Accusation): string {
  const { before, middle } = accusationWords(accusation);
  return `${before} ${accusation.target.name} ${middle} ${accusation.incident.name}`;
}

/** How firm a tie is, before the group's name, when the source gives no words of its own. */
const CERTAINTY_WORDS: Readonly<Record<Certainty, string>> = {
  confirmed: 'of',
  reported: 'reportedly of',
  claimed: 'claimed to be of',
  rumoured: 'rumoured to be of',
  speculated: 'speculated to be of',
};

/**
 * The words before and after the group's name in "Authors of the 19 December paste, reportedly from Anonymous":
 * the source's own hedge when it has one ("reportedly from"); otherwise the certainty in words, with the tie after
 * the name ("Josh Earnest, of White House (press secretary)", "Bureau 121, reportedly of North Korea (unit)").
 */
export function affiliationWords(affiliation: Pick<ClaimantAffiliation, 'role' | 'certainty' | 'hedge'>): {
  before: string;
  after: string;
} {
  const hedge = affiliation.hedge?.trim() ?? '';
  if (hedge !== '') return { before: hedge, after: '' };
  const role = affiliation.role.trim();
  return { before: CERTAINTY_WORDS[affiliation.certainty] ?? affiliation.certainty, after: role === '' ? '' : `(${role})` };
}

/** The affiliation as one line of text: "Authors of the 19 December paste, reportedly from Anonymous". */
export function affiliationSentence(claimant: string, affiliations: ReadonlyArray<ClaimantAffiliation>): string {
  if (affiliations.length === 0) return claimant;
  const ties = affiliations.map((affiliation) => {
    const { before, after } = affiliationWords(affiliation);
    return [before, affiliation.actor.name, after].filter((part) => part !== '').join(' ');
  });
  return `${claimant}, ${ties.join('; ')}`;
}

/** Headings of the actor panel's "what its affiliates said", by the affiliation's certainty. */
export const CERTAINTY_HEADINGS: Readonly<Record<Certainty, string>> = {
  confirmed: 'Confirmed affiliates',
  reported: 'Reported affiliates',
  claimed: 'Claimed affiliates',
  rumoured: 'Rumoured affiliates',
  speculated: 'Speculated affiliates',
};
