import type { TypedDB as DB } from '../db/index.js';
import { assertCanWrite, readableBy, type Actor, type Visibility } from '../access/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { sha256Hex, sniffMediaType } from '../evidence/index.js';
import { NotFound, ValidationProblem } from '../problems.js';
import { addDays, REPLY_DAYS, RIGHT_OF_REPLY_DAYS } from './deadlines.js';
import { DEFAULT_SIGNATORY, type LetterData, type LetterPhoto } from './letter.js';
import { anyUuid } from './store-common.js';
import { getRequest } from './requests-store.js';
import { lockRequest } from './request-rows.js';

/** Letters and correspondence: the data a trace request letter needs, and files filed with a request. */

const PHOTOS_PER_COMPONENT = 3;
const PHOTOS_PER_LETTER = 12;

export async function letterData(db: DB, actor: Actor | null, id: string, today: string): Promise<LetterData> {
  const req = await getRequest(db, actor, id, today);
  const org = await db.selectFrom('organisations').select(['name', 'country']).where('id', '=', req.organisationId).where(readableBy(actor)).executeTakeFirst();
  const comps = req.componentIds.length
    ? await db.selectFrom('components as c').leftJoin('organisations as m', 'm.id', 'c.makerId')
      .select(['c.id', 'c.itemId', 'c.partNumber', 'c.markingRaw', 'c.lot', 'c.serial', 'c.dateCodeText', 'c.quantity', 'm.name as makerName'])
      .where('c.id', '=', anyUuid(req.componentIds)).where(readableBy(actor, 'c'))
      .orderBy('c.partNumber', (ob) => ob.asc().nullsLast()).orderBy('c.id').execute()
    : [];
  const itemIds = [...new Set(comps.map((c) => c.itemId))];
  const items = itemIds.length
    ? await db.selectFrom('items').select(['label', 'weaponModel', 'recoveredOn', 'incidentId'])
      .where('id', '=', anyUuid(itemIds)).where(readableBy(actor)).orderBy('label').execute()
    : [];
  const incidentIds = [...new Set(items.map((i) => i.incidentId).filter((i): i is string => !!i))];
  // The incident's date and place go in only if the reader may see the incident, and the place only if it is not sensitive.
  const incidents = new Map((incidentIds.length
    ? await db.selectFrom('incidents').select(['id', 'title', 'occurredFrom', 'placeName', 'locationSensitive'])
      .where('id', '=', anyUuid(incidentIds)).where(readableBy(actor)).execute()
    : []).map((n) => [n.id, n]));
  const photoRows = comps.length
    ? await db.selectFrom('evidenceFiles').select(['id', 'componentId', 'caption', 'mediaType', 'sha256'])
      .where('componentId', '=', anyUuid(comps.map((c) => c.id))).where('mediaType', 'in', ['image/jpeg', 'image/png'])
      .where(readableBy(actor)).orderBy('createdAt').orderBy('id').execute()
    : [];
  const number = new Map(comps.map((c, i) => [c.id, i + 1]));
  const perComponent = new Map<string, number>();
  const photos: LetterPhoto[] = [];
  for (const p of photoRows) {
    const n = perComponent.get(p.componentId as string) ?? 0;
    if (n >= PHOTOS_PER_COMPONENT || photos.length >= PHOTOS_PER_LETTER) continue;
    const blob = await db.selectFrom('blobs').select('content').where('sha256', '=', p.sha256).executeTakeFirst();
    // A photo whose bytes no longer match their hash is not sent to anyone.
    if (!blob || sha256Hex(blob.content) !== p.sha256) continue;
    perComponent.set(p.componentId as string, n + 1);
    photos.push({ componentNumber: number.get(p.componentId as string)!, caption: p.caption, mediaType: p.mediaType as 'image/jpeg' | 'image/png', content: blob.content });
  }
  photos.sort((a, b) => a.componentNumber - b.componentNumber);
  let priorTransfer: LetterData['priorTransfer'] = null;
  if (req.promptedByHopId) {
    const hop = await db.selectFrom('traceHops as h').leftJoin('organisations as s', 's.id', 'h.sellerId')
      .select(['h.transferDate', 'h.quantity', 'h.documentRef', 's.name as sellerName']).where('h.id', '=', req.promptedByHopId).executeTakeFirst();
    if (hop) priorTransfer = { sellerName: hop.sellerName, date: hop.transferDate, quantity: hop.quantity, documentRef: hop.documentRef };
  }
  const letterDate = req.sentOn ?? today;
  return {
    reference: req.reference,
    status: req.status,
    letterDate,
    replyDue: req.replyDue ?? addDays(letterDate, REPLY_DAYS),
    rightOfReplyDue: req.rightOfReplyDue ?? addDays(letterDate, REPLY_DAYS + RIGHT_OF_REPLY_DAYS),
    signingOrganisation: req.signingOrganisation ?? DEFAULT_SIGNATORY,
    addressee: { name: (org?.name) ?? '(organisation withheld)', country: (org?.country) ?? null },
    context: req.context,
    items: items.map((i) => {
      const n = i.incidentId ? incidents.get(i.incidentId) : undefined;
      return {
        label: i.label, weaponModel: i.weaponModel, recoveredOn: i.recoveredOn,
        incidentTitle: (n?.title) ?? null, incidentDate: (n?.occurredFrom) ?? null,
        place: n && !n.locationSensitive ? ((n.placeName) ?? null) : null,
      };
    }),
    components: comps.map((c) => ({
      partNumber: c.partNumber, markingRaw: c.markingRaw, lot: c.lot, serial: c.serial,
      dateCode: c.dateCodeText, quantity: c.quantity, makerName: c.makerName,
    })),
    photos,
    priorTransfer,
    illustrative: req.illustrative,
  };
}

