import SVGtoPDF from 'svg-to-pdfkit';
import type { DB } from '../db/index.js';
import type { InstanceIdentity } from '../bundles/index.js';
import { breakdownChart } from './charts.js';
import { incidentsBaseMap } from './basemap.js';
import { describeCaptureTime } from '../evidence/index.js';
import { photoFor, type PackageData } from './gather.js';
import { pngProblem } from './images.js';
import type { Actor } from '../access/index.js';
import type { Language } from '../messages/index.js';
import { wordsFor, type Words } from './words.js';

type Row = Record<string, unknown>;
type Doc = PDFKit.PDFDocument;

const MARGIN = 48;

function heading(doc: Doc, w: Words, text: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.8).font(w.fonts.bold).fontSize(14).fillColor('#1d3557').text(w.t(text)).moveDown(0.3).font(w.fonts.body).fontSize(9).fillColor('black');
}

/** A plain table: fixed column widths, rows wrapped, a new page (with the header again) when full. */
function table(doc: Doc, w: Words, columns: { label: string; width: number }[], rows: string[][]): void {
  const x0 = MARGIN;
  const t = w.t;
  const line = (cells: string[], bold: boolean) => {
    const font = () => doc.font(bold ? w.fonts.bold : w.fonts.body).fontSize(7.5);
    font();
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(t(c) || ' ', { width: columns[i]!.width - 4 }))) + 3;
    if (doc.y + h > doc.page.height - MARGIN) {
      doc.addPage();
      if (!bold) line(columns.map((c) => c.label), true);
      font(); // the header row left its bold face behind
    }
    const y = doc.y;
    let x = x0;
    cells.forEach((c, i) => {
      doc.text(t(c), x + 2, y + 1, { width: columns[i]!.width - 4 });
      x += columns[i]!.width;
    });
    doc.moveTo(x0, y + h).lineTo(x, y + h).lineWidth(0.3).strokeColor('#bbbbbb').stroke();
    doc.x = x0;
    doc.y = y + h;
  };
  line(columns.map((c) => c.label), true);
  for (const r of rows) line(r, false);
  doc.font(w.fonts.body).fontSize(9);
}

function chart(doc: Doc, w: Words, svg: string | null, height = 220): void {
  if (!svg) return;
  if (doc.y + height + 10 > doc.page.height - MARGIN) doc.addPage();
  // The chart's text in the package's own fonts where they are embedded (Cyrillic labels).
  const fonts = w.fonts.files ? { fontCallback: (_family: string, bold: boolean) => (bold ? w.fonts.bold : w.fonts.body) } : {};
  SVGtoPDF(doc, svg, MARGIN, doc.y, { width: 480, height, assumePt: true, ...fonts });
  doc.y += height + 8;
  doc.x = MARGIN;
}

/** Confirmed when a person confirmed every derived field in force, else the engine's suggestion. */
function statusOf(c: Row): 'recorded' | 'confirmed' | 'suggested' {
  const fs = (c.fieldStatus ?? {}) as Record<string, { state?: string }>;
  const states = Object.values(fs).map((s) => s?.state);
  if (!states.length) return 'recorded';
  return states.every((s) => s === 'confirmed') ? 'confirmed' : 'suggested';
}

export interface RenderOptions {
  /** The one timestamp that differs between two packages of the same data: the cover's and the PDF's CreationDate (and so its ID). */
  producedAt: Date;
  instance: InstanceIdentity;
  /** Who the package is for: photos are read as this actor downloads them (null: the public's copy, without metadata). */
  actor: Actor | null;
  /** The package's language (issue 24); default English. Trace request letters are not quoted here, and stay English where they are. */
  language?: Language;
}

