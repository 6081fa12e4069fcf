/** The calendar's face: day numbers and ISO dates, ISO weeks, ranges with precision, and "today". */
export { InvalidDate, addDays, civil, dayNumber, daysBetween, daysInMonth, isIsoDate, isLeap, isValidYmd, isoOf, isoOfYmd, parseDay, toDayNumber, weekday, yearOf } from './days.js';
export { isLongIsoYear, isoWeek, isoWeekOf, isoWeekOneMonday, jan1Week } from './weeks.js';
export { monthRange, monthWindow, windowAt, yearRange, yearWindow, type DatePrecision, type DateWindow } from './ranges.js';
export { systemClock, today, utcDateOf, type Clock } from './today.js';
export { excelSerialToInstant, excelSerialToIso } from './excel.js';
