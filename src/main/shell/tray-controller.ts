import { errorMessage } from '../../shared/error-message.ts';
import type { Disposable } from '../../shared/lifecycle/disposable.ts';
import { Emitter, type Event } from '../../shared/lifecycle/emitter.ts';
import type { BundleService } from '../app/bundle-service.ts';
import type { RepairAppService } from '../app/repair-app-service.ts';
import type { SmokeService } from '../app/smoke-service.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { TrayActivity, TrayWork } from './tray-activity.ts';
import type { ServiceControl, ServiceOp } from '../app/stack-service-control.ts';
import {
  bundleNotice,
  failureNotice,
  isSafePlan,
  repairNotice,
  repairQuestion,
  smokeNotice,
  type TrayNotice,
  type TrayQuestion,
} from './tray-notices.ts';

/** The native dialogs the tray asks through (Electron's `dialog` in the face; a fake in tests). */
export interface TrayDialogs {
  /** A yes/no question; true only when the user pressed the confirm button. */
  confirm(question: TrayQuestion): Promise<boolean>;
  /** Where to save the bundle; null when the user cancelled. */
  saveBundleAs(defaultName: string): Promise<string | null>;
}

export interface TrayControllerDeps {
  repair: Pick<RepairAppService, 'preview' | 'execute' | 'onProgress'>;
  smoke: Pick<SmokeService, 'run' | 'onProgress'>;
  bundle: Pick<BundleService, 'create'>;
  services: ServiceControl;
  /** The app's workspace: what a tray repair plans for. */
  workspace: () => string;
  dialogs: TrayDialogs;
  notify: (notice: TrayNotice) => void;
  /** Opens the dashboard at `#hash`: `repair` (the Repair view), `logs/service=NAME` (the Logs view filtered). */
  openDashboard: (hash: string) => void;
  /** A fresh check, so the menu shows a service's new state after an action. */
  recheck: () => void;
  /** For the bundle's default file name. */
  date: () => Date;
  logger: Logger;
}

/** The tray's actions that take time, with their progress as {@link TrayWork} for the menu. */
export interface TrayController extends Disposable {
  readonly work: TrayWork;
  /** Fires on every change of `work` (rebuild the menu). */
  readonly onChange: Event<TrayWork>;
  /** "Repair stack…": a safe plan after a native confirmation, anything else in the dashboard's Repair view. */
  repair(): Promise<void>;
  runSmoke(): Promise<void>;
  saveBundle(): Promise<void>;
  service(op: ServiceOp, service: string): Promise<void>;
  openLogs(service: string): void;
}

/** The dashboard's Logs view filtered on `service` (the renderer reads `#logs/service=NAME`). */
export function logsHash(service: string): string {
  return `logs/service=${encodeURIComponent(service)}`;
}

export function createTrayController(deps: TrayControllerDeps): TrayController {
  const log = deps.logger.child({ component: 'tray' });
  const changes = new Emitter<TrayWork>((error) => log.error({ err: errorMessage(error) }, 'tray listener failed'));
  let work: TrayWork = { activity: null, serviceOps: {} };
  let disposed = false;
  const set = (next: Partial<TrayWork>): void => {
    work = { ...work, ...next };
    changes.emit(work);
  };
  const setActivity = (activity: TrayActivity | null): void => set({ activity });

  /** Runs one activity at a time; a click while another runs does nothing (its item is disabled anyway). */
  const exclusive = async (first: TrayActivity, what: string, body: () => Promise<void>): Promise<void> => {
    if (disposed || work.activity) return;
    setActivity(first);
    try {
      await body();
    } catch (error) {
      log.error({ err: errorMessage(error) }, `${what} failed`);
      deps.notify(failureNotice(what, errorMessage(error)));
    } finally {
      setActivity(null);
    }
  };

  return {
    get work() {
      return work;
    },
    onChange: changes.event,

    repair: () =>
      exclusive({ kind: 'repair', phase: 'planning' }, 'Repair', async () => {
        const plan = await deps.repair.preview(deps.workspace());
        if (!isSafePlan(plan)) {
          // Nothing to do here, or something to review (a restart, a create, "needs you" only): the Repair view.
          deps.openDashboard('repair');
          return;
        }
        setActivity({ kind: 'repair', phase: 'confirming' });
        if (!(await deps.dialogs.confirm(repairQuestion(plan)))) return;
        let repairId: string | null = null;
        const progress = deps.repair.onProgress((event) => {
          if (event.type === 'started' && event.planId === plan.id) repairId = event.repairId;
          if (event.repairId !== repairId) return;
          if (event.type === 'step-started') {
            setActivity({ kind: 'repair', phase: 'running', step: event.index + 1, total: plan.steps.length, title: event.title });
          } else if (event.type === 'verifying') setActivity({ kind: 'repair', phase: 'verifying' });
        });
        try {
          const execution = await deps.repair.execute({ planId: plan.id, fingerprint: plan.fingerprint });
          deps.notify(repairNotice(execution));
          if (execution.status === 'ran' && execution.report.status === 'refused') deps.openDashboard('repair');
        } finally {
          progress.dispose();
        }
        deps.recheck();
      }),

    runSmoke: () =>
      exclusive({ kind: 'smoke', done: 0, total: 0 }, 'Smoke tests', async () => {
        const progress = deps.smoke.onProgress((event) => setActivity({ kind: 'smoke', done: event.done, total: event.total }));
        try {
          deps.notify(smokeNotice(await deps.smoke.run({ workspace: deps.workspace() })));
        } finally {
          progress.dispose();
        }
      }),

    saveBundle: () =>
      exclusive({ kind: 'bundle' }, 'Diagnostics bundle', async () => {
        const stamp = deps.date().toISOString().replace(/[:.]/g, '-');
        const out = await deps.dialogs.saveBundleAs(`stack-doctor-bundle-${stamp}.tar.gz`);
        if (out === null) return;
        deps.notify(bundleNotice(await deps.bundle.create({ out, workspace: deps.workspace() })));
      }),

    async service(op, service) {
      if (disposed || work.serviceOps[service]) return;
      set({ serviceOps: { ...work.serviceOps, [service]: op } });
      try {
        const result = await deps.services.act(op, service);
        log.info({ service, op, ok: result.ok }, result.message);
        if (!result.ok) deps.notify({ title: `${service}: ${op} refused`, body: result.message });
      } catch (error) {
        deps.notify(failureNotice(`${op} ${service}`, errorMessage(error)));
      } finally {
        const { [service]: _done, ...rest } = work.serviceOps;
        set({ serviceOps: rest });
        deps.recheck();
      }
    },

    openLogs: (service) => deps.openDashboard(logsHash(service)),

    dispose() {
      disposed = true;
      changes.dispose();
    },
  };
}
