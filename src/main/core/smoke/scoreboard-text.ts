import type { SmokeOutcome, SmokeScoreboard } from '../../../shared/model/index.ts';

export interface ScoreboardTextOptions {
  /** Wraps a result word (`pass`, `FAIL`…) for display, e.g. in colour; default unchanged. Width is kept. */
  style?: (outcome: SmokeOutcome, text: string) => string;
  /** Widest suite column, characters. Default 20. */
  suiteWidth?: number;
  /** Widest check column, characters. Default 40. */
  checkWidth?: number;
}

const WORD: Record<SmokeOutcome, string> = { pass: 'pass', fail: 'FAIL', error: 'ERROR', skipped: 'skip' };

/** `12 ms` under a second, else `1.2 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The scoreboard for a terminal: one row per check (suite, check, result, time, reason), then a summary line
 * `3 passed, 1 failed, 0 errors, 1 skipped (5 checks) in 1.2 s`. Names come from a file and a server:
 * control characters are shown as U+FFFD so they cannot move the cursor or recolour the terminal.
 */
export function renderScoreboardText(scoreboard: SmokeScoreboard, options: ScoreboardTextOptions = {}): string {
  const style = options.style ?? ((_outcome: SmokeOutcome, text: string) => text);
  const rows = scoreboard.results.map((result) => ({
    suite: cut(clean(result.suite), options.suiteWidth ?? 20),
    check: cut(clean(result.check), options.checkWidth ?? 40),
    outcome: result.result,
    time: result.result === 'skipped' ? '-' : formatDuration(result.durationMs),
    reason: clean(result.reason ?? ''),
  }));
  const width = {
    suite: Math.max(5, ...rows.map((row) => row.suite.length)),
    check: Math.max(5, ...rows.map((row) => row.check.length)),
    time: Math.max(4, ...rows.map((row) => row.time.length)),
  };
  const line = (suite: string, check: string, word: string, styled: string, time: string, reason: string): string =>
    `${suite.padEnd(width.suite)}  ${check.padEnd(width.check)}  ${styled}${' '.repeat(6 - word.length)}  ${time.padStart(width.time)}  ${reason}`.trimEnd();
  const lines = [line('SUITE', 'CHECK', 'RESULT', 'RESULT', 'TIME', 'REASON')];
  for (const row of rows) {
    const word = WORD[row.outcome];
    lines.push(line(row.suite, row.check, word, style(row.outcome, word), row.time, row.reason));
  }
  lines.push('', summaryLine(scoreboard));
  return `${lines.join('\n')}\n`;
}

/** `3 passed, 1 failed, 0 errors, 1 skipped (5 checks) in 1.2 s`, plus `, cancelled` when it was. */
export function summaryLine(scoreboard: SmokeScoreboard): string {
  const { passed, failed, errors, skipped, total } = scoreboard;
  const cancelled = scoreboard.cancelled ? ', cancelled' : '';
  return `${passed} passed, ${failed} failed, ${errors} error${errors === 1 ? '' : 's'}, ${skipped} skipped (${total} check${total === 1 ? '' : 's'}) in ${formatDuration(scoreboard.durationMs)}${cancelled}`;
}

/** One line, no control characters (C0, DEL, C1). */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\r?\n/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
