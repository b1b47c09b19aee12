import { OUT_OF_RANGE, type DecimalGrid } from './decimal-grid.js';
import { FeedParseError } from './feed-parse-error.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const MINUS = 45;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A forward-only JSON scanner over the UTF-8 bytes of one message, for hand-written parsers of hot
 * feeds. Replays hand it byte ranges of the decompressed file directly (no string per line); live
 * text is encoded into a reused buffer first. Keys and strings are read as bounds (`start`/`end`),
 * numbers by digits, and what a parser does not need is skipped, so a frame costs no allocation.
 * Parsers walk keys in any order and skip unknown ones: added fields and reordered keys do not
 * break them. Separators are checked loosely (a stray comma passes); values strictly. Strings with
 * escapes are skipped correctly but cannot be read as bounds (venue numbers and names have none).
 */
export class JsonCursor {
  bytes: Uint8Array = new Uint8Array(0);
  pos = 0;
  /** Start of the message (offsets in errors are relative to it). */
  origin = 0;
  /** End of the message (exclusive). */
  limit = 0;
  /** Bounds of the last key or string read, quotes excluded. */
  start = 0;
  end = 0;
  private readonly venue: string;
  private textBuffer = new Uint8Array(4096);

  constructor(venue: string) {
    this.venue = venue;
  }

  /** Scans `bytes[start, end)`. */
  reset(bytes: Uint8Array, start: number, end: number): void {
    this.bytes = bytes;
    this.pos = start;
    this.origin = start;
    this.limit = end;
  }

  /** Scans a string (encoded into a buffer the cursor keeps and reuses). */
  resetText(text: string): void {
    if (text.length * 3 > this.textBuffer.length) {
      this.textBuffer = new Uint8Array(Math.max(text.length * 3, this.textBuffer.length * 2));
    }
    const { written } = encoder.encodeInto(text, this.textBuffer);
    this.reset(this.textBuffer, 0, written);
  }

  /** Next non-whitespace byte without consuming it; -1 at the end. */
  peek(): number {
    const bytes = this.bytes;
    const limit = this.limit;
    let pos = this.pos;
    while (pos < limit) {
      const code = bytes[pos]!;
      if (code !== 32 && code !== 10 && code !== 13 && code !== 9) break;
      pos += 1;
    }
    this.pos = pos;
    return pos < limit ? bytes[pos]! : -1;
  }

  enterObject(): void {
    if (this.peek() !== OPEN_BRACE) this.fail('expected an object');
    this.pos += 1;
  }

  enterArray(): void {
    if (this.peek() !== OPEN_BRACKET) this.fail('expected an array');
    this.pos += 1;
  }

  /** Reads the next key of the current object into `start`/`end`; false (and consumed) at `}`. */
  nextKey(): boolean {
    let code = this.peek();
    if (code === COMMA) {
      this.pos += 1;
      code = this.peek();
    }
    if (code === CLOSE_BRACE) {
      this.pos += 1;
      return false;
    }
    this.readString();
    if (this.peek() !== COLON) this.fail("expected ':' after a key");
    this.pos += 1;
    return true;
  }

  /** Moves to the next item of the current array; false (and consumed) at `]`. */
  nextItem(): boolean {
    let code = this.peek();
    if (code === COMMA) {
      this.pos += 1;
      code = this.peek();
    }
    if (code === CLOSE_BRACKET) {
      this.pos += 1;
      return false;
    }
    if (code === -1) this.fail('unterminated array');
    return true;
  }

  /** True when the last key or string read is exactly `name` (ASCII). */
  is(name: string): boolean {
    const start = this.start;
    if (this.end - start !== name.length) return false;
    const bytes = this.bytes;
    for (let i = 0; i < name.length; i += 1) {
      if (bytes[start + i] !== name.charCodeAt(i)) return false;
    }
    return true;
  }

  /** Length of the last key or string read. */
  get length(): number {
    return this.end - this.start;
  }

  /** Byte `index` of the last key or string read. */
  byteAt(index: number): number {
    return this.bytes[this.start + index]!;
  }

  /** Reads a string without escapes into `start`/`end`. */
  readString(): void {
    if (this.peek() !== QUOTE) this.fail('expected a string');
    const bytes = this.bytes;
    const limit = this.limit;
    const start = this.pos + 1;
    let pos = start;
    while (pos < limit) {
      const code = bytes[pos]!;
      if (code === QUOTE) break;
      if (code === BACKSLASH) this.fail('escaped string where plain text was expected');
      pos += 1;
    }
    if (pos >= limit) this.fail('unterminated string');
    this.start = start;
    this.end = pos;
    this.pos = pos + 1;
  }

