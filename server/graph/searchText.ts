// Search text handling: user text to safe Lucene tokens and query, and the snippet a result shows.
import type { RecordType } from '../model/vocabulary';

/** Splits free text into lowercase word tokens; nothing of Lucene's syntax survives, so user text cannot alter the query. */
export function searchTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/** Exact words rank first, then prefixes, then infixes ("anonmessage" finds "@TheAnonMessage"). */
export function luceneQuery(tokens: readonly string[]): string {
  const clause = (token: string) => {
    const parts = [`name:${token}^8`, `aliasText:${token}^8`, `title:${token}^4`, `${token}^2`];
    if (token.length >= 2) parts.push(`${token}*^1.5`);
    if (token.length >= 3) parts.push(`*${token}*`);
    return `(${parts.join(' OR ')})`;
  };
  const all = tokens.map(clause).join(' AND ');
  return tokens.length > 1 ? `(${all}) OR "${tokens.join(' ')}"^10` : all;
}

/** Up to 200 characters of the record's text that hold a search token, cut around the first hit. */
export function snippetOf(type: RecordType, props: Record<string, unknown>, tokens: readonly string[]): string {
  const candidates =
    type === 'claim'
      ? [props.quote, props.text]
      : type === 'actor'
        ? [[props.name, ...((props.aliases as string[] | null) ?? [])].join(' · '), props.description]
        : type === 'incident'
          ? [props.description, props.name]
          : [[props.title, props.publisher, props.author].filter(Boolean).join(' · ')];
  const texts = candidates.filter((value): value is string => typeof value === 'string' && value !== '');
  const text = texts.find((value) => tokens.some((token) => value.toLowerCase().includes(token))) ?? texts[0] ?? '';
  if (text.length <= 200) return text;
  const hit = Math.max(0, Math.min(...tokens.map((token) => text.toLowerCase().indexOf(token)).filter((at) => at >= 0), text.length));
  const start = Math.max(0, Math.min(hit - 60, text.length - 200));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 200)}${start + 200 < text.length ? '…' : ''}`;
}

/** Whether the record's name, title or one of its aliases is exactly the search text, case and punctuation aside. */
export function namesExactly(props: Record<string, unknown>, tokens: readonly string[]): boolean {
  const wanted = tokens.join(' ');
  const names = [props.name, props.title, ...((props.aliases as unknown[] | null) ?? [])];
  return names.some((name) => typeof name === 'string' && searchTokens(name).join(' ') === wanted);
}
