import { describe, expect, it } from 'vitest';
import {
  ArchiveNames,
  bundleStem,
  defaultBundleFileName,
  homeRelative,
  REDACTION_RULES,
} from '../../../../src/main/core/bundle/bundle-layout.ts';
import { redactText } from '../../../../src/shared/redact.ts';

describe('bundle file name', () => {
  it('is stamped in UTC to the second, without colons', () => {
    const date = new Date('2026-01-02T03:04:05.678Z');
    expect(defaultBundleFileName(date)).toBe('stack-doctor-bundle-20260102T030405Z.tar.gz');
    expect(bundleStem(date)).toBe('stack-doctor-bundle-20260102T030405Z');
  });
});

describe('ArchiveNames', () => {
  it('keeps ordinary relative paths under their folder', () => {
    const names = new ArchiveNames();
    expect(names.name('reports', '2026-01-02/repair-1.json')).toBe('reports/2026-01-02/repair-1.json');
  });

  it('drops . and .. parts and replaces characters a tar reader may refuse', () => {
    const names = new ArchiveNames();
    expect(names.name('logs', '../../etc/pass wd')).toBe('logs/etc/pass_wd');
    expect(names.name('logs', 'résumé:1.log')).toBe('logs/r_sum__1.log');
  });

  it('hides credentials a file name carries', () => {
    const names = new ArchiveNames();
    const name = names.name('reports', 'run token=tok-1 at postgres:__admin:pw-2@db.md');
    expect(name).not.toContain('tok-1');
    expect(names.name('reports', 'api_token=tok-3.json')).not.toContain('tok-3');
  });

  it('suffixes names that collide, before the extension', () => {
    const names = new ArchiveNames();
    names.reserve('manifest.json');
    expect(names.name('reports', 'a b.json')).toBe('reports/a_b.json');
    expect(names.name('reports', 'a:b.json')).toBe('reports/a_b-2.json');
    expect(names.name('reports', 'a?b.json')).toBe('reports/a_b-3.json');
    expect(names.name('logs', 'stack-doctor.log.1')).toBe('logs/stack-doctor.log.1');
    expect(names.name('logs', 'stack-doctor.log.1')).toBe('logs/stack-doctor-2.log.1');
  });
});

describe('REDACTION_RULES', () => {
  it('read the same after the last redaction pass over the manifest', () => {
    for (const rule of REDACTION_RULES) expect(redactText(rule)).toBe(rule);
  });
});

describe('homeRelative', () => {
  it('shows paths under the home folder from ~ and leaves the others', () => {
    expect(homeRelative('/home/alice/.local/state/stack-doctor', '/home/alice')).toBe('~/.local/state/stack-doctor');
    expect(homeRelative('/home/alice', '/home/alice/')).toBe('~');
    expect(homeRelative('/home/alicia/x', '/home/alice')).toBe('/home/alicia/x');
    expect(homeRelative('C:\\Users\\alice\\AppData', 'C:\\Users\\alice')).toBe('~\\AppData');
    expect(homeRelative('/tmp/x', '/')).toBe('/tmp/x');
  });
});
