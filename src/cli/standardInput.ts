// `-` as a source: the bytes of standard input, read whole (a source is text of at most 20 MB).
import { MAX_TEXT_BYTES } from '../io/readTextFile.js';
import { ContentError } from '../model/errors.js';

/** Reads `stream` (standard input) to its end; `name` names it in the error when it is too large. */
export async function readStandardInput(name: string, stream: NodeJS.ReadableStream = process.stdin): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_TEXT_BYTES) throw new ContentError(name, `is more than ${MAX_TEXT_BYTES / 1048576} MB, too large for a text source`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
