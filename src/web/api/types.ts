/**
 * Record shapes, inferred from the server's own zod schemas so that the web app and the API cannot
 * drift apart silently: a renamed column breaks the web type-check, not the page at run time.
 * Type-only imports: no server code reaches the bundle.
 */
import type { z } from 'zod';
import type { Answer } from './typed';
import type {
  claimRow, componentRow, custodyEventRow, evidenceFileRow, incidentRow, itemRow, organisationRow, sourceRow,
} from '../../evidence/resources.js';

export type Organisation = z.infer<typeof organisationRow>;
export type Source = z.infer<typeof sourceRow>;
export type Claim = z.infer<typeof claimRow>;
export type Incident = z.infer<typeof incidentRow>;
export type Item = z.infer<typeof itemRow>;
export type CustodyEvent = z.infer<typeof custodyEventRow>;
export type Component = z.infer<typeof componentRow>;
export type EvidenceFile = z.infer<typeof evidenceFileRow>;
/** GET /api/evidence-files/:id/checks: EXIF plausibility warnings and near duplicates. */
export type PhotoChecks = Answer<'evidence_file_checks'>;

export interface Page<T> {
  data: T[];
  total: number;
  /** Absent or true: exact. False: more than 10,000 match and `total` is an estimate. */
  totalExact?: boolean;
  limit: number;
  offset: number;
}

/** The signed-in account as `GET /api/auth/me` answers it (generated from the OpenAPI document). */
export type User = NonNullable<Answer<'me'>['user']>;

export interface Session {
  user: User | null;
  csrfToken: string | null;
  /** The route permissions the server grants this caller (public, read, write, edit, review, admin). */
  permissions: Answer<'me'>['permissions'];
}

export type ResourceName = 'organisations' | 'sources' | 'claims' | 'incidents' | 'items' | 'custody-events' | 'components';
