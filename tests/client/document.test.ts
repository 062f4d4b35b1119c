// The source reader's pure part: a document cut into runs at every span boundary, overlapping spans included, and the pieces
// the reader turns into links (one owner per run, the innermost claim); the claim panel's excerpts with quote, insertions and hedge.
import fc from 'fast-check';
import type { DocumentSpan } from '../../server/model/api';
import { claimStanceIn, documentClaims, documentPieces, excerptParts, segmentText } from '../../client/src/core/document';

const span = (
  claim: string,
  start: number,
  end: number,
  role: DocumentSpan['role'] = 'evidence',
  stance: DocumentSpan['stance'] = 'asserts',
) => ({
  claim,
  start,
  end,
  role,
  stance,
});

describe('segmentText', () => {
  test('cuts at every boundary and lists the covering spans outermost first', () => {
    const text = 'abcdefghij';
    const a = { start: 0, end: 6, id: 'a' };
    const b = { start: 4, end: 10, id: 'b' };
    const inner = { start: 4, end: 5, id: 'inner' };
    const segments = segmentText(text, [inner, b, a]);
    expect(segments.map((segment) => [segment.text, segment.covering.map((entry) => entry.id)])).toEqual([
      ['abcd', ['a']],
      ['e', ['a', 'b', 'inner']],
      ['f', ['a', 'b']],
      ['ghij', ['b']],
    ]);
  });

  test('text outside every span is its own segment, with nothing covering it', () => {
    const segments = segmentText('Hello, brave new world', [{ start: 7, end: 12 }]);
    expect(segments.map((segment) => [segment.text, segment.covering.length])).toEqual([
      ['Hello, ', 0],
      ['brave', 1],
      [' new world', 0],
    ]);
  });

  test('spans past the text are clamped, and empty or reversed ones dropped', () => {
    const segments = segmentText('abc', [
      { start: -5, end: 1 },
      { start: 2, end: 99 },
      { start: 2, end: 2 },
      { start: 3, end: 1 },
    ]);
    expect(segments.map((segment) => [segment.start, segment.end, segment.covering.length])).toEqual([
      [0, 1, 1],
      [1, 2, 0],
      [2, 3, 1],
    ]);
    expect(segmentText('', [{ start: 0, end: 4 }])).toEqual([]);
  });

  test('property: the segments tile the text, in order, and each lists exactly the spans that cover it', () => {
    const arbitrary = fc.string({ minLength: 0, maxLength: 60 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(fc.tuple(fc.integer({ min: -3, max: text.length + 3 }), fc.integer({ min: -3, max: text.length + 3 })), {
          maxLength: 12,
        }),
      ),
    );
    fc.assert(
      fc.property(arbitrary, ([text, pairs]) => {
        const spans = pairs.map(([start, end], index) => ({ start, end, index }));
        const segments = segmentText(text, spans);
        expect(segments.map((segment) => segment.text).join('')).toBe(text);
        let at = 0;
        for (const segment of segments) {
          expect(segment.start).toBe(at);
          expect(segment.end).toBeGreaterThan(segment.start);
          at = segment.end;
          const expected = spans.filter((entry) => entry.start <= segment.start && entry.end >= segment.end && entry.start < entry.end);
          expect(segment.covering.map((entry) => entry.index).sort()).toEqual(expected.map((entry) => entry.index).sort());
          for (let i = 1; i < segment.covering.length; i += 1) {
            const outer = segment.covering[i - 1]!;
            const inner = segment.covering[i]!;
            expect(Math.min(outer.end, text.length) - Math.max(outer.start, 0)).toBeGreaterThanOrEqual(
              Math.min(inner.end, text.length) - Math.max(inner.start, 0),
            );
          }
        }
        expect(at).toBe(text.length);
      }),
    );
  });
});

