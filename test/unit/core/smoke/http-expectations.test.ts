import { describe, expect, it } from 'vitest';
import { unmetExpectations } from '../../../../src/main/core/smoke/http-expectations.ts';

const answer = (status: number, body = '', truncated = false) => ({ status, body, truncated });

describe('unmetExpectations', () => {
  it('takes any 2xx when no status is expected, else the status or one of a list', () => {
    expect(unmetExpectations(undefined, answer(204))).toEqual([]);
    expect(unmetExpectations(undefined, answer(301))).toEqual(['status 301, expected 2xx']);
    expect(unmetExpectations({ status: 301 }, answer(301))).toEqual([]);
    expect(unmetExpectations({ status: [200, 202] }, answer(503))).toEqual(['status 503, expected 200 or 202']);
  });

  it('checks every text the body must contain', () => {
    expect(unmetExpectations({ bodyContains: ['alpha', 'beta'] }, answer(200, 'alpha gamma'))).toEqual(['body does not contain "beta"']);
    expect(unmetExpectations({ bodyContains: 'zeta' }, answer(200, 'alpha', true))).toEqual([
      'body does not contain "zeta" (only the first part of the body was read)',
    ]);
  });

  it('compares JSON paths and names what is wrong', () => {
    const body = JSON.stringify({ status: 'degraded', checks: [{ name: 'db', ok: false }], big: 'x'.repeat(200) });
    const json = [
      { path: '$.status', equals: 'healthy' },
      { path: '$.checks[0]', equals: { ok: false, name: 'db' } },
      { path: '$.checks[1].ok', equals: true },
      { path: '$.big', equals: 'y' },
    ];
    const unmet = unmetExpectations({ json }, answer(200, body));
    expect(unmet[0]).toBe('$.status is "degraded", expected "healthy"');
    expect(unmet[1]).toBe('$.checks[1].ok is missing (the body has nothing under $.checks)');
    expect(unmet[2]).toMatch(/^\$\.big is "x{78}…, expected "y"$/);
    expect(unmet).toHaveLength(3);
  });

  it('reports a body that is not JSON, empty or cut, and collects every failure', () => {
    const json = [{ path: '$.a', equals: 1 }];
    expect(unmetExpectations({ json }, answer(200, '<html>'))).toEqual(['body is not JSON']);
    expect(unmetExpectations({ json }, answer(200, ' '))).toEqual(['body is empty, expected JSON']);
    expect(unmetExpectations({ json }, answer(200, '{"a":1', true))).toEqual(['body is too large to read as JSON']);
    expect(unmetExpectations({ status: 200, bodyContains: 'ok', json }, answer(500, 'nope'))).toEqual([
      'status 500, expected 200',
      'body does not contain "ok"',
      'body is not JSON',
    ]);
  });
});
