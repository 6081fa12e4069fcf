import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startI18n, storedLanguage } from './i18n/browser';
import { chooseLanguage, pathInLanguage, splitLanguagePrefix } from './i18n/languages';

/**
 * React and the app shell: a chunk of its own, loaded by main.ts after the first screen's data is
 * asked for. The language (URL prefix, else this browser's remembered choice, else its own
 * languages) is loaded before the first render so that no other language flashes.
 */
const language = chooseLanguage({ url: splitLanguagePrefix(location.pathname).language, stored: storedLanguage(), browser: navigator.languages });
// The address shows the language in force (a remembered Ukrainian opens `/items` as `/uk/items`).
const address = pathInLanguage(location.pathname, language);
if (address !== location.pathname) history.replaceState(history.state, '', `${address}${location.search}${location.hash}`);
void startI18n(language).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
