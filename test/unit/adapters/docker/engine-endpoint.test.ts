import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modemOptionsFor, resolveEngineEndpoint } from '../../../../src/main/adapters/docker/engine-endpoint.ts';

let home: string;
const read = (p: string): string | null => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null;
  }
};
const write = (path: string, text: string): void => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const contextMeta = (name: string, host: string, extra: Record<string, unknown> = {}): void => {
  const hash = createHash('sha256').update(name).digest('hex');
  write(
    join(home, '.docker', 'contexts', 'meta', hash, 'meta.json'),
    JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, ...extra } } }),
  );
};

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'sd-endpoint-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('resolveEngineEndpoint', () => {
  it('defaults to the standard socket', () => {
    const r = resolveEngineEndpoint({}, home, read);
    expect(r).toMatchObject({ endpoint: 'unix:///var/run/docker.sock', source: 'default' });
    expect(r.context).toBeUndefined();
    expect(r.modemOptions).toMatchObject({ socketPath: '/var/run/docker.sock', host: undefined });
  });

  it('honours DOCKER_HOST over any context', () => {
    write(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    contextMeta('remote', 'tcp://10.0.0.5:2375');
    const r = resolveEngineEndpoint({ DOCKER_HOST: 'unix:///tmp/x.sock', DOCKER_CONTEXT: 'remote' }, home, read);
    expect(r).toMatchObject({ endpoint: 'unix:///tmp/x.sock', source: 'DOCKER_HOST', modemOptions: { socketPath: '/tmp/x.sock' } });
    expect(r.context).toBeUndefined();
  });

  it('maps tcp DOCKER_HOST to http, and to https with certificates under DOCKER_TLS_VERIFY', () => {
    expect(resolveEngineEndpoint({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }, home, read).modemOptions).toMatchObject({
      protocol: 'http',
      host: '127.0.0.1',
      port: '2375',
      socketPath: undefined,
    });
    const certs = join(home, 'certs');
    write(join(certs, 'ca.pem'), 'CA');
    write(join(certs, 'cert.pem'), 'CERT');
    write(join(certs, 'key.pem'), 'KEY');
    const tls = resolveEngineEndpoint(
      { DOCKER_HOST: 'tcp://docker.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs },
      home,
      read,
    );
    expect(tls.modemOptions).toMatchObject({ protocol: 'https', host: 'docker.example', port: '2376', ca: 'CA', cert: 'CERT', key: 'KEY' });
  });

  it('uses DOCKER_CONTEXT, then currentContext from config.json, reading the hashed meta.json', () => {
    contextMeta('colima', 'unix:///home/me/.colima/docker.sock');
    contextMeta('remote', 'tcp://10.0.0.5:2375');
    write(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    expect(resolveEngineEndpoint({}, home, read)).toMatchObject({ endpoint: 'tcp://10.0.0.5:2375', context: 'remote', source: 'context' });
    expect(resolveEngineEndpoint({ DOCKER_CONTEXT: 'colima' }, home, read)).toMatchObject({
      endpoint: 'unix:///home/me/.colima/docker.sock',
      context: 'colima',
      modemOptions: { socketPath: '/home/me/.colima/docker.sock' },
    });
  });

  it('honours DOCKER_CONFIG and reads context TLS material', () => {
    const config = join(home, 'elsewhere');
    const hash = createHash('sha256').update('secure').digest('hex');
    write(join(config, 'config.json'), JSON.stringify({ currentContext: 'secure' }));
    write(join(config, 'contexts', 'meta', hash, 'meta.json'), JSON.stringify({ Endpoints: { docker: { Host: 'tcp://h:2376' } } }));
    write(join(config, 'contexts', 'tls', hash, 'docker', 'ca.pem'), 'CA');
    write(join(config, 'contexts', 'tls', hash, 'docker', 'cert.pem'), 'CERT');
    write(join(config, 'contexts', 'tls', hash, 'docker', 'key.pem'), 'KEY');
    const r = resolveEngineEndpoint({ DOCKER_CONFIG: config }, home, read);
    expect(r).toMatchObject({
      endpoint: 'tcp://h:2376',
      context: 'secure',
      modemOptions: { protocol: 'https', ca: 'CA', cert: 'CERT', key: 'KEY' },
    });
  });

  it('treats the default context, a missing context and a corrupt config as the default socket', () => {
    expect(resolveEngineEndpoint({ DOCKER_CONTEXT: 'default' }, home, read).endpoint).toBe('unix:///var/run/docker.sock');
    const missing = resolveEngineEndpoint({ DOCKER_CONTEXT: 'gone' }, home, read);
    expect(missing).toMatchObject({ endpoint: 'unix:///var/run/docker.sock', context: 'gone', source: 'default' });
    write(join(home, '.docker', 'config.json'), '{ not json');
    expect(resolveEngineEndpoint({}, home, read)).toMatchObject({ endpoint: 'unix:///var/run/docker.sock', source: 'default' });
  });
});

describe('modemOptionsFor', () => {
  it('handles npipe, ssh and bare paths', () => {
    expect(modemOptionsFor('npipe:////./pipe/docker_engine')).toMatchObject({ socketPath: '//./pipe/docker_engine' });
    expect(modemOptionsFor('ssh://me@build-box:2222')).toMatchObject({ protocol: 'ssh', host: 'build-box', port: '2222', username: 'me' });
    expect(modemOptionsFor('/run/user/1000/docker.sock')).toMatchObject({ socketPath: '/run/user/1000/docker.sock' });
  });
});

describe('an unusable DOCKER_HOST', () => {
  it('is reported as invalid instead of throwing; host:port without a scheme means tcp', () => {
    expect(resolveEngineEndpoint({ DOCKER_HOST: 'tcp://' }, home, read)).toMatchObject({
      endpoint: 'tcp://',
      invalid: expect.stringContaining('not a valid endpoint'),
    });
    expect(resolveEngineEndpoint({ DOCKER_HOST: 'localhost:2375' }, home, read)).toMatchObject({
      modemOptions: { protocol: 'http', host: 'localhost', port: '2375' },
    });
    expect(resolveEngineEndpoint({ DOCKER_HOST: 'localhost:2375' }, home, read).invalid).toBeUndefined();
  });
});
