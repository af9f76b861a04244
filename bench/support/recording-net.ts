import type { ProbeResult } from '../../src/shared/model/index.ts';
import type { NetworkProbePort } from '../../src/main/core/ports/index.ts';

/** One probe a diagnosis run made, replayable against any NetworkProbePort. */
export interface ProbeCall {
  /** `GET http://…`, `TCP 127.0.0.1:…`: for the report. */
  label: string;
  run(net: NetworkProbePort): Promise<ProbeResult>;
}

/** Passes every probe through to `inner` and records it, so the run's exact probe set can be replayed one by one. */
export class RecordingNet implements NetworkProbePort {
  readonly calls: ProbeCall[] = [];

  constructor(private readonly inner: NetworkProbePort) {}

  private record(label: string, run: (net: NetworkProbePort) => Promise<ProbeResult>): Promise<ProbeResult> {
    this.calls.push({ label, run });
    return run(this.inner);
  }

  lookup(host: string, timeoutMs: number): Promise<ProbeResult> {
    return this.record(`DNS ${host}`, (net) => net.lookup(host, timeoutMs));
  }

  tcpConnect(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
    return this.record(`TCP ${host}:${port}`, (net) => net.tcpConnect(host, port, timeoutMs));
  }

  httpGet(url: string, timeoutMs: number, headers?: Record<string, string>): Promise<ProbeResult> {
    return this.record(`GET ${url}`, (net) => net.httpGet(url, timeoutMs, headers));
  }

  wsHandshake(url: string, timeoutMs: number): Promise<ProbeResult> {
    return this.record(`WS ${url}`, (net) => net.wsHandshake(url, timeoutMs));
  }
}
