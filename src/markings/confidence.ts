/**
 * How sure a reading is. Attribution confidences by what they rest on, and rounding to three
 * places (readings are compared and stored at that precision).
 */

/** How sure an attribution is, by what it rests on. */
export const CONFIDENCE = { context: 1, logoPrefix: 0.97, prefix: 0.9, genericPrefix: 0.6, logo: 0.75, conflict: 0.5, none: 0.2 } as const;

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