/** Renders a package. Same data and same `producedAt` give the same bytes (tested). */
export async function renderPackage(db: DB, d: PackageData, opts: RenderOptions): Promise<{ pdf: Buffer; recordIds: string[]; fileHashes: string[] }> {
  const { default: PDFDocument } = await import('pdfkit');
  const w = wordsFor(opts.language);
  const { t, day, s } = w;
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, compress: true, lang: w.language === 'en' ? 'en' : 'uk-UA',
    info: { Title: t(s('info.title', { title: d.title })), Author: t(instanceLabel(w, opts.instance)), Subject: `${d.scope.kind} ${d.scope.id}`, CreationDate: opts.producedAt },
  });
  if (w.fonts.files) {
    doc.registerFont(w.fonts.body, w.fonts.files.body);
    doc.registerFont(w.fonts.bold, w.fonts.files.bold);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const f = d.findings;

  // Cover.
  doc.font(w.fonts.bold).fontSize(22).fillColor('#1d3557').text(t(s('cover.title')), { align: 'left' }).moveDown(0.5);
  doc.fontSize(16).fillColor('black').text(t(d.title)).moveDown(1);
  doc.font(w.fonts.body).fontSize(10);
  doc.text(t(s('cover.scope', { kind: s(`kind.${d.scope.kind}`), id: d.scope.id })));
  doc.text(t(s('cover.produced', { at: w.dateTime(opts.producedAt) })));
  doc.text(t(s('cover.instance', { label: instanceLabel(w, opts.instance) })));
  doc.text(t(s(d.audience === 'public' ? 'cover.audiencePublic' : 'cover.audienceInternal')));
  doc.moveDown(0.5);
  doc.text(t(s('cover.counts', {
    incidents: w.num(d.incidents.length), items: w.num(d.items.length), components: w.num(d.components.length), units: w.num(f.components.units),
    files: w.num(d.files.length), claims: w.num(d.claims.length),
  })));
  if (f.illustrative.note) doc.moveDown(0.5).fillColor('#a33').text(t(w.say(f.illustrative.note))).fillColor('black');

  heading(doc, w, s('heading.findings'));
  const top = (b: { buckets: { label: string; share: number }[] }) => b.buckets.slice(0, 5).map((x) => s('findings.share', { label: t(x.label), share: w.pct(x.share) })).join(', ') || s('findings.none');
  doc.text(t(s('findings.makers', { list: top(f.makers) })));
  doc.text(t(s('findings.countries', { list: top(f.makerCountries) })));
  doc.text(t(s('findings.parents', { list: top(f.makerCountriesByParent) })));
  doc.text(t(s('findings.dateCodes', { share: w.pct(f.dateCodes.share), unconfirmed: w.num(f.dateCodes.unconfirmedRecords), ambiguous: w.num(f.dateCodes.ambiguousRecords) })));
  if (f.noEarlierThan) doc.text(t(s('findings.noEarlier', { date: w.language === 'en' ? f.noEarlierThan.date : day(f.noEarlierThan.date), note: w.say(f.noEarlierThan.note) })));
  doc.moveDown(0.5);
  chart(doc, w, breakdownChart(s('chart.countries'), f.makerCountries));
  chart(doc, w, breakdownChart(s('chart.makers'), f.makers));
  chart(doc, w, breakdownChart(s('chart.years'), f.dateCodes.byYear));
  chart(doc, w, breakdownChart(s('chart.tiers'), f.chplTiers));
  const points = d.incidents.filter((i) => typeof i.lat === 'number' && typeof i.lon === 'number')
    .map((i) => ({ label: t(String(i.placeName ?? i.title)).slice(0, 30), lat: i.lat as number, lon: i.lon as number }));
  chart(doc, w, await incidentsBaseMap(points), 300);

  heading(doc, w, s('heading.components'));
  // The item column only where there are several items; an item package names its item on the cover.
  const many = d.scope.kind === 'case';
  const cols = [
    ...(many ? [{ label: s('col.item'), width: 70 }] : []),
    { label: s('col.marking'), width: many ? 110 : 150 }, { label: s('col.partNumber'), width: many ? 65 : 75 }, { label: s('col.maker'), width: 75 },
    { label: s('col.country'), width: 35 }, { label: s('col.dateCode'), width: 45 }, { label: s('col.window'), width: 64 }, { label: s('col.status'), width: 45 }];
  table(doc, w, cols, d.components.map((c) => [
    ...(many ? [String(c.itemLabel ?? '').slice(0, 40)] : []),
    String(c.markingRaw ?? ''), String(c.partNumber ?? ''), String(c.makerName ?? ''), String(c.makerCountry ?? ''),
    String(c.dateCodeText ?? ''), c.productionFrom ? s(c.ambiguous ? 'window.ambiguous' : 'window', { from: day(c.productionFrom), to: day(c.productionTo) }) : '', s(`status.${statusOf(c)}`)]));

  heading(doc, w, s('heading.files'));
  for (const file of d.files) {
    if (doc.y > doc.page.height - 200) doc.addPage();
    doc.font(w.fonts.bold).text(t(file.originalName)).font(w.fonts.body);
    doc.text(t(s('file.hash', { sha: file.sha256, size: w.num(file.sizeBytes), type: file.mediaType })));
    doc.text(t(s('file.exif', { time: w.say(describeCaptureTime(file)), place: file.gpsLat != null ? `${file.gpsLat}, ${file.gpsLon}` : s('file.nowhere') })));
    if (file.caption) doc.text(t(file.caption));
    if (/^image\/(jpeg|png)$/.test(String(file.mediaType))) {
      // The same read as a download by this audience: the stored hash is checked, and the public
      // gets the copy without metadata (EXIF, GPS), or nothing where none can be made.
      const bytes = await photoFor(db, opts.actor, String(file.id));
      if (bytes) {
        // Opened first, apart from drawing: a damaged image must not leave a half-registered
        // image behind (pdfkit then never finishes the document).
        // A PNG is checked before pdfkit sees it: a damaged one can hang or crash its reader (images.ts).
        let img: unknown = null;
        if (file.mediaType !== 'image/png' || pngProblem(bytes) === null) {
          try {
            img = (doc as unknown as { openImage(b: Buffer): unknown }).openImage(bytes);
          } catch {
            img = null;
          }
        }
        if (img) {
          doc.image(img as Buffer, MARGIN, doc.y + 2, { fit: [220, 150] });
          doc.y += 156;
        } else {
          doc.text(t(s('file.notDrawn')));
        }
      }
    }
    doc.moveDown(0.5);
  }
  if (!d.files.length) doc.text(t(s('files.none')));

  heading(doc, w, s('heading.custody'));
  table(doc, w, [{ label: s('col.item'), width: 110 }, { label: s('col.holder'), width: 120 }, { label: s('col.from'), width: 70 }, { label: s('col.to'), width: 70 }, { label: s('col.place'), width: 129 }],
    d.custody.map((c) => [String(d.items.find((i) => i.id === c.itemId)?.label ?? c.itemId), String(c.holder ?? ''), day(c.heldFrom), day(c.heldTo), String(c.place ?? '')]));

  tracingSections(doc, w, d);

  heading(doc, w, s('heading.claims'));
  doc.text(t(s('claims.counted', { items: w.num(d.items.length), units: w.num(f.components.units) }))).moveDown(0.3);
  table(doc, w, [{ label: s('col.saidOn'), width: 55 }, { label: s('col.speaker'), width: 100 }, { label: s('col.quantity'), width: 60 }, { label: s('col.countsWhat'), width: 100 }, { label: s('col.status'), width: 70 }, { label: s('col.quote'), width: 114 }],
    d.claims.map((c) => [day(c.saidOn), String(c.speaker ?? c.speakerOrganisation ?? ''), c.quantity != null ? `${c.quantityQualifier ?? ''} ${c.quantity}` : '',
      String(c.countsWhat ?? ''), String(c.status ?? ''), String(c.quotedText ?? '').slice(0, 200)]));

  // Appendix: every record and file this package rests on.
  const recordIds = [
    ...d.incidents.map((r) => `incident ${r.id}`), ...d.items.map((r) => `item ${r.id}`), ...d.components.map((r) => `component ${r.id}`),
    ...d.custody.map((r) => `custody_event ${r.id}`), ...d.claims.map((r) => `claim ${r.id}`), ...d.files.map((r) => `evidence_file ${r.id}`),
    ...(d.tracing?.requests ?? []).map((r) => `trace_request ${r.id}`), ...(d.tracing?.sanctions ?? []).map((m) => `screening_match ${m.id}`),
  ];
  const fileHashes = [...new Set(d.files.map((x) => String(x.sha256)))];
  heading(doc, w, s('heading.appendix'));
  doc.fontSize(7).text(recordIds.join('\n'));
  doc.moveDown(0.5).text(fileHashes.map((h) => `sha256 ${h}`).join('\n'));

  doc.end();
  return { pdf: await done, recordIds, fileHashes };
}

