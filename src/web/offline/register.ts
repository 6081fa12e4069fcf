/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker built by vite-plugin-pwa (src/web/vite.config.ts), which precaches the
 * app so that it opens and captures with no network. A module, not an inline script (strict CSP).
 */
if ('serviceWorker' in navigator) registerSW({ immediate: true });
