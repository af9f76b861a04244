import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { ConfigIssue } from './config-issue.ts';
import { loadJsoncDocument } from './jsonc-document.ts';
import { schemaIssues } from './schema-issues.ts';

/** What discovery needs of a `devcontainer.json`. */
export interface DevcontainerModel {
  file: string;
  name?: string;
  /** Absolute paths of `dockerComposeFile`, resolved against the devcontainer.json folder; empty when image/Dockerfile based. */
  composeFiles: string[];
  /** The compose service the editor attaches to (role `devcontainer`). */
  service?: string;
  runServices?: string[];
  containerEnv: Record<string, string>;
  /** Env of the tools run inside (not of the container's PID 1); a `null` value unsets and is skipped. */
  remoteEnv: Record<string, string>;
  forwardPorts: (number | string)[];
  /** Networks from `runArgs` (`--network=x`, `--network x`, `--net x`). */
  networks: string[];
}

export type DevcontainerParseResult = { ok: true; model: DevcontainerModel } | { ok: false; issues: ConfigIssue[] };

const envSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const portNumber = z.number().int().min(1, 'Ports are 1-65535').max(65_535, 'Ports are 1-65535');

/** `"service:port"` (the form forwardPorts allows besides a number) with a port in range; other text is left alone. */
function hostPortInRange(value: string): boolean {
  const port = /:(\d+)$/.exec(value)?.[1];
  return port === undefined || portNumber.safeParse(Number(port)).success;
}

/** Only the fields discovery reads are checked; the rest of the spec passes through untouched. */
const devcontainerSchema = z.looseObject({
  name: z.string().optional(),
  dockerComposeFile: z.union([z.string(), z.array(z.string())]).optional(),
  service: z.string().optional(),
  runServices: z.array(z.string()).optional(),
  containerEnv: envSchema.optional(),
  remoteEnv: envSchema.optional(),
  forwardPorts: z.array(z.union([portNumber, z.string().refine(hostPortInRange, 'Ports are 1-65535')])).optional(),
  runArgs: z.array(z.string()).optional(),
});

/** Parses `devcontainer.json` (JSONC: comments and trailing commas allowed). Never throws. */
export function parseDevcontainer(file: string, text: string): DevcontainerParseResult {
  const doc = loadJsoncDocument(file, text);
  if (doc.syntaxIssues.length > 0) return { ok: false, issues: doc.syntaxIssues };
  const parsed = devcontainerSchema.safeParse(doc.value ?? {});
  if (!parsed.success) return { ok: false, issues: schemaIssues(doc, parsed.error) };
  const raw = parsed.data;
  const composeFiles = raw.dockerComposeFile === undefined ? [] : [raw.dockerComposeFile].flat();
  const model: DevcontainerModel = {
    file,
    composeFiles: composeFiles.map((composeFile) => resolve(dirname(file), composeFile)),
    containerEnv: stringEnv(raw.containerEnv),
    remoteEnv: stringEnv(raw.remoteEnv),
    forwardPorts: raw.forwardPorts ?? [],
    networks: networksFromRunArgs(raw.runArgs ?? []),
  };
  if (raw.name) model.name = raw.name;
  if (raw.service) model.service = raw.service;
  if (raw.runServices) model.runServices = raw.runServices;
  return { ok: true, model };
}

function stringEnv(env: Record<string, string | number | boolean | null> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env ?? {})) if (value !== null) out[key] = String(value);
  return out;
}

function networksFromRunArgs(args: readonly string[]): string[] {
  const networks: string[] = [];
  args.forEach((arg, index) => {
    const inline = /^--net(?:work)?=(.+)$/.exec(arg);
    if (inline?.[1]) networks.push(inline[1]);
    else if ((arg === '--network' || arg === '--net') && args[index + 1]) networks.push(args[index + 1] as string);
  });
  return networks;
}
