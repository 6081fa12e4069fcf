import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const here = path.dirname(fileURLToPath(import.meta.url));

// The web app is built into dist/web, which the API server serves at `/` (see src/http/app.ts).
export default defineConfig({
  root: here,
  plugins: [
    react(),
    // Offline capture in the field (issue 23, src/web/offline/): a Workbox service worker precaches the
    // whole built app (shell and every page's chunk, ~2.5 MB) so that a signed-in investigator can
    // reload and capture with no signal; the API is never cached (it is the server's word, read live).
    VitePWA({
      // Registered by src/web/offline/register.ts (a module, within the CSP's script-src 'self').
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Remnant — evidence in the field',
        short_name: 'Remnant',
        description: 'Trace weapons used in armed conflict to the components, makers and supply chains behind them.',
        start_url: '/capture',
        scope: '/',
        display: 'standalone',
        background_color: '#17212b',
        theme_color: '#17212b',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,json,woff2,png}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: path.resolve(here, '../../dist/web'),
    emptyOutDir: true,
    // echarts is split into its own chunk and loaded only by the pages that draw charts.
    chunkSizeWarningLimit: 700,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
