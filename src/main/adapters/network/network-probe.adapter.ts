import type { ProbeResult } from '../../../shared/model/index.ts';
import type { NetworkProbePort } from '../../core/ports/index.ts';
import type { ProtocolProbeResult, WireExchangePort, WireOutcome, WireRequest } from '../../core/ports/wire-exchange.port.ts';
import { sniffPort } from '../../core/protocols/port-sniff.exchange.ts';
import { createWireExchange } from '../protocols/wire-exchange.adapter.ts';
import { AnsweredPorts } from './answered-ports.ts';
import { HostDnsProber, type HostDnsOptions } from './dns.prober.ts';
import { probeHttp } from './http.prober.ts';
import { probeTcp, type TcpWatchOptions } from './tcp.prober.ts';
import { probeWs } from './ws.prober.ts';

/** Options of {@link NetworkProbeAdapter}. */
export interface NetworkProbeOptions {
  /** How host DNS lookups are bounded (concurrency, hosts file, servers); defaults in {@link HostDnsOptions}. */
  dns?: HostDnsOptions;
  /** How long a TCP connect is watched for the peer hanging up, ms; default `PEER_CLOSE_WINDOW_MS` (100). */
  peerCloseWindowMs?: number;
}

/**
 * Probes from the machine Stack Doctor runs on (`from: 'host'`), with node:dns, node:net, node:http(s) and ws.
 * Every name, the probes' own sockets included, is resolved through one bounded {@link HostDnsProber}.
 */
export class NetworkProbeAdapter implements NetworkProbePort {
  private readonly dns: HostDnsProber;
  private readonly wire: WireExchangePort = createWireExchange();
  /** Ports that answered a request (sniff, GET) while a TCP probe of them ran: its peer-close watch ends then. */
  private readonly answered = new AnsweredPorts();
  private readonly peerCloseWindowMs: number | undefined;

  constructor(options: NetworkProbeOptions = {}) {
    this.dns = new HostDnsProber(options.dns);
    this.peerCloseWindowMs = options.peerCloseWindowMs;
  }

  lookup(host: string, timeoutMs: number): Promise<ProbeResult> {
    return this.dns.lookup(host, timeoutMs);
  }

  tcpConnect(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
    const watch: TcpWatchOptions = { served: this.answered.subscribe(host, port) };
    if (this.peerCloseWindowMs !== undefined) watch.windowMs = this.peerCloseWindowMs;
    return probeTcp(host, port, timeoutMs, this.dns.socketLookup(timeoutMs), watch);
  }

  async httpGet(url: string, timeoutMs: number, headers?: Record<string, string>): Promise<ProbeResult> {
    const result = await probeHttp(url, timeoutMs, headers, this.dns.socketLookup(timeoutMs));
    // Any status line, 5xx included, is an answer from whatever serves behind the port.
    if (typeof result.detail?.['status'] === 'number') this.markAnswered(url);
    return result;
  }

  wsHandshake(url: string, timeoutMs: number): Promise<ProbeResult> {
    return probeWs(url, timeoutMs, this.dns.socketLookup(timeoutMs));
  }

  async sniff(host: string, port: number, path: string, timeoutMs: number): Promise<ProtocolProbeResult> {
    // No greeting wait: every HTTP port would pay it on every run; a greeting that comes back instead is still known.
    const result = await sniffPort(this.wire, { host, port }, { timeoutMs, path, greetingWaitMs: 0 });
    if (result.ok && result.detail?.['closedWithoutReply'] !== true) this.answered.answered(host, port);
    return result;
  }

  private markAnswered(url: string): void {
    try {
      const { hostname, port, protocol } = new URL(url);
      const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
      this.answered.answered(host, port === '' ? (protocol === 'https:' ? 443 : 80) : Number(port));
    } catch {
      // Not a URL: probeHttp already reported it, and nothing answered.
    }
  }

  exchange(request: WireRequest): Promise<WireOutcome> {
    return this.wire.exchange(request);
  }
}
