import type { Actor } from './index.js';

/**
 * Who may see a job (its progress, result, problem and the upload behind it): the account that
 * started it, and admins. A job carries the uploaded file and the problems found in it, which can
 * quote restricted records, so other users — reviewers included — do not see it exist.
 */
export function canSeeJob(actor: Actor | null, ownerId: string): boolean {
  return actor !== null && (actor.id === ownerId || actor.role === 'admin');
}
