import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { i18n, isLanguage, type Language } from './index';
import { changeLanguage, rememberLanguage } from './browser';
import { languageBase, pathInLanguage, splitLanguagePrefix } from './languages';
import { useSession } from '../api/session';
import { typed, unwrap } from '../api/typed';

interface LanguageState {
  language: Language;
  /** Switches the app, remembers the choice in this browser and, when signed in, on the account. */
  choose: (language: Language) => Promise<void>;
}

const Ctx = createContext<LanguageState | null>(null);

/**
 * The language in force, and the router under it: Ukrainian pages live under `/uk/…` (so a link
 * keeps its language), English ones at the root. A change re-mounts the pages (`key`), so that
 * everything formatted outside React (lib/format.ts) is drawn again in the new language.
 */
export function LanguageRoot({ children }: { children: ReactNode }) {
  const { session, refresh } = useSession();
  const [language, setLanguage] = useState<Language>(() => (isLanguage(i18n.language) ? i18n.language : 'en'));
  // A link that names its language wins over the account's setting for this visit.
  const fromUrl = useRef(splitLanguagePrefix(location.pathname).language !== null);

  const show = useCallback(async (next: Language) => {
    await changeLanguage(next);
    history.replaceState(history.state, '', `${pathInLanguage(location.pathname, next)}${location.search}${location.hash}`);
    setLanguage(next);
  }, []);

  const choose = useCallback(async (next: Language) => {
    rememberLanguage(next);
    fromUrl.current = false;
    if (session?.user) {
      unwrap(await typed.PATCH('/api/auth/me', { body: { language: next } }));
      await refresh();
    }
    await show(next);
  }, [session?.user, refresh, show]);

  // The account's language follows its owner to any browser once the session is known.
  const userLanguage = session?.user?.language ?? null;
  useEffect(() => {
    if (userLanguage && !fromUrl.current && userLanguage !== i18n.language) {
      rememberLanguage(userLanguage);
      void show(userLanguage);
    }
  }, [userLanguage, show]);

  return (
    <Ctx.Provider value={{ language, choose }}>
      <I18nextProvider i18n={i18n}>
        <Router key={language} base={languageBase(language)}>
          {children}
        </Router>
      </I18nextProvider>
    </Ctx.Provider>
  );
}

export function useLanguage(): LanguageState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useLanguage outside LanguageRoot');
  return s;
}
