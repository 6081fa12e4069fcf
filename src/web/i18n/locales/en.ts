/// <reference types="vite/client" />
import { bundleFromFiles } from './bundle.js';

// Every English namespace, bundled with the app shell: English is the default and the fallback.
export default bundleFromFiles(import.meta.glob('./en/*.json', { eager: true, import: 'default' }));
