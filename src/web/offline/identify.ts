/**
 * Live identification with no signal (issue 23). The component rules are pure (no database, HTTP or
 * clock beyond "today"), so the capture page runs the very module the API's create, the import and
 * `POST /api/components/suggest` call — `evidence/component-rules.ts`, with the maker catalogue it
 * reads — rather than a second copy. It is loaded as its own chunk (the service worker precaches it
 * with the rest of the app), so pages that never identify offline do not carry the catalogue.
 *
 * The server identifies the component again when it arrives (that is what is stored); the sync
 * compares the two and shows any difference (src/web/offline/sync.ts), which can only come from an
 * app older than the server's rules.
 */
import './zod-jitless';
import { componentSuggestion, fieldsOf, suggestionContextOf, type ComponentSuggestion, type ItemFacts } from '../../evidence/component-rules.js';

export type { ComponentSuggestion, ItemFacts };

/** What a component with this marking in an item with these facts would be suggested (and stored) as. */
export function identifyOffline(marking: string, item: ItemFacts | null): ComponentSuggestion {
  return componentSuggestion(marking, suggestionContextOf(item));
}

/** A suggestion as the derived fields a form shows (the maker by name), for comparing the device's with the server's. */
export function suggestedFields(s: Partial<ComponentSuggestion>): Record<string, string | null> {
  return fieldsOf(s);
}
