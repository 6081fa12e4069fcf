/// <reference types="vite/client" />
import { bundleFromFiles } from './bundle.js';

// Every Ukrainian namespace in one chunk, loaded only when Ukrainian is chosen (i18n/index.ts).
export default bundleFromFiles(import.meta.glob('./uk/*.json', { eager: true, import: 'default' }));
