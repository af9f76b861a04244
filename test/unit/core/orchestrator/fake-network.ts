import type { ProbeResult } from '../../../../src/shared/model/index.ts';
import type { NetworkProbePort } from '../../../../src/main/core/ports/index.ts';

/** What the fake network knows: hosts that resolve, and what each URL answers. */
export interface FakeWorld {
  resolves: Record<string, string[]>;
  /** URL → HTTP status, or an error code when nothing answers there. */
  answers: Record<string, number | string>;
}

/** A NetworkProbePort over a fixed world; records every call so tests can see what was tried. */
export class FakeNetwork implements NetworkProbePort {
  readonly calls: string[] = [];
  constructor(private readonly world: FakeWorld) {}

  async lookup(host: string): Promise<ProbeResult> {
    this.calls.push(`lookup ${host}`);
    const addresses = this.world.resolves[host];
    const base = { kind: 'dns-host' as const, target: host, from: 'host', latencyMs: 1 };
    return addresses
      ? { ...base, ok: true, detail: { addresses } }
      : { ...base, ok: false, error: { code: 'ENOTFOUND', message: `Name or service not known (${host})` }, detail: { addresses: [] } };
  }

  async tcpConnect(host: string, port: number): Promise<ProbeResult> {
    this.calls.push(`tcp ${host}:${port}`);
    return {
      kind: 'tcp',
      target: `${host}:${port}`,
      from: 'host',
      ok: false,
      latencyMs: 1,
      error: { code: 'ECONNREFUSED', message: 'refused' },
    };
  }

  async httpGet(url: string, _timeoutMs: number, headers?: Record<string, string>): Promise<ProbeResult> {
    this.calls.push(`get ${url}${headers?.['X-Correlation-ID'] ? ` [${headers['X-Correlation-ID']}]` : ''}`);
    const answer = this.world.answers[url] ?? 'ECONNREFUSED';
    const base = { kind: 'http' as const, target: url, from: 'host', latencyMs: 4.2 };
    if (typeof answer === 'string') return { ...base, ok: false, error: { code: answer, message: answer } };
    const ok = answer >= 200 && answer < 300;
    return ok
      ? { ...base, ok, detail: { status: answer } }
      : { ...base, ok, detail: { status: answer }, error: { code: `HTTP_${answer}`, message: `HTTP ${answer}` } };
  }

  async wsHandshake(url: string): Promise<ProbeResult> {
    this.calls.push(`ws ${url}`);
    return { kind: 'ws', target: url, from: 'host', ok: false, latencyMs: 1, error: { code: 'ECONNREFUSED', message: 'refused' } };
  }
}
