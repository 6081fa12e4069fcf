import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { sql } from 'kysely';
import { sqlText } from '../db/index.js';
import { Conflict } from '../problems.js';
import { copyLine, snakeCase } from './copy-text.js';
import {
  caseClaims, caseCount, caseIncidents, caseItems, caseRecord, caseSources, claim, components, externalId, incident, incidentClaim, incidentSource, item,
  organisation, plan, source, type SynthOptions, type SynthPlan, type SynthRecord,
} from './generate.js';
import { traceFollowUpComponents, traceFollowUps, traceHopComponents, traceHops, traceRequestComponents, traceRequests } from './traces.js';

/**
 * Loads a synthetic data set into the real tables with streaming `COPY … FROM STDIN`: set-based
 * (no row-at-a-time INSERT), bounded memory (rows are generated as PostgreSQL consumes them) and
 * all-or-nothing (one transaction; any failure rolls every table back). The whole load is
 * recorded as one audit entry, not one per row.
 */

const stamps = ['externalId', 'illustrative', 'visibility', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'];

interface TableLoad {
  table: string;
  /** Shown in progress when one table is loaded in two passes. */
  label?: string;
  keys: readonly string[];
  count: (p: SynthPlan) => number;
  rows: (p: SynthPlan) => Iterable<SynthRecord>;
  /** Loaded only when this table exists (it belongs to another context's migration). */
  optional?: true;
}

function* range(n: number, f: (i: number) => SynthRecord): Generator<SynthRecord> {
  for (let i = 0; i < n; i++) yield f(i);
}

function countOf(rows: Iterable<unknown>): number {
  let n = 0;
  for (const _ of rows) n++;
  return n;
}

const traceRequestKeys = ['id', 'reference', 'organisationId', 'status', 'context', 'signingOrganisation', 'notes', 'parentRequestId', 'promptedByHopId',
  'sentOn', 'acknowledgedOn', 'repliedOn', 'declinedOn', 'noReplyOn', 'closedOn', 'replyDue', 'rightOfReplyDue', 'illustrative', 'visibility',
  'createdAt', 'updatedAt', 'createdBy', 'updatedBy'];

export const TABLES: readonly TableLoad[] = [
  {
    table: 'organisations',
    keys: ['id', 'name', 'aliases', 'kind', 'country', 'parentId', 'parentFrom', 'parentTo', 'website', 'notes', ...stamps],
    count: (p) => p.counts.organisations,
    rows: (p) => range(p.counts.organisations, (i) => organisation(p, i)),
  },
  {
    table: 'sources',
    keys: ['id', 'kind', 'title', 'publisher', 'author', 'url', 'publishedOn', 'language', 'summary', ...stamps],
    count: (p) => p.counts.sources,
    rows: (p) => range(p.counts.sources, (i) => source(p, i)),
  },
  {
    table: 'claims',
    keys: ['id', 'sourceId', 'speaker', 'speakerOrganisation', 'saidOn', 'quantity', 'quantityQualifier', 'countsWhat', 'weaponType', 'place',
      'eventFrom', 'eventTo', 'quotedText', 'status', 'statusReason', 'statusBy', 'statusAt', ...stamps],
    count: (p) => p.counts.claims,
    rows: (p) => range(p.counts.claims, (i) => claim(p, i)),
  },
  {
    table: 'incidents',
    keys: ['id', 'title', 'occurredFrom', 'occurredTo', 'placeName', 'lat', 'lon', 'locationPrecision', 'locationSensitive', 'weaponTypes', 'description', ...stamps],
    count: (p) => p.counts.incidents,
    rows: (p) => range(p.counts.incidents, (i) => incident(p, i)),
  },
  {
    table: 'incident_sources',
    keys: ['incidentId', 'sourceId'],
    count: (p) => (p.counts.sources > 0 ? p.counts.incidents : 0),
    rows: (p) => range(p.counts.sources > 0 ? p.counts.incidents : 0, (k) => incidentSource(p, k)),
  },
  {
    table: 'incident_claims',
    keys: ['incidentId', 'claimId'],
    count: (p) => Math.min(p.counts.incidents, p.counts.claims),
    rows: (p) => range(Math.min(p.counts.incidents, p.counts.claims), (k) => incidentClaim(p, k)),
  },
  {
    table: 'items',
    keys: ['id', 'label', 'incidentId', 'weaponModel', 'weaponFamily', 'identificationConfidence', 'recoveredOn', 'recoveredPlace', 'recoveredLat',
      'recoveredLon', 'productionMarks', 'usedOn', 'description', ...stamps],
    count: (p) => p.counts.items,
    rows: (p) => range(p.counts.items, (j) => item(p, j)),
  },
  {
    table: 'components',
    keys: ['id', 'itemId', 'subAssembly', 'position', 'markingRaw', 'partNumber', 'makerId', 'makerCountry', 'dateCodeText', 'productionFrom',
      'productionTo', 'lot', 'category', 'hs6', 'chplTier', 'quantity', ...stamps],
    count: (p) => p.counts.components,
    rows: (p) => components(p),
  },
  // Cases (findings context, migration 0020).
  { table: 'cases', keys: ['id', 'title', 'summary', 'status', ...stamps], count: caseCount, rows: (p) => range(caseCount(p), (i) => caseRecord(p, i)), optional: true },
  { table: 'case_incidents', keys: ['caseId', 'incidentId'], count: (p) => countOf(caseIncidents(p)), rows: caseIncidents, optional: true },
  { table: 'case_items', keys: ['caseId', 'itemId'], count: (p) => countOf(caseItems(p)), rows: caseItems, optional: true },
  { table: 'case_sources', keys: ['caseId', 'sourceId'], count: (p) => countOf(caseSources(p)), rows: caseSources, optional: true },
  { table: 'case_claims', keys: ['caseId', 'claimId'], count: (p) => countOf(caseClaims(p)), rows: caseClaims, optional: true },
  // Traces (tracing context, migration 0040).
  { table: 'trace_requests', keys: traceRequestKeys, count: (p) => countOf(traceRequests(p)), rows: traceRequests, optional: true },
  { table: 'trace_request_components', keys: ['traceRequestId', 'componentId'], count: (p) => countOf(traceRequestComponents(p)), rows: traceRequestComponents, optional: true },
  {
    table: 'trace_hops',
    keys: ['id', 'traceRequestId', 'sourceId', 'sellerId', 'buyerId', 'transferDate', 'quantity', 'documentKind', 'documentRef', 'fromCountry', 'toCountry',
      'partNumber', 'lot', 'assessment', 'notes', 'illustrative', 'visibility', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'],
    count: (p) => countOf(traceHops(p)),
    rows: traceHops,
    optional: true,
  },
  { table: 'trace_hop_components', keys: ['traceHopId', 'componentId'], count: (p) => countOf(traceHopComponents(p)), rows: traceHopComponents, optional: true },
  { table: 'trace_requests', label: 'trace_requests (follow-ups)', keys: traceRequestKeys, count: (p) => countOf(traceFollowUps(p)), rows: traceFollowUps, optional: true },
  {
    table: 'trace_request_components', label: 'trace_request_components (follow-ups)', keys: ['traceRequestId', 'componentId'],
    count: (p) => countOf(traceFollowUpComponents(p)), rows: traceFollowUpComponents, optional: true,
  },
];

/** The loads that apply to this database: the optional ones only where their tables exist. */
async function applicableTables(client: pg.PoolClient): Promise<TableLoad[]> {
  const names = [...new Set(TABLES.filter((t) => t.optional).map((t) => t.table))];
  const r = await client.query<{ name: string; present: boolean }>(
    'SELECT name, to_regclass(name) IS NOT NULL AS present FROM unnest($1::text[]) AS name', [names]);
  const present = new Set(r.rows.filter((x) => x.present).map((x) => x.name));
  return TABLES.filter((t) => !t.optional || present.has(t.table));
}

export interface LoadProgress {
  table: string;
  /** Rows of this table sent so far, and in all. */
  done: number;
  total: number;
  /** Rows of every table sent so far, and in all. */
  overallDone: number;
  overallTotal: number;
}

export interface LoadOptions {
  onProgress?: (p: LoadProgress) => void;
  /**
   * When the components table is empty: drop its secondary indexes (those no constraint owns)
   * for the load and build them again after it, in the same transaction — PostgreSQL's advice for
   * populating a table. About a third faster on a million components, but it locks the table
   * against readers until the load commits: for a new or benchmark database.
   */
  rebuildIndexes?: boolean;
  /** Test hook: fail after this many rows of this table have been sent (proves the rollback). */
  failAfter?: { table: string; rows: number };
}

export interface LoadResult {
  seed: number;
  counts: Record<string, number>;
  seconds: number;
  auditSeq: number;
}

const CHUNK_BYTES = 256 * 1024;

/** COPY lines in chunks of about 256 KB, reporting progress per chunk. */
async function* copyChunks(load: TableLoad, p: SynthPlan, report: (n: number) => void, failAfter?: number): AsyncGenerator<string> {
  let buf = '';
  let pending = 0;
  let sent = 0;
  for (const row of load.rows(p)) {
    if (failAfter !== undefined && sent + pending >= failAfter) throw new Error(`synthetic failure injected after ${failAfter} rows of ${load.table}`);
    buf += copyLine(row, load.keys);
    pending++;
    if (buf.length >= CHUNK_BYTES) {
      yield buf;
      sent += pending;
      report(pending);
      buf = '';
      pending = 0;
    }
  }
  if (buf) {
    yield buf;
    report(pending);
  }
}

function tallies(loads: readonly TableLoad[], p: SynthPlan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of loads) counts[t.table] = (counts[t.table] ?? 0) + t.count(p);
  return counts;
}

/** Rows per table a load would write, if every optional table exists. */
export function synthCounts(opts: SynthOptions): Record<string, number> {
  return tallies(TABLES, plan(opts));
}

export async function loadSynthetic(pool: pg.Pool, opts: SynthOptions, options: LoadOptions = {}): Promise<LoadResult> {
  const t0 = performance.now();
  const p = plan(opts);
  const client = await pool.connect();
  let failed = false;
  try {
    const loads = await applicableTables(client);
    const counts = tallies(loads, p);
    const overallTotal = Object.values(counts).reduce((a, b) => a + b, 0);
    let overallDone = 0;
    await client.query('BEGIN');
    // Seeds are namespaces: loading one twice would duplicate every record under the same ids.
    const marker = externalId(p.seed, 'organisation', 0);
    const seen = await client.query('SELECT 1 FROM organisations WHERE external_id = $1', [marker]);
    if (seen.rowCount) throw new Conflict(`synthetic data for seed ${p.seed} is already loaded; use another --seed`);
    let rebuild: string[] = [];
    if (options.rebuildIndexes && p.counts.components > 0) {
      const empty = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM components) AS empty');
      if (empty.rows[0]!.empty) {
        const ix = await client.query<{ schema: string; name: string; def: string }>(
          `SELECT n.nspname AS schema, x.relname AS name, pg_get_indexdef(i.indexrelid) AS def
             FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_namespace n ON n.oid = x.relnamespace
            WHERE i.indrelid = 'components'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`);
        for (const r of ix.rows) {
          const drop = sqlText(sql`DROP INDEX ${sql.id(r.schema, r.name)}`);
          await client.query(drop.text, drop.values);
        }
        rebuild = ix.rows.map((r) => r.def);
      }
    }
    for (const load of loads) {
      const total = load.count(p);
      if (total === 0) continue;
      let done = 0;
      const report = (n: number) => {
        done += n;
        overallDone += n;
        options.onProgress?.({ table: load.label ?? load.table, done, total, overallDone, overallTotal });
      };
      const failAfter = options.failAfter?.table === load.table ? options.failAfter.rows : undefined;
      const columns = load.keys.map(snakeCase).join(', ');
      await pipeline(
        Readable.from(copyChunks(load, p, report, failAfter)),
        client.query(copyStreams.from(`COPY ${load.table} (${columns}) FROM STDIN`)),
      );
      if (load.table === 'components' && rebuild.length) {
        await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
        for (const def of rebuild) await client.query(def);
        rebuild = [];
      }
    }
    const audit = await client.query<{ seq: string }>(
      `SELECT remnant_audit($1::uuid, 'create', 'synthetic_data', $2, NULL, $3::jsonb) AS seq`,
      ['00000000-0000-0000-0000-000000000001', `seed:${p.seed}`, JSON.stringify({ seed: p.seed, counts, externalIdPrefix: `synth:${p.seed}:` })],
    );
    await client.query('COMMIT');
    return { seed: p.seed, counts, seconds: (performance.now() - t0) / 1000, auditSeq: Number(audit.rows[0]!.seq) };
  } catch (err) {
    failed = true;
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    // A connection whose COPY failed half-way is not reused.
    client.release(failed ? true : undefined);
  }
}

/** Refreshes planner statistics after a bulk load (outside any transaction). */
export async function analyseSynthetic(pool: pg.Pool): Promise<void> {
  const tables = [...new Set(TABLES.map((t) => t.table))];
  const r = await pool.query<{ name: string }>('SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NOT NULL', [tables]);
  for (const { name } of r.rows) await pool.query(`ANALYZE ${name}`);
}
