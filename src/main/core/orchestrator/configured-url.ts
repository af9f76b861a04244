import { DEFAULT_ORCHESTRATOR_URL } from '../../../shared/model/index.ts';

/** The places an orchestrator URL can be configured, most specific first. */
export interface ConfiguredUrlSources {
  /** `--orchestrator-url` / DiagnoseOptions.orchestratorUrl. */
  override?: string | null;
  /** User settings (`orchestratorUrl`, null when unset). */
  settings?: { orchestratorUrl?: string | null } | null;
  /** Stack config (`stack-doctor.yaml` → `orchestrator.url`). */
  config?: { orchestrator?: { url?: string } } | null;
  /**
   * The stack config file the URL came from, for `from` (`config:<file>`); `from` is plain `config`
   * when omitted.
   */
  configFile?: string;
  /** The process environment; only `ORCHESTRATOR_SERVICE_URL` is read. */
  env: Record<string, string | undefined>;
}

export interface ConfiguredUrl {
  url: string;
  /** `option` | `settings` | `config` (or `config:<file>`) | `env:ORCHESTRATOR_SERVICE_URL` | `default`. */
  from: string;
}

/**
 * Picks the orchestrator URL to diagnose: explicit override > settings > stack config >
 * `ORCHESTRATOR_SERVICE_URL` > {@link DEFAULT_ORCHESTRATOR_URL}. Blank values count as unset.
 */
export function pickConfiguredUrl(sources: ConfiguredUrlSources): ConfiguredUrl {
  const candidates: Array<[string | null | undefined, string]> = [
    [sources.override, 'option'],
    [sources.settings?.orchestratorUrl, 'settings'],
    [sources.config?.orchestrator?.url, sources.configFile ? `config:${sources.configFile}` : 'config'],
    [sources.env.ORCHESTRATOR_SERVICE_URL, 'env:ORCHESTRATOR_SERVICE_URL'],
  ];
  for (const [value, from] of candidates) {
    const url = value?.trim();
    if (url) return { url, from };
  }
  return { url: DEFAULT_ORCHESTRATOR_URL, from: 'default' };
}
