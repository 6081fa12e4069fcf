import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import { SYSTEM_ACTOR } from '../access/index.js';
import { recordWrite, type Audited } from '../audit/index.js';
import { addDays, today as utcToday } from '../calendar/index.js';
import { createRequestIn, recordReplyIn, transitionRequestIn, type HopInput } from '../tracing/index.js';

/**
 * Illustrative traces for the demo case: requests to the makers of some of the demo components,
 * replies naming distributors in East Asia, follow-ups, a refusal, a silence and a suspected
 * diversion, so that every tracing view has something to show. Everything written here is
 * `illustrative = true`, and every distributor and broker is a fictional company whose name says
 * so: the method is real, these chains are not. The components are looked up in the database (the
 * demo case is loaded first), never imported from its source.
 */

const SIGNATORY = 'Remnant demo investigation (illustrative)';
const CONTEXT =
  'This is an illustrative request generated for the Remnant demo case. It shows how a trace request is written; ' +
  'it has not been sent to anyone, and the replies recorded against it are invented.';

/** Fictional holders: names chosen to be obviously invented, none a real company. */
const HOLDERS = {
  harbour: { name: 'Harbour Line Components Ltd (illustrative)', kind: 'distributor', country: 'HK' },
  straits: { name: 'Straits Electronic Supply Pte (illustrative)', kind: 'distributor', country: 'SG' },
  formosa: { name: 'Formosa Parts Distribution Co (illustrative)', kind: 'distributor', country: 'TW' },
  pearl: { name: 'Pearl Delta Trading Co (illustrative)', kind: 'broker', country: 'CN' },
  bridge: { name: 'Golden Bridge Import-Export Ltd (illustrative)', kind: 'broker', country: 'HK' },
} as const;
type HolderKey = keyof typeof HOLDERS;

interface Step {
  /** The holder who receives the part from the previous holder (the first step's seller is the maker). */
  to: HolderKey;
  sold: string;
  assessment: 'legal' | 'diversion_suspected' | 'unknown';
  document: string;
}

interface Scenario {
  label: string;
  steps: Step[];
  /** How the request to the last holder ends: no reply, a refusal, or still waiting. */
  end: 'no_reply' | 'declined_by_maker' | 'awaiting' | 'diverted';
}

/** Four patterns that recur in published tracing work; Harbour Line sits in three of them (a shared intermediary). */
const SCENARIOS: Scenario[] = [
  {
    label: 'via Hong Kong to a broker in mainland China, who did not reply',
    steps: [
      { to: 'harbour', sold: '2021-11-08', assessment: 'legal', document: 'INV-HL-21-0457' },
      { to: 'pearl', sold: '2022-02-14', assessment: 'legal', document: 'HL-SO-2202-118' },
    ],
    end: 'no_reply',
  },
  {
    label: 'via Singapore and Hong Kong to a trading company where the part left legal trade',
    steps: [
      { to: 'straits', sold: '2022-05-19', assessment: 'legal', document: 'INV-SES-22-3310' },
      { to: 'harbour', sold: '2022-08-02', assessment: 'legal', document: 'SES-EXP-0822-07' },
      { to: 'bridge', sold: '2022-10-21', assessment: 'diversion_suspected', document: 'HL-SO-2210-031' },
    ],
    end: 'diverted',
  },
  {
    label: 'via Taiwan, follow-up still unanswered',
    steps: [{ to: 'formosa', sold: '2022-09-30', assessment: 'legal', document: 'INV-FPD-22-0912' }],
    end: 'awaiting',
  },
  {
    label: 'maker declined to answer',
    steps: [],
    end: 'declined_by_maker',
  },
  {
    label: 'via Hong Kong again, to the same broker',
    steps: [
      { to: 'harbour', sold: '2022-03-22', assessment: 'legal', document: 'INV-HL-22-0190' },
      { to: 'pearl', sold: '2022-06-09', assessment: 'legal', document: 'HL-SO-2206-044' },
    ],
    end: 'no_reply',
  },
];

/** Letters go out on fixed dates after the Kharkiv strike of 2 January 2024; replies follow within the deadlines. */
const FIRST_LETTER = '2024-03-04';

