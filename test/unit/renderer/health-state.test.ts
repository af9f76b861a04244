import { describe, expect, it } from 'vitest';
import {
  healthReducer,
  initialHealthState,
  isChecking,
  type HealthAction,
  type HealthState,
} from '../../../src/renderer/src/features/health/health-state.ts';
import { settingsSchema } from '../../../src/shared/model/index.ts';
import { diagnosis } from './diagnosis-fixture.ts';

const run = (...actions: HealthAction[]): HealthState => actions.reduce(healthReducer, initialHealthState);
const older = diagnosis({ correlationId: 'old', checkedAt: '2025-01-01T10:00:00.000Z' });
const newer = diagnosis({ correlationId: 'new', checkedAt: '2025-01-01T10:01:00.000Z', verdict: 'unhealthy' });

describe('healthReducer', () => {
  it('loads the last diagnosis and marks loaded, also when there is none', () => {
    expect(run({ type: 'loaded', diagnosis: older })).toMatchObject({ loaded: true, diagnosis: older });
    expect(run({ type: 'loaded', diagnosis: null })).toMatchObject({ loaded: true, diagnosis: null });
  });

  it('is checking during a local run and stores its diagnosis, clearing an earlier error', () => {
    const started = run({ type: 'error', error: { code: 'INTERNAL', message: 'x' } }, { type: 'run-started', at: 1 });
    expect(isChecking(started)).toBe(true);
    const done = healthReducer(started, { type: 'run-finished', result: { ok: true, value: newer } });
    expect(isChecking(done)).toBe(false);
    expect(done).toMatchObject({ diagnosis: newer, error: null, lastAttemptAt: 1 });
  });

  it('keeps the previous diagnosis and shows the error when a run fails, and stops checking', () => {
    const state = run(
      { type: 'loaded', diagnosis: older },
      { type: 'run-started', at: 1 },
      { type: 'event-started', correlationId: 'x', at: 1 },
      { type: 'run-finished', result: { ok: false, error: { code: 'INTERNAL', message: 'no workspace' } } },
    );
    expect(state.diagnosis).toBe(older);
    expect(state.error).toEqual({ code: 'INTERNAL', message: 'no workspace' });
    expect(isChecking(state)).toBe(false);
  });

  it('follows runs started elsewhere through events', () => {
    const started = run({ type: 'event-started', correlationId: 'new', at: 5 });
    expect(isChecking(started)).toBe(true);
    const done = healthReducer(started, { type: 'event-completed', diagnosis: newer });
    expect(isChecking(done)).toBe(false);
    expect(done.diagnosis).toBe(newer);
    const expired = run({ type: 'event-started', correlationId: 'lost', at: 5 }, { type: 'event-expired', correlationId: 'lost' });
    expect(isChecking(expired)).toBe(false);
  });

  it('clears the started event of its own run when the answer arrives before the completed event', () => {
    const state = run(
      { type: 'run-started', at: 1 },
      { type: 'event-started', correlationId: 'new', at: 1 },
      { type: 'run-finished', result: { ok: true, value: newer } },
    );
    expect(isChecking(state)).toBe(false);
  });

  it('never replaces a newer diagnosis with an older one arriving late', () => {
    const state = run(
      { type: 'event-completed', diagnosis: newer },
      { type: 'run-finished', result: { ok: true, value: older } },
      { type: 'loaded', diagnosis: older },
    );
    expect(state.diagnosis).toBe(newer);
  });

  it('stores settings and dismisses errors', () => {
    const settings = settingsSchema.parse({ refreshIntervalSec: 10 });
    expect(run({ type: 'settings', settings }).settings).toBe(settings);
    expect(run({ type: 'error', error: { code: 'FORBIDDEN', message: 'no' } }, { type: 'dismiss-error' }).error).toBeNull();
  });
});
