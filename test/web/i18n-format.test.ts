import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../src/web/i18n/index.js';
import { setCurrentLanguage } from '../../src/web/i18n/locale.js';
import uk from '../../src/web/i18n/locales/uk.js';
import { chooseLanguage, pathInLanguage, splitLanguagePrefix } from '../../src/web/i18n/languages.js';
import { countryName, formatDate, formatNumber, formatQuantity, formatShare, humanise } from '../../src/web/lib/format.js';

/** Formatting and plurals in the language in force (issue 24): one module, Intl for each language. */
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('in Ukrainian', () => {
  beforeAll(async () => {
    for (const [ns, messages] of Object.entries(uk)) i18n.addResourceBundle('uk', ns, messages, true, true);
    await i18n.changeLanguage('uk');
    setCurrentLanguage('uk');
  });
  afterAll(async () => {
    await i18n.changeLanguage('en');
    setCurrentLanguage('en');
  });

  it('dates, numbers, shares, countries and qualifiers follow Ukrainian usage', () => {
    expect(plain(formatDate('2024-01-02'))).toBe('2 січ. 2024 р.');
    expect(plain(formatNumber(12345.5))).toBe('12 345,5');
    expect(formatShare(0.755)).toBe('75,5%');
    expect(countryName('KP')).toBe('Північна Корея');
    expect(formatQuantity(20, 'at_least')).toBe('щонайменше 20');
    expect(countryName(null)).toBe('Невідомо');
  });

  it('plurals take the one / few / many forms', () => {
    const n = (count: number) => plain(i18n.t('dashboard:components', { count }));
    expect([1, 2, 5, 11, 21, 22, 25, 1000].map(n)).toEqual([
      '1 компонент', '2 компоненти', '5 компонентів', '11 компонентів', '21 компонент', '22 компоненти', '25 компонентів', '1 000 компонентів',
    ]);
  });

  it('codes from the API read as words when values.json has them, else as the code made readable', () => {
    expect(humanise('no_such_code_here')).toBe('No such code here');
  });
});

describe('in English', () => {
  it('is unchanged', () => {
    expect(formatShare(0.755)).toBe('75.5%');
    expect(formatNumber(12345.5)).toBe('12,345.5');
    expect(i18n.t('dashboard:components', { count: 1 })).toBe('1 component');
    expect(i18n.t('dashboard:components', { count: 1234 })).toBe('1,234 components');
  });
});

describe('the language in the address', () => {
  it('keeps Ukrainian under /uk/ and English at the root', () => {
    expect(splitLanguagePrefix('/uk/items/1')).toEqual({ language: 'uk', path: '/items/1' });
    expect(splitLanguagePrefix('/uk')).toEqual({ language: 'uk', path: '/' });
    expect(splitLanguagePrefix('/ukraine')).toEqual({ language: null, path: '/ukraine' });
    expect(splitLanguagePrefix('/en/items')).toEqual({ language: null, path: '/en/items' });
    expect(pathInLanguage('/items/1', 'uk')).toBe('/uk/items/1');
    expect(pathInLanguage('/uk/items/1', 'en')).toBe('/items/1');
    expect(pathInLanguage('/', 'uk')).toBe('/uk');
  });

  it('chooses the URL first, then the account, the browser\'s remembered choice and its languages', () => {
    expect(chooseLanguage({ url: 'uk', user: 'en', stored: 'en' })).toBe('uk');
    expect(chooseLanguage({ url: null, user: 'uk', stored: 'en' })).toBe('uk');
    expect(chooseLanguage({ url: null, stored: 'uk', browser: ['en-GB'] })).toBe('uk');
    expect(chooseLanguage({ url: null, stored: 'xx', browser: ['de-DE', 'uk-UA'] })).toBe('uk');
    expect(chooseLanguage({ url: null, browser: ['de-DE'] })).toBe('en');
  });
});
