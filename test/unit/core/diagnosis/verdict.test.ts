import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../../../src/main/core/diagnosis/verdict.ts';
import type { Finding, Severity } from '../../../../src/shared/model/index.ts';

const finding = (severity: Severity): Finding => ({
  id: 'PORT_NOT_PUBLISHED',
  severity,
  subject: 's',
  summary: 's',
  cause: 'c',
  evidence: [],
  fix: { description: 'd' },
});

describe('verdictOf', () => {
  it('maps any error to unhealthy, any warning to degraded, else healthy', () => {
    expect(verdictOf([])).toBe('healthy');
    expect(verdictOf([finding('info')])).toBe('healthy');
    expect(verdictOf([finding('info'), finding('warning')])).toBe('degraded');
    expect(verdictOf([finding('warning'), finding('error'), finding('info')])).toBe('unhealthy');
  });
});
