/**
 * Legal-form words carry no identity: "Tangun Trading Co., Ltd." and
 * "Tangun Trading Corporation" are the same firm as far as a list is
 * concerned. Phrases are written in the folded (ASCII, lower-case) form that
 * `foldText` produces, so Cyrillic and Chinese originals match after
 * transliteration (ООО → ooo, 有限公司 → you xian gong si).
 */

/**
 * Removed wherever they appear, as long as some other token remains. With
 * the edge-only forms below they cover the forms of more than forty
 * jurisdictions: the US, UK and Commonwealth, Russia, Ukraine, Belarus,
 * Kazakhstan, Kyrgyzstan, Uzbekistan, Azerbaijan, China, Hong Kong,
 * Taiwan, Korea, Japan, Germany, Austria, Switzerland, France, Belgium,
 * Netherlands, Spain, Italy, Portugal, Brazil, Mexico, Poland, Czechia,
 * Slovakia, Hungary, Romania, Bulgaria, Greece, Croatia, Serbia, Slovenia,
 * Finland, Sweden, Norway, Denmark, Estonia, Latvia, Lithuania, Turkey,
 * Malaysia, Singapore, India, Pakistan, Australia, Indonesia, Thailand,
 * Vietnam, Iran and the UAE free zones.
 */
export const LEGAL_FORM_PHRASES: readonly string[] = [
  // English
  'limited liability company',
  'limited liability partnership',
  'public limited company',
  'private limited company',
  'public joint stock company',
  'closed joint stock company',
  'open joint stock company',
  'joint stock company',
  'joint venture company',
  'company limited',
  'co ltd',
  'pte ltd',
  'pvt ltd',
  'pty ltd',
  'sdn bhd',
  'company',
  'companies',
  'co',
  'corporation',
  'corp',
  'incorporated',
  'inc',
  'limited',
  'ltd',
  'llc',
  'llp',
  'plc',
  'pte',
  'pvt',
  'pty',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'jv',
  'fze',
  'fzco',
  'fzc',
  'fzllc',
  // Russian and Ukrainian, as transliterated by any-ascii and by hand
  'obshchestvo s ogranichennoy otvetstvennostyu',
  'obshchestvo s ogranichennoi otvetstvennostiu',
  'obshchestvo s ogranichennoy otvetstvennostiu',
  'obshchestvo s ogranichennoi otvetstvennostyu',
  'tovarystvo z obmezhenoyu vidpovidalnistyu',
  'tovarystvo z obmezhenoiu vidpovidalnistiu',
  'publichnoye aktsionernoye obshchestvo',
  'publichnoe aktsionernoe obshchestvo',
  'zakrytoye aktsionernoye obshchestvo',
  'zakrytoe aktsionernoe obshchestvo',
  'otkrytoye aktsionernoye obshchestvo',
  'otkrytoe aktsionernoe obshchestvo',
  'aktsionernoye obshchestvo',
  'aktsionernoe obshchestvo',
  'ooo',
  'zao',
  'oao',
  'pao',
  'tov',
  'fgup',
  'gup',
  'mup',
  // Chinese, as pinyin syllables
  'you xian ze ren gong si',
  'you xian gong si',
  'youxian gongsi',
  'gu fen gong si',
  'gong si',
  'gongsi',
  // Continental European
  'gesellschaft mit beschrankter haftung',
  'gmbh',
  'societe anonyme',
  'sociedad anonima',
  'societa per azioni',
  'sarl',
  'sas',
  'spa',
  'srl',
  'sp z o o',
  'sp z oo',
  'spzoo',
  'oyj',
  'asa',
  // Korean (주식회사, 유한회사 as any-ascii writes them), Japanese
  'ju sig hoe sa',
  'jusikhoesa',
  'jusik hoesa',
  'yu han hoe sa',
  'yuhan hoesa',
  'kabushiki kaisha',
  'zhu shi hui she',
  'you xian hui she',
  'kabushiki gaisha',
  'yugen kaisha',
  'godo kaisha',
  // Turkish, Portuguese, Brazilian, Mexican, Romanian
  'anonim sirketi',
  'limited sirketi',
  'ltd sti',
  'ltda',
  'lda',
  'sa de cv',
  'sapi de cv',
  's de rl de cv',
  // Bulgarian, Greek, Baltic, Central Asian, Caucasus, Vietnamese, Indonesian, Thai
  'eood',
  'ood',
  'ead',
  'epe',
  'uab',
  'sia',
  'mmc',
  'osoo',
  'mchj',
  'too',
  'cong ty tnhh',
  'tnhh',
  'cong ty co phan',
  'tbk',
  'pcl',
  'sherkat',
  'aps',
  'doo',
  'kft',
  'zrt',
  'sro',
  'as',
  'bhd',
];

/**
 * Two-letter forms that are also ordinary syllables (Korean "Sa", Chinese
 * "An"), so they are removed only at the start or end of a name, where
 * legal forms sit.
 */
export const EDGE_ONLY_LEGAL_FORMS: ReadonlySet<string> = new Set([
  'sa', 'ag', 'ab', 'ao', 'ad', 'kk', 'kg', 'oy', 'bv', 'nv', 'lp', 'dd', 'se', 'ip', 'pp', 'as',
  // Indonesian PT, Estonian OÜ, Greek AE, Kazakh/Uzbek AJ: also syllables or initials.
  'pt', 'ou', 'ae', 'aj', 'ooo',
]);

/** Connecting words that differ between renderings of the same name. */
export const STOP_WORDS: ReadonlySet<string> = new Set(['the', 'of', 'and', 'und', 'et', 'for']);
