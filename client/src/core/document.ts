// A source's text cut into what the reader draws: runs of text with the claim spans that cover them, overlapping spans included.
// Pure: no DOM. The reader (views/panels/reader.ts) turns the pieces into links; the claim panel uses segmentText for its excerpts.
import type { DocumentSpan } from '../../../server/model/api';
import { stanceKey, type StanceKey } from './graph/style';

export interface TextRange {
  start: number;
  end: number;
}

/** A maximal run of text covered by the same spans; `covering` lists them outermost (longest) first. */
export interface Segment<T extends TextRange> {
  start: number;
  end: number;
  text: string;
  covering: T[];
}

/**
 * Cuts `text` at every span boundary. Spans are clamped to the text and empty ones dropped, so the segments always
 * tile the whole text, in order, with nothing left out and nothing repeated.
 */
export function segmentText<T extends TextRange>(text: string, spans: readonly T[]): Segment<T>[] {
  const length = text.length;
  const usable = spans
    .map((span, index) => ({ span, index, start: clamp(span.start, length), end: clamp(span.end, length) }))
    .filter((entry) => entry.start < entry.end);
  const cuts = new Set<number>([0, length]);
  for (const entry of usable) {
    cuts.add(entry.start);
    cuts.add(entry.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Outermost first: longer spans before shorter ones, then the earlier start, then the order given.
  usable.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.index - b.index);
  const segments: Segment<T>[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (start >= end) continue;
    const covering = usable.filter((entry) => entry.start <= start && entry.end >= end).map((entry) => entry.span);
    segments.push({ start, end, text: text.slice(start, end), covering });
  }
  return segments;
}

function clamp(value: number, length: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(0, Math.trunc(value)), length) : 0;
}

/** One run of a piece: its text, whether it is a quote or a hedge, and every claim whose spans cover it. */
export interface DocumentPart {
  start: number;
  end: number;
  text: string;
  /** Claims whose spans (of any role) cover this run, outermost first. */
  claims: string[];
  /** Claims whose evidence covers this run; more than one where two claims' excerpts overlap. */
  evidenceOf: string[];
  quote: boolean;
  hedge: boolean;
}

/**
 * What the reader draws as one element: consecutive text that clicking opens the same claim for (`claim`), or plain
 * text (`claim` null). A run covered by several claims belongs to the innermost one, so every claim whose excerpt is
 * not wholly inside another's owns at least one piece.
 */
export interface DocumentPiece {
  start: number;
  end: number;
  claim: string | null;
  stance: StanceKey;
  /** The first piece of its claim, in the text's order: the one a keyboard reaches (the claim's other pieces are not tab stops). */
  first: boolean;
  /** Claims whose span starts in this piece but that own no piece (an excerpt exactly the same as another's): offered beside it. */
  alsoHere: Array<{ claim: string; stance: StanceKey }>;
  parts: DocumentPart[];
}

