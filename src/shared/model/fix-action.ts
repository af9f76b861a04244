import { z } from 'zod';
import { nameSchema } from './names.ts';

/*
 * What a fix does, as data. Every variant has a `kind` and typed `params`; the command a user copies is
 * derived from it (shared/command/fix-command.ts), so what is shown and what a repair runs cannot differ.
 * Every name in `params` is validated (shared/model/names.ts): an action can never carry a name that would
 * break out of its argument or become an option.
 *
 * Three families, kept apart by type:
 * - looks: read-only commands that show why (logs, health, DNS, an HTTP GET); safe at any time;
 * - changes: what a repair may carry out after confirmation (start, restart, connect, create, pin);
 * - manual: changes Stack Doctor must not make itself (an edit of a file, the engine, the compose model);
 *   a repair plan lists them as "needs you".
 */

const container = nameSchema('container');
const port = z.number().int().min(1).max(65_535);

const action = <K extends string, P extends z.ZodRawShape>(kind: K, params: P) =>
  z.object({ kind: z.literal(kind), params: z.object(params) });

export const lookActionSchema = z.discriminatedUnion('kind', [
  /** `docker logs --tail N C`. `tail`: lines from the end (the rules use 50). */
  action('show-logs', { container, tail: z.number().int().min(1) }),
  /** `docker inspect --format '{{json .State.Health}}' C`: the HEALTHCHECK's recent results. */
  action('inspect-health', { container }),
  /** `getent hosts H`: what the OS resolver here answers for H. */
  action('resolve-host', { host: nameSchema('host') }),
  /** `curl -i URL` with `headers`, else `curl -s URL` (the body only). */
  action('http-get', { url: nameSchema('url'), headers: z.boolean() }),
  /** `docker version`: whether the engine the docker CLI points at answers. */
  action('engine-version', {}),
  /** `stack-doctor check --project P`: diagnose a compose project the engine runs. */
  action('check-project', { project: nameSchema('project') }),
]);
export type LookAction = z.infer<typeof lookActionSchema>;

export const changeActionSchema = z.discriminatedUnion('kind', [
  action('start-container', { container }),
  action('restart-container', { container }),
  /**
   * `docker network connect N C`. `alias`: the name C needs to resolve on N (what connecting it is for, and
   * what a repair verifies afterwards); it is not given to C as a network alias.
   */
  action('network-connect', { network: nameSchema('network'), container, alias: nameSchema('host').optional() }),
  /**
   * `docker compose -p P [--project-directory W] [-f F]… up -d S`: create and start a service that was never
   * created. `composeFiles` and `workingDir` are absolute paths; without them the command runs in the project folder.
   */
  action('create-service', {
    project: nameSchema('project'),
    service: nameSchema('service'),
    composeFiles: z.array(nameSchema('path')).optional(),
    workingDir: nameSchema('path').optional(),
  }),
  /** `devcontainer up --workspace-folder W`; a relative W is relative to the diagnosed workspace. */
  action('start-devcontainer', { workspaceFolder: nameSchema('path') }),
  /** Pin the orchestrator target to `url` in the settings of the app that runs the repair (no shell command). */
  action('pin-orchestrator-target', { url: nameSchema('url') }),
]);
export type ChangeAction = z.infer<typeof changeActionSchema>;

export const manualActionSchema = z.discriminatedUnion('kind', [
  /** Start the Docker engine at `endpoint` (how depends on the platform: no one command). */
  action('start-engine', { endpoint: z.string() }),
  /** Correct `field` in `file` at `line`:`column` (1-based). */
  action('edit-config', { file: z.string(), line: z.number().int(), column: z.number().int(), field: z.string() }),
  /** Publish `containerPort` of `service` (project `project`, container `container`) on 127.0.0.1 in its compose file. */
  action('publish-port', { project: nameSchema('project'), service: nameSchema('service'), container, containerPort: port }),
]);

/** What `fix.action` holds: a change a repair may make, or one it leaves to the user. */
export const repairActionSchema = z.discriminatedUnion('kind', [changeActionSchema, manualActionSchema]);
export type RepairAction = z.infer<typeof repairActionSchema>;

/** Every action, look or repair, by `kind`. */
export const fixActionSchema = z.discriminatedUnion('kind', [lookActionSchema, repairActionSchema]);
export type FixAction = z.infer<typeof fixActionSchema>;
export type FixActionKind = FixAction['kind'];

/** `look`: reads only; `change`: a repair may run it after confirmation; `manual`: the user makes it. */
export type ActionEffect = 'look' | 'change' | 'manual';

const effects = new Map<FixActionKind, ActionEffect>([
  ...lookActionSchema.options.map((o) => [o.shape.kind.value, 'look'] as const),
  ...changeActionSchema.options.map((o) => [o.shape.kind.value, 'change'] as const),
  ...manualActionSchema.options.map((o) => [o.shape.kind.value, 'manual'] as const),
]);

/** Every action kind, looks first. */
export const fixActionKinds: readonly FixActionKind[] = [...effects.keys()];

/** The effect of an action kind: what a repair plan may do with it. */
export function actionEffect(kind: FixActionKind): ActionEffect {
  return effects.get(kind) ?? 'manual';
}
