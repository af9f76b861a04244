import { describe, expect, it } from 'vitest';
import { targetsFromEnv, urlsInValue } from '../../../../src/main/core/discovery/url-targets.ts';
import { interpolate } from '../../../../src/main/core/discovery/env-interpolation.ts';

describe('urlsInValue', () => {
  it('finds host and port, with default ports for http(s)/ws(s)', () => {
    expect(urlsInValue('http://orchestrator-service:8006')).toEqual([
      { url: 'http://orchestrator-service:8006', host: 'orchestrator-service', port: 8006 },
    ]);
    expect(urlsInValue('https://API.example.com/v1?x=1')).toEqual([
      { url: 'https://API.example.com/v1?x=1', host: 'api.example.com', port: 443 },
    ]);
    expect(urlsInValue('ws://chat/ws')[0]).toMatchObject({ host: 'chat', port: 80 });
    expect(urlsInValue('wss://chat')[0]).toMatchObject({ port: 443 });
  });

  it('handles credentials, IPv6, several URLs in one value and unknown schemes', () => {
    expect(urlsInValue('postgres://app:s3cr:et@db:5432/app')[0]).toMatchObject({ host: 'db', port: 5432 });
    expect(urlsInValue('http://[::1]:9000/x')[0]).toMatchObject({ host: '::1', port: 9000 });
    expect(urlsInValue('PLAINTEXT://kafka-1:9092,PLAINTEXT://kafka-2:9092').map((u) => u.host)).toEqual(['kafka-1', 'kafka-2']);
    expect(urlsInValue('foo://bar')).toEqual([]);
    expect(urlsInValue('just text, no url')).toEqual([]);
    expect(urlsInValue('http://${HOST}:80')).toEqual([]);
  });
});

describe('targetsFromEnv', () => {
  it('sources each target from its variable', () => {
    expect(targetsFromEnv({ B_URL: 'http://b:1', A_URL: 'redis://cache', PLAIN: 'x' })).toEqual([
      { url: 'redis://cache', host: 'cache', port: 6379, source: 'env:A_URL' },
      { url: 'http://b:1', host: 'b', port: 1, source: 'env:B_URL' },
    ]);
  });
});

describe('interpolate', () => {
  it('substitutes defaults and leaves unknown variables as written', () => {
    expect(interpolate('${A:-x}/${B-y}/${C}/$D/${E:?err}/$$')).toBe('x/y/${C}/$D/${E:?err}/$');
  });
});
