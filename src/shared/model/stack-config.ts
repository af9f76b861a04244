import { z } from 'zod';

/** Per-service probe settings in `stack-doctor.yaml`. */
export const serviceConfigSchema = z
  .object({
    /** Health URL as seen from the host, e.g. `http://localhost:8006/health`. */
    health: z.string().url().optional(),
    /** Path appended to the published port when no `health` URL is given (default `/health`). */
    healthPath: z.string().startsWith('/').optional(),
    /** WebSocket URL to handshake, e.g. `ws://localhost:8006/chat/ws/probe/probe`. */
    ws: z.string().url().optional(),
    /** Per-probe timeout for this service, ms. */
    timeoutMs: z.number().int().min(50).max(60_000).optional(),
    /** Skip probing this service entirely. */
    ignore: z.boolean().optional(),
  })
  .strict();

/** `stack-doctor.yaml` / `stack-doctor.json` at the workspace root. Every field is optional. */
export const stackConfigSchema = z
  .object({
    /** Extra compose project names to include, as `--project` does. */
    projects: z.array(z.string()).optional(),
    orchestrator: z
      .object({
        /** The URL the orchestrator client is configured with (default `http://orchestrator-service:8006`). */
        url: z.string().url().optional(),
        /** URL tried when the configured alias does not resolve here (default `http://localhost:8006`). */
        fallbackUrl: z.string().url().optional(),
        /** Extra names to treat as docker aliases. */
        aliases: z.array(z.string()).optional(),
        /** Health path used to decide that a target answers (default `/health`). */
        healthPath: z.string().startsWith('/').optional(),
      })
      .strict()
      .optional(),
    services: z.record(z.string(), serviceConfigSchema).optional(),
    probe: z
      .object({
        timeoutMs: z.number().int().min(50).max(60_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type StackConfig = z.infer<typeof stackConfigSchema>;
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;
