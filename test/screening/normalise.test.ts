import { describe, expect, it } from 'vitest';
import { foldText, nameVariants, normaliseIdentifier, normaliseName } from '../../src/screening/normalise.js';
import { skeletonKey } from '../../src/screening/romanisation.js';
import { normaliseCountry } from '../../src/screening/countries.js';

const tokens = (s: string) => normaliseName(s).tokens.join(' ');

describe('normaliseName', () => {
  it.each([
    // case, accents, stray spaces
    ['KOREA  MINING Development TRADING CORPORATION ', 'korea mining development trading'],
    ["P'yŏngyang", 'pyongyang'],
    ['Pyeongyang', 'pyongyang'],
    ['Straße Łódź Ørsted', 'strasse lodz orsted'],
    // legal forms in several languages and scripts
    ['TANGUN TRADING CO., LTD.', 'tangun trading'],
    ['Vektor-Test LLC', 'vektor test'],
    ['ООО «Вектор-Тест»', 'vektor test'],
    ['Общество с ограниченной ответственностью "Вектор-Тест"', 'vektor test'],
    ['Dandong Hongxiang Industrial Development Co., Ltd.', 'dandong hongxiang industrial development'],
    ['S.A. Empresa', 'empresa'],
    ['JSC Severny Priborostroitelny Zavod', 'severny priborostroitelny zavod'],
    ['丹东鸿祥实业发展有限公司', 'dan dong hong xiang shi ye fa zhan'],
    // a name that is only a legal form keeps it
    ['Limited', 'limited'],
    // stop words
    ['The Bank of East Land', 'bank east land'],
    // Korean surnames and romanisation variants
    ['Lee Je-son', 'ri je son'],
    ['Rhee Je Son', 'ri je son'],
    ['Park To-chun', 'pak to chun'],
    ['Choi Chun Sik', 'choe chun sik'],
    ['김정은', 'kim jong un'],
    ['KIM, Jong Un', 'kim jong un'],
    // Cyrillic renderings of Korean names
    ['Юн Хо Джин', 'yun ho jin'],
    ['Ли Пён Чхоль', 'ri pyon chol'],
    // abbreviations
    ['Munitions Industry Dept', 'munitions industry department'],
    ['2nd Economic Committee', 'second economic committee'],
  ])('%s → %s', (input, expected) => {
    expect(tokens(input)).toBe(expected);
  });

  it('ignores token order in its sorted form', () => {
    expect(normaliseName('Trading Corporation Tangun Korea').sorted).toBe(normaliseName('Korea Tangun Trading Co').sorted);
  });

  it('splits a trailing acronym in capitals, not a place in parentheses', () => {
    expect(nameVariants('KOREA MINING DEVELOPMENT TRADING CORPORATION (KOMID)')).toEqual(['KOREA MINING DEVELOPMENT TRADING CORPORATION', 'KOMID']);
    expect(nameVariants('Mansudae Art Studio (Pyongyang)')).toEqual(['Mansudae Art Studio (Pyongyang)']);
  });

  it('folds scripts to ASCII words', () => {
    expect(foldText('Чхоль')).toBe('chkhol');
    expect(foldText('Hong-Kong  Electronics')).toBe('hong kong electronics');
  });
});

describe('skeletonKey', () => {
  it.each([
    ['hyoksin', 'hyuksin'],
    ['kwangson', 'gwangson'],
    ['tangun', 'dangun'],
    ['vektor', 'vector'],
    ['severnyy', 'severnyi'],
    ['namchongang', 'namjongkang'],
    ['choe', 'choi'],
  ])('%s and %s share a key', (a, b) => expect(skeletonKey(a)).toBe(skeletonKey(b)));

  it.each([
    ['tanchon', 'tianjin'],
    ['ho', 'hwa'],
    ['cho', 'choe'],
    ['38', '39'],
  ])('%s and %s do not', (a, b) => expect(skeletonKey(a)).not.toBe(skeletonKey(b)));
});

describe('identifiers and countries', () => {
  it('compares identifiers on letters and digits', () => {
    expect(normaliseIdentifier('PD 472-310/099')).toBe('PD472310099');
    expect(normaliseIdentifier('IMO 8712362')).toBe('8712362');
  });

  it.each([
    ["Democratic People's Republic of Korea", 'kp'],
    ['Korea, North', 'kp'],
    ['DPRK', 'kp'],
    ['Russian Federation', 'ru'],
    ['KP', 'kp'],
    ['PRK', 'kp'],
    ['Iran (Islamic Republic of)', 'ir'],
    ['Atlantis', null],
    ['-0-', null],
  ])('%s → %s', (input, expected) => expect(normaliseCountry(input)).toBe(expected));
});

describe('name knowledge (issue 20)', async () => {
  const { normaliseName: nn } = await import('../../src/screening/normalise.js');
  const { numberWordsToDigits } = await import('../../src/screening/numbers.js');
  it.each([
    ['Brigade Fourty-Four', 'Brigade 44'],
    ['Factory Number Seven Hundred and Two', 'Factory Number 702'],
    ['Theodore Roosevelt', 'Ted Roosevelt'],
    ['Bill Gates', 'William Gates'],
    ['Sasha Petrov', 'Aleksandr Petrov'],
    ['Mykola Yanovych Azarov', 'Nikolai Yanovich Azarov'],
    ['Vladimir Soloviev', 'Vladimir Solovyov'],
    ['Usama bin Ladin', 'Osama bin Ladin'],
    ['ООО «Ромашка»', 'Romashka LLC'],
    ['Pol-Tech Sp. z o.o.', 'Pol-Tech'],
    ['Acme Ltda', 'ACME S.A. de C.V.'],
  ])('%s ~ %s', (a, b) => expect(nn(a).sorted).toBe(nn(b).sorted));

  it('reads Han characters in their word, not one by one (重庆 is not zhong qing, 银行 not yin xing)', () => {
    expect(foldText('重庆长安汽车')).toBe('chong qing chang an qi che');
    expect(foldText('厦门建设银行')).toBe('xia men jian she yin hang');
    // Traditional characters are read through their simplified form (opencc-js): 重慶 and 銀行 too.
    expect(foldText('重慶')).toBe('chong qing');
    expect(foldText('中國銀行')).toBe('zhong guo yin hang');
    // A two- or three-character run is read as a name, its first character as a surname.
    expect(foldText('曾荫权')).toBe('zeng yin quan');
  });

  it('takes Korean and Japanese company forms out', () => {
    expect(nn('조선 주식회사 대성').legalForms).toEqual(['ju sig hoe sa']);
    expect(nn('株式会社 日立').legalForms).toEqual(['zhu shi hui she']);
  });

  it('leaves words that are not numbers', () => {
    expect(numberWordsToDigits(['often', 'tent', 'and', 'one'])).toEqual(['often', 'tent', 'and', '1']);
  });
});
