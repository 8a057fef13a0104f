/**
 * The console's build: console/ → dist/console, served by the web role at /console
 * (src/http/console.route.ts). Every script and style is a file of its own (the page's
 * Content-Security-Policy allows no inline code); the texts come from locales/<lang>/console.json.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    // The polyfill would be an inline script; every browser the officers use has modulepreload.
    modulePreload: { polyfill: false },
    // Small enough to inline as data: URLs otherwise; kept as files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 400,
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
