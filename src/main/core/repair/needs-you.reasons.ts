import type { Finding, RepairAction } from '../../../shared/model/index.ts';

/** Why a finding without an action is the user's: by finding, in one sentence. */
export function noActionReason(finding: Finding): string {
  switch (finding.id) {
    case 'HEALTH_DEGRADED':
      return 'The service answers and reports itself degraded: what it depends on needs fixing, not the container.';
    case 'HTTP_HEALTH_FAILED':
    case 'WS_HANDSHAKE_FAILED':
      return 'The container runs but does not serve as configured: the cause is in its code, its configuration or a proxy.';
    case 'DNS_UNRESOLVABLE_FROM_CONTAINER':
      return 'No network of the stack answers to that name: start what should answer to it, or correct the URL.';
    case 'DNS_UNRESOLVABLE_FROM_HOST':
      return "The host's resolver is outside the stack: Stack Doctor does not change it.";
    case 'NO_STACK_FOUND':
      return 'There is no stack here to repair.';
    default:
      return 'No action Stack Doctor can take answers this finding.';
  }
}

/** Why a `manual` action is the user's to make. */
export function manualReason(action: RepairAction): string {
  switch (action.kind) {
    case 'start-engine':
      return 'The Docker engine is not running: how to start it depends on the platform, and Stack Doctor does not.';
    case 'edit-config':
      return 'A configuration file is invalid: Stack Doctor never edits your files.';
    case 'publish-port':
      return 'Publishing a port is a change to the compose file and a recreate of the container: yours to make.';
    default:
      return 'A change Stack Doctor does not make itself.';
  }
}