  /**
   * Reads a quoted decimal ("61800.20") straight into units of `grid` in one pass; anything
   * unusual inside the quotes goes through the grid's exact slow path. Leaves the bounds in
   * `start`/`end`. NaN when off the grid or not a plain non-negative decimal.
   */
  readQuotedUnits(grid: DecimalGrid): number {
    if (this.peek() !== QUOTE) this.fail('expected a quoted decimal');
    const bytes = this.bytes;
    const limit = this.limit;
    const start = this.pos + 1;
    let pos = start;
    let mantissa = 0;
    let decimals = -1;
    let code = 0;
    while (pos < limit) {
      code = bytes[pos]!;
      if (code >= 48 && code <= 57) {
        mantissa = mantissa * 10 + (code - 48);
        if (decimals >= 0) decimals += 1;
      } else if (code === 46 && decimals < 0) {
        decimals = 0;
      } else break;
      pos += 1;
    }
    if (code === QUOTE && pos > start && !(decimals === 0 && pos === start + 1)) {
      this.start = start;
      this.end = pos;
      this.pos = pos + 1;
      const units = grid.unitsOf(mantissa, decimals < 0 ? 0 : decimals);
      return units === OUT_OF_RANGE ? grid.parseBytes(bytes, start, pos) : units;
    }
    this.readString();
    return grid.parseBytes(bytes, this.start, this.end);
  }

  /** The last key or string as a new string (cold paths and errors only). */
  lastString(): string {
    return decoder.decode(this.bytes.subarray(this.start, this.end));
  }

  /** Reads an integer that is exact in a JS number; fails on fractions, exponents or overflow. */
  readSafeInteger(): number {
    let code = this.peek();
    const bytes = this.bytes;
    const limit = this.limit;
    let pos = this.pos;
    let negative = false;
    if (code === MINUS) {
      negative = true;
      pos += 1;
    }
    let value = 0;
    const digitsStart = pos;
    code = -1;
    while (pos < limit) {
      code = bytes[pos]!;
      if (code < 48 || code > 57) break;
      value = value * 10 + (code - 48);
      pos += 1;
    }
    if (pos === digitsStart) this.fail('expected an integer');
    if (pos < limit && (code === 46 || code === 101 || code === 69)) {
      this.fail('expected an integer, got a fraction or exponent');
    }
    // Accumulating in a double stays exact up to 2^53 and only grows past it, so this bound is exact.
    if (value > Number.MAX_SAFE_INTEGER) this.fail('integer too large to be exact');
    this.pos = pos;
    return negative ? -value : value;
  }

  /** Reads any JSON number, finite by construction (JSON has no NaN or Infinity). */
  readNumber(): number {
    this.peek();
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    while (pos < this.limit) {
      const code = bytes[pos]!;
      if ((code >= 48 && code <= 57) || code === MINUS || code === 43 || code === 46 || code === 101 || code === 69) {
        pos += 1;
      } else break;
    }
    const value = pos === start ? Number.NaN : Number(decoder.decode(bytes.subarray(start, pos)));
    if (!Number.isFinite(value)) this.fail('expected a finite number');
    this.pos = pos;
    return value;
  }

  readBoolean(): boolean {
    const code = this.peek();
    const bytes = this.bytes;
    const pos = this.pos;
    // true / false, checked byte by byte
    if (code === 116 && bytes[pos + 1] === 114 && bytes[pos + 2] === 117 && bytes[pos + 3] === 101 && pos + 4 <= this.limit) {
      this.pos = pos + 4;
      return true;
    }
    if (
      code === 102 &&
      bytes[pos + 1] === 97 &&
      bytes[pos + 2] === 108 &&
      bytes[pos + 3] === 115 &&
      bytes[pos + 4] === 101 &&
      pos + 5 <= this.limit
    ) {
      this.pos = pos + 5;
      return false;
    }
    return this.fail('expected true or false');
  }

  /** Skips one value of any type, nested containers and escaped strings included. */
  skipValue(): void {
    const code = this.peek();
    const bytes = this.bytes;
    const limit = this.limit;
    if (code === QUOTE) {
      let pos = this.pos + 1;
      while (pos < limit) {
        const c = bytes[pos]!;
        if (c === BACKSLASH) pos += 2;
        else if (c === QUOTE) break;
        else pos += 1;
      }
      if (pos >= limit) this.fail('unterminated string');
      this.pos = pos + 1;
      return;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      let depth = 0;
      let pos = this.pos;
      while (pos < limit) {
        const c = bytes[pos]!;
        if (c === QUOTE) {
          pos += 1;
          while (pos < limit) {
            const s = bytes[pos]!;
            if (s === BACKSLASH) pos += 2;
            else if (s === QUOTE) break;
            else pos += 1;
          }
        } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          depth += 1;
        } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth -= 1;
          if (depth === 0) {
            this.pos = pos + 1;
            return;
          }
        }
        pos += 1;
      }
      this.fail('unterminated object or array');
    }
    // A literal or a number: runs to the next separator.
    let pos = this.pos;
    while (pos < limit) {
      const c = bytes[pos]!;
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 32 || c === 10 || c === 13 || c === 9) break;
      pos += 1;
    }
    if (pos === this.pos) this.fail('expected a value');
    this.pos = pos;
  }

  /** Throws a `FeedParseError` naming the venue, the offset in the message and the text around it. */
  fail(message: string, at = this.pos): never {
    const from = Math.max(this.origin, at - 40);
    throw new FeedParseError(`${this.venue}: ${message} (byte ${at - this.origin} of the message)`, {
      venue: this.venue,
      byteOffset: at - this.origin,
      excerpt: decoder.decode(this.bytes.subarray(from, Math.min(this.limit, at + 40))),
    });
  }
}
