/**
 * Cases: investigations that group incidents, items, sources and claims. CRUD goes through the
 * evidence store (audited, visibility-filtered) with the `cases` spec; membership has its own
 * add/remove writes. Findings over a case: `computeFindings(db, actor, { kind: 'case', id })`.
 *
 * Why a context of its own rather than part of findings: a case is a record people create, edit
 * and publish, with its own permissions and audit trail; findings only read it as a scope. Claims
 * and the demo loader link to cases too, and neither should depend on the findings engine for that.
 */
export { cases, caseCreate, caseRow, caseFilters, caseStatus, memberKind, MEMBER_KINDS, type MemberKind } from './spec.js';
export { addMembers, removeMember, type MemberInput } from './members.js';
