import {
  MAX_STORED_MESSAGE_ID,
  storableJson,
  storableMessageId,
  storableText,
} from './storable-text';

describe('storableText', () => {
  it('replaces NUL and lone surrogates and keeps pairs', () => {
    expect(storableText('a\0b\uD800c\uDC00d\uD83D\uDE00')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uD83D\uDE00',
    );
  });

  it('cuts to the bound, marked, never between the halves of a pair', () => {
    expect(storableText('abcdef', 4)).toBe('abc…');
    expect(storableText('ab\uD83D\uDE00cd', 4)).toBe('ab…');
    expect(storableText('x'.repeat(100_000)).length).toBe(64 * 1024);
  });
});

describe('storableJson', () => {
  it('makes every string storable, keys too, and leaves the rest', () => {
    expect(storableJson({ 'k\0': ['v\0', 1, null, { deep: '\uDC00' }], n: true })).toEqual({
      'k\uFFFD': ['v\uFFFD', 1, null, { deep: '\uFFFD' }],
      n: true,
    });
  });
});

describe('storableMessageId', () => {
  it('keeps a short, storable id as it is', () => {
    expect(storableMessageId('a.b@example.org')).toBe('a.b@example.org');
    expect(storableMessageId(null)).toBeNull();
  });

  it('keeps a long id as its beginning and a hash of the whole, within the bound', () => {
    const one = storableMessageId(`${'m'.repeat(3000)}1`)!;
    const two = storableMessageId(`${'m'.repeat(3000)}2`)!;
    expect(one).not.toBe(two);
    expect(one).toMatch(/^m+…#sha256:[0-9a-f]{64}$/);
    expect(Buffer.byteLength(one)).toBeLessThanOrEqual(MAX_STORED_MESSAGE_ID);
  });

  it('keeps an id with a NUL apart from the same id with U+FFFD', () => {
    const withNul = storableMessageId('a\0b@x')!;
    expect(withNul).not.toContain('\0');
    expect(withNul).not.toBe(storableMessageId('a\uFFFDb@x'));
  });

  it('bounds an id of multi-byte characters by its bytes', () => {
    expect(Buffer.byteLength(storableMessageId('\u00e9'.repeat(400))!)).toBeLessThanOrEqual(
      MAX_STORED_MESSAGE_ID,
    );
  });
});
