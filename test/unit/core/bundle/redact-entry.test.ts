import { describe, expect, it } from 'vitest';
import { MAX_LISTED_PATHS, redactEntryText, redactJsonValue, toJsonData } from '../../../../src/main/core/bundle/redact-entry.ts';

describe('redactEntryText', () => {
  it('parses JSON, hides secret keys at any depth and keeps a compact file compact', () => {
    const out = redactEntryText('{"plan":{"steps":[{"env":{"DB_PASSWORD":"pw-1"}}]}}', 'json');
    expect(out.text).toBe('{"plan":{"steps":[{"env":{"DB_PASSWORD":"***"}}]}}\n');
    expect(out.redactions).toBe(1);
    expect(out.redactedPaths).toEqual(['$.plan.steps[0].env.DB_PASSWORD']);
  });

  it('keeps an indented JSON file indented', () => {
    const out = redactEntryText('{\n  "apiKey": 12345\n}\n', 'json');
    expect(out.text).toBe('{\n  "apiKey": "***"\n}\n');
  });

  it('falls back to the text rules when JSON does not parse', () => {
    const out = redactEntryText('{"password": "pw-2", broken', 'json');
    expect(out.text).toBe('{"password": "***", broken');
    expect(out.redactions).toBe(1);
    expect(out.redactedPaths).toEqual([]);
  });

  it('parses each JSON log line, catching secret values the text rules cannot see (numbers, objects)', () => {
    const lines = [
      '{"level":30,"msg":"probe","apiKey":987654321,"auth":{"user":"u","pass":"x"}}',
      'plain line: connecting to postgres://admin:pw-3@db/app',
      '{"level":40,"msg":"not json',
      '',
    ].join('\n');
    const out = redactEntryText(lines, 'json-lines');
    expect(out.text.split('\n')).toEqual([
      '{"level":30,"msg":"probe","apiKey":"***","auth":"***"}',
      'plain line: connecting to postgres://admin:***@db/app',
      '{"level":40,"msg":"not json',
      '',
    ]);
    expect(out.redactions).toBe(3);
  });

  it('hides secrets in Markdown and counts only the hidden values it added', () => {
    const md = [
      '# Repair',
      'Already redacted: postgres://a:***@db',
      'Ran with `PGPASSWORD=pg-4`',
      'Authorization: Bearer abcdefghijklmnop',
    ].join('\n');
    const out = redactEntryText(md, 'text');
    expect(out.text).not.toContain('pg-4');
    expect(out.text).not.toContain('abcdefghijklmnop');
    expect(out.text).toContain('Already redacted: postgres://a:***@db');
    expect(out.redactions).toBe(2);
  });

  it('lists at most MAX_LISTED_PATHS paths but counts every hidden value', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_LISTED_PATHS + 50 }, (_, i) => [`TOKEN_${i}`, `t${i}`]));
    const out = redactEntryText(JSON.stringify(many), 'json');
    expect(out.redactedPaths).toHaveLength(MAX_LISTED_PATHS);
    expect(out.redactions).toBe(MAX_LISTED_PATHS + 50);
  });
});

describe('redactJsonValue', () => {
  it('writes indented JSON with the settings credentials hidden', () => {
    const out = redactJsonValue({ orchestratorUrl: 'http://admin:set-5@orch:8006/', probeTimeoutMs: 1500 });
    expect(JSON.parse(out.text)).toEqual({ orchestratorUrl: 'http://admin:***@orch:8006/', probeTimeoutMs: 1500 });
    expect(out.redactions).toBe(1);
    expect(out.redactedPaths).toEqual(['$.orchestratorUrl']);
  });
});

describe('toJsonData', () => {
  it('keeps what JSON keeps', () => {
    expect(toJsonData({ a: 1, b: undefined, c: new Date(0) })).toEqual({ ok: true, value: { a: 1, c: '1970-01-01T00:00:00.000Z' } });
  });
  it('says why a value cannot be written, without quoting it', () => {
    const cycle: Record<string, unknown> = { password: 'cyc-6' };
    cycle['self'] = cycle;
    const result = toJsonData(cycle);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('cyc-6');
    expect(toJsonData(10n).ok).toBe(false);
    expect(toJsonData(undefined).ok).toBe(false);
  });
});
