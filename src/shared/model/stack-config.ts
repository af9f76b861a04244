import { z } from 'zod';
import { heartbeatConfigSchema } from './heartbeat.ts';
import { recoveryPolicySchema } from './recovery.ts';
import { smokeConfigSchema } from './smoke.ts';

/** The port written in a URL's authority (`http://host:PORT/…`, `ws://[::1]:PORT`), if any. */
function writtenPort(value: string): number | undefined {
  const port = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(?:\[[^\]]*\]|[^/?#:]*):(\d+)(?:[/?#]|$)/i.exec(value)?.[1];
  return port === undefined ? undefined : Number(port);
}

/**
 * An absolute URL whose port, when written, is 1–65535: the URL parser says only "Invalid URL" for 65536
 * and up, and accepts port 0, where nothing listens. The port is checked first, so its message wins.
 */
const targetUrl = z
  .string()
  .refine(
    (value) => {
      const port = writtenPort(value);
      return port === undefined || (port >= 1 && port <= 65_535);
    },
    { message: 'Port out of range: ports are 1-65535', abort: true },
  )
  .url();

/** Per-service probe settings in `stack-doctor.yaml`. */
export const serviceConfigSchema = z
  .object({
    /** Health URL as seen from the host, e.g. `http://localhost:8006/health`. */
    health: targetUrl.optional(),
    /** Path appended to the published port when no `health` URL is given (default `/health`). */
    healthPath: z.string().startsWith('/').optional(),
    /** WebSocket URL to handshake, e.g. `ws://localhost:8006/chat/ws/probe/probe`. */
    ws: targetUrl.optional(),
    /** Per-probe timeout for this service, ms. */
    timeoutMs: z.number().int().min(50).max(60_000).optional(),
    /** Skip probing this service entirely. */
    ignore: z.boolean().optional(),
  })
  .strict();

/** A chat journey preset: the message sent is `template` with `{message}` replaced by what the user typed. */
export const chatJourneySchema = z
  .object({
    template: z.string().includes('{message}', { message: 'a journey template must contain {message}' }),
    /** Shown next to the preset in the chat pane. */
    description: z.string().optional(),
  })
  .strict();

/** `chat:` in `stack-doctor.yaml`: the orchestrator chat profile of this stack (README#chat-protocol). */
export const chatConfigSchema = z
  .object({
    /** Presets by name, e.g. `admin: { template: "[admin] {message}" }`; the name is sent as `journey`. */
    journeys: z.record(z.string().min(1), chatJourneySchema).optional(),
    /** Chat paths relative to the target (defaults `/api/chat`, `/chat/ws/{client_id}/{session_id}`); the health path that decides the target is `orchestrator.healthPath`. */
    paths: z
      .object({
        httpChat: z.string().startsWith('/').optional(),
        ws: z.string().startsWith('/').optional(),
      })
      .strict()
      .optional(),
    /** Budget of one whole exchange (connect, stream, complete), ms. Default 30000. */
    timeoutMs: z.number().int().min(50).max(600_000).optional(),
  })
  .strict();
export type ChatConfig = z.infer<typeof chatConfigSchema>;
export type ChatJourney = z.infer<typeof chatJourneySchema>;

/**
 * A recovery policy as written in the stack config: kept as written (so per-service policies override only the
 * fields they name over `recovery.defaults`), validated with recoveryPolicySchema so a bad field is named at load.
 */
const policyInputSchema = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const parsed = recoveryPolicySchema.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/** `recovery:` in `stack-doctor.yaml`: how supervision (`watch`, `serve`, the tray) recovers this stack. */
export const recoveryConfigSchema = z
  .object({
    /** Policy fields for every service (see recoveryPolicySchema for each default). */
    defaults: policyInputSchema.optional(),
    /** Per service (compose service name), over `defaults`. */
    services: z.record(z.string(), policyInputSchema).optional(),
    /** Recoveries running at once. Default 2. */
    parallelism: z.number().int().min(1).max(16).optional(),
    /** HTTP health probe interval, ms. Default 10000. */
    probeIntervalMs: z.number().int().min(100).max(600_000).optional(),
    /** Timeout of one HTTP health probe, ms. Default 1000. */
    probeTimeoutMs: z.number().int().min(50).max(60_000).optional(),
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
        url: targetUrl.optional(),
        /** URL tried when the configured alias does not resolve here (default `http://localhost:8006`). */
        fallbackUrl: targetUrl.optional(),
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
    chat: chatConfigSchema.optional(),
    /** Supervision's recovery policies and probe timing. */
    recovery: recoveryConfigSchema.optional(),
    /** Where services write their Redis heartbeats (`service:heartbeat:{serviceId}:{appId}`). */
    heartbeats: heartbeatConfigSchema.optional(),
    /** Smoke suites run by `stack-doctor smoke`, the Smoke view and the tray (README#smoke-tests). */
    smoke: smokeConfigSchema.optional(),
  })
  .strict();
export type StackConfig = z.infer<typeof stackConfigSchema>;
