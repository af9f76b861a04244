import type { ContainerAction, ContainerEvent, EngineEvent } from '../../core/ports/index.ts';
import { productLabels } from './product-labels.ts';

const CONTAINER_ACTIONS: ReadonlySet<string> = new Set<ContainerAction>([
  'create',
  'start',
  'die',
  'stop',
  'kill',
  'oom',
  'restart',
  'destroy',
  'pause',
  'unpause',
  'health_status',
]);
const HEALTH = new Set(['healthy', 'unhealthy', 'starting']);
/** Attributes the engine adds next to a container's labels; none of them is a label. */
const NON_LABEL_ATTRIBUTES = new Set(['name', 'image', 'exitCode', 'signal', 'container', 'type', 'execID', 'execDuration']);

/**
 * One line of `GET /events` (NDJSON) to a typed event, or undefined for anything else: other event types
 * and actions, container events that miss a label of `labelFilter`, blank lines, garbage. Never throws.
 */
export function parseEngineEventLine(line: string, labelFilter: readonly string[] = []): EngineEvent | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  return parseEngineEvent(raw, labelFilter);
}

/**
 * One decoded engine event to a typed event. Reads both shapes: the current one (`Type`, `Action`,
 * `Actor.ID`, `Actor.Attributes`, API ≥ 1.22) and the old one (`status`, `id`, `from`), which engines still
 * send alongside for containers. `health_status: unhealthy` (action with its value) is split.
 */
export function parseEngineEvent(raw: unknown, labelFilter: readonly string[] = []): EngineEvent | undefined {
  const event = record(raw);
  if (!event) return undefined;
  const actor = record(event['Actor']);
  const attributes = stringRecord(actor?.['Attributes']);
  const type = text(event['Type']) ?? (text(event['status']) !== undefined ? 'container' : undefined);
  const fullAction = text(event['Action']) ?? text(event['status']);
  const id = text(actor?.['ID']) ?? text(event['id']);
  if (!fullAction || !id) return undefined;
  const time = timeOf(event);

  if (type === 'network') {
    const containerId = attributes['container'];
    if ((fullAction !== 'connect' && fullAction !== 'disconnect') || !containerId) return undefined;
    const networkEvent: EngineEvent = { type: 'network', action: fullAction, networkId: id, containerId, time };
    if (attributes['name']) networkEvent.networkName = attributes['name'];
    return networkEvent;
  }
  if (type !== 'container') return undefined;

  // `health_status: healthy`; newer engines may also say `health_status` alone with the value in attributes.
  const colon = fullAction.indexOf(':');
  const action = colon < 0 ? fullAction : fullAction.slice(0, colon).trim();
  if (!CONTAINER_ACTIONS.has(action)) return undefined;
  // Filtered on every label, before the labels are trimmed to the product's.
  const labels = labelsOf(attributes);
  if (!matchesLabels(labels, labelFilter)) return undefined;
  const containerEvent: ContainerEvent = {
    type: 'container',
    action: action as ContainerAction,
    containerId: id,
    labels: productLabels(labels),
    time,
  };
  const name = attributes['name'];
  if (name) containerEvent.name = name.replace(/^\//, '');
  const image = attributes['image'] ?? text(event['from']);
  if (image) containerEvent.image = image;
  if (action === 'die' && attributes['exitCode'] !== undefined && /^-?\d+$/.test(attributes['exitCode'])) {
    containerEvent.exitCode = Number(attributes['exitCode']);
  }
  if (action === 'kill' && attributes['signal']) containerEvent.signal = attributes['signal'];
  if (action === 'health_status') {
    const health = (colon < 0 ? (attributes['healthStatus'] ?? '') : fullAction.slice(colon + 1)).trim();
    if (!HEALTH.has(health)) return undefined;
    containerEvent.health = health as 'healthy' | 'unhealthy' | 'starting';
  }
  return containerEvent;
}

/** The container's labels among the event's attributes (the engine mixes them with its own keys). */
function labelsOf(attributes: Readonly<Record<string, string>>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (!NON_LABEL_ATTRIBUTES.has(key)) labels[key] = value;
  return labels;
}

/** Whether attributes carry every `key` / `key=value` of the filter, as `docker events --filter label=…`. */
function matchesLabels(attributes: Readonly<Record<string, string>>, filter: readonly string[]): boolean {
  return filter.every((entry) => {
    const eq = entry.indexOf('=');
    if (eq < 0) return Object.hasOwn(attributes, entry);
    return attributes[entry.slice(0, eq)] === entry.slice(eq + 1);
  });
}

function timeOf(event: Record<string, unknown>): number {
  const nano = event['timeNano'];
  if (typeof nano === 'number' && Number.isFinite(nano) && nano > 0) return Math.floor(nano / 1e6);
  const seconds = event['time'];
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : 0;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record(value) ?? {})) if (typeof entry === 'string') out[key] = entry;
  return out;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
