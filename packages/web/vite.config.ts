import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds the console into `dist/` as static files for `@agentry/server`. No inline scripts (the server's
 * Content-Security-Policy forbids them): the module preload polyfill is off and assets are always files.
 * `npm run dev` proxies the API to a local `agentry serve` (AGENTRY_URL, default http://127.0.0.1:3000).
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: process.env.AGENTRY_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
      '/ready': process.env.AGENTRY_URL ?? 'http://127.0.0.1:3000',
      '/health': process.env.AGENTRY_URL ?? 'http://127.0.0.1:3000',
    },
  },
});
