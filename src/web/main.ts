import './styles.css';
import { prefetchForLocation } from './api/prefetch';

/**
 * The entry point is kept tiny on purpose: it asks for the first screen's data (and the dashboard's
 * code) before React and the app shell (~240 KB) have loaded and parsed, so the API answer and the
 * code arrive together (bench/web.ts measures the first paint). See api/prefetch.ts.
 */
prefetchForLocation(location.pathname, location.search);
if (location.pathname === '/') void import('./pages/Dashboard');
void import('./boot');