async function holderIds(trx: Audited<DB>): Promise<Record<HolderKey, string>> {
  const out = {} as Record<HolderKey, string>;
  for (const [key, h] of Object.entries(HOLDERS) as [HolderKey, (typeof HOLDERS)[HolderKey]][]) {
    const found = await trx.selectFrom('organisations').select('id').where('name', '=', h.name).where('illustrative', '=', true).executeTakeFirst();
    if (found) {
      out[key] = found.id;
      continue;
    }
    const row = await trx.insertInto('organisations')
      .values({ name: h.name, kind: h.kind, country: h.country, illustrative: true, visibility: 'internal', notes: 'Fictional company in the illustrative demo traces.', createdBy: SYSTEM_ACTOR.id, updatedBy: SYSTEM_ACTOR.id })
      .returningAll().executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: SYSTEM_ACTOR.id, action: 'create', recordType: 'organisations', recordId: row.id, after: row });
    out[key] = row.id;
  }
  return out;
}

/**
 * Picks up to five illustrative demo components whose maker is known, spread over makers and
 * items, and traces each through one scenario. Returns a one-line summary. Does nothing when there
 * are no such components or illustrative traces already exist.
 */
export async function loadDemoTraces(trx: Audited<DB>): Promise<string> {
  const existing = await trx.selectFrom('traceRequests').select('id').where('illustrative', '=', true).limit(1).executeTakeFirst();
  if (existing) return 'illustrative traces already present';
  // Raw SQL rows come back camelCased by the CamelCasePlugin, like every other row.
  const candidates = await sql<{ id: string; makerId: string; itemId: string }>`
    SELECT id, maker_id, item_id FROM (
      SELECT c.id, c.maker_id, c.item_id,
             row_number() OVER (PARTITION BY c.maker_id ORDER BY c.part_number NULLS LAST, c.id) AS per_maker
        FROM components c JOIN organisations m ON m.id = c.maker_id
       WHERE c.illustrative AND m.kind = 'manufacturer') x
     ORDER BY per_maker, item_id, id
     LIMIT ${SCENARIOS.length}`.execute(trx);
  if (candidates.rows.length === 0) return 'no illustrative components with a known maker to trace';

  const holders = await holderIds(trx);
  const today = utcToday();
  const actor = SYSTEM_ACTOR;
  let requests = 0;
  let hops = 0;
  for (const [i, comp] of candidates.rows.entries()) {
    const sc = SCENARIOS[i]!;
    let sent = addDays(FIRST_LETTER, i * 7);
    let requestId = await createRequestIn(trx, actor, {
      organisationId: comp.makerId, componentIds: [comp.id], context: CONTEXT, signingOrganisation: SIGNATORY,
      notes: `Illustrative scenario: ${sc.label}.`, illustrative: true, visibility: 'internal',
    });
    requests++;
    await transitionRequestIn(trx, actor, requestId, { to: 'sent', on: sent }, today);
    if (sc.end === 'declined_by_maker') {
      await transitionRequestIn(trx, actor, requestId, { to: 'declined', on: addDays(sent, 21), note: 'Illustrative: the maker declined to share customer information.' }, today);
      continue;
    }
    let seller: string = comp.makerId;
    for (const [k, step] of sc.steps.entries()) {
      const last = k === sc.steps.length - 1;
      await transitionRequestIn(trx, actor, requestId, { to: 'acknowledged', on: addDays(sent, 3) }, today);
      const hop: HopInput = {
        sellerId: seller, buyerId: holders[step.to], transferDate: step.sold, quantity: 100 * (k + 1) + 20 * i, documentKind: 'invoice', documentRef: step.document,
        toCountry: HOLDERS[step.to].country, assessment: step.assessment,
        notes: 'Illustrative transfer, invented for the demo.',
      };
      // The diverting sale is known from the seller's own reply, not a follow-up: nobody is asked after it.
      const followUp = !(last && sc.end === 'diverted');
      const out = await recordReplyIn(trx, actor, requestId, { outcome: 'replied', on: addDays(sent, 18), hops: [hop], ...(followUp ? { followUp: {} } : {}), note: 'Illustrative reply.' }, today);
      hops += out.hopIds.length;
      seller = holders[step.to];
      if (!out.followUpId) break;
      requestId = out.followUpId;
      requests++;
      sent = addDays(sent, 35);
      await transitionRequestIn(trx, actor, requestId, { to: 'sent', on: sent }, today);
    }
    if (sc.end === 'no_reply') {
      await transitionRequestIn(trx, actor, requestId, { to: 'no_reply', on: addDays(sent, 29), note: 'Illustrative: no answer by the reply date.' }, today);
    } else if (sc.end === 'awaiting') {
      await transitionRequestIn(trx, actor, requestId, { to: 'acknowledged', on: addDays(sent, 5) }, today);
    }
  }
  return `illustrative traces: ${requests} requests, ${hops} transfers for ${candidates.rows.length} components`;
}
