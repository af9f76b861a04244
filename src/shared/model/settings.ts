import { z } from 'zod';

/** User settings, persisted by electron-store (app) or conf (CLI) behind the settings port. */
export const settingsSchema = z.object({
  /** Workspaces the app watches; the first is the active one. */
  workspaces: z.array(z.string()).default([]),
  /** Dashboard/tray automatic refresh, in seconds (5–3600). */
  refreshIntervalSec: z.number().int().min(5).max(3600).default(30),
  /** Per-probe timeout in milliseconds (100–60000). */
  probeTimeoutMs: z.number().int().min(100).max(60_000).default(1500),
  /** Overrides the orchestrator URL from stack config and environment, when set. */
  orchestratorUrl: z.string().url().nullable().default(null),
  /** Consecutive counted chat failures that open a target's circuit breaker (1–100). */
  chatBreakerFailures: z.number().int().min(1).max(100).default(5),
  /** Seconds an open chat breaker waits before letting one test exchange through, half-open (1–3600). */
  chatBreakerHalfOpenSec: z.number().int().min(1).max(3600).default(10),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsKey = keyof Settings;
/** Every settings key, in schema order (the store validates key by key; the CLI lists them). */
export const settingsKeys = Object.keys(settingsSchema.shape) as SettingsKey[];
/**
 * A partial update. Built without the defaults: zod 4 keeps `.default()` inside `.partial()`, which would fill
 * (and so reset) every key the caller did not name.
 */
export const settingsPatchSchema = z.object({
  workspaces: settingsSchema.shape.workspaces.unwrap().optional(),
  refreshIntervalSec: settingsSchema.shape.refreshIntervalSec.unwrap().optional(),
  probeTimeoutMs: settingsSchema.shape.probeTimeoutMs.unwrap().optional(),
  orchestratorUrl: settingsSchema.shape.orchestratorUrl.unwrap().optional(),
  chatBreakerFailures: settingsSchema.shape.chatBreakerFailures.unwrap().optional(),
  chatBreakerHalfOpenSec: settingsSchema.shape.chatBreakerHalfOpenSec.unwrap().optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
