/**
 * Ukrainian names of the demo case's places and speakers (issue 24), so that a search typed in
 * Cyrillic finds them and the Ukrainian portal can show them. English names stay as the case files
 * give them; Korean and Russian names follow the usual Ukrainian press spelling.
 */
const UK: Record<string, string> = {
  // Places
  Kharkiv: 'Харків',
  Kyiv: 'Київ',
  Zaporizhzhia: 'Запоріжжя',
  'Kyiv and Zaporizhzhia': 'Київ і Запоріжжя',
  'Kursk region': 'Курська область',
  'Ukraine (target not stated)': 'Україна (ціль не названо)',
  'Ukraine (places not stated)': 'Україна (місця не названо)',
  // Speakers
  'Serhii Bolvinov': 'Сергій Болвінов',
  'Andrii Cherniak': 'Андрій Черняк',
  'Volodymyr Zelenskyy': 'Володимир Зеленський',
  'Vassily Nebenzia': 'Василь Небензя',
  'Kim Jong Un': 'Кім Чен Ин',
  'Kim Song': 'Кім Сон',
  'John Kirby': 'Джон Кірбі',
  'Robert Wood': 'Роберт Вуд',
  'Linda Thomas-Greenfield': 'Лінда Томас-Грінфілд',
  'Jonah Leff': 'Джона Лефф',
  'Joonkook Hwang': 'Хван Джункук',
  'Ramon Pacheco Pardo': 'Рамон Пачеко Пардо',
};

/** The Ukrainian name for an English one of the demo case, or null when it has none. */
export function ukrainianName(english: string | null | undefined): string | null {
  return english ? (UK[english] ?? null) : null;
}
