import type { PortBinding } from '../../../shared/model/index.ts';
import { interpolate } from './env-interpolation.ts';

/** Port ranges longer than this are not expanded (`1-65535` would be noise, not a stack). */
const MAX_RANGE = 100;

/**
 * Parses a compose `ports:` list, short (`"127.0.0.1:8006:8006/tcp"`, `"3000"`, `"[::1]:80:80"`,
 * `"8000-8002:8000-8002"`) and long (`{ target, published, host_ip, protocol }`) forms. A container
 * port without a published one gets no `hostPort`: the engine picks an ephemeral port.
 */
export function parseComposePorts(raw: unknown): PortBinding[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry): PortBinding[] => {
    if (typeof entry === 'number') return [{ containerPort: entry, protocol: 'tcp' }];
    if (typeof entry === 'string') return parseShortPort(interpolate(entry));
    if (entry && typeof entry === 'object') return parseLongPort(entry as Record<string, unknown>);
    return [];
  });
}

function parseLongPort(entry: Record<string, unknown>): PortBinding[] {
  const target = toInt(entry.target);
  if (target === undefined) return [];
  const protocol = typeof entry.protocol === 'string' ? entry.protocol : 'tcp';
  const hostIp = typeof entry.host_ip === 'string' ? interpolate(entry.host_ip) : undefined;
  const published = range(typeof entry.published === 'string' ? interpolate(entry.published) : entry.published);
  const binding: PortBinding = { containerPort: target, protocol };
  if (hostIp) binding.hostIp = hostIp;
  if (published?.[0] !== undefined) binding.hostPort = published[0];
  return [binding];
}

function parseShortPort(spec: string): PortBinding[] {
  let rest = spec.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1) || 'tcp';
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return [];
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (parts.length === 3) hostIp = parts.shift() || undefined;
  if (parts.length > 2) return [];
  const containerPorts = range(parts[parts.length - 1]);
  const hostPorts = parts.length === 2 && parts[0] ? range(parts[0]) : undefined;
  if (!containerPorts) return [];
  return containerPorts.map((containerPort, index) => {
    const binding: PortBinding = { containerPort, protocol };
    if (hostIp) binding.hostIp = hostIp;
    // A single host port for a container range is "pick one of"; only a same-size range maps 1:1.
    const hostPort = hostPorts && (hostPorts.length === containerPorts.length ? hostPorts[index] : undefined);
    if (hostPort !== undefined) binding.hostPort = hostPort;
    return binding;
  });
}

function range(value: unknown): number[] | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? [value] : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  const [from, to] = value.split('-').map(toInt);
  if (from === undefined) return undefined;
  if (to === undefined) return value.includes('-') ? undefined : [from];
  if (to < from || to - from >= MAX_RANGE) return [from];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function toInt(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}
