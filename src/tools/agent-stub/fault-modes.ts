/**
 * The agent stub's fault names and delay bounds as plain values, without zod: the CLI's `--help` lists them, and
 * loading zod (with the model) for a help text cost ~40 ms at every start. `fault-mode.ts` holds the schemas and
 * what each mode does.
 */
export const FAULT_MODES = [
  'none',
  'slow-first-token',
  'drop-mid-stream',
  'close-1011',
  'malformed-frame',
  'http-500',
  'assistant-error',
  'component-missing',
  'ws-broken',
  'degraded',
  'unhealthy',
] as const;

/** Default `slow-first-token` delay, ms. */
export const DEFAULT_DELAY_MS = 2000;

/** Largest accepted `delayMs`, ms: a stub that waits longer than this helps no test. */
export const MAX_DELAY_MS = 600_000;
