// The painter: the only module that imports pdfkit. It draws a PageLayout exactly as laid
// out — every run at its computed position, never letting pdfkit wrap or move text — and
// makes no layout decision.
import PDFDocument from 'pdfkit';
import type { FontKey, LayoutItem, PageLayout } from '../model/layout.js';
import type { Profile } from './profiles.js';

export interface PaintInput {
  pages: PageLayout[];
  /** font file bytes per face: the same files layout measured with */
  fonts: Record<FontKey, Buffer>;
  /** prepared photo bytes (JPEG) by ImageBox.image key */
  images: Map<string, Buffer>;
  profile: Profile;
  /** document metadata; `date` (ISO) is the edition's date, so output is reproducible */
  meta: { title: string; author: string; subject: string; keywords: string; date: string };
}

/** Draws the pages into a PDF and returns its bytes. */
export async function paintPdf(input: PaintInput): Promise<Buffer> {
  const date = new Date(`${input.meta.date}T00:00:00Z`);
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    // no default Helvetica: every font in the file is one of ours, embedded
    font: null as unknown as string,
    info: {
      Title: input.meta.title,
      Author: input.meta.author,
      Subject: input.meta.subject,
      Keywords: input.meta.keywords,
      Creator: 'Stonehand',
      Producer: 'Stonehand (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const [key, bytes] of Object.entries(input.fonts)) doc.registerFont(key, bytes);

  for (const page of input.pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    for (const item of page.items) paintItem(doc, item, input);
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function paintItem(doc: PDFKit.PDFDocument, item: LayoutItem, input: PaintInput) {
  const { profile } = input;
  switch (item.type) {
    case 'text':
      doc.fillColor(profile.ink);
      for (const run of item.runs) {
        doc.font(run.font).fontSize(run.size).text(run.text, run.x, run.baseline, {
          lineBreak: false,
          baseline: 'alphabetic',
          // pdfkit supports Tz scaling; its typings lag behind
          horizontalScaling: (run.scale ?? 1) * 100,
        } as PDFKit.Mixins.TextOptions);
      }
      return;
    case 'rule':
      doc.save().lineWidth(item.thickness).strokeColor(profile.ink).moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke().restore();
      return;
    case 'image': {
      const bytes = input.images.get(item.image);
      if (!bytes) throw new Error(`painter: no prepared image for ${item.image}`);
      const { x, y, width, height } = item.box;
      doc.image(bytes, x, y, { width, height });
      return;
    }
    case 'placeholder': {
      const { x, y, width, height } = item.box;
      doc.save().lineWidth(1).strokeColor(profile.placeholderInk);
      doc.rect(x, y, width, height).stroke();
      doc.moveTo(x, y).lineTo(x + width, y + height).moveTo(x + width, y).lineTo(x, y + height).stroke();
      doc.restore();
      doc.fillColor(profile.ink);
      for (const run of item.label) {
        doc.font(run.font).fontSize(run.size).text(run.text, run.x, run.baseline, { lineBreak: false, baseline: 'alphabetic' });
      }
      return;
    }
  }
}
