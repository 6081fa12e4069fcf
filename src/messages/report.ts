import { translateText } from './templates.js';
import type { Language } from './languages.js';

/**
 * An import report (src/transfer) with its words in `lang`: each row problem's reason and the
 * import's own error. Row, column and value are the file's and stay as they are; English is
 * returned untouched. Typed by the fields it touches only.
 */
interface ReportLike {
  problems?: { reason: string }[];
  error?: { title: string; detail: string } | null;
}

export function localiseImportReport<T extends ReportLike>(report: T, lang: Language): T {
  if (lang === 'en') return report;
  const tr = (s: string) => translateText(lang, s);
  return {
    ...report,
    ...(report.problems ? { problems: report.problems.map((p) => ({ ...p, reason: tr(p.reason) })) } : {}),
    ...(report.error ? { error: { ...report.error, title: tr(report.error.title), detail: tr(report.error.detail) } } : {}),
  };
}
