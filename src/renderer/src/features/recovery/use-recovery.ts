import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useApi } from '../../api/use-api.ts';
import { RecoveryController, type RecoveryViewState } from './recovery-controller.ts';

/** The Recovery view's state and commands; one controller per mounted view. */
export function useRecovery(): { state: RecoveryViewState; controller: RecoveryController } {
  const api = useApi();
  const controller = useMemo(() => new RecoveryController({ api }), [api]);
  useEffect(() => {
    const running = controller.start();
    return () => running.dispose();
  }, [controller]);
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  return { state, controller };
}
