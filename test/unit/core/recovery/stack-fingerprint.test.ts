import { describe, expect, it } from 'vitest';
import { stackFingerprint } from '../../../../src/main/core/recovery/stack-fingerprint.ts';

describe('stackFingerprint', () => {
  const base = { config: { services: { api: { image: 'a:1', ports: [80] } }, project: 'p' }, containers: { api: 'c1', db: 'c2' } };

  it('is 16 hex chars and does not depend on key order', () => {
    const reordered = { containers: { db: 'c2', api: 'c1' }, config: { project: 'p', services: { api: { ports: [80], image: 'a:1' } } } };
    expect(stackFingerprint(base)).toMatch(/^[0-9a-f]{16}$/);
    expect(stackFingerprint(reordered)).toBe(stackFingerprint(base));
  });

  it('changes with a config value or a container id', () => {
    expect(stackFingerprint({ ...base, config: { ...base.config, project: 'q' } })).not.toBe(stackFingerprint(base));
    expect(stackFingerprint({ ...base, containers: { api: 'c9', db: 'c2' } })).not.toBe(stackFingerprint(base));
    expect(stackFingerprint({ ...base, containers: { api: 'c1', db: null } })).not.toBe(stackFingerprint(base));
  });
});
