/**
 * The ruling workflow. A claim starts unverified; a reviewer rules it corroborated, disputed or
 * refuted, always with a reason. A ruled claim can be reopened (back to unverified) or challenged
 * (to disputed), but never flipped straight between corroborated and refuted: a reversal goes
 * through "disputed", so the record shows that the earlier ruling was contested before it fell.
 * Who may rule is the access policy's `rule` action (reviewers and admins). Pure.
 */
import { can, type Role } from '../access/index.js';
import type { FieldError } from '../problems.js';

export type ClaimStatus = 'unverified' | 'corroborated' | 'disputed' | 'refuted';
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['unverified', 'corroborated', 'disputed', 'refuted'];

export const TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  unverified: ['corroborated', 'disputed', 'refuted'],
  disputed: ['corroborated', 'refuted', 'unverified'],
  corroborated: ['disputed', 'unverified'],
  refuted: ['disputed', 'unverified'],
};

export function mayRule(role: Role): boolean {
  return can(role, 'rule');
}

/** What is wrong with a requested ruling, field by field (empty when it may proceed). */
export function checkRuling(from: ClaimStatus, to: ClaimStatus, reason: string): FieldError[] {
  const errors: FieldError[] = [];
  if (from === to) errors.push({ field: 'status', message: `the claim is already ${to}` });
  else if (!TRANSITIONS[from].includes(to)) {
    errors.push({ field: 'status', message: `a ${from} claim can become ${TRANSITIONS[from].join(', ')}; rule it disputed first to reverse the ruling` });
  }
  if (reason.trim().length === 0) errors.push({ field: 'reason', message: 'a ruling needs a reason' });
  return errors;
}
