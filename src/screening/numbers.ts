/**
 * Numbers written as words are the same name as numbers written in digits:
 * "Brigade Forty-Four" = "Brigade 44", "Factory No. Seven" = "Factory No. 7".
 * English cardinals from zero to 9,999 (with the common misspelling
 * "fourty"); ordinals are left to the abbreviation table (2nd = second).
 */
const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

function isNumberWord(w: string): boolean {
  return w in UNITS || w in TENS || w === 'hundred' || w === 'thousand';
}

/** Folded words with each run of number words replaced by its digits ("forty four" → "44"). */
export function numberWordsToDigits(words: readonly string[]): string[] {
  if (!words.some(isNumberWord)) return words as string[];
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    if (!isNumberWord(words[i]!) || words[i] === 'hundred' || words[i] === 'thousand') {
      out.push(words[i]!);
      i++;
      continue;
    }
    let total = 0;
    let current = 0;
    let j = i;
    for (; j < words.length; j++) {
      const w = words[j]!;
      if (w in UNITS) current += UNITS[w]!;
      else if (w in TENS) current += TENS[w]!;
      else if (w === 'hundred') current = (current || 1) * 100;
      else if (w === 'thousand') {
        total += (current || 1) * 1000;
        current = 0;
      } else if (w === 'and' && j + 1 < words.length && isNumberWord(words[j + 1]!) && j > i) continue;
      else break;
    }
    out.push(String(total + current));
    i = j;
  }
  return out;
}
