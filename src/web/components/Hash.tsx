import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A SHA-256, shortened for reading with the full value one click (or copy) away. */
export function Hash({ value, pending }: { value: string | null; pending?: boolean }) {
  const { t } = useTranslation('components');
  const [full, setFull] = useState(false);
  if (!value) return <div className="hash muted">{pending ? t('hash.computing') : t('hash.onUpload')}</div>;
  return (
    <div className="hash">
      SHA-256{' '}
      <button type="button" className="ghost small" style={{ padding: '0 2px', fontFamily: 'var(--mono)', fontWeight: 400 }} onClick={() => setFull((f) => !f)} aria-label={full ? t('hash.shorten') : t('hash.showFull', { value })} title={value}>
        {full ? value : `${value.slice(0, 12)}…${value.slice(-6)}`}
      </button>
    </div>
  );
}
