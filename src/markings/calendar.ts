/**
 * The engine's calendar is the shared one (`src/calendar/`): day numbers, ISO dates and weeks.
 * Re-exported under the names the engine's modules already import, so the hot path is unchanged.
 */
export { civil, dayNumber, daysInMonth, isLeap, isoOf, isLongIsoYear, isoWeek, isoWeekOneMonday, jan1Week, monthRange, parseDay, weekday, yearOf, yearRange } from '../calendar/index.js';
