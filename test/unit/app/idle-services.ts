import type { BundleService } from '../../../src/main/app/bundle-service.ts';
import type { LogsService } from '../../../src/main/app/logs-service.ts';
import type { SmokeService } from '../../../src/main/app/smoke-service.ts';
import type { ServiceControl } from '../../../src/main/app/stack-service-control.ts';

/** The smoke, bundle, logs and service-control services for a test app that never uses them: disposal only. */
export function idleServices(): { smoke: SmokeService; bundle: BundleService; logs: LogsService; serviceControl: ServiceControl } {
  return {
    smoke: { onProgress: () => ({ dispose: () => undefined }), dispose: async () => undefined } as unknown as SmokeService,
    bundle: {} as BundleService,
    logs: { onEntries: () => ({ dispose: () => undefined }), dispose: async () => undefined } as unknown as LogsService,
    serviceControl: {} as ServiceControl,
  };
}
