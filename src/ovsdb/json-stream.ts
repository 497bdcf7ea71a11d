import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into complete JSON texts. OVSDB (RFC 7047 §4) sends
 * JSON-RPC messages back to back with no length prefix or delimiter, so the
 * only way to find where one ends is to track nesting outside strings.
 *
 * Rationale: scanning resumes where the previous chunk stopped (`scanned`),
 * so a large message arriving in many chunks costs one pass, not one per chunk.
 * Only objects and arrays are accepted at the top level (every JSON-RPC
 * message is an object); anything else is a protocol error.
 *
 * @example
 *   const splitter = new JsonStream();
 *   socket.on('data', (chunk) => { for (const text of splitter.push(chunk)) handle(JSON.parse(text)); });
 */
export class JsonStream {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private scanned = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  /** The maximum size of one message (characters) before the stream is declared broken. */
  constructor(private readonly maxMessage = 64 * 1024 * 1024) {}

  /** Feeds a chunk; returns the JSON texts it completed, in order. Throws on garbage between messages. */
  push(chunk: Buffer | string): string[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const complete: string[] = [];
    let start = 0;
    const text = this.buffer;
    for (let i = this.scanned; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c /* \ */) this.escaped = true;
        else if (c === 0x22 /* " */) this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) { start = i + 1; continue; }
        if (c !== 0x7b /* { */ && c !== 0x5b /* [ */) throw new SyntaxError(`unexpected ${JSON.stringify(text[i])} between JSON-RPC messages`);
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        this.depth--;
        if (this.depth === 0) { complete.push(text.slice(start, i + 1)); start = i + 1; }
      }
    }
    this.buffer = text.slice(start);
    this.scanned = this.buffer.length;
    if (this.buffer.length > this.maxMessage) throw new RangeError(`a JSON-RPC message exceeds ${this.maxMessage} characters`);
    return complete;
  }

  /** Forgets any partial message (after a reconnect). */
  reset(): void {
    this.buffer = '';
    this.scanned = 0;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.decoder.end();
  }
}
