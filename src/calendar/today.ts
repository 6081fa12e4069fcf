/**
 * "Today" is decided here and nowhere else: the UTC calendar date of the clock, so the server's
 * time zone never moves a deadline or a date window. Pure code never calls this; it takes `today`
 * as an argument, and the boundary (HTTP route, CLI command, demo loader) asks here.
 */

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The UTC calendar date (`YYYY-MM-DD`) of `at`: a clock to ask, or an instant already read. */
export function today(at: Clock | Date = systemClock): string {
  return utcDateOf(at instanceof Date ? at : at());
}

/** The UTC calendar date of an instant. */
export function utcDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
