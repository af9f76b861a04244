import { describe, expect, it } from 'vitest';
import { deriveHealthUrl } from '../../../../src/main/core/discovery/health-url.ts';

describe('deriveHealthUrl', () => {
  const ports = [
    { containerPort: 5432, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 15432 },
    { containerPort: 8006, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18006 },
  ];

  it('needs a published TCP port', () => {
    expect(deriveHealthUrl({ ports: [{ containerPort: 80, protocol: 'tcp' }], calledPorts: [80] })).toBeUndefined();
    expect(deriveHealthUrl({ ports: [{ containerPort: 53, protocol: 'udp', hostPort: 53 }], calledPorts: [53] })).toBeUndefined();
  });

  it('needs a caller or a configured healthPath', () => {
    expect(deriveHealthUrl({ ports, calledPorts: [] })).toBeUndefined();
    expect(deriveHealthUrl({ ports, calledPorts: [], healthPath: '/ready' })).toBe('http://127.0.0.1:15432/ready');
  });

  it('uses the published port matching the called container port', () => {
    expect(deriveHealthUrl({ ports, calledPorts: [8006] })).toBe('http://127.0.0.1:18006/health');
    expect(deriveHealthUrl({ ports, calledPorts: [9999] })).toBe('http://127.0.0.1:15432/health');
  });

  it('reaches a specific bind address on itself', () => {
    expect(deriveHealthUrl({ ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '::1', hostPort: 8080 }], calledPorts: [80] })).toBe(
      'http://[::1]:8080/health',
    );
  });
});
