import { useCallback, useEffect, useReducer } from 'react';
import { useApi } from '../../api/use-api.ts';
import { initialSmokeState, smokeReducer, type SmokeState } from './smoke-state.ts';

export interface SmokeModel {
  state: SmokeState;
  /** Runs one suite, or every suite when `suite` is null. */
  run: (suite: string | null) => void;
  show: (runId: string) => void;
  dismissError: () => void;
}

/** The Smoke view's data: suites and history at once, each run's progress as `smokeProgress` events. */
export function useSmoke(): SmokeModel {
  const api = useApi();
  const [state, dispatch] = useReducer(smokeReducer, initialSmokeState);

  const run = useCallback(
    (suite: string | null) => {
      dispatch({ type: 'run-started', suite });
      void api.runSmoke(suite === null ? {} : { suite }).then((result) => dispatch({ type: 'run-finished', result }));
    },
    [api],
  );

  useEffect(() => {
    const subscription = api.on('smokeProgress', (progress) => dispatch({ type: 'progress', progress }));
    void api.getSmokeSuites({}).then((result) => dispatch({ type: 'suites', result }));
    void api.getSmokeHistory({}).then((result) => dispatch({ type: 'history', result }));
    return () => subscription.dispose();
  }, [api]);

  return {
    state,
    run,
    show: (runId) => dispatch({ type: 'show', runId }),
    dismissError: () => dispatch({ type: 'dismiss-error' }),
  };
}
