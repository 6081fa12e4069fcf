/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker built by vite-plugin-pwa (src/web/vite.config.ts), which precaches the
 * app so that it opens and captures with no network. A module, not an inline script (strict CSP).
 * Registered after the page's `load` event (registerSW's default), so that precaching the app's
 * ~2.4 MB does not compete with the first screen (bench/web.ts measures it).
 */
if ('serviceWorker' in navigator) registerSW();
