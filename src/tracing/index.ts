/**
 * Tracing: trace requests to makers and distributors, replies recorded as transfers (hops), chains
 * from maker to last known holder, the graph and findings across chains, letters and the FtM
 * export. The face that `http/`, `cli/` and `demo/` import.
 */
export * from './requests-store.js';
export * from './hops-store.js';
export * from './chains-store.js';
export * from './letters-store.js';
export * from './ftm-store.js';
export { REQUEST_COLUMNS, HOP_COLUMNS } from './store-common.js';
export * as schemas from './schemas.js';
export { TRACE_STATUSES, TRANSITIONS, DATE_SET_BY, applyTransition, allowedFrom, TransitionRefused, type TraceStatus } from './status-machine.js';
export { addDays, daysBetween, utcToday, replyDueFor, rightOfReplyDueFor, deadlineState, REPLY_DAYS, RIGHT_OF_REPLY_DAYS } from './deadlines.js';
export { assembleChain, findCycle, type Chain } from './chain.js';
export { letterText, letterPdf, type LetterData } from './letter.js';
export { toFtm, type FtmEntity } from './ftm.js';
