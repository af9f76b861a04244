import type { Diagnosis } from '../../../shared/model/index.ts';

/**
 * A fresh diagnosis of one workspace, for planning a repair, checking the stack has not changed before executing
 * it, and verifying it afterwards. The app passes its Doctor (`doctor.diagnose({ workspace })`); kept this narrow
 * so repair does not depend on how diagnosis is built. Rejects only when there is nothing to diagnose.
 */
export interface Diagnoser {
  diagnose(workspace: string): Promise<Diagnosis>;
}
