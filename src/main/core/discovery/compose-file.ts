import type { ConfigIssue } from './config-issue.ts';
import type { ComposeHealthcheck, ComposeModel, ComposeNetwork, ComposeService, ComposeServiceNetwork } from './compose-model.ts';
import { composePortIssues, parseComposePorts } from './compose-ports.ts';
import { interpolate } from './env-interpolation.ts';
import { defaultProjectName, normalizeProjectName } from './project-name.ts';
import type { SourceDocument } from './source-document.ts';
import { loadYamlDocument } from './yaml-document.ts';

export type ComposeParseResult = { ok: true; model: ComposeModel } | { ok: false; issues: ConfigIssue[] };

export interface ComposeParseOptions {
  /** Project name when the file has no top-level `name:`; default: the file's directory, normalised. */
  defaultProjectName?: string;
}

type Dict = Record<string, unknown>;

/**
 * Reads a compose file into the facts discovery needs. Lenient like compose itself about what it
 * does not need; a YAML error or a `services:` that is not a mapping is an issue. Never throws.
 */
export function parseComposeFile(file: string, text: string, options: ComposeParseOptions = {}): ComposeParseResult {
  const doc = loadYamlDocument(file, text);
  if (doc.syntaxIssues.length > 0) return { ok: false, issues: doc.syntaxIssues };
  const root = doc.value ?? {};
  if (!isDict(root)) return { ok: false, issues: [issueAt(doc, [], 'A compose file must be a mapping')] };
  const issues: ConfigIssue[] = [];
  const servicesRaw = root.services ?? {};
  if (!isDict(servicesRaw)) issues.push(issueAt(doc, ['services'], '`services` must be a mapping of service names'));
  const networksRaw = root.networks ?? {};
  if (!isDict(networksRaw)) issues.push(issueAt(doc, ['networks'], '`networks` must be a mapping of network names'));
  if (issues.length > 0 || !isDict(servicesRaw) || !isDict(networksRaw)) return { ok: false, issues };
  for (const [name, raw] of Object.entries(servicesRaw)) {
    for (const port of composePortIssues(isDict(raw) ? raw.ports : undefined)) {
      issues.push(issueAt(doc, ['services', name, 'ports', String(port.index), ...(port.field ? [port.field] : [])], port.message));
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const explicit = typeof root.name === 'string' && root.name.trim() !== '' ? normalizeProjectName(interpolate(root.name)) : undefined;
  return {
    ok: true,
    model: {
      files: [file],
      projectName: explicit ?? options.defaultProjectName ?? defaultProjectName(file),
      explicitName: explicit !== undefined,
      services: Object.entries(servicesRaw).map(([name, raw]) => parseService(name, isDict(raw) ? raw : {})),
      networks: Object.entries(networksRaw).map(([key, raw]) => parseNetwork(key, isDict(raw) ? raw : {})),
    },
  };
}

function parseService(name: string, raw: Dict): ComposeService {
  const service: ComposeService = {
    name,
    dependsOn: keysOf(raw.depends_on),
    environment: parseEnvironment(raw.environment),
    networks: parseServiceNetworks(raw.networks),
    ports: parseComposePorts(raw.ports),
  };
  if (typeof raw.container_name === 'string') service.containerName = interpolate(raw.container_name);
  if (typeof raw.network_mode === 'string') service.networkMode = raw.network_mode;
  const healthcheck = parseHealthcheck(raw.healthcheck);
  if (healthcheck) service.healthcheck = healthcheck;
  return service;
}

function parseNetwork(key: string, raw: Dict): ComposeNetwork {
  const network: ComposeNetwork = { key, external: Boolean(raw.external) };
  // Compose file v3 also allowed `external: { name: x }`.
  const externalName = isDict(raw.external) && typeof raw.external.name === 'string' ? raw.external.name : undefined;
  const name = typeof raw.name === 'string' ? raw.name : externalName;
  if (name) network.name = interpolate(name);
  return network;
}

/** `KEY=value` list or `KEY: value` map; `KEY` alone and null values come from the host shell: skipped. */
function parseEnvironment(raw: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      if (typeof entry !== 'string') continue;
      const eq = entry.indexOf('=');
      if (eq > 0) env[entry.slice(0, eq)] = interpolate(entry.slice(eq + 1));
    }
  } else if (isDict(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      if (value === null || value === undefined) continue;
      env[key] = interpolate(String(value));
    }
  }
  return env;
}

function parseServiceNetworks(raw: unknown): ComposeServiceNetwork[] {
  if (Array.isArray(raw)) return raw.filter((key): key is string => typeof key === 'string').map((key) => ({ key, aliases: [] }));
  if (!isDict(raw)) return [];
  return Object.entries(raw).map(([key, value]) => ({
    key,
    aliases: isDict(value) && Array.isArray(value.aliases) ? value.aliases.filter((a): a is string => typeof a === 'string') : [],
  }));
}

function parseHealthcheck(raw: unknown): ComposeHealthcheck | undefined {
  if (!isDict(raw)) return undefined;
  const test = raw.test;
  const healthcheck: ComposeHealthcheck = {
    disable: raw.disable === true || (Array.isArray(test) && test[0] === 'NONE'),
  };
  if (typeof test === 'string') healthcheck.test = test;
  else if (Array.isArray(test)) healthcheck.test = test.map(String);
  return healthcheck;
}

/** `depends_on` as a list or as a map `{ db: { condition: service_healthy } }`. */
function keysOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((item): item is string => typeof item === 'string');
  return isDict(raw) ? Object.keys(raw) : [];
}

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function issueAt(doc: SourceDocument, path: string[], message: string): ConfigIssue {
  return { file: doc.file, ...doc.locate(path), field: path.join('.'), message };
}
