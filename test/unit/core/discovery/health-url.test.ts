import { describe, expect, it } from 'vitest';
import { deriveHealthUrl, healthcheckHttp } from '../../../../src/main/core/discovery/health-url.ts';

describe('deriveHealthUrl', () => {
  const ports = [
    { containerPort: 5432, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 15432 },
    { containerPort: 8006, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18006 },
  ];

  it('needs a published TCP port', () => {
    expect(deriveHealthUrl({ ports: [{ containerPort: 80, protocol: 'tcp' }], healthPath: '/h' })).toBeUndefined();
    expect(deriveHealthUrl({ ports: [{ containerPort: 53, protocol: 'udp', hostPort: 53 }], healthPath: '/h' })).toBeUndefined();
  });

  it('needs a configured healthPath: unconfigured ports are the published-health check’s', () => {
    expect(deriveHealthUrl({ ports })).toBeUndefined();
    expect(deriveHealthUrl({ ports, healthPath: '/ready' })).toBe('http://127.0.0.1:15432/ready');
  });

  it('reaches a specific bind address on itself', () => {
    expect(deriveHealthUrl({ ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '::1', hostPort: 8080 }], healthPath: '/health' })).toBe(
      'http://[::1]:8080/health',
    );
  });
});

describe('healthcheckHttp', () => {
  it('reads the URL a curl or wget healthcheck asks the container itself for, as argv or shell string', () => {
    expect(healthcheckHttp({ test: ['CMD', 'curl', '-f', 'http://localhost:8080/healthz'], disable: false })).toEqual({
      containerPort: 8080,
      path: '/healthz',
    });
    expect(healthcheckHttp({ test: ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:9000/ready?deep=1 || exit 1'], disable: false })).toEqual({
      containerPort: 9000,
      path: '/ready',
    });
    expect(healthcheckHttp({ test: 'curl -fs "http://user:secret@0.0.0.0/status"', disable: false })).toEqual({
      containerPort: 80,
      path: '/status',
    });
  });

  it('ignores tests without a local http URL, disabled ones, and unresolved variables', () => {
    expect(healthcheckHttp(undefined)).toBeUndefined();
    expect(healthcheckHttp({ test: ['CMD', 'pg_isready'], disable: false })).toBeUndefined();
    expect(healthcheckHttp({ test: ['CMD', 'curl', 'http://localhost:8080/h'], disable: true })).toBeUndefined();
    expect(healthcheckHttp({ test: 'curl http://other-service:8080/h', disable: false })).toBeUndefined();
    expect(healthcheckHttp({ test: 'curl http://localhost:${PORT}/h', disable: false })).toBeUndefined();
  });
});
