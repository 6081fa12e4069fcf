/**
 * zod compiles each object schema's parser with `new Function` when it can, and finds out whether it
 * can by trying — which the app's strict CSP (script-src 'self', no 'unsafe-eval') refuses and
 * reports. The browser runs the component rules' schemas only to check suggested values, so zod is
 * told not to try. Imported first by `identify.ts`, before any schema is built (zod reads this
 * setting when a schema is constructed, at module load).
 */
import { config } from 'zod';

config({ jitless: true });
