import type { ProbeResult } from '../../../shared/model/index.ts';
import type { NetworkProbePort } from '../../core/ports/index.ts';
import { probeDns } from './dns.prober.ts';
import { probeHttp } from './http.prober.ts';
import { probeTcp } from './tcp.prober.ts';
import { probeWs } from './ws.prober.ts';

/** Probes from the machine Stack Doctor runs on (`from: 'host'`), with node:dns, node:net, node:http(s) and ws. */
export class NetworkProbeAdapter implements NetworkProbePort {
  lookup(host: string, timeoutMs: number): Promise<ProbeResult> {
    return probeDns(host, timeoutMs);
  }

  tcpConnect(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
    return probeTcp(host, port, timeoutMs);
  }

  httpGet(url: string, timeoutMs: number, headers?: Record<string, string>): Promise<ProbeResult> {
    return probeHttp(url, timeoutMs, headers);
  }

  wsHandshake(url: string, timeoutMs: number): Promise<ProbeResult> {
    return probeWs(url, timeoutMs);
  }
}
