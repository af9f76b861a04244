import { describe, expect, it } from 'vitest';
import { countSeverities, formatAge, formatDuration, reachabilitySummary, tri } from '../../../src/renderer/src/features/health/format.ts';

describe('format helpers', () => {
  it('formats durations by magnitude', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(842.4)).toBe('842 ms');
    expect(formatDuration(1430)).toBe('1.4 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(-1)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('formats ages relative to now', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(formatAge('2025-01-01T11:59:58Z', now)).toBe('just now');
    expect(formatAge('2025-01-01T11:59:30Z', now)).toBe('30 s ago');
    expect(formatAge('2025-01-01T11:57:00Z', now)).toBe('3 min ago');
    expect(formatAge('2025-01-01T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAge('2024-12-25T12:00:00Z', now)).toBe('7 days ago');
    expect(formatAge('2025-01-01T12:00:10Z', now)).toBe('just now');
    expect(formatAge('garbage', now)).toBe('—');
  });

  it('maps nullable booleans to three states', () => {
    expect([tri(true), tri(false), tri(null)]).toEqual(['yes', 'no', 'unknown']);
  });

  it('summarises a reachability cell', () => {
    expect(reachabilitySummary({ resolves: false, answers: null, basis: 'topology+lookup', note: 'no shared network' })).toBe(
      'does not resolve, answers? · no shared network (topology+lookup)',
    );
    expect(reachabilitySummary({ resolves: true, answers: true, basis: 'probe', note: '' })).toBe('resolves, answers (probe)');
  });

  it('counts severities', () => {
    expect(countSeverities([])).toBe('no findings');
    expect(countSeverities([{ severity: 'error' }, { severity: 'error' }, { severity: 'warning' }, { severity: 'info' }])).toBe(
      '2 errors, 1 warning, 1 info',
    );
  });
});
