import { describe, expect, it } from 'vitest';
import { lookupNamesInContainer } from '../../../../src/main/core/checks/batch-lookup.ts';
import type { ExecResult } from '../../../../src/main/core/ports/index.ts';
import { SHELL_LOOKUP_SCRIPT } from '../../../../src/main/core/checks/shell-lookup.ts';

type Answer = (argv: string[]) => Partial<ExecResult>;

function engineOf(answer: Answer) {
  const execs: string[][] = [];
  return {
    execs,
    exec: async (_id: string, argv: string[]): Promise<ExecResult> => {
      execs.push(argv);
      return { exitCode: 0, stdout: '', stderr: '', timedOut: false, ...answer(argv) };
    },
  };
}

const now = (): number => 0;
const NOT_FOUND = { exitCode: 127, stderr: 'OCI runtime exec failed: exec: "getent": executable file not found in $PATH' };
const NO_SH = { exitCode: 127, stderr: 'OCI runtime exec failed: exec: "sh": executable file not found in $PATH' };
const record = (tool: string, exit: number, name: string, ...lines: string[]): string[] => [
  `@@stack-doctor-lookup ${tool} ${exit} ${name}`,
  ...lines,
  '@@stack-doctor-lookup-end',
];
const BUSYBOX_API = ['Server:\t\t127.0.0.11', 'Address:\t127.0.0.11:53', '', 'Name:\tapi', 'Address: 172.18.0.3'];
const BUSYBOX_GONE = ['Server:\t\t127.0.0.11', 'Address:\t127.0.0.11:53', '', "** server can't find gone: NXDOMAIN"];

