// Fixture photos carrying their own words: XMP through sharp, IPTC IIM spliced into the JPEG
// as an APP13 segment (Photoshop 3.0 image resource 0x0404) by hand.
import sharp from 'sharp';

/** One IIM data set: 0x1C, record, dataset, 2-byte length, UTF-8 bytes. */
export function iimDataset(record: number, dataset: number, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from([0x1c, record, dataset, bytes.length >> 8, bytes.length & 0xff]), bytes]);
}

/** An APP13 segment holding `iim` as Photoshop image resource 0x0404. */
export function app13(iim: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iim.length);
  const resource = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0x00, 0x00]), size, iim, Buffer.alloc(iim.length % 2)]);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(payload.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xed]), length, payload]);
}

export interface EmbeddedText {
  caption?: string;
  credit?: string;
  creator?: string[];
  copyright?: string;
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** An XMP packet with dc:description, photoshop:Credit (as an attribute), dc:creator, dc:rights. */
export function xmpPacket(t: EmbeddedText): string {
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"${t.credit ? ` photoshop:Credit="${esc(t.credit)}"` : ''}>`,
    t.caption ? `<dc:description><rdf:Alt><rdf:li xml:lang="de">Deutsch</rdf:li><rdf:li xml:lang="x-default">${esc(t.caption)}</rdf:li></rdf:Alt></dc:description>` : '',
    t.creator ? `<dc:creator><rdf:Seq>${t.creator.map((c) => `<rdf:li>${esc(c)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>` : '',
    t.copyright ? `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${esc(t.copyright)}</rdf:li></rdf:Alt></dc:rights>` : '',
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  ].join('');
}

/** A grey JPEG of `width` × `height` with the given XMP and/or IPTC words. */
export async function photoWithText(width: number, height: number, words: { xmp?: EmbeddedText; iptc?: EmbeddedText }): Promise<Buffer> {
  let pipeline = sharp({ create: { width, height, channels: 3, background: { r: 120, g: 130, b: 140 } } }).jpeg({ quality: 80 });
  if (words.xmp) pipeline = pipeline.withXmp(xmpPacket(words.xmp));
  const jpeg = await pipeline.toBuffer();
  if (!words.iptc) return jpeg;
  const t = words.iptc;
  const iim = Buffer.concat([
    iimDataset(1, 90, '\u001b%G'),
    ...(t.caption ? [iimDataset(2, 120, t.caption)] : []),
    ...(t.credit ? [iimDataset(2, 110, t.credit)] : []),
    ...(t.creator ?? []).map((c) => iimDataset(2, 80, c)),
    ...(t.copyright ? [iimDataset(2, 116, t.copyright)] : []),
  ]);
  return Buffer.concat([jpeg.subarray(0, 2), app13(iim), jpeg.subarray(2)]);
}
