/**
 * Deterministic damage of the kind markings suffer when read off a part by eye or by OCR, so the
 * evaluation can say how the engine holds up on them. Every function takes its random source, and
 * `rngFor` derives one per item from a seed and the item's id: the same seed gives the same noisy
 * set on every machine and in every order.
 */
import { mulberry32 } from '../../src/random.js';
import { hashString } from '../../src/synth/prng.js';

/** Characters OCR and tired eyes confuse, both ways. */
const CONFUSABLE: Readonly<Record<string, string>> = {
  O: '0', '0': 'O', I: '1', '1': 'I', S: '5', '5': 'S', B: '8', '8': 'B', Z: '2', '2': 'Z', G: '6', '6': 'G',
  o: '0', i: '1', s: '5', b: '8', z: '2', g: '6',
};

export function rngFor(seed: number, id: string): () => number {
  return mulberry32((seed ^ hashString(id)) >>> 0);
}

/** Each confusable character (O/0, I/1, S/5, B/8, Z/2, G/6) is swapped for its twin with probability `rate`. */
export function ocrNoise(marking: string, rate: number, rng: () => number): string {
  let out = '';
  for (const ch of marking) {
    const twin = CONFUSABLE[ch];
    out += twin !== undefined && rng() < rate ? twin : ch;
  }
  return out;
}

export type LayoutDamage = 'slash-no-spaces' | 'run-together' | 'spaces-dropped';

/**
 * One layout damage per marking, drawn from `rng`: lines joined by a bare `/`, all lines run
 * together on one line, or the spaces inside each line dropped. A one-line marking without
 * spaces cannot be damaged this way and comes back as it was.
 */
export function layoutNoise(marking: string, rng: () => number): { text: string; damage: LayoutDamage } {
  const lines = marking.split(/ \/ |\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const pick = Math.floor(rng() * 3);
  if (pick === 0 && lines.length > 1) return { text: lines.join('/'), damage: 'slash-no-spaces' };
  if (pick === 1 && lines.length > 1) return { text: lines.join(' '), damage: 'run-together' };
  return { text: lines.map((l) => l.replace(/\s+/g, '')).join(' / '), damage: 'spaces-dropped' };
}
