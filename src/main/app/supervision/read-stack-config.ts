import { join } from 'node:path';
import type { StackConfig } from '../../../shared/model/index.ts';
import type { WorkspacePort } from '../../core/ports/workspace.port.ts';
import { parseStackConfig, STACK_CONFIG_FILES } from '../../core/discovery/stack-config.ts';

/** The workspace's stack config as supervision reads it: the first file found, or undefined (none, or invalid: `check` reports that). */
export async function readStackConfig(files: WorkspacePort, workspace: string): Promise<StackConfig | undefined> {
  for (const name of STACK_CONFIG_FILES) {
    const path = join(workspace, name);
    const read = await files.read(path);
    if (read.kind === 'missing') continue;
    if (read.kind !== 'text') return undefined;
    const parsed = parseStackConfig(path, read.text);
    return parsed.ok ? parsed.config : undefined;
  }
  return undefined;
}
