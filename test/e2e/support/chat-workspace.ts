import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp workspace whose `stack-doctor.yaml` points the orchestrator at `orchestratorUrl` and defines journeys. */
export interface ChatWorkspace {
  dir: string;
  dispose(): Promise<void>;
}

export async function createChatWorkspace(orchestratorUrl: string): Promise<ChatWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'stack-doctor-e2e-chat-'));
  await writeFile(
    join(dir, 'stack-doctor.yaml'),
    [
      'orchestrator:',
      `  url: ${orchestratorUrl}`,
      'chat:',
      '  journeys:',
      '    admin:',
      '      template: "[admin chat] {message}"',
      '      description: The admin console chat',
      '    customer:',
      '      template: "[customer chat] {message}"',
      '',
    ].join('\n'),
  );
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
