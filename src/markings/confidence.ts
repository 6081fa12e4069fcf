/**
 * How sure a reading is. Attribution confidences by what they rest on, and rounding to three
 * places (readings are compared and stored at that precision).
 */

/** How sure an attribution is, by what it rests on. */
export const CONFIDENCE = {
  context: 1, logoPrefix: 0.97, prefix: 0.9, genericPrefix: 0.6, logo: 0.75, conflict: 0.5, none: 0.2,
  /** Inferred from the marking's shape through the knowledge base (knowledge/*.json). */
  familyLetters: 0.85, topsideCode: 0.7, serialFormat: 0.75,
  /** A line layout only one maker prints (knowledge/layouts.json): the arrangement, not a printed name. */
  layout: 0.7,
  /** A prefix on a short word, a two-character prefix, or a part number below the first line. */
  shortWord: 0.6, weakPrefix: 0.8, threeCharPrefix: 0.85,
  /** A part number read with look-alike characters corrected (`5TM32F405`). */
  lookAlike: 0.75,
  /** A part number whose device number holds a look-alike character (`PIC16F8I8`, confusions.ts `doubtfulDeviceNumber`): probably mistyped. */
  suspectPartNumber: 0.6,
} as const;

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * What a catalogued prefix alone says about the maker, by how the part number was printed. A long
 * word on the first line that starts with a prefix of four or more characters is the maker's
 * part number (0.9); three characters, 0.85. A short word (`SC25`: a topside code and lot, not Semtech's SC family), a
 * two-character prefix (`AD560…` is also AMD's numbering) or a word below the first line (`EDB1005`
 * in a lot line) is weaker evidence. Calibrated on the evaluation set's dev split.
 */
export function prefixConfidence(word: string, prefixLength: number, belowFirstLine: boolean): number {
  if (word.length <= 4) return CONFIDENCE.shortWord;
  if (prefixLength <= 2 || belowFirstLine) return CONFIDENCE.weakPrefix;
  // Three-letter prefixes are shared more often than longer ones (`AS3` is ams and Advanced Analog Circuits' AS358).
  if (prefixLength === 3) return CONFIDENCE.threeCharPrefix;
  return CONFIDENCE.prefix;
}

/**
 * A reading's confidence speaks for every field it gives, not only the maker: a reading whose
 * date word has several surviving windows is no surer than its first window's share of them
 * (`215025` on a Microchip part: 2022, 2012 or 2002 at 0.57/0.29/0.14), and one whose part number
 * looks mistyped no surer than CONFIDENCE.suspectPartNumber. The caps never go below
 * DATE_SHARE_FLOOR, above the abstention threshold, so they never turn a named maker into
 * "maker unknown": that decision rests on the maker's evidence alone. On the dev split before
 * this rule, readings at 0.8–0.9 with an ambiguous date were right 23% of the time.
 */
export function readingConfidence(makerConfidence: number, firstWindowShare: number, doubtfulPart: boolean): number {
  let c = makerConfidence;
  if (doubtfulPart && c > CONFIDENCE.suspectPartNumber) c = CONFIDENCE.suspectPartNumber;
  const dateCap = firstWindowShare < DATE_SHARE_FLOOR ? DATE_SHARE_FLOOR : firstWindowShare;
  if (c > dateCap) c = dateCap;
  return c;
}
const DATE_SHARE_FLOOR = 0.5;

/**
 * Below this, the best reading's maker is not named (ranking.ts `abstainWhenUnsure`): an
 * ambiguous prefix split between makers (0.3 each for two) or a logo against the part number
 * (0.25–0.5). Set on the evaluation set's dev split, where named makers below it were right less
 * often than not.
 */
export const ABSTAIN_BELOW = 0.45;
