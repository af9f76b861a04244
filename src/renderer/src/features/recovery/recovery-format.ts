import type { RecoveryPlanView, ServiceRecoveryStatus, ServiceState, SupervisionStatus } from '../../../../shared/model/index.ts';
import { serviceStateWord } from '../../../../shared/model/service-state-words.ts';

/** `8 s`, `3 min`, `2 h 5 min`, `3 days`: a span as people say it (seconds are dropped past a minute). */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 > 0 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** How bad a state is, for the row's colour: ok, busy (being handled), warn, bad (needs a human). */
export function stateTone(state: ServiceState): 'ok' | 'busy' | 'warn' | 'bad' {
  if (state === 'healthy') return 'ok';
  if (state === 'starting' || state === 'recovering' || state === 'stopped-by-user') return 'busy';
  if (state === 'given-up' || state === 'awaiting-manual') return 'bad';
  return 'warn';
}

const since = (iso: string | null, nowMs: number): number | null => (iso === null ? null : nowMs - Date.parse(iso));

/**
 * One service's state with its durations, re-derived on the page's clock tick: "healthy for 3 min",
 * "crash-looping, attempt 3/5, next in 8 s", "gave up after 5/5 attempts, 2 min ago".
 */
export function serviceLine(service: ServiceRecoveryStatus, nowMs: number): string {
  const word = serviceStateWord(service.state);
  const forSpan = formatSpan(since(service.since, nowMs) ?? 0);
  const attempt = `attempt ${service.attempts}/${service.maxAttempts}`;
  const next = service.nextAttemptAt === null ? null : Date.parse(service.nextAttemptAt) - nowMs;
  const nextPart = next === null ? '' : next > 500 ? `, next in ${formatSpan(next)}` : ', next now';
  switch (service.state) {
    case 'crash-looping':
      return `${word}, ${attempt}${nextPart}`;
    case 'recovering':
      return `${word}, ${attempt}, for ${forSpan}`;
    case 'given-up':
      return `${word} after ${service.attempts}/${service.maxAttempts} attempts, ${forSpan} ago`;
    case 'awaiting-manual':
      return `${word} for ${forSpan}`;
    default:
      return service.attempts > 0 ? `${word} for ${forSpan} (${attempt})` : `${word} for ${forSpan}`;
  }
}

/** The plan's timing: "due in 8 s", "running for 2 s", "waits for approval". */
export function planTiming(plan: RecoveryPlanView, nowMs: number): string {
  if (plan.state === 'AWAITING_MANUAL') return 'waits for approval';
  if (plan.state === 'IN_PROGRESS') return `running for ${formatSpan(since(plan.startedAt, nowMs) ?? 0)}`;
  if (plan.dueAt === null) return 'queued';
  const due = Date.parse(plan.dueAt) - nowMs;
  return due > 500 ? `due in ${formatSpan(due)}` : 'due now';
}

/** The header's line: off, engine connecting/lost, paused, active. */
export function supervisionSummary(status: SupervisionStatus, nowMs: number): { tone: 'ok' | 'warn' | 'bad'; text: string } {
  if (!status.started) return { tone: 'warn', text: 'Supervision is off in this host' };
  const { engine } = status;
  const forSpan = formatSpan(since(engine.since, nowMs) ?? 0);
  if (engine.state === 'lost') {
    const attempt = engine.attempt === undefined ? '' : `, reconnect attempt ${engine.attempt}`;
    return { tone: 'bad', text: `Engine lost ${forSpan} ago${attempt}` };
  }
  if (engine.state === 'connecting') return { tone: 'warn', text: `Waiting for the engine (${forSpan})` };
  if (status.paused) return { tone: 'warn', text: `Paused: due recoveries wait · engine connected for ${forSpan}` };
  return { tone: 'ok', text: `Supervising · engine connected for ${forSpan}` };
}
