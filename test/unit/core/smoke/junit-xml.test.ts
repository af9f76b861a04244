import { describe, expect, it } from 'vitest';
import { renderJunitXml } from '../../../../src/main/core/smoke/junit-xml.ts';
import { result, scoreboardFixture } from './support/scoreboard.fixture.ts';
import { childrenNamed, parseXml } from './support/xml-tree.ts';

describe('renderJunitXml', () => {
  it('writes testsuites › testsuite › testcase with counts, seconds and the outcome elements', () => {
    const xml = renderJunitXml(scoreboardFixture());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toEqual({
      name: 'stack-doctor smoke',
      tests: '5',
      failures: '1',
      errors: '1',
      skipped: '1',
      time: '1.654',
      timestamp: '2026-01-01T00:00:00.000Z',
    });
    const suites = childrenNamed(root, 'testsuite');
    expect(
      suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.errors, s.attributes.skipped]),
    ).toEqual([
      ['infrastructure', '2', '0', '0', '1'],
      ['http', '3', '1', '1', '0'],
    ]);
    const cases = suites.flatMap((s) => childrenNamed(s, 'testcase'));
    expect(cases.map((c) => [c.attributes.classname, c.attributes.name, c.attributes.time, c.children.map((e) => e.name)])).toEqual([
      ['smoke.infrastructure', 'redis', '0.002', ['system-out']],
      ['smoke.infrastructure', 'postgres', '0.000', ['skipped']],
      ['smoke.http', 'api health', '1.535', ['failure', 'system-out']],
      ['smoke.http', 'dns in dev', '0.040', ['error']],
      ['smoke.http', 'orders', '0.080', []],
    ]);
    const failure = childrenNamed(cases[2]!, 'failure')[0]!;
    expect(failure.attributes).toEqual({ message: 'status 503, expected 200', type: 'http' });
    expect(failure.text).toBe('status 503, expected 200');
    expect(childrenNamed(cases[2]!, 'system-out')[0]?.text).toBe('target: GET http://localhost:8080/health');
    expect(childrenNamed(cases[1]!, 'skipped')[0]?.attributes.message).toBe('skip: true in the smoke suite');
    // A suite's counts equal its testcases' outcomes: what CI totals from.
    for (const suite of suites) {
      const own = childrenNamed(suite, 'testcase');
      expect(String(own.length)).toBe(suite.attributes.tests);
      expect(String(own.filter((c) => childrenNamed(c, 'failure').length > 0).length)).toBe(suite.attributes.failures);
    }
  });

  it('stays well-formed with hostile names and reasons, keeping what XML can hold', () => {
    const hostile = `a<b & "c" 'd' ]]> e`;
    const controls = 'x\u0001y\u001bz\u0000w\ud800v\ufffe';
    const xml = renderJunitXml(
      scoreboardFixture([
        result({ suite: 'http', check: hostile, result: 'fail', reason: `${hostile} ${controls}`, target: `GET http://h/?q=]]>&x=<` }),
        result({ suite: 'http', check: controls, result: 'error', reason: 'line one\nline two' }),
        result({ suite: 'http', check: '<![CDATA[x]]>', result: 'pass' }),
      ]),
      { name: 'smoke & "more"' },
    );
    const root = parseXml(xml);
    expect(root.attributes.name).toBe('smoke & "more"');
    const cases = childrenNamed(childrenNamed(root, 'testsuite')[0]!, 'testcase');
    expect(cases).toHaveLength(3);
    expect(cases[0]?.attributes.name).toBe(hostile);
    const failure = childrenNamed(cases[0]!, 'failure')[0]!;
    expect(failure.text).toBe(`${hostile} x\ufffdy\ufffdz\ufffdw\ufffdv\ufffd`);
    expect(failure.attributes.message).toBe(failure.text);
    expect(childrenNamed(cases[0]!, 'system-out')[0]?.text).toBe('target: GET http://h/?q=]]>&x=<');
    expect(cases[1]?.attributes.name).toBe('x\ufffdy\ufffdz\ufffdw\ufffdv\ufffd');
    expect(childrenNamed(cases[1]!, 'error')[0]?.text).toBe('line one\nline two');
    // A parser folds a line break in an attribute to a space: the message is the one-line summary, the text the whole.
    expect(childrenNamed(cases[1]!, 'error')[0]?.attributes.message).toBe('line one line two');
    expect(cases[2]?.attributes.name).toBe('<![CDATA[x]]>');
  });

  it('writes an empty run as an empty testsuites', () => {
    const root = parseXml(renderJunitXml(scoreboardFixture([])));
    expect(root.attributes).toMatchObject({ tests: '0', failures: '0', errors: '0', skipped: '0' });
    expect(root.children).toEqual([]);
  });
});