describe('lookupNamesInContainer', () => {
  it('looks every name up in one shell exec, the names only as positional arguments of a constant script', async () => {
    const engine = engineOf(() => ({
      stdout: [...record('nslookup', 0, 'api', ...BUSYBOX_API), ...record('nslookup', 1, 'gone', ...BUSYBOX_GONE), ''].join('\n'),
    }));
    const { lookups, execs } = await lookupNamesInContainer(engine, 'c1', ['api', 'gone'], 1000, now);
    expect(execs).toBe(1);
    expect(engine.execs).toEqual([['sh', '-c', SHELL_LOOKUP_SCRIPT, 'sh', 'api', 'gone']]);
    expect(lookups.get('api')).toMatchObject({ tool: 'nslookup', resolves: true, addresses: ['172.18.0.3'], note: 'nslookup: 172.18.0.3' });
    expect(lookups.get('gone')).toMatchObject({ tool: 'nslookup', resolves: false, addresses: [] });
  });

  it('reads getent records (one address per socket type, once each) where the image has getent', async () => {
    const engine = engineOf(() => ({
      stdout: [
        ...record('getent', 0, 'api', '172.18.0.3 STREAM api', '172.18.0.3 DGRAM', '172.18.0.3 RAW'),
        ...record('getent', 2, 'gone', ''),
      ].join('\n'),
    }));
    const { lookups, execs } = await lookupNamesInContainer(engine, 'c1', ['api', 'gone'], 1000, now);
    expect(execs).toBe(1);
    expect(lookups.get('api')).toMatchObject({ tool: 'getent', resolves: true, addresses: ['172.18.0.3'], output: '172.18.0.3' });
    expect(lookups.get('gone')).toMatchObject({ tool: 'getent', resolves: false, addresses: [] });
  });

  it('believes no record for a name it did not ask, and asks a name whose record was cut again on its own', async () => {
    const engine = engineOf((argv) =>
      argv[0] === 'sh'
        ? {
            stdout: [
              ...record('nslookup', 0, 'other', 'Name: other', 'Address: 10.0.0.9'),
              '@@stack-doctor-lookup nslookup 0 api',
              'Name: api',
            ].join('\n'),
          }
        : argv[0] === 'getent'
          ? NOT_FOUND
          : { stdout: BUSYBOX_API.join('\n') },
    );
    const { lookups, execs } = await lookupNamesInContainer(engine, 'c1', ['api'], 1000, now);
    expect(lookups.has('other')).toBe(false);
    expect(engine.execs.map((a) => a[0])).toEqual(['sh', 'getent', 'nslookup']);
    expect(execs).toBe(3);
    expect(lookups.get('api')).toMatchObject({ tool: 'nslookup', resolves: true, addresses: ['172.18.0.3'] });
  });

  it('refuses a name that is no host name without running anything for it', async () => {
    const engine = engineOf(() => ({ stdout: record('getent', 0, 'ok', '10.0.0.1 STREAM ok').join('\n') }));
    const { lookups } = await lookupNamesInContainer(engine, 'c1', ['-s', 'ok'], 1000, now);
    expect(engine.execs).toEqual([['sh', '-c', SHELL_LOOKUP_SCRIPT, 'sh', 'ok']]);
    expect(lookups.get('-s')?.failure?.code).toBe('INVALID_HOST');
    expect(lookups.get('ok')).toMatchObject({ resolves: true });
  });

  it('without sh, looks every name up in one getent ahosts exec, telling names apart by the literal separators', async () => {
    const engine = engineOf((argv) =>
      argv[0] === 'sh'
        ? NO_SH
        : {
            exitCode: 2,
            stdout: [
              '172.18.0.3 STREAM api',
              '172.18.0.3 DGRAM',
              '0.0.0.1 STREAM 0.0.0.1',
              '0.0.0.1 DGRAM',
              '0.0.0.2 STREAM 0.0.0.2',
              '10.1.0.9 STREAM db.corp.example',
              '0.0.0.3 STREAM 0.0.0.3',
            ].join('\n'),
          },
    );
    const { lookups, execs } = await lookupNamesInContainer(engine, 'c1', ['api', 'gone', 'db'], 1000, now);
    expect(execs).toBe(2);
    expect(engine.execs.slice(1)).toEqual([['getent', 'ahosts', 'api', '0.0.0.1', 'gone', '0.0.0.2', 'db', '0.0.0.3']]);
    expect(lookups.get('api')).toMatchObject({ tool: 'getent', resolves: true, addresses: ['172.18.0.3'] });
    expect(lookups.get('gone')).toMatchObject({ tool: 'getent', resolves: false, addresses: [] });
    expect(lookups.get('db')).toMatchObject({ resolves: true, addresses: ['10.1.0.9'] });
  });

  it('without sh nor getent, falls back to one nslookup per name', async () => {
    const engine = engineOf((argv) =>
      argv[0] === 'sh'
        ? NO_SH
        : argv[0] === 'getent'
          ? NOT_FOUND
          : argv[1] === 'api'
            ? { stdout: `${BUSYBOX_API.join('\n')}\n` }
            : { exitCode: 1, stderr: "** server can't find gone: NXDOMAIN\n" },
    );
    const { lookups, execs } = await lookupNamesInContainer(engine, 'c1', ['api', 'gone'], 1000, now);
    expect(engine.execs.map((a) => a.slice(0, 2).join(' '))).toEqual(['sh -c', 'getent ahosts', 'nslookup api', 'nslookup gone']);
    expect(execs).toBe(4);
    expect(lookups.get('api')).toMatchObject({ tool: 'nslookup', resolves: true });
    expect(lookups.get('gone')).toMatchObject({ tool: 'nslookup', resolves: false });
  });

  it('reports the container as unusable when it has no lookup tool at all, so a peer can be asked', async () => {
    const withShell = engineOf(() => ({ stdout: record('nslookup', 127, 'api', 'sh: nslookup: not found').join('\n') }));
    expect((await lookupNamesInContainer(withShell, 'c1', ['api'], 1000, now)).unusable?.code).toBe('NO_LOOKUP_TOOL');
    const bare = engineOf(() => NOT_FOUND);
    const outcome = await lookupNamesInContainer(bare, 'c1', ['api'], 1000, now);
    expect(outcome.unusable?.code).toBe('NO_LOOKUP_TOOL');
    expect(bare.execs.map((a) => a[0])).toEqual(['sh', 'getent', 'nslookup']);
  });

  it('keeps the names a timed-out exec finished and accounts for the rest by the exec id', async () => {
    const engine = engineOf(() => ({
      exitCode: null,
      timedOut: true,
      execId: 'abcdef0123456789',
      stdout: record('nslookup', 0, 'api', ...BUSYBOX_API).join('\n'),
    }));
    const { lookups, execs } = await lookupNamesInContainer(engine, 'c1', ['api', 'db'], 300, now);
    expect(execs).toBe(1);
    expect(lookups.get('api')).toMatchObject({ resolves: true });
    expect(lookups.get('db')?.failure).toMatchObject({ code: 'TIMEOUT' });
    expect(lookups.get('db')?.note).toContain('exec abcdef012345');
  });
});
