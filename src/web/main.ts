import './styles.css';
import { prefetchForLocation } from './api/prefetch';
import { splitLanguagePrefix } from './i18n/languages';

/**
 * The entry point is kept tiny on purpose: it asks for the first screen's data (and the dashboard's
 * code) before React and the app shell (~240 KB) have loaded and parsed, so the API answer and the
 * code arrive together (bench/web.ts measures the first paint). See api/prefetch.ts.
 */
// `/uk/` is the dashboard too: the language prefix is not part of the page's address.
const page = splitLanguagePrefix(location.pathname).path;
prefetchForLocation(page, location.search);
if (page === '/') void import('./pages/Dashboard');
void import('./boot');
// The service worker that keeps the app usable offline (issue 23).
void import('./offline/register');
