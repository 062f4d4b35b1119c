// Types for module paths that packages ship without declarations of their own.

declare module 'graphology-gexf/browser/writer' {
  import type { write } from 'graphology-gexf/browser';
  // The browser entry also loads a parser that needs DOMParser at import time; the writer alone runs anywhere.
  const writer: typeof write;
  export = writer;
}
