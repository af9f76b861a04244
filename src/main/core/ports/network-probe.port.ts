import type { ProbeResult } from '../../../shared/model/index.ts';
import type { ProtocolProbeResult, WireRequest, WireOutcome } from './wire-exchange.port.ts';

/**
 * Probes from where Stack Doctor runs. Every method resolves with a ProbeResult (never rejects):
 * `ok: false` with a stable `error.code` (`ENOTFOUND`, `EAI_AGAIN`, `ECONNREFUSED`, `TIMEOUT`,
 * `HTTP_<status>`, `WS_HANDSHAKE_FAILED`, …) for expected failures.
 */
export interface NetworkProbePort {
  /** OS resolver (`dns.lookup`). detail: `{ addresses: string[] }`. kind `dns-host`. */
  lookup(host: string, timeoutMs: number): Promise<ProbeResult>;
  /**
   * TCP connect, then a short watch for the peer hanging up. kind `tcp`, target `host:port`. A connection
   * accepted and then closed or reset without a byte (docker-proxy with nothing behind a published port) is
   * `PEER_CLOSED` / `ECONNRESET` with `detail.connected: true`.
   */
  tcpConnect(host: string, port: number, timeoutMs: number): Promise<ProbeResult>;
  /**
   * HTTP GET. kind `http`. ok when status is 2xx. detail: `{ status, body? }`, body being the parsed JSON
   * when the response is JSON (capped at 64 KiB). A `{status: healthy|degraded|unhealthy}` body is reported
   * as `detail.healthStatus`.
   */
  httpGet(url: string, timeoutMs: number, headers?: Record<string, string>): Promise<ProbeResult>;
  /** WebSocket opening handshake, then a clean close. kind `ws`. detail: `{ status? }` on rejection. */
  wsHandshake(url: string, timeoutMs: number): Promise<ProbeResult>;
  /**
   * What speaks on `host:port`: sends `GET {path} HTTP/1.0` as soon as it connects and classifies the first line
   * of the answer (`detail: { speaks, http, status?, banner }`; a server-first greeting such as MySQL's is
   * recognised too). `TIMEOUT` when the port accepts and never answers within `timeoutMs`, `PEER_CLOSED` /
   * `ECONNRESET` / `ECONNREFUSED` when it drops or refuses. Optional: a port without it gets no health probe of
   * unconfigured ports, since it cannot tell a database from an HTTP server.
   */
  sniff?(host: string, port: number, path: string, timeoutMs: number): Promise<ProtocolProbeResult>;
  /**
   * One raw request/answer over a fresh TCP connection (see WireExchangePort): the I/O of the protocol checks
   * (Redis PING, PostgreSQL SSLRequest, MySQL greeting, AMQP header). Never rejects. Optional: a port without it
   * gets no protocol checks.
   */
  exchange?(request: WireRequest): Promise<WireOutcome>;
}
