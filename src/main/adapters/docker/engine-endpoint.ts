import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DockerOptions } from 'dockerode';
import type { EngineEndpoint } from '../../core/ports/index.ts';

/** The socket every Linux engine listens on unless told otherwise. */
export const DEFAULT_ENGINE_ENDPOINT = 'unix:///var/run/docker.sock';

/** Reads a file as text; null when it is missing or unreadable. Injected so resolution is testable. */
export type ReadTextFile = (path: string) => string | null;

/** An endpoint plus the dockerode options that reach it. */
export type ResolvedEngineEndpoint = EngineEndpoint & {
  modemOptions: DockerOptions;
  /** Where the endpoint came from: `DOCKER_HOST`, `context`, or `default`. */
  source: 'DOCKER_HOST' | 'context' | 'default';
  /** Set when the endpoint cannot be used at all (unparseable URL): why, in a few words. */
  invalid?: string;
};

interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  verify: boolean;
}

/**
 * Finds the engine the way the docker CLI does: `DOCKER_HOST` wins, then `DOCKER_CONTEXT`, then the
 * `currentContext` of `~/.docker/config.json` (or `$DOCKER_CONFIG/config.json`), else the default socket.
 * A context that cannot be read falls back to the default socket, keeping its name for the report.
 */
export function resolveEngineEndpoint(
  env: Record<string, string | undefined>,
  homeDir: string,
  readFile: ReadTextFile,
): ResolvedEngineEndpoint {
  const configDir = env['DOCKER_CONFIG'] || join(homeDir, '.docker');

  const dockerHost = env['DOCKER_HOST']?.trim();
  if (dockerHost) {
    const verify = env['DOCKER_TLS_VERIFY'] !== undefined && env['DOCKER_TLS_VERIFY'] !== '' && env['DOCKER_TLS_VERIFY'] !== '0';
    const tls = verify ? readTls(env['DOCKER_CERT_PATH'] || configDir, readFile, true) : undefined;
    return withOptions({ endpoint: dockerHost, source: 'DOCKER_HOST' }, tls);
  }

  const contextName = env['DOCKER_CONTEXT']?.trim() || readCurrentContext(configDir, readFile);
  if (contextName && contextName !== 'default') {
    const hash = createHash('sha256').update(contextName).digest('hex');
    const meta = parseJson(readFile(join(configDir, 'contexts', 'meta', hash, 'meta.json')));
    const docker = asRecord(asRecord(meta?.['Endpoints'])?.['docker']);
    const host = typeof docker?.['Host'] === 'string' ? docker['Host'] : undefined;
    if (host) {
      const tlsDir = join(configDir, 'contexts', 'tls', hash, 'docker');
      const tls = readTls(tlsDir, readFile, docker?.['SkipTLSVerify'] !== true);
      const hasTls = tls.ca !== undefined || tls.cert !== undefined;
      return withOptions({ endpoint: host, context: contextName, source: 'context' }, hasTls ? tls : undefined);
    }
    return withOptions({ endpoint: DEFAULT_ENGINE_ENDPOINT, context: contextName, source: 'default' });
  }

  return withOptions({ endpoint: DEFAULT_ENGINE_ENDPOINT, source: 'default' });
}

/** An endpoint that does not parse is reported on use, like an unreachable one, rather than thrown here. */
function withOptions(found: Omit<ResolvedEngineEndpoint, 'modemOptions'>, tls?: TlsMaterial): ResolvedEngineEndpoint {
  try {
    return { ...found, modemOptions: modemOptionsFor(found.endpoint, tls) };
  } catch {
    return { ...found, modemOptions: {}, invalid: 'not a valid endpoint (expected unix://, tcp://, npipe:// or ssh://)' };
  }
}

/**
 * dockerode options for one endpoint URL. Every field docker-modem would otherwise take from
 * `process.env.DOCKER_HOST` is set explicitly (possibly to undefined), because the modem merges its own
 * env-derived defaults under ours and a stray `host` would win over our `socketPath`.
 */
export function modemOptionsFor(endpoint: string, tls?: TlsMaterial): DockerOptions {
  const blank: DockerOptions = { host: undefined, port: undefined, protocol: undefined, socketPath: undefined };
  if (endpoint.startsWith('unix://')) return { ...blank, socketPath: endpoint.slice('unix://'.length) };
  if (endpoint.startsWith('npipe://')) {
    // npipe:////./pipe/docker_engine → //./pipe/docker_engine
    return { ...blank, socketPath: endpoint.slice('npipe://'.length).replace(/^\/\/(?=\/)/, '') };
  }
  if (endpoint.startsWith('/')) return { ...blank, socketPath: endpoint };

  // Like the docker CLI, `host:port` without a scheme means tcp.
  const url = new URL(endpoint.includes('//') ? endpoint : `tcp://${endpoint}`);
  if (!url.hostname) throw new TypeError(`no host in ${endpoint}`);
  if (url.protocol === 'ssh:') {
    return {
      ...blank,
      protocol: 'ssh',
      host: url.hostname,
      port: url.port || 22,
      username: url.username || undefined,
    };
  }
  const secure = tls !== undefined || url.protocol === 'https:' || url.port === '2376';
  return {
    ...blank,
    protocol: secure ? 'https' : 'http',
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || (secure ? 2376 : 2375),
    ...(tls?.ca !== undefined ? { ca: tls.ca } : {}),
    ...(tls?.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls?.key !== undefined ? { key: tls.key } : {}),
  };
}

function readCurrentContext(configDir: string, readFile: ReadTextFile): string | undefined {
  const config = parseJson(readFile(join(configDir, 'config.json')));
  const current = config?.['currentContext'];
  return typeof current === 'string' && current.trim() !== '' ? current.trim() : undefined;
}

function readTls(dir: string, readFile: ReadTextFile, verify: boolean): TlsMaterial {
  const material: TlsMaterial = { verify };
  const ca = readFile(join(dir, 'ca.pem'));
  const cert = readFile(join(dir, 'cert.pem'));
  const key = readFile(join(dir, 'key.pem'));
  // Without verification the CA is not pinned, as with `docker --tls` (no verify).
  if (ca !== null && verify) material.ca = ca;
  if (cert !== null) material.cert = cert;
  if (key !== null) material.key = key;
  return material;
}

function parseJson(text: string | null): Record<string, unknown> | undefined {
  if (text === null) return undefined;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
