import type { RepairAppService } from '../app/repair-app-service.ts';
import type { Handlers } from './dispatch.ts';

type RepairHandlers = Pick<Handlers, 'previewRepair' | 'executeRepair' | 'cancelRepair' | 'getRepairReports' | 'exportRepairReport'>;

const unavailable = (): never => {
  throw new Error('repair is not available in this host');
};

/** The repair channels; `workspace` is the app's when a preview names none. Without a service they answer INTERNAL. */
export function createRepairHandlers(repair: RepairAppService | undefined, workspace: () => string): RepairHandlers {
  return {
    previewRepair: async (request) => (repair ? repair.preview(request.workspace ?? workspace()) : unavailable()),
    executeRepair: async (ref) => (repair ? repair.execute(ref) : unavailable()),
    cancelRepair: async () => (repair ? { cancelled: repair.cancel() } : unavailable()),
    getRepairReports: async () => (repair ? repair.reports() : unavailable()),
    exportRepairReport: async ({ id, format }) => (repair ? repair.exportReport(id, format) : unavailable()),
  };
}
