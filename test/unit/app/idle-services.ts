import type { BundleService } from '../../../src/main/app/bundle-service.ts';
import type { LogsService } from '../../../src/main/app/logs-service.ts';
import type { SmokeService } from '../../../src/main/app/smoke-service.ts';

/** The smoke, bundle and logs services for a test app that never uses them: disposal only. */
export function idleServices(): { smoke: SmokeService; bundle: BundleService; logs: LogsService } {
  return {
    smoke: { onProgress: () => ({ dispose: () => undefined }), dispose: async () => undefined } as unknown as SmokeService,
    bundle: {} as BundleService,
    logs: { onEntries: () => ({ dispose: () => undefined }), dispose: async () => undefined } as unknown as LogsService,
  };
}