describe('documentPieces', () => {
  const text = 'The FBI said “it was them”, but Pyongyang denied it flatly.';
  /** The span of `words` in the text, found rather than counted by hand. */
  const at = (claim: string, words: string, role: DocumentSpan['role'] = 'evidence', stance: DocumentSpan['stance'] = 'asserts') => {
    const start = text.indexOf(words);
    if (start < 0) throw new Error(`${words} is not in the text`);
    return span(claim, start, start + words.length, role, stance);
  };
  const piecesText = (pieces: ReturnType<typeof documentPieces>) =>
    pieces.map((piece) => [piece.claim, text.slice(piece.start, piece.end)]);

  test('a claim’s evidence is one piece, with its quote and hedge as runs inside it', () => {
    const pieces = documentPieces(text, [
      at('fbi', 'FBI said “it was them”'),
      at('fbi', 'it was them', 'quote'),
      at('fbi', 'said', 'hedge'),
    ]);
    expect(piecesText(pieces)).toEqual([
      [null, 'The '],
      ['fbi', 'FBI said “it was them”'],
      [null, ', but Pyongyang denied it flatly.'],
    ]);
    const parts = pieces[1]!.parts;
    expect(parts.map((part) => [part.text, part.quote, part.hedge])).toEqual([
      ['FBI ', false, false],
      ['said', false, true],
      [' “', false, false],
      ['it was them', true, false],
      ['”', false, false],
    ]);
    expect(pieces[1]!.first).toBe(true);
    expect(pieces[1]!.stance).toBe('asserts');
  });

  test('where one claim’s excerpt lies inside another’s, the run belongs to the inner one and lists both', () => {
    const pieces = documentPieces(text, [at('outer', text), at('inner', 'Pyongyang denied it', 'evidence', 'denies')]);
    expect(pieces.map((piece) => [piece.claim, piece.stance, text.slice(piece.start, piece.end), piece.first])).toEqual([
      ['outer', 'asserts', 'The FBI said “it was them”, but ', true],
      ['inner', 'denies', 'Pyongyang denied it', true],
      ['outer', 'asserts', ' flatly.', false],
    ]);
    expect(pieces[1]!.parts[0]!.claims).toEqual(['outer', 'inner']);
    expect(pieces[1]!.parts[0]!.evidenceOf).toEqual(['outer', 'inner']);
    expect(pieces[0]!.parts[0]!.evidenceOf).toEqual(['outer']);
  });

  test('partly overlapping excerpts: the shared run goes to the shorter one, and the whole text is kept', () => {
    const pieces = documentPieces(text, [
      at('long', 'The FBI said “it was them”, but'),
      at('short', 'them”, but Pyongyang', 'evidence', 'neither'),
    ]);
    expect(piecesText(pieces)).toEqual([
      ['long', 'The FBI said “it was '],
      ['short', 'them”, but Pyongyang'],
      [null, ' denied it flatly.'],
    ]);
    expect(pieces[1]!.parts.map((part) => [part.text, part.claims])).toEqual([
      ['them”, but', ['long', 'short']],
      [' Pyongyang', ['short']],
    ]);
    expect(pieces[1]!.parts[0]!.evidenceOf).toHaveLength(2);
    expect(pieces.flatMap((piece) => piece.parts.map((part) => part.text)).join('')).toBe(text);
  });

  test('a claim whose excerpt is split by a shorter one owns two pieces; only the first is its tab stop', () => {
    const pieces = documentPieces(text, [
      at('outer', 'FBI said “it was them”, but Pyongyang'),
      at('inner', 'it was', 'evidence', 'neither'),
    ]);
    expect(pieces.filter((piece) => piece.claim === 'outer').map((piece) => piece.first)).toEqual([true, false]);
    expect(pieces.find((piece) => piece.claim === 'inner')?.first).toBe(true);
  });

  test('two claims on exactly the same words: one owns the run, the other is offered beside it', () => {
    const pieces = documentPieces(text, [at('zeta', 'FBI said'), at('alpha', 'FBI said', 'evidence', 'denies')]);
    const piece = pieces.find((entry) => entry.claim !== null)!;
    expect(piece.claim).toBe('alpha');
    expect(piece.alsoHere).toEqual([{ claim: 'zeta', stance: 'asserts' }]);
    expect(piece.parts[0]!.claims.sort()).toEqual(['alpha', 'zeta']);
  });

  test('a span with no stance is drawn as "none"; a document with no spans is one plain piece', () => {
    expect(documentPieces(text, [at('obs', 'The', 'evidence', null)])[0]!.stance).toBe('none');
    const plain = documentPieces(text, []);
    expect(plain).toHaveLength(1);
    expect(plain[0]!.claim).toBeNull();
    expect(plain[0]!.parts[0]!.text).toBe(text);
  });

  test('property: every claim with a span can be opened, from a piece it owns or a link beside one', () => {
    const arbitrary = fc.array(
      fc.tuple(
        fc.constantFrom('a', 'b', 'c', 'd'),
        fc.nat(text.length),
        fc.nat(text.length),
        fc.constantFrom('evidence', 'quote', 'hedge'),
      ),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(arbitrary, (entries) => {
        const spans = entries.map(([claim, x, y, role]) => span(claim, Math.min(x, y), Math.max(x, y), role as DocumentSpan['role']));
        const pieces = documentPieces(text, spans);
        expect(pieces.flatMap((piece) => piece.parts.map((part) => part.text)).join('')).toBe(text);
        const reachable = new Set(pieces.flatMap((piece) => [piece.claim, ...piece.alsoHere.map((other) => other.claim)]));
        for (const entry of spans) if (entry.start < entry.end) expect(reachable.has(entry.claim)).toBe(true);
        const firsts = pieces.filter((piece) => piece.first).map((piece) => piece.claim);
        expect(new Set(firsts).size).toBe(firsts.length);
      }),
    );
  });

  test('claims in the order their first span appears, and a claim’s stance in the document', () => {
    const spans = [span('late', 40, 50, 'evidence', 'denies'), span('early', 0, 5), span('late', 44, 46, 'quote', 'denies')];
    expect(documentClaims(spans)).toEqual(['early', 'late']);
    expect(claimStanceIn(spans, 'late')).toBe('denies');
    expect(claimStanceIn(spans, 'absent')).toBe('none');
  });
});

describe('excerptParts', () => {
  const excerpt = 'Comey said: “We know [North Korea] did it,” adding that he was fairly sure.';
  const quote = 'We know [North Korea] did it,';

  test('the quote inside the excerpt, with the reporter’s bracketed words marked apart', () => {
    const parts = excerptParts(excerpt, quote, [{ start: 8, end: 21 }], 'fairly sure');
    expect(parts.map((part) => [part.text, part.quote, part.insertion, part.hedge])).toEqual([
      ['Comey said: “', false, false, false],
      ['We know ', true, false, false],
      ['[North Korea]', true, true, false],
      [' did it,', true, false, false],
      ['” adding that he was ', false, false, false],
      ['fairly sure', false, false, true],
      ['.', false, false, false],
    ]);
    expect(parts.map((part) => part.text).join('')).toBe(excerpt);
  });

  test('an excerpt that does not hold the quote comes back whole; bad insertion offsets are ignored', () => {
    expect(excerptParts('Other words entirely.', quote, [{ start: 8, end: 21 }], null)).toEqual([
      { text: 'Other words entirely.', quote: false, insertion: false, hedge: false },
    ]);
    const parts = excerptParts(excerpt, quote, [{ start: 20, end: 400 }], null);
    expect(parts.some((part) => part.insertion)).toBe(false);
  });
});
