/**
 * Claims: what officials and reports assert, filed under topics, compared with each other and with
 * computed findings, and ruled on by reviewers. Claims themselves are evidence records (CRUD in
 * src/evidence); this context adds topics, the ledger, conflicts, comparison and rulings.
 */
export { buildLedger, ruleOnClaim, rulingsOf, setClaimLedgerFields, fileClaims, unfileClaim, type Ledger } from './ledger.js';
export { claimTopics, topicCreate, topicRow, topicFilters, rulingBody, rulingRow, claimLedgerFields, ledgerSchema, ledgerTopic, ledgerClaim } from './schema.js';
export { findConflicts, type Conflict, type TopicFacts, type TopicKind } from './conflicts.js';
export { compareWithFinding, type Comparison } from './compare.js';
export { checkRuling, mayRule, TRANSITIONS, CLAIM_STATUSES, type ClaimStatus } from './workflow.js';
export {
  quantityRange, inRange, rangesOverlap, describeQuantity, describeDate, describeWindow, saidWindow, asOfWindow, describeSpeaker, ABOUT_TOLERANCE,
  type ClaimFacts, type Range, type Qualifier, type Precision,
} from './values.js';
export { extractClaims, readReport, MAX_REPORT_BYTES, type Candidate, type ReportText } from './extract/index.js';
export { ingestReport, ingestReportFile, runIngestFileJob, checkReportFile, reportSource, INLINE_REPORT_BYTES, INGEST_FILE_JOB, proposeCandidates, listCandidates, acceptCandidate, rejectCandidate, acceptBody, candidateRow, type CandidateRow } from './ingest.js';
