import type { SuggestedWindow } from '../lib/suggestion';
import { formatRange, formatShare } from '../lib/format';
import { useTranslation } from 'react-i18next';
import { Badge } from './Badge';

/**
 * The production windows a date code allows, as the server listed them (the suggested window
 * first, then its alternatives), each with its note and confidence; the one in use is marked and
 * the others can be picked. Used where a window is entered and where it is stored.
 */
export function WindowList({ windows, inUse, inUseLabel, onPick, disabled }: {
  windows: SuggestedWindow[];
  inUse: (w: SuggestedWindow) => boolean;
  inUseLabel: string;
  /** Absent: the windows are shown, not offered (a reader who may not change the record). */
  onPick?: (w: SuggestedWindow) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('components');
  return (
    <ul className="small" style={{ margin: '4px 0 0', paddingLeft: 18 }} aria-label={t('windows.label')}>
      {windows.map((w) => (
        <li key={w.from + w.rule}>
          {formatRange(w.from, w.to)} <span className="muted">· {w.note} · {formatShare(Math.round(w.confidence * 100) / 100)}</span>{' '}
          {inUse(w)
            ? <Badge tone="accent">{inUseLabel}</Badge>
            : onPick && <button type="button" className="small" disabled={disabled} onClick={() => onPick(w)}>{t('windows.use')}</button>}
        </li>
      ))}
    </ul>
  );
}
