import { DEFAULT_FALLBACK_URL, type ChatError } from '../../../shared/model/index.ts';
import type { ChatFault, FaultContext } from './chat-fault.ts';
import { capText, hostOf, looksLikeAlias } from './fault-text.ts';

type NetworkFault = Extract<ChatFault, { kind: 'network' }>;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL', 'ENODATA', 'ESERVFAIL']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
/** OpenSSL/Node codes that mean the TLS layer, not the network, refused (same list as the probes). */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(GET|VERIFY)_|EPROTO$|HOSTNAME_MISMATCH)/;
/** A connection that was accepted and then dropped while the answer was being read. */
const DROP_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);

/** Names a socket/resolver/TLS error the same way for HTTP and WS. */
export function classifyNetwork(fault: NetworkFault, ctx: FaultContext): ChatError {
  const base = { correlationId: ctx.correlationId, detail: `${fault.code}: ${fault.message}` };
  const host = hostOf(ctx.url) || 'the host';
  if (DNS_CODES.has(fault.code)) {
    const fallback = ctx.fallbackUrl ?? DEFAULT_FALLBACK_URL;
    const alias = looksLikeAlias(ctx.url);
    return {
      ...base,
      class: 'DNS_NOT_FOUND',
      explanation: alias
        ? `Name or service not known: ${host} is a docker alias, and docker aliases resolve only inside their compose network, not from here.`
        : `Name or service not known: ${host} does not resolve from here.`,
      hint: alias
        ? `From the host, reach the orchestrator through its published port (e.g. ${fallback}): unpin the target so Stack Doctor falls back to localhost, or run the client inside the compose network.`
        : `Check the host name for typos and that DNS or /etc/hosts knows it; a container name only resolves inside its docker network.`,
    };
  }
  if (fault.code === 'ECONNREFUSED') {
    return {
      ...base,
      class: 'CONNECTION_REFUSED',
      explanation: `Connection refused: nothing listens on ${portOf(ctx.url) ?? host}.`,
      hint: 'Start the server, or check the port: a container port must be published (ports: in compose) to be reachable from the host.',
    };
  }
  if (TIMEOUT_CODES.has(fault.code)) {
    return {
      ...base,
      class: 'TIMEOUT',
      explanation: `Connecting to ${host} timed out.`,
      hint: 'Check that the host is up and that no firewall drops the packets; raise --timeout if it is just slow.',
    };
  }
  if (TLS_CODE.test(fault.code)) {
    return {
      ...base,
      class: 'TLS_ERROR',
      explanation: `The TLS handshake with ${host} failed (${fault.code}).`,
      hint: 'Check the certificate (self-signed, expired, wrong host name) or use http:// / ws:// for a local server without TLS.',
    };
  }
  if (fault.phase === 'answer' && DROP_CODES.has(fault.code)) {
    // Over WS the same drop arrives as close 1006; over HTTP the body is cut short, which breaks the protocol.
    return {
      ...base,
      class: 'PROTOCOL_VIOLATION',
      explanation: `The connection dropped before the answer was complete (${fault.code}).`,
      hint: 'The server (or a proxy) closed the connection mid-answer: check whether it crashed or restarted.',
      ...(fault.partial !== undefined ? { rawFrame: capText(fault.partial) } : {}),
    };
  }
  return {
    ...base,
    class: 'CONNECTION_REFUSED',
    explanation: `Could not connect to ${portOf(ctx.url) ?? host} (${fault.code}: ${fault.message}).`,
    hint: 'Check that the host is reachable from here (route, network, firewall) and that the server listens.',
  };
}

function portOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? '443' : '80');
    return `${parsed.hostname}:${port}`;
  } catch {
    return null;
  }
}
