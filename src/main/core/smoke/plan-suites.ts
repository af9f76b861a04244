import { DEFAULT_SMOKE_TIMEOUT_MS, type SmokeCheck, type SmokeConfig } from '../../../shared/model/index.ts';
import type { NetworkProbePort } from '../ports/network-probe.port.ts';
import type { SmokeChatPort } from '../ports/smoke-chat.port.ts';
import type { SmokeExecPort } from '../ports/smoke-exec.port.ts';
import type { SmokeHttpPort } from '../ports/smoke-http.port.ts';
import { chatTarget, runChatCheck } from './checks/chat.check.ts';
import { runDnsCheck } from './checks/dns.check.ts';
import { httpTarget, runHttpCheck } from './checks/http.check.ts';
import { runTcpCheck } from './checks/tcp.check.ts';
import type { PlannedCheck, PlannedSuite } from './smoke-check.ts';

/** What declared checks talk through. `exec` and `chat` may be absent in a face without an engine or a client. */
export interface SmokePorts {
  http: SmokeHttpPort;
  /** lookup (dns from the host) and tcpConnect. */
  net: Pick<NetworkProbePort, 'lookup' | 'tcpConnect'>;
  exec?: SmokeExecPort;
  chat?: SmokeChatPort;
}

/** The suites of `smoke:`, in the order written, each check bound to its ports and budget. */
export function planSuites(config: SmokeConfig, ports: SmokePorts): PlannedSuite[] {
  return Object.entries(config.suites).map(([name, suite]) => ({
    name,
    checks: suite.checks.map((check) => planCheck(name, check, check.timeoutMs ?? suite.timeoutMs ?? DEFAULT_SMOKE_TIMEOUT_MS, ports)),
  }));
}

function planCheck(suite: string, check: SmokeCheck, timeoutMs: number, ports: SmokePorts): PlannedCheck {
  const base = {
    suite,
    name: check.name,
    kind: check.kind,
    timeoutMs,
    ...(check.skip ? { skipped: 'skip: true in the smoke suite' } : {}),
  };
  switch (check.kind) {
    case 'http':
      return { ...base, target: httpTarget(check), run: (context) => runHttpCheck(check, ports.http, context) };
    case 'chat':
      return { ...base, target: chatTarget(check), run: (context) => runChatCheck(check, ports.chat, context) };
    case 'tcp':
      return { ...base, target: `${check.host}:${check.port}`, run: (context) => runTcpCheck(check, ports.net, context) };
    case 'dns': {
      const from = check.from === 'host' ? 'host' : `container ${check.from.container}`;
      return { ...base, target: `${check.host} from ${from}`, run: (context) => runDnsCheck(check, ports, context) };
    }
  }
}
