import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandFor } from '../../../src/shared/command/fix-command.ts';
import { fixActionSchema, type Finding } from '../../../src/shared/model/index.ts';
import { findingsForName, HOSTILE_NAMES } from './hostile-findings.ts';
import { commandsInProse, createStubShell, type PastedRun, type StubShell } from './stub-shell.ts';

/**
 * Issue 8 §2: every command Stack Doctor shows, pasted into a POSIX shell, runs exactly the intended program
 * with exactly the intended arguments, whatever names the stack holds. The findings come from the real rule
 * functions; the commands run in a real `/bin/sh` whose PATH holds only recording stubs.
 */
let shell: StubShell;
beforeAll(async () => {
  shell = await createStubShell();
});
afterAll(() => shell.dispose());

const NAME = 'shop-api-1';

/** The argument vector the fix's command stands for: its look's, else its action's. */
function intended(f: Finding): string[] | null {
  const action = f.fix.look ?? f.fix.action;
  return action ? commandFor(action) : null;
}

/** The line ran one program, with nothing else: no second program, no error, no file written. */
function expectOneCall(run: PastedRun, line: string, what: string): string[] {
  expect(run.stderr, what).toBe('');
  expect(run.created, what).toEqual([]);
  expect(
    run.calls.map((c) => c[0]),
    what,
  ).toEqual([line.split(' ')[0]]);
  return run.calls[0] ?? [];
}

/** Runs `fix.command` and every command in the fix's prose; checks each ran only the intended program. */
async function pasteAll(f: Finding): Promise<string[][]> {
  const calls: string[][] = [];
  if (f.fix.command) {
    const run = await shell.run(f.fix.command);
    const call = expectOneCall(run, f.fix.command, `${f.id}: ${f.fix.command}`);
    // What ran is exactly what the action says a repair would run.
    expect(call, `${f.id}: ${f.fix.command}`).toEqual(intended(f));
    calls.push(call);
  }
  for (const line of [...commandsInProse(f.fix.description), ...commandsInProse(f.fix.lasting)]) {
    expectOneCall(await shell.run(line), line, `${f.id} (prose): ${line}`);
  }
  return calls;
}

describe('fix commands with normal names', () => {
  it('run the intended tool with the intended arguments, the same the action stands for', async () => {
    const calls: string[][] = [];
    for (const f of findingsForName(NAME)) calls.push(...(await pasteAll(f)));
    expect(calls.map((c) => c.join(' ')).sort()).toEqual(
      [
        ['docker', 'compose', '-p', 'ws2', 'up', '-d', NAME],
        ['docker', 'compose', '-p', NAME, 'up', '-d', 'db'],
        ['devcontainer', 'up', '--workspace-folder', '.'],
        ['docker', 'start', NAME],
        ['docker', 'start', NAME],
        ['docker', 'logs', '--tail', '50', NAME],
        ['docker', 'inspect', '--format', '{{json .State.Health}}', NAME],
        ['docker', 'network', 'connect', 'shop_backend', NAME],
        ['docker', 'network', 'connect', NAME, NAME],
        ['getent', 'hosts', NAME],
        ['docker', 'logs', '--tail', '50', NAME],
        ['curl', '-i', `http://${NAME}:8080/health`],
        ['curl', '-s', `http://${NAME}:8080/health`],
        ['stack-doctor', 'check', '--project', NAME],
        ['docker', 'version'],
      ]
        .map((c) => c.join(' '))
        .sort(),
    );
  });

  it('keep a URL with shell metacharacters one argument', async () => {
    const [f] = findingsForName(NAME).filter((x) => x.id === 'HTTP_HEALTH_FAILED');
    const url = 'http://api:8080/health?a=1&b=$(id)|sh;x';
    const look = { kind: 'http-get' as const, params: { url, headers: true } };
    const command = `curl -i '${url}'`;
    expect(commandFor(look)).toEqual(['curl', '-i', url]);
    const calls = await pasteAll({ ...f!, fix: { description: '', look, command } });
    expect(calls).toEqual([['curl', '-i', url]]);
  });
});

describe.each(HOSTILE_NAMES.map((name) => [JSON.stringify(name), name] as const))('fix commands with the name %s', (_label, name) => {
  it('run only the intended tool, once, with exactly its action’s arguments; the name is reported invalid, never used', async () => {
    const findings = findingsForName(name);
    expect(findings.length).toBeGreaterThan(15);
    for (const f of findings) {
      for (const call of await pasteAll(f)) {
        expect(
          call.slice(1).filter((arg) => arg.includes(name)),
          `${f.id}: ${f.fix.command}`,
        ).toEqual([]);
      }
      // No action carries a name that does not validate: a repair cannot be handed one either.
      for (const action of [f.fix.look, f.fix.action]) if (action) expect(fixActionSchema.safeParse(action).success).toBe(true);
    }
    const refused = findings.filter((f) => f.fix.description.includes(`${JSON.stringify(name)} is not valid`));
    // Service, project, container, consumer, network, host, URL, port, published port, other project…
    expect(refused.length).toBeGreaterThanOrEqual(11);
    for (const f of refused) expect(f.fix.command, f.id).toBeUndefined();
  });
});
