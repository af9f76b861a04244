import type { ProbeResult } from '../../../shared/model/index.ts';
import type { NetworkProbePort } from '../../core/ports/index.ts';
import type { ProtocolProbeResult, WireExchangePort, WireOutcome, WireRequest } from '../../core/ports/protocol-probe.port.ts';
import { sniffPort } from '../../core/protocols/port-sniff.probe.ts';
import { createWireExchange } from '../protocols/wire-exchange.adapter.ts';
import { HostDnsProber, type HostDnsOptions } from './dns.prober.ts';
import { probeHttp } from './http.prober.ts';
import { probeTcp } from './tcp.prober.ts';
import { probeWs } from './ws.prober.ts';

/** Options of {@link NetworkProbeAdapter}. */
export interface NetworkProbeOptions {
  /** How host DNS lookups are bounded (concurrency, hosts file, servers); defaults in {@link HostDnsOptions}. */
  dns?: HostDnsOptions;
}

/**
 * Probes from the machine Stack Doctor runs on (`from: 'host'`), with node:dns, node:net, node:http(s) and ws.
 * Every name, the probes' own sockets included, is resolved through one bounded {@link HostDnsProber}.
 */
export class NetworkProbeAdapter implements NetworkProbePort {
  private readonly dns: HostDnsProber;
  private readonly wire: WireExchangePort = createWireExchange();

  constructor(options: NetworkProbeOptions = {}) {
    this.dns = new HostDnsProber(options.dns);
  }

  lookup(host: string, timeoutMs: number): Promise<ProbeResult> {
    return this.dns.lookup(host, timeoutMs);
  }

  tcpConnect(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
    return probeTcp(host, port, timeoutMs, this.dns.socketLookup(timeoutMs));
  }

  httpGet(url: string, timeoutMs: number, headers?: Record<string, string>): Promise<ProbeResult> {
    return probeHttp(url, timeoutMs, headers, this.dns.socketLookup(timeoutMs));
  }

  wsHandshake(url: string, timeoutMs: number): Promise<ProbeResult> {
    return probeWs(url, timeoutMs, this.dns.socketLookup(timeoutMs));
  }

  sniff(host: string, port: number, path: string, timeoutMs: number): Promise<ProtocolProbeResult> {
    // No greeting wait: every HTTP port would pay it on every run; a greeting that comes back instead is still known.
    return sniffPort(this.wire, { host, port }, { timeoutMs, path, greetingWaitMs: 0 });
  }

  exchange(request: WireRequest): Promise<WireOutcome> {
    return this.wire.exchange(request);
  }
}
