// The write token and analyst name for the API's protected writes (ACH ratings), kept in session storage only: never in
// the URL, the page's settings or local storage, so it leaves with the tab and is never shared in a link.

export interface WriteAccess {
  /** The server's WRITE_TOKEN, sent as `Authorization: Bearer …`. */
  token: string;
  /** Stored with every rating the analyst writes. */
  analyst: string;
}

/** The part of `Storage` used, so the rules run in a test against a stand-in. */
export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const WRITE_ACCESS_KEY = 'claim-graph:write-access';

/** The stored access, or null when none is stored or what is stored is not a token and a name. */
export function readWriteAccess(store: SessionStore | null): WriteAccess | null {
  const text = store?.getItem(WRITE_ACCESS_KEY) ?? null;
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object') return null;
    const { token, analyst } = parsed as Partial<WriteAccess>;
    if (typeof token !== 'string' || token === '' || typeof analyst !== 'string' || analyst.trim() === '') return null;
    return { token, analyst: analyst.trim() };
  } catch {
    return null;
  }
}

/** Stores the access; an empty token or name forgets it instead, so a half-filled form never enables editing. */
export function saveWriteAccess(store: SessionStore | null, access: WriteAccess): WriteAccess | null {
  if (store === null) return null;
  const token = access.token.trim();
  const analyst = access.analyst.trim();
  if (token === '' || analyst === '') {
    store.removeItem(WRITE_ACCESS_KEY);
    return null;
  }
  store.setItem(WRITE_ACCESS_KEY, JSON.stringify({ token, analyst }));
  return { token, analyst };
}

export function forgetWriteAccess(store: SessionStore | null): void {
  store?.removeItem(WRITE_ACCESS_KEY);
}

/** The browser's session storage, or null where it is refused (some privacy modes throw on access). */
export function browserSessionStore(): SessionStore | null {
  try {
    // Through globalThis, so the module also type-checks (and runs, storing nothing) outside a browser.
    return (globalThis as { sessionStorage?: SessionStore }).sessionStorage ?? null;
  } catch {
    return null;
  }
}
