/**
 * Tracing shapes, inferred from the server's zod schemas (src/tracing/schemas.ts, which imports no
 * database code). Type-only: nothing of the server reaches the bundle.
 */
import type { z } from 'zod';
import type { chainSchema, graphSchema, hopRow, traceRequestRow } from '../../tracing/schemas.js';

export type TraceRequest = z.infer<typeof traceRequestRow>;
export type Hop = z.infer<typeof hopRow>;
export type Chain = z.infer<typeof chainSchema>;
export type Graph = z.infer<typeof graphSchema>;

export const TRACE_STATUSES = ['draft', 'sent', 'acknowledged', 'replied', 'declined', 'no_reply', 'closed'] as const;

export const PHASE_TONE: Record<string, 'red' | 'amber' | 'green' | 'neutral'> = { reply_overdue: 'red', right_of_reply_expired: 'amber', answered: 'green' };
export const CHAIN_TONE: Record<string, 'red' | 'amber' | 'green' | 'neutral'> = { diverted: 'red', broken: 'amber', open: 'neutral', untraced: 'neutral' };
