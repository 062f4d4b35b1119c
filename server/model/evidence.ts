// Evidence spans: finding where a verbatim excerpt stands in a source's text, and checking offsets a dataset gives.
// Offsets count UTF-16 code units, as JavaScript strings do, so `text.slice(start, end)` is the excerpt.

/** Every position at which `excerpt` starts in `text`, overlapping occurrences included. */
export function occurrences(text: string, excerpt: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(excerpt); at !== -1; at = text.indexOf(excerpt, at + 1)) found.push(at);
  return found;
}

export type SpanResolution = { ok: true; start: number; end: number } | { ok: false; message: string };

/**
 * Where an excerpt stands in a document. Given offsets must slice to the excerpt exactly; without offsets the
 * excerpt must occur exactly once, since a span that occurs twice would be a guess.
 */
export function resolveSpan(text: string, excerpt: string, start?: number, end?: number): SpanResolution {
  if (start !== undefined && end !== undefined) {
    const found = text.slice(start, end);
    if (found === excerpt) return { ok: true, start, end };
    const elsewhere = occurrences(text, excerpt);
    const hint = elsewhere.length > 0 ? `; the excerpt stands at ${elsewhere.map((at) => `${at}–${at + excerpt.length}`).join(', ')}` : '';
    return { ok: false, message: `offsets ${start}–${end} hold ${JSON.stringify(shorten(found))}, not the excerpt${hint}` };
  }
  const at = occurrences(text, excerpt);
  if (at.length === 1) return { ok: true, start: at[0]!, end: at[0]! + excerpt.length };
  if (at.length === 0) return { ok: false, message: `excerpt ${JSON.stringify(shorten(excerpt))} not found verbatim in the document` };
  return {
    ok: false,
    message: `excerpt occurs ${at.length} times (at ${at.join(', ')}); give "start" and "end" to say which`,
  };
}

/** Whether the words stand inside one of the spans of the text, at any of their occurrences. */
export function withinSpans(text: string, words: string, spans: ReadonlyArray<{ start: number; end: number }>): boolean {
  return occurrences(text, words).some((at) => spans.some((span) => at >= span.start && at + words.length <= span.end));
}

/** A reporter's bracketed insertion inside a quote ("[North Korea]"): where it stands in the quote, and its words. */
export function quoteInsertions(quote: string): Array<{ start: number; end: number; text: string }> {
  return [...quote.matchAll(/\[[^\]]*\]/g)].map((match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
}

function shorten(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}…`;
}