export const CORRESPONDENCE_COLUMNS = [
  'id', 'sha256', 'originalName', 'mediaType', 'sizeBytes', 'caption', 'traceRequestId', 'illustrative', 'visibility', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;

/**
 * Stores a letter sent or a reply received as an evidence file linked to the request, restricted
 * unless said otherwise. Same content addressing as every evidence file; no EXIF is read because
 * correspondence is documents, not field photos.
 */
export async function storeCorrespondence(db: DB, actor: Actor, requestId: string, file: { content: Buffer; originalName: string; caption?: string | null; visibility?: Visibility }) {
  assertCanWrite(actor, 'create', undefined, { recordType: 'evidence-files', visibility: file.visibility });
  const mediaType = await sniffMediaType(file.content);
  if (!mediaType) throw new ValidationProblem([{ field: 'file', message: 'this type of file is not accepted; upload a PDF, an image or plain text' }]);
  const sha = sha256Hex(file.content);
  const name = file.originalName.replace(/[\u0000-\u001f]/g, '').slice(0, 500) || 'unnamed';
  return audited(db, async (trx) => {
    const req = await lockRequest(trx, actor, requestId);
    await trx.insertInto('blobs').values({ sha256: sha, sizeBytes: file.content.length, content: file.content }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    const row = await trx.insertInto('evidenceFiles').values({
      sha256: sha, originalName: name, mediaType, sizeBytes: file.content.length, caption: file.caption ?? null, traceRequestId: requestId,
      visibility: file.visibility ?? 'restricted', illustrative: req.illustrative, createdBy: actor.id, updatedBy: actor.id,
    }).returning([...CORRESPONDENCE_COLUMNS]).$narrowType<{ traceRequestId: string }>().executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: 'evidence-files', recordId: row.id, after: row });
    return row;
  });
}

export async function listCorrespondence(db: DB, actor: Actor | null, requestId: string) {
  const req = await db.selectFrom('traceRequests').select('id').where('id', '=', requestId).where(readableBy(actor)).executeTakeFirst();
  if (!req) throw new NotFound('trace request', requestId);
  return db.selectFrom('evidenceFiles').select([...CORRESPONDENCE_COLUMNS]).where('traceRequestId', '=', requestId).$narrowType<{ traceRequestId: string }>().where(readableBy(actor))
    .orderBy('createdAt').orderBy('id').execute();
}
