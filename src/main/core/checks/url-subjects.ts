import type { StackService } from '../../../shared/model/index.ts';
import type { CheckScope } from './check.ts';

/**
 * Services whose URLs are worth probing: a running container, or a service known only from configuration
 * (no container, not declared in a compose file). A declared service without a container has nothing to
 * answer (SERVICE_NOT_CREATED), an exited one is reported once as CONTAINER_EXITED.
 */
export function urlSubjects(
  scope: CheckScope,
  urlOf: (service: StackService) => string | undefined,
): { service: StackService; url: string }[] {
  return scope.services.flatMap((service) => {
    const probed = service.container === null ? !service.declared : service.container.state === 'running';
    const url = probed ? urlOf(service) : undefined;
    return url ? [{ service, url }] : [];
  });
}
