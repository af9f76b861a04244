import type { ExecResult } from '../../../../../src/main/core/ports/engine-read.port.ts';
import type { NetworkProbePort } from '../../../../../src/main/core/ports/network-probe.port.ts';
import type { SmokeChatPort, SmokeChatReply, SmokeChatRequest } from '../../../../../src/main/core/ports/smoke-chat.port.ts';
import type { SmokeExecPort } from '../../../../../src/main/core/ports/smoke-exec.port.ts';
import type { SmokeHttpPort, SmokeHttpReply, SmokeHttpRequest } from '../../../../../src/main/core/ports/smoke-http.port.ts';
import type { ProbeResult } from '../../../../../src/shared/model/index.ts';

/** Answers each request with `reply(request)`; keeps the requests. */
export function fakeHttp(reply: (request: SmokeHttpRequest) => SmokeHttpReply): SmokeHttpPort & { requests: SmokeHttpRequest[] } {
  const requests: SmokeHttpRequest[] = [];
  return {
    requests,
    request: (request) => {
      requests.push(request);
      return Promise.resolve(reply(request));
    },
  };
}

export const answered = (status: number, body = ''): SmokeHttpReply => ({
  ok: true,
  status,
  headers: {},
  body,
  truncated: false,
  latencyMs: 1,
});

/** Hosts that resolve and `host:port`s that accept; everything else fails the way the real adapter says. */
export function fakeNet(resolves: string[], open: string[]): Pick<NetworkProbePort, 'lookup' | 'tcpConnect'> {
  const probe = (kind: ProbeResult['kind'], target: string, ok: boolean, code: string, message: string): ProbeResult => ({
    kind,
    target,
    from: 'host',
    ok,
    latencyMs: 1,
    ...(ok ? {} : { error: { code, message } }),
  });
  return {
    lookup: (host) => Promise.resolve(probe('dns-host', host, resolves.includes(host), 'ENOTFOUND', `Name or service not known (${host})`)),
    tcpConnect: (host, port) =>
      Promise.resolve(
        probe('tcp', `${host}:${port}`, open.includes(`${host}:${port}`), 'ECONNREFUSED', `Connection refused (${host}:${port})`),
      ),
  };
}

/** Runs `answer(container, argv)`; keeps every call. */
export function fakeExec(
  answer: (container: string, argv: string[]) => ExecResult | Promise<ExecResult>,
): SmokeExecPort & { calls: Array<{ container: string; argv: string[]; timeoutMs: number }> } {
  const calls: Array<{ container: string; argv: string[]; timeoutMs: number }> = [];
  return {
    calls,
    exec: async (container, argv, timeoutMs) => {
      calls.push({ container, argv, timeoutMs });
      return answer(container, argv);
    },
  };
}

export const exited = (exitCode: number, stdout = '', stderr = ''): ExecResult => ({ exitCode, stdout, stderr, timedOut: false });

export function fakeChat(reply: (request: SmokeChatRequest) => SmokeChatReply): SmokeChatPort & { requests: SmokeChatRequest[] } {
  const requests: SmokeChatRequest[] = [];
  return {
    requests,
    exchange: (request) => {
      requests.push(request);
      return Promise.resolve(reply(request));
    },
  };
}
