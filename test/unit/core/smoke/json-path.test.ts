import { describe, expect, it } from 'vitest';
import { formatJsonPath, jsonEquals, parseJsonPath, selectJsonPath } from '../../../../src/main/core/smoke/json-path.ts';
import { JSON_PATH_PATTERN } from '../../../../src/shared/model/index.ts';

describe('the JSONPath subset', () => {
  it('parses members, quoted members and indexes', () => {
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('$.a.b_c.$d-e')).toEqual(['a', 'b_c', '$d-e']);
    expect(parseJsonPath(`$.items[0]['a b']["c.d"][12]`)).toEqual(['items', 0, 'a b', 'c.d', 12]);
    expect(parseJsonPath(`$['']`)).toEqual(['']);
  });

  it('accepts exactly what the config schema accepts', () => {
    const texts = ['$', '$.a', '$..a', 'a.b', '$.a[*]', '$[?(@.x)]', '$.a[-1]', '$.1a', `$['a`, '$.a.', '$[0][1].x', `$["x"]`, ' $.a'];
    for (const text of texts) expect(parseJsonPath(text) !== null, text).toBe(JSON_PATH_PATTERN.test(text));
    expect(texts.filter((text) => parseJsonPath(text) !== null)).toEqual(['$', '$.a', '$[0][1].x', `$["x"]`]);
  });

  it('selects values and says which prefix exists when a step is missing', () => {
    const body = { a: { list: [{ s: 'ok' }, null], 'x y': false }, n: 0 };
    expect(selectJsonPath(body, ['a', 'list', 0, 's'])).toEqual({ found: true, value: 'ok' });
    expect(selectJsonPath(body, ['a', 'list', 1])).toEqual({ found: true, value: null });
    expect(selectJsonPath(body, ['a', 'x y'])).toEqual({ found: true, value: false });
    expect(selectJsonPath(body, ['a', 'list', 2])).toEqual({ found: false, at: '$.a.list' });
    expect(selectJsonPath(body, ['a', 'list', 'length'])).toEqual({ found: false, at: '$.a.list' });
    expect(selectJsonPath(body, ['n', 'm'])).toEqual({ found: false, at: '$.n' });
    expect(selectJsonPath(body, ['toString'])).toEqual({ found: false, at: '$' });
    expect(formatJsonPath(['a', 'x y', 0])).toBe('$.a["x y"][0]');
  });

  it('compares JSON values structurally, ignoring key order', () => {
    expect(jsonEquals({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] })).toBe(true);
    expect(jsonEquals([1, 2], [2, 1])).toBe(false);
    expect(jsonEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEquals(1, '1')).toBe(false);
    expect(jsonEquals(null, {})).toBe(false);
    expect(jsonEquals([], {})).toBe(false);
  });
});
