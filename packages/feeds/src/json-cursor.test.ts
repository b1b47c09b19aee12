import { describe, expect, it } from 'vitest';
import { DecimalGrid } from './decimal-grid.js';
import { FeedParseError } from './feed-parse-error.js';
import { JsonCursor } from './json-cursor.js';

function cursorOver(text: string): JsonCursor {
  const cursor = new JsonCursor('test');
  cursor.resetText(text);
  return cursor;
}

describe('JsonCursor', () => {
  it('walks keys in order and skips nested values, escaped strings and literals', () => {
    const cursor = cursorOver('{ "a" : {"x":[1,{"y":"}]"}],"z":"q\\"uote"}, "b":[["1","2"]], "c":null, "d":-1.5e3, "e":true, "f":"v" }');
    const seen: string[] = [];
    cursor.enterObject();
    while (cursor.nextKey()) {
      seen.push(cursor.lastString());
      if (cursor.is('f')) {
        cursor.readString();
        expect(cursor.lastString()).toBe('v');
      } else if (cursor.is('e')) {
        expect(cursor.readBoolean()).toBe(true);
      } else cursor.skipValue();
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(cursor.peek()).toBe(-1);
  });

  it('reads safe integers exactly and refuses fractions and overflow', () => {
    expect(cursorOver('5123107852948').readSafeInteger()).toBe(5_123_107_852_948);
    expect(cursorOver('-42,').readSafeInteger()).toBe(-42);
    expect(() => cursorOver('1.5').readSafeInteger()).toThrow(FeedParseError);
    expect(() => cursorOver('1e3').readSafeInteger()).toThrow(/fraction or exponent/);
    expect(() => cursorOver('9007199254740993').readSafeInteger()).toThrow(/too large/);
    expect(() => cursorOver('"1"').readSafeInteger()).toThrow(/expected an integer/);
  });

  it('reads quoted decimals onto a grid in one pass, with the slow path for unusual text', () => {
    const grid = new DecimalGrid('0.1');
    expect(cursorOver('"61800.20"').readQuotedUnits(grid)).toBe(618_002);
    expect(cursorOver('"6.18002e4"').readQuotedUnits(grid)).toBe(618_002);
    expect(cursorOver('"61800.25"').readQuotedUnits(grid)).toBeNaN();
    expect(cursorOver('"-1.0"').readQuotedUnits(grid)).toBe(-10); // sign: slow path; callers reject negatives
    expect(cursorOver('"."').readQuotedUnits(grid)).toBeNaN();
  });

  it('fails with the venue, the offset and an excerpt', () => {
    const cursor = cursorOver('{"a":1, "b" 2}');
    cursor.enterObject();
    cursor.nextKey();
    cursor.skipValue();
    let caught: unknown;
    try {
      cursor.nextKey();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FeedParseError);
    expect((caught as FeedParseError).message).toMatch(/expected ':' after a key/);
    expect((caught as FeedParseError).context).toMatchObject({ venue: 'test', byteOffset: 12, excerpt: '{"a":1, "b" 2}' });
    expect(() => cursorOver('{"a":"unterminated').skipValue()).toThrow(/unterminated/);
    expect(() => cursorOver('[1,2').skipValue()).toThrow(/unterminated/);
  });

  it('scans a byte range of a larger buffer without reading outside it', () => {
    const bytes = new TextEncoder().encode('xx{"k":12}{"k":99}');
    const cursor = new JsonCursor('test');
    cursor.reset(bytes, 2, 10);
    cursor.enterObject();
    expect(cursor.nextKey()).toBe(true);
    expect(cursor.readSafeInteger()).toBe(12);
    expect(cursor.nextKey()).toBe(false);
    expect(cursor.peek()).toBe(-1);
  });
});
