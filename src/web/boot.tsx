import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App';
import { prefetchForLocation } from './api/prefetch';

// The first screen's data and code are asked for now, while React starts (see api/prefetch.ts).
prefetchForLocation(location.pathname, location.search);
if (location.pathname === '/') void import('./pages/Dashboard');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
