import { DEFAULT_FALLBACK_URL, type StackConfig } from '../../../shared/model/index.ts';
import { formatConfigIssue } from '../discovery/config-issue.ts';
import { parseStackConfig, STACK_CONFIG_FILES } from '../discovery/stack-config.ts';
import { pickConfiguredUrl } from '../orchestrator/configured-url.ts';
import { DEFAULT_HEALTH_PATH, TARGET_INPUT_DEFAULTS } from '../orchestrator/resolve-target.ts';
import type { WorkspacePort } from '../ports/workspace.port.ts';
import type { ChatSetup } from './chat-target.ts';

export interface ChatSetupSources {
  /** Absolute workspace directory holding `stack-doctor.yaml` (or none). */
  workspace: string;
  /** User settings: `orchestratorUrl` overrides the config, `probeTimeoutMs` bounds resolution probes. */
  settings: { orchestratorUrl?: string | null; probeTimeoutMs?: number };
  env: Record<string, string | undefined>;
  /** Docker aliases the discovered stack defines (the app passes its diagnosis's); config aliases are added. */
  stackAliases?: readonly string[];
}

export type ChatSetupResult =
  { ok: true; setup: ChatSetup; config: StackConfig; configFile: string | null } | { ok: false; message: string };

/** The setup from a stack config: same precedence as the diagnosis (settings > config > env > default). */
export function chatSetupFrom(config: StackConfig, sources: Omit<ChatSetupSources, 'workspace'>, configFile?: string): ChatSetup {
  const configured = pickConfiguredUrl({ settings: sources.settings, config, env: sources.env, ...(configFile ? { configFile } : {}) });
  return {
    target: {
      configuredUrl: configured.url,
      configuredFrom: configured.from,
      fallbackUrl: config.orchestrator?.fallbackUrl ?? DEFAULT_FALLBACK_URL,
      aliases: [...new Set([...(sources.stackAliases ?? []), ...(config.orchestrator?.aliases ?? [])])],
      healthPath: config.orchestrator?.healthPath ?? DEFAULT_HEALTH_PATH,
      timeoutMs: sources.settings.probeTimeoutMs ?? TARGET_INPUT_DEFAULTS.timeoutMs,
    },
    ...(config.chat ? { chat: config.chat } : {}),
  };
}

/**
 * Reads the workspace's `stack-doctor.yaml`/`.yml`/`.json` (first found; none is an empty config) and builds
 * the chat setup. An invalid config is an input error with the first issue, never a guess.
 */
export async function loadChatSetup(ws: WorkspacePort, sources: ChatSetupSources): Promise<ChatSetupResult> {
  if (!(await ws.isDirectory(sources.workspace))) return { ok: false, message: `workspace ${sources.workspace} is not a directory` };
  const names = new Set(await ws.list(sources.workspace));
  const file = STACK_CONFIG_FILES.find((name) => names.has(name));
  let config: StackConfig = {};
  if (file) {
    const path = `${sources.workspace.replace(/\/+$/, '')}/${file}`;
    const read = await ws.read(path);
    if (read.kind === 'unreadable') return { ok: false, message: `invalid stack config: ${path}: cannot read this file: ${read.reason}` };
    const parsed = parseStackConfig(path, read.kind === 'text' ? read.text : '');
    if (!parsed.ok) {
      const issue = parsed.issues[0];
      return { ok: false, message: `invalid stack config: ${issue ? formatConfigIssue(issue) : file}` };
    }
    config = parsed.config;
  }
  return { ok: true, setup: chatSetupFrom(config, sources, file), config, configFile: file ?? null };
}
