// Vite build and dev-server configuration for the explorer: root client/, output client/dist, /api proxied to Express.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const clientDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: clientDir,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Sigma and graphology are one large chunk by nature; the default warning is noise here.
    chunkSizeWarningLimit: 1500,
  },
  // The layout worker is an ES module (layoutRunner.ts starts it with type "module"), served from 'self' as the CSP asks.
  worker: { format: 'es' },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: { port: 4173 },
});
