import { i18n } from '../i18n/index.js';

/** The record kinds these forms name in their sentences (forms.json `noun.*` holds each one's grammatical forms). */
export type RecordNoun = 'incident' | 'source' | 'claim' | 'item' | 'organisation' | 'case' | 'custody event';

/**
 * A kind's word in each form the sentences need: Ukrainian declines it ("немає справи", "створити справу",
 * "видалити цю справу"), so one English word cannot be slotted into every sentence.
 */
export function nounForms(what: RecordNoun): Record<'nom' | 'gen' | 'acc' | 'accPl' | 'this' | 'it', string> {
  const key = what.replace(/ /g, '_');
  const form = (f: string) => i18n.t(`forms:noun.${key}.${f}`);
  return { nom: form('nom'), gen: form('gen'), acc: form('acc'), accPl: form('accPl'), this: form('this'), it: form('it') };
}
