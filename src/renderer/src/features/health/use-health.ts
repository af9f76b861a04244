import { useCallback, useEffect, useReducer } from 'react';
import { useApi } from '../../api/use-api.ts';
import { healthReducer, initialHealthState, isChecking, type HealthState } from './health-state.ts';

/** A `diagnosisStarted` with no completion after this long no longer counts as "checking" (ms). */
const REMOTE_RUN_EXPIRY_MS = 120_000;

export interface HealthModel {
  state: HealthState;
  checking: boolean;
  checkNow: () => void;
  dismissError: () => void;
}

/**
 * The Health view's data: loads settings and the latest diagnosis at once (running one when there is none
 * yet), then follows main's events. The periodic check is main's (every `settings.refreshIntervalSec`,
 * whether or not a page is open): each result arrives as `diagnosisCompleted`. "Check now" asks for one.
 */
export function useHealth(): HealthModel {
  const api = useApi();
  const [state, dispatch] = useReducer(healthReducer, initialHealthState);
  const checking = isChecking(state);

  const checkNow = useCallback(() => {
    dispatch({ type: 'run-started', at: Date.now() });
    void api.runDiagnosis({}).then((result) => dispatch({ type: 'run-finished', result }));
  }, [api]);

  useEffect(() => {
    const expiries = new Set<ReturnType<typeof setTimeout>>();
    const subscriptions = [
      api.on('diagnosisStarted', ({ correlationId }) => {
        dispatch({ type: 'event-started', correlationId, at: Date.now() });
        const timer = setTimeout(() => {
          expiries.delete(timer);
          dispatch({ type: 'event-expired', correlationId });
        }, REMOTE_RUN_EXPIRY_MS);
        expiries.add(timer);
      }),
      api.on('diagnosisCompleted', (diagnosis) => dispatch({ type: 'event-completed', diagnosis })),
      api.on('settingsChanged', (settings) => dispatch({ type: 'settings', settings })),
    ];
    let cancelled = false;
    void (async () => {
      const settings = await api.getSettings({});
      if (cancelled) return;
      if (settings.ok) dispatch({ type: 'settings', settings: settings.value });
      else dispatch({ type: 'error', error: settings.error });
      const last = await api.getLastDiagnosis({});
      if (cancelled) return;
      if (!last.ok) {
        dispatch({ type: 'error', error: last.error });
        dispatch({ type: 'loaded', diagnosis: null });
        return;
      }
      dispatch({ type: 'loaded', diagnosis: last.value });
      if (last.value === null) checkNow();
    })();
    return () => {
      cancelled = true;
      for (const subscription of subscriptions) subscription.dispose();
      for (const timer of expiries) clearTimeout(timer);
    };
  }, [api, checkNow]);

  const dismissError = useCallback(() => dispatch({ type: 'dismiss-error' }), []);
  return { state, checking, checkNow, dismissError };
}
