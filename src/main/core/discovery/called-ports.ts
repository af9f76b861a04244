import type { DependencyTarget } from '../../../shared/model/index.ts';
import { isHttpTarget } from './url-targets.ts';

/** A service as the matching sees it: the DNS names it answers to and the targets it calls. */
export interface CallerEntry {
  names: readonly string[];
  targets: readonly DependencyTarget[];
}

/**
 * Per entry (by index), the container ports the other entries call over HTTP on one of its names: the port a
 * health URL should be published from. In entry order, then target order (the first published one wins).
 * The HTTP targets are indexed by host once, so the work grows with services plus targets, not with their
 * product (matching every service against every other's targets took 68 s for 20,000 services).
 */
export function calledPortsOf(entries: readonly CallerEntry[]): number[][] {
  const byHost = new Map<string, { caller: number; order: number; port: number }[]>();
  let order = 0;
  entries.forEach(({ targets }, caller) => {
    for (const target of targets) {
      order++;
      if (!isHttpTarget(target)) continue;
      const call = { caller, order, port: target.port };
      const calls = byHost.get(target.host);
      if (calls) calls.push(call);
      else byHost.set(target.host, [call]);
    }
  });
  return entries.map(({ names }, index) => {
    const calls: { order: number; port: number }[] = [];
    for (const name of new Set(names.map((n) => n.toLowerCase()))) {
      for (const call of byHost.get(name) ?? []) if (call.caller !== index) calls.push(call);
    }
    return calls.sort((a, b) => a.order - b.order).map((call) => call.port);
  });
}