/** Innermost first, evidence before quote before hedge, then by claim id: the owner of a run is the first span that fits. */
function ownerOf(covering: readonly DocumentSpan[]): DocumentSpan | null {
  const evidence = covering.filter((span) => span.role === 'evidence');
  const candidates = evidence.length > 0 ? evidence : covering;
  let best: DocumentSpan | null = null;
  for (const span of candidates) {
    if (best === null) {
      best = span;
      continue;
    }
    const length = span.end - span.start;
    const bestLength = best.end - best.start;
    if (
      length < bestLength ||
      (length === bestLength && (span.start > best.start || (span.start === best.start && span.claim < best.claim)))
    )
      best = span;
  }
  return best;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The pieces of a document: the whole text, in order, with each claim's spans as clickable runs. */
export function documentPieces(text: string, spans: readonly DocumentSpan[]): DocumentPiece[] {
  const pieces: DocumentPiece[] = [];
  for (const segment of segmentText(text, spans)) {
    const owner = ownerOf(segment.covering);
    const part: DocumentPart = {
      start: segment.start,
      end: segment.end,
      text: segment.text,
      claims: unique(segment.covering.map((span) => span.claim)),
      evidenceOf: unique(segment.covering.filter((span) => span.role === 'evidence').map((span) => span.claim)),
      quote: segment.covering.some((span) => span.role === 'quote'),
      hedge: segment.covering.some((span) => span.role === 'hedge'),
    };
    const last = pieces[pieces.length - 1];
    const claim = owner?.claim ?? null;
    if (last !== undefined && last.claim === claim) {
      last.parts.push(part);
      last.end = part.end;
      continue;
    }
    pieces.push({ start: part.start, end: part.end, claim, stance: stanceKey(owner?.stance), first: false, alsoHere: [], parts: [part] });
  }
  const owned = new Set<string>();
  for (const piece of pieces) {
    if (piece.claim === null || owned.has(piece.claim)) continue;
    owned.add(piece.claim);
    piece.first = true;
  }
  // A claim that owns no run (its excerpt is exactly another's, or lies inside a shorter one) is offered where it starts.
  const orphans = new Map<string, DocumentSpan>();
  for (const span of spans) {
    if (owned.has(span.claim) || span.start >= span.end) continue;
    const known = orphans.get(span.claim);
    if (known === undefined || span.start < known.start) orphans.set(span.claim, span);
  }
  for (const [claim, span] of [...orphans.entries()].sort((a, b) => a[1].start - b[1].start || a[0].localeCompare(b[0]))) {
    const piece = pieces.find((candidate) => candidate.start <= span.start && span.start < candidate.end) ?? pieces[pieces.length - 1];
    piece?.alsoHere.push({ claim, stance: stanceKey(span.stance) });
  }
  return pieces;
}

/** The claims a document highlights, in the order their first span appears. */
export function documentClaims(spans: readonly DocumentSpan[]): string[] {
  return unique([...spans].sort((a, b) => a.start - b.start || a.end - b.end).map((span) => span.claim));
}

/** The stance a claim's spans carry in this document (its evidence's), or 'none'. */
export function claimStanceIn(spans: readonly DocumentSpan[], claim: string): StanceKey {
  const span = spans.find((entry) => entry.claim === claim && entry.role === 'evidence') ?? spans.find((entry) => entry.claim === claim);
  return stanceKey(span?.stance);
}

/** A run of an excerpt as the claim panel draws it: the quote within it, the reporter's insertions within the quote, the hedge. */
export interface ExcerptPart {
  text: string;
  quote: boolean;
  insertion: boolean;
  hedge: boolean;
}

/**
 * An evidence excerpt cut at its quote, the reporter's bracketed insertions in that quote (offsets given in the
 * quote) and the claim's hedge. The quote and the hedge are found in the excerpt by their words; when the excerpt
 * does not hold them, it comes back as one plain run.
 */
export function excerptParts(
  excerpt: string,
  quote: string | null,
  insertions: ReadonlyArray<TextRange>,
  hedge: string | null,
): ExcerptPart[] {
  type Mark = TextRange & { role: 'quote' | 'insertion' | 'hedge' };
  const marks: Mark[] = [];
  const at = quote === null || quote === '' ? -1 : excerpt.indexOf(quote);
  if (quote !== null && at >= 0) {
    marks.push({ start: at, end: at + quote.length, role: 'quote' });
    for (const insertion of insertions) {
      if (insertion.start < 0 || insertion.end > quote.length || insertion.start >= insertion.end) continue;
      marks.push({ start: at + insertion.start, end: at + insertion.end, role: 'insertion' });
    }
  }
  const hedgeAt = hedge === null || hedge === '' ? -1 : excerpt.indexOf(hedge);
  if (hedge !== null && hedgeAt >= 0) marks.push({ start: hedgeAt, end: hedgeAt + hedge.length, role: 'hedge' });
  return segmentText(excerpt, marks).map((segment) => ({
    text: segment.text,
    quote: segment.covering.some((mark) => mark.role === 'quote'),
    insertion: segment.covering.some((mark) => mark.role === 'insertion'),
    hedge: segment.covering.some((mark) => mark.role === 'hedge'),
  }));
}
