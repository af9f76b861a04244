import { lookup } from 'node:dns';
import type { ProbeResult } from '../../../shared/model/index.ts';
import { elapsed, timeoutError, toProbeError } from './probe-error.ts';

/**
 * Resolves `host` with the OS resolver (`dns.lookup`, i.e. getaddrinfo: /etc/hosts, nsswitch, DNS), as
 * any client on this machine would. getaddrinfo cannot be cancelled, so the lookup is raced against
 * `timeoutMs`; a late answer is ignored. detail: `{ addresses: string[] }`.
 */
export function probeDns(host: string, timeoutMs: number): Promise<ProbeResult> {
  const start = performance.now();
  const base = { kind: 'dns-host' as const, target: host, from: 'host' };
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      resolve({ ...base, ok: false, latencyMs: elapsed(start), error: timeoutError(`Lookup of ${host}`, timeoutMs) });
    }, timeoutMs);
    lookup(host, { all: true }, (err, addresses) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const latencyMs = elapsed(start);
      if (err) {
        resolve({ ...base, ok: false, latencyMs, error: toProbeError(err, host), detail: { addresses: [] } });
        return;
      }
      resolve({ ...base, ok: true, latencyMs, detail: { addresses: addresses.map((a) => a.address) } });
    });
  });
}
