/** The HTTP layer's face: the CLI's `serve` builds the app through it. */
export { buildApp } from './app.js';
