import { describe, expect, it } from 'vitest';
import { formatDuration, renderScoreboardText, summaryLine } from '../../../../src/main/core/smoke/scoreboard-text.ts';
import { result, scoreboardFixture } from './support/scoreboard.fixture.ts';

describe('renderScoreboardText', () => {
  it('prints one aligned row per check and the summary line', () => {
    expect(renderScoreboardText(scoreboardFixture())).toBe(
      [
        'SUITE           CHECK       RESULT   TIME  REASON',
        'infrastructure  redis       pass     2 ms',
        'infrastructure  postgres    skip        -  skip: true in the smoke suite',
        'http            api health  FAIL    1.5 s  status 503, expected 200',
        'http            dns in dev  ERROR   40 ms  dev: lookup could not run: No such container',
        'http            orders      pass    80 ms',
        '',
        '2 passed, 1 failed, 1 error, 1 skipped (5 checks) in 1.7 s',
        '',
      ].join('\n'),
    );
  });

  it('styles the result word without breaking the columns', () => {
    const text = renderScoreboardText(scoreboardFixture(), { style: (outcome, word) => (outcome === 'fail' ? `<${word}>` : word) });
    expect(text).toContain('http            api health  <FAIL>    1.5 s  status 503');
  });

  it('shows control characters as U+FFFD, keeps each row on one line and cuts long names', () => {
    const board = scoreboardFixture([
      result({ suite: 's', check: 'evil\u001b[2J\u009b31m', result: 'fail', reason: 'first\nsecond\r\nthird\u0007' }),
      result({ suite: 's', check: 'n'.repeat(60), result: 'pass' }),
    ]);
    const lines = renderScoreboardText(board, { checkWidth: 20 }).split('\n');
    expect(lines[1]).toBe('s      evil\ufffd[2J\ufffd31m          FAIL    12 ms  first second third\ufffd');
    expect(lines[2]).toBe(`s      ${'n'.repeat(19)}…  pass    12 ms`);
    expect(lines).toHaveLength(6);
  });

  it('says when the run was cancelled, and formats durations', () => {
    expect(summaryLine({ ...scoreboardFixture([]), cancelled: true, durationMs: 999.6 })).toBe(
      '0 passed, 0 failed, 0 errors, 0 skipped (0 checks) in 1000 ms, cancelled',
    );
    expect([formatDuration(0.4), formatDuration(12.5), formatDuration(1000), formatDuration(61_234)]).toEqual([
      '0 ms',
      '13 ms',
      '1.0 s',
      '61.2 s',
    ]);
  });
});
