import type { ServiceState } from './recovery.ts';

const words: Record<ServiceState, string> = {
  starting: 'starting',
  healthy: 'healthy',
  degraded: 'degraded',
  unavailable: 'unavailable',
  'stopped-by-user': 'stopped by you',
  'crash-looping': 'crash-looping',
  recovering: 'recovering',
  'given-up': 'gave up',
  'awaiting-manual': 'awaiting your approval',
};

/** How a supervised service's state reads to a person: the tray menu and the Recovery view say the same. */
export const serviceStateWord = (state: ServiceState): string => words[state];
