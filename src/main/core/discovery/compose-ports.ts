import type { PortBinding } from '../../../shared/model/index.ts';
import { interpolate } from './env-interpolation.ts';

/** Port ranges longer than this are not expanded (`1-65535` would be noise, not a stack). */
const MAX_RANGE = 100;
const MIN_PORT = 1;
const MAX_PORT = 65_535;

/** A port number outside 1–65535 in entry `index` of a `ports:` list; `field` names the long form's key. */
export interface PortIssue {
  index: number;
  field?: 'target' | 'published';
  message: string;
}

/**
 * Parses a compose `ports:` list, short (`"127.0.0.1:8006:8006/tcp"`, `"3000"`, `"[::1]:80:80"`,
 * `"8000-8002:8000-8002"`) and long (`{ target, published, host_ip, protocol }`) forms. A container
 * port without a published one gets no `hostPort`: the engine picks an ephemeral port. Numbers outside
 * 1–65535 give no binding (`composePortIssues` reports them).
 */
export function parseComposePorts(raw: unknown): PortBinding[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry): PortBinding[] => {
    if (typeof entry === 'number') return isPort(entry) ? [{ containerPort: entry, protocol: 'tcp' }] : [];
    if (typeof entry === 'string') return parseShortPort(interpolate(entry));
    if (entry && typeof entry === 'object') return parseLongPort(entry as Record<string, unknown>);
    return [];
  });
}

/** Every port number outside 1–65535 in a `ports:` list, by entry; compose itself refuses such files. */
export function composePortIssues(raw: unknown): PortIssue[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry, index): PortIssue[] => {
    if (typeof entry === 'number') return outOfRange([entry]).map((n) => ({ index, message: badPort(n) }));
    if (typeof entry === 'string') {
      const parts = splitShortPort(interpolate(entry));
      const numbers = parts ? [...numbersOf(parts.hostPorts), ...numbersOf(parts.containerPorts)] : [];
      return outOfRange(numbers).map((n) => ({ index, message: badPort(n) }));
    }
    if (!entry || typeof entry !== 'object') return [];
    const long = entry as Record<string, unknown>;
    return (['target', 'published'] as const).flatMap((field) => {
      const value = typeof long[field] === 'string' ? interpolate(long[field]) : long[field];
      const numbers = typeof value === 'number' ? [value] : numbersOf(typeof value === 'string' ? value : undefined);
      return outOfRange(numbers).map((n) => ({ index, field, message: badPort(n) }));
    });
  });
}

function parseLongPort(entry: Record<string, unknown>): PortBinding[] {
  const target = toPort(entry.target);
  if (target === undefined) return [];
  const protocol = typeof entry.protocol === 'string' ? entry.protocol : 'tcp';
  const hostIp = typeof entry.host_ip === 'string' ? interpolate(entry.host_ip) : undefined;
  const published = range(typeof entry.published === 'string' ? interpolate(entry.published) : entry.published);
  const binding: PortBinding = { containerPort: target, protocol };
  if (hostIp) binding.hostIp = hostIp;
  if (published?.[0] !== undefined) binding.hostPort = published[0];
  return [binding];
}

interface ShortPortParts {
  protocol: string;
  hostIp?: string;
  hostPorts?: string;
  containerPorts: string;
}

/** `[ip:][host:]container[/protocol]` into its parts, or null when it has too many colons. */
function splitShortPort(spec: string): ShortPortParts | null {
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
    if (close < 0) return null;
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (parts.length === 3) hostIp = parts.shift() || undefined;
  if (parts.length > 2) return null;
  const result: ShortPortParts = { protocol, containerPorts: parts[parts.length - 1] ?? '' };
  if (hostIp) result.hostIp = hostIp;
  if (parts.length === 2 && parts[0]) result.hostPorts = parts[0];
  return result;
}

function parseShortPort(spec: string): PortBinding[] {
  const parts = splitShortPort(spec);
  if (!parts) return [];
  const containerPorts = range(parts.containerPorts);
  const hostPorts = parts.hostPorts ? range(parts.hostPorts) : undefined;
  if (!containerPorts) return [];
  return containerPorts.map((containerPort, index) => {
    const binding: PortBinding = { containerPort, protocol: parts.protocol };
    if (parts.hostIp) binding.hostIp = parts.hostIp;
    // A single host port for a container range is "pick one of"; only a same-size range maps 1:1.
    const hostPort = hostPorts && (hostPorts.length === containerPorts.length ? hostPorts[index] : undefined);
    if (hostPort !== undefined) binding.hostPort = hostPort;
    return binding;
  });
}

function range(value: unknown): number[] | undefined {
  if (typeof value === 'number') return isPort(value) ? [value] : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  const [from, to] = value.split('-').map(toPort);
  if (from === undefined) return undefined;
  if (to === undefined) return value.includes('-') ? undefined : [from];
  if (to < from || to - from >= MAX_RANGE) return [from];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The whole numbers written in `8000` or `8000-8010`; anything else (an unset variable, a typo) has none. */
function numbersOf(value: string | undefined): number[] {
  if (value === undefined) return [];
  return value
    .split('-')
    .filter((part) => /^\d+$/.test(part.trim()))
    .map(Number);
}

function outOfRange(numbers: readonly number[]): number[] {
  return numbers.filter((n) => Number.isInteger(n) && !isPort(n));
}

function badPort(n: number): string {
  return `Port ${n} is out of range: ports are 1-65535`;
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_PORT && n <= MAX_PORT;
}

function toPort(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return isPort(n) ? n : undefined;
}
