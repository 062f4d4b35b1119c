// Vite build of the browser bench page: one ES module bundle with sigma, graphology and ForceAtlas2, plus the explorer's layout worker; the output directory comes from the command line.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    // Sigma and graphology are one large chunk by nature; the default warning is noise here.
    chunkSizeWarningLimit: 2000,
    // The page only runs in the bench's own Chromium, which needs no preload polyfill.
    modulePreload: false,
  },
  // The explorer's layout worker, bundled from client/ as the explorer's own build does (layoutRunner.ts starts it with type "module").
  worker: { format: 'es' },
});
