import { z } from 'zod';

/** Where Stack Doctor itself runs: it decides what "resolves from here" means. */
export const runtimeKindSchema = z.enum(['host', 'devcontainer', 'compose-service', 'container']);

export const runtimeSchema = z.object({
  kind: runtimeKindSchema,
  /** The evidence the decision rests on: `/.dockerenv`, `REMOTE_CONTAINERS=true`, `cgroup:docker`… */
  signals: z.array(z.string()),
  hostname: z.string(),
  /** Container id when running inside one and it could be read. */
  containerId: z.string().optional(),
});
export type Runtime = z.infer<typeof runtimeSchema>;
