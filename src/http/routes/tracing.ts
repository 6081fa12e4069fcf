import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams, isoDate, pageOf, paging, text, visibility } from '../../fields.js';
import * as tracing from '../../tracing/index.js';
import { Unauthorized, ValidationProblem } from '../../problems.js';
import { scopeFromQuery } from '../../scope.js';
import { readSingleFile } from '../multipart.js';
import type { Actor } from '../../access/index.js';
import { localiseChainWarnings } from '../../messages/index.js';
import { requestLanguage } from '../language.js';

/**
 * Tracing API: trace requests and their status machine, letters, replies recorded as transfers,
 * chains, the graph across chains, findings and the FollowTheMoney export.
 */

const s = tracing.schemas;
const tags = ['tracing'];
const correspondenceRow = z.object({
  id, sha256: z.string(), originalName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), caption: z.string().nullable(),
  traceRequestId: id, illustrative: z.boolean(), visibility, createdAt: z.string(), updatedAt: z.string(), createdBy: id, updatedBy: id,
});

export default async function tracingRoutes(app: App): Promise<void> {
  const today = () => tracing.utcToday();
  const writer = (actor: Actor | null): Actor => {
    if (!actor) throw new Unauthorized('sign in to change trace requests');
    return actor;
  };

  // -- Trace requests ------------------------------------------------------------------------

  const listQuery = z.object({
    status: s.traceStatus.optional(),
    organisationId: id.optional(),
    componentId: id.optional(),
    illustrative: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    ...paging,
  });
  app.get('/api/trace-requests', {
    schema: { tags, summary: 'List trace requests', operationId: 'list_trace_requests', querystring: listQuery, response: { 200: pageOf(s.traceRequestRow) } },
  }, async (req) => tracing.listRequests(app.db, req.actor, req.query, today()));

  app.get('/api/trace-requests/overdue', {
    schema: {
      tags, summary: 'Requests still waiting for an answer after their reply due date (sent + 28 days)', operationId: 'overdue_trace_requests',
      querystring: z.object({ on: isoDate.optional() }),
      response: { 200: z.object({ on: z.string(), data: z.array(s.traceRequestRow) }) },
    },
  }, async (req) => {
    const on = req.query.on ?? today();
    return { on, data: await tracing.overdueRequests(app.db, req.actor, on) };
  });

  app.get('/api/trace-requests/:id', {
    schema: { tags, summary: 'Get one trace request', operationId: 'get_trace_request', params: idParams, response: { 200: s.traceRequestRow } },
  }, async (req) => tracing.getRequest(app.db, req.actor, req.params.id, today()));

  app.post('/api/trace-requests', {
    schema: { tags, summary: 'Create a trace request (a draft) to an organisation about components', operationId: 'create_trace_request', body: s.traceRequestCreate, response: { 201: s.traceRequestRow } },
  }, async (req, reply) => reply.status(201).send(await tracing.createRequest(app.db, writer(req.actor), req.body, today())));

  app.patch('/api/trace-requests/:id', {
    schema: {
      tags, summary: 'Change a trace request (addressee, components, context and signatory only while a draft)', operationId: 'update_trace_request',
      params: idParams, body: s.traceRequestUpdate, response: { 200: s.traceRequestRow },
    },
  }, async (req) => tracing.updateRequest(app.db, writer(req.actor), req.params.id, req.body, today()));

  app.delete('/api/trace-requests/:id', {
    schema: { tags, summary: 'Delete a draft trace request', operationId: 'delete_trace_request', params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await tracing.deleteRequest(app.db, writer(req.actor), req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/trace-requests/:id/transition', {
    schema: {
      tags, summary: 'Move a trace request to another status (sent, acknowledged, replied, declined, no_reply, closed)', operationId: 'transition_trace_request',
      description: 'An invalid transition is a 409 problem listing the allowed ones; a bad date is a 400 naming `on`.',
      params: idParams, body: s.transitionBody, response: { 200: s.traceRequestRow },
    },
  }, async (req) => tracing.transitionRequest(app.db, writer(req.actor), req.params.id, req.body, today()));

  app.post('/api/trace-requests/:id/dates', {
    schema: {
      tags, summary: 'Correct the recorded dates of a request\'s events (sent, acknowledged, replied, declined, no reply, closed), with a reason; deadlines follow',
      operationId: 'correct_trace_request_dates',
      description: 'Each refused date is a 400 naming its field (future dates, events out of order, an event that has not happened).',
      params: idParams, body: s.correctDatesBody, response: { 200: s.traceRequestRow },
    },
  }, async (req) => tracing.correctRequestDates(app.db, writer(req.actor), req.params.id, req.body, today()));

  app.post('/api/trace-requests/:id/replies', {
    schema: {
      tags, summary: 'Record a reply: the transfers it names (seller → buyer) and optionally a follow-up request to the next holder, in one transaction',
      operationId: 'record_trace_reply', params: idParams, body: s.replyBody,
      response: { 201: z.object({ request: s.traceRequestRow, hops: z.array(s.hopRow), followUp: s.traceRequestRow.nullable(), createdOrganisationIds: z.array(id) }) },
    },
  }, async (req, reply) => reply.status(201).send(await tracing.recordReply(app.db, writer(req.actor), req.params.id, req.body, today())));

  app.get('/api/trace-requests/:id/letter.txt', {
    schema: { tags, summary: 'The request letter as plain text (English)', operationId: 'trace_request_letter_text', params: idParams },
  }, async (req, reply) => {
    const data = await tracing.letterData(app.db, req.actor, req.params.id, today());
    return reply.type('text/plain; charset=utf-8').header('content-disposition', `inline; filename="${data.reference}.txt"`).send(tracing.letterText(data));
  });

  app.get('/api/trace-requests/:id/letter.pdf', {
    schema: { tags, summary: 'The request letter as PDF: component table, photos, case context, deadlines', operationId: 'trace_request_letter_pdf', params: idParams },
  }, async (req, reply) => {
    const data = await tracing.letterData(app.db, req.actor, req.params.id, today());
    const pdf = await tracing.letterPdf(data);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${data.reference}.pdf"`).send(pdf);
  });

  app.get('/api/trace-requests/:id/correspondence', {
    schema: { tags, summary: 'Correspondence filed with a trace request', operationId: 'list_trace_correspondence', params: idParams, response: { 200: z.object({ data: z.array(correspondenceRow) }) } },
  }, async (req) => ({ data: await tracing.listCorrespondence(app.db, req.actor, req.params.id) }));

  app.post('/api/trace-requests/:id/correspondence', {
    schema: {
      tags, summary: 'File correspondence (letter sent, reply, invoice) as an evidence file, restricted by default (multipart/form-data: field "file", optional caption and visibility)',
      operationId: 'upload_trace_correspondence', consumes: ['multipart/form-data'], params: idParams, response: { 201: correspondenceRow },
    },
  }, async (req, reply) => {
    const actor = writer(req.actor);
    const { file, fields } = await readSingleFile(req);
    const parsed = z.object({ caption: text(2000).optional(), visibility: s.correspondenceVisibility.optional() }).safeParse(fields);
    if (!parsed.success) throw new ValidationProblem(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })));
    const row = await tracing.storeCorrespondence(app.db, actor, req.params.id, { content: file.content, originalName: file.name, ...parsed.data });
    return reply.status(201).send(row);
  });

  // -- Transfers (hops) ----------------------------------------------------------------------

  app.get('/api/trace-hops', {
    schema: {
      tags, summary: 'List transfers (seller → buyer) recorded from replies or other sources', operationId: 'list_trace_hops',
      querystring: z.object({ componentId: id.optional(), traceRequestId: id.optional(), organisationId: id.optional(), ...paging }), response: { 200: pageOf(s.hopRow) },
    },
  }, async (req) => tracing.listHops(app.db, req.actor, req.query));

  app.get('/api/trace-hops/:id', {
    schema: { tags, summary: 'Get one transfer', operationId: 'get_trace_hop', params: idParams, response: { 200: s.hopRow } },
  }, async (req) => tracing.getHop(app.db, req.actor, req.params.id));

  app.post('/api/trace-hops', {
    schema: { tags, summary: 'Record a transfer known from another source (customs data, a court file)', operationId: 'create_trace_hop', body: s.hopCreate, response: { 201: s.hopRow } },
  }, async (req, reply) => reply.status(201).send(await tracing.createHop(app.db, writer(req.actor), req.body)));

  app.patch('/api/trace-hops/:id', {
    schema: {
      tags, summary: 'Change a transfer (assessment, date, documents; not its seller, buyer or components)', operationId: 'update_trace_hop',
      params: idParams, body: s.hopUpdate, response: { 200: s.hopRow },
    },
  }, async (req) => tracing.updateHop(app.db, writer(req.actor), req.params.id, req.body));

  app.delete('/api/trace-hops/:id', {
    schema: { tags, summary: 'Delete a transfer', operationId: 'delete_trace_hop', params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await tracing.deleteHop(app.db, writer(req.actor), req.params.id);
    return reply.status(204).send(null);
  });

  // -- Chains, graph, findings, export -------------------------------------------------------

  app.get('/api/chains', {
    schema: {
      tags, summary: 'Chains from maker to last known holder, for one component or every component of a lot', operationId: 'get_chains',
      querystring: z.object({ componentId: id.optional(), lot: text(200).min(1).optional(), partNumber: text(200).optional() }),
      response: { 200: z.object({ data: z.array(s.chainSchema) }) },
    },
  }, async (req) => {
    const q = req.query;
    if ((q.componentId === undefined) === (q.lot === undefined)) {
      throw new ValidationProblem([{ field: 'componentId', message: 'give either componentId or lot (optionally with partNumber)' }]);
    }
    return localiseChainWarnings({ data: await tracing.chainsFor(app.db, req.actor, q) }, () => requestLanguage(req));
  });

  app.get('/api/tracing/graph', {
    schema: {
      tags, summary: 'Holders and transfers across chains; `shared` marks intermediaries several chains pass through', operationId: 'tracing_graph',
      querystring: s.scopeQuery, response: { 200: s.graphSchema },
    },
  }, async (req) => tracing.tracingGraph(app.db, req.actor, scopeFromQuery(req.query)));

  app.get('/api/tracing/findings', {
    schema: {
      tags, summary: 'Findings fed by chains: share of traced components by intermediary country and M49 region, maker sale to recovery, shared intermediaries',
      operationId: 'tracing_findings', querystring: s.scopeQuery, response: { 200: s.findingsSchema },
    },
  }, async (req) => tracing.tracingFindings(app.db, req.actor, scopeFromQuery(req.query)));

  app.get('/api/tracing/export.ftm.jsonl', {
    schema: {
      tags, summary: 'Chains as FollowTheMoney entities, one JSON object per line (mapping in docs/tracing.md)', operationId: 'tracing_export_ftm',
      querystring: s.scopeQuery,
    },
  }, async (req, reply) => {
    const rows = await tracing.ftmRows(app.db, req.actor, scopeFromQuery(req.query));
    const body = tracing.toFtm(rows.orgs, rows.hops).map((e) => JSON.stringify(e)).join('\n');
    return reply.type('application/x-ndjson; charset=utf-8').header('content-disposition', 'attachment; filename="remnant-chains.ftm.jsonl"').send(body ? body + '\n' : '');
  });
}
