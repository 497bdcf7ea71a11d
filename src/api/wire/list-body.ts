import type { ResourceRecord } from '../../core/resource/record-codec.ts';

/** The content type fastify gives a JSON body; a list body sent as bytes must carry the same. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Most text one `JSON.stringify` call of a list body should produce. Why
 * chunks: V8 returns a long JSON text as a rope of parts, which the first
 * reader (the Content-Length count, the socket write) copies into one flat
 * string of the whole body, in memory fresh from the system, and then encodes
 * again to UTF-8 bytes; for the 10 MB list of 10,000 ports that cost more
 * than building the text. Texts under V8's large-object size (128 KB) are
 * made and dropped in the young generation, and each is written straight
 * into the body's buffer.
 */
const CHUNK_CHARS = 64 * 1024;

/** Bytes of room kept for one chunk's text: UTF-8 needs at most 3 bytes per UTF-16 unit. */
const UTF8_BYTES_PER_UNIT = 3;

/**
 * The JSON body of a list response, `{"<collection>": [records…], …more}`,
 * as UTF-8 bytes: exactly the bytes of `JSON.stringify({ [collection]:
 * records.map(project), ...more })`, made chunk by chunk (see CHUNK_CHARS).
 * `project` is applied to a chunk's records just before they are written,
 * so the projected copies die young. Pure; throws what JSON.stringify
 * throws (a bigint value).
 *
 * @example
 * reply.type(JSON_CONTENT_TYPE).send(listBody('ports', records, projector(attributes)));
 */
export function listBody(collection: string, records: readonly ResourceRecord[], project: (record: ResourceRecord) => ResourceRecord, more: Record<string, unknown> = {}): Buffer {
  const body = new BodyBuffer(`{${JSON.stringify(collection)}:`);
  if (records.length === 0) body.append('[]');
  let perChunk = 16;
  for (let start = 0; start < records.length;) {
    const chunk = records.slice(start, start + perChunk);
    const text = JSON.stringify(chunk.map(project));
    // Each chunk is an array text: its '[' replaces the previous chunk's ']' and becomes the ',' between them.
    if (start === 0) {
      body.append(text);
      body.expect(Math.ceil((text.length / chunk.length) * records.length * 1.1));
    } else {
      body.appendJoined(text);
    }
    start += chunk.length;
    perChunk = Math.max(1, Math.floor(CHUNK_CHARS / (text.length / chunk.length)));
  }
  for (const [key, value] of Object.entries(more)) if (value !== undefined) body.append(`,${JSON.stringify(key)}:${JSON.stringify(value)}`);
  body.append('}');
  return body.bytes();
}

/** A growing UTF-8 buffer: one allocation for the body in the common case, doubling when it falls short. */
class BodyBuffer {
  private buffer: Buffer;
  private length = 0;

  constructor(start: string) {
    this.buffer = Buffer.allocUnsafe(64 * 1024);
    this.append(start);
  }

  append(text: string): void {
    this.reserve(text.length * UTF8_BYTES_PER_UNIT);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** Appends an array text `[…]` to the array text that ends the buffer, as one array. */
  appendJoined(arrayText: string): void {
    const at = this.length - 1; // the ']' closing what is there
    this.reserve(arrayText.length * UTF8_BYTES_PER_UNIT);
    this.length = at + this.buffer.write(arrayText, at, 'utf8');
    this.buffer[at] = COMMA;
  }

  /** Room for about `bytes` more (a hint: appends grow the buffer anyway). */
  expect(bytes: number): void {
    this.reserve(bytes);
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

const COMMA = 0x2c;