const BASIS: Record<string, string> = { assessed: 'basis.assessed', inferred_after_last_legal_transfer: 'basis.inferred' };

/** Supply chains with the diversion point, the trace requests behind them, and the sanctions reviews: never in the public package. */
function tracingSections(doc: Doc, w: Words, d: PackageData): void {
  const { t, day, s } = w;
  const tr = d.tracing;
  heading(doc, w, s('heading.tracing'));
  if (!tr) {
    doc.text(t(s('tracing.notPublic')));
  } else {
    if (!tr.chains.length) doc.text(t(s('tracing.none')));
    for (const c of tr.chains) {
      if (doc.y > doc.page.height - 120) doc.addPage();
      const marking = c.marking.replace(/\n/g, ' / ');
      doc.font(w.fonts.bold).text(t(c.partNumber ? s('chain.withPart', { marking, part: c.partNumber, status: c.status }) : s('chain', { marking, status: c.status }))).font(w.fonts.body);
      doc.text(t(s('holders', { list: c.holders.map((h) => `${h.name}${h.country ? ` [${h.country}]` : ''}`).join(' -> ') || s('holders.none') })));
      if (c.diversionPoint) {
        const basis = BASIS[c.diversionPoint.basis];
        doc.fillColor('#a33').text(t(s('diversion', { holder: c.diversionPoint.holder, basis: basis ? s(basis) : c.diversionPoint.basis }))).fillColor('black');
      }
      for (const b of c.breaks) doc.text(t(s('break', { holder: b.holder, kind: b.kind.replace(/_/g, ' ') })));
      if (c.hops.length) {
        const holder = new Map(c.holders.map((h) => [h.id, h.name]));
        table(doc, w, [{ label: s('col.date'), width: 60 }, { label: s('col.seller'), width: 115 }, { label: s('col.buyer'), width: 115 }, { label: s('col.route'), width: 55 }, { label: s('col.document'), width: 90 }, { label: s('col.assessed'), width: 64 }],
          c.hops.map((h) => [day(h.transferDate), holder.get(h.sellerId) ?? '', holder.get(h.buyerId) ?? '', `${h.fromCountry ?? '?'} -> ${h.toCountry ?? '?'}`,
            [h.documentKind, h.documentRef].filter(Boolean).join(' '), h.assessment.replace(/_/g, ' ')]));
      }
      doc.moveDown(0.4);
    }
    if (tr.requests.length) {
      doc.moveDown(0.3).font(w.fonts.bold).text(t(s('requests'))).font(w.fonts.body);
      table(doc, w, [{ label: s('col.reference'), width: 90 }, { label: s('col.to'), width: 140 }, { label: s('col.status'), width: 70 }, { label: s('col.sent'), width: 60 }, { label: s('col.answered'), width: 139 }],
        tr.requests.map((r) => [r.reference, r.organisation, r.status.replace(/_/g, ' '), day(r.sentOn),
          r.repliedOn ? s('replied', { date: day(r.repliedOn) }) : r.declinedOn ? s('declined', { date: day(r.declinedOn) }) : r.noReplyOn ? s('noReply', { date: day(r.noReplyOn) }) : '']));
    }
  }

  heading(doc, w, s('heading.sanctions'));
  if (!tr?.sanctions) {
    doc.text(t(s('sanctions.notPublic')));
  } else if (!tr.sanctions.length) {
    doc.text(t(s('sanctions.none')));
  } else {
    table(doc, w, [{ label: s('col.organisation'), width: 95 }, { label: s('col.listEntry'), width: 120 }, { label: s('col.score'), width: 35 }, { label: s('col.status'), width: 55 }, { label: s('col.ruling'), width: 194 }],
      tr.sanctions.map((m) => [m.organisationName, `${m.entityCaption} (${m.listTitle}${m.listVersionDate ? `, ${m.listVersionDate}` : ''}; ${m.entityReference})${m.entityListed ? '' : s('sanctions.unlisted')}`,
        w.language === 'en' ? m.score.toFixed(2) : w.num(Number(m.score.toFixed(2))), m.status,
        m.lastReview ? s('ruling', { decision: m.lastReview.decision, date: day(m.lastReview.reviewedAt), reviewer: m.lastReview.reviewerName ?? s('ruling.someone'), reason: m.lastReview.reason }) : s('ruling.none')]));
  }
}

const instanceLabel = (w: Words, i: InstanceIdentity) => `${i.name ?? w.s('instance.unnamed')} (${i.id})`;
