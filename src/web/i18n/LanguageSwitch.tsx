import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES } from './index';
import { useLanguage } from './LanguageRoot';

/** The header's language switch: each language named in itself, the current one pressed. */
export function LanguageSwitch() {
  const { t } = useTranslation('common');
  const { language, choose } = useLanguage();
  const [busy, setBusy] = useState(false);
  return (
    <div className="language-switch" role="group" aria-label={t('language.switch')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          className="ghost small"
          lang={l}
          aria-pressed={l === language}
          disabled={busy}
          onClick={() => {
            if (l === language) return;
            setBusy(true);
            void choose(l).finally(() => setBusy(false));
          }}
        >
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
