import { describe, expect, it } from 'vitest';
import { lookupNamesInContainer } from '../../../../src/main/core/checks/batch-lookup.ts';
import type { ExecResult } from '../../../../src/main/core/ports/index.ts';

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

describe('lookupNamesInContainer', () => {
  it('looks every name up in one getent ahosts exec, telling names apart by the literal separators', async () => {
    const engine = engineOf(() => ({
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
    }));
    const { lookups, execs } = await lookupNamesInContainer(engine, 'c1', ['api', 'gone', 'db'], 1000, now);
    expect(execs).toBe(1);
    expect(engine.execs).toEqual([['getent', 'ahosts', 'api', '0.0.0.1', 'gone', '0.0.0.2', 'db', '0.0.0.3']]);
    expect(lookups.get('api')).toMatchObject({ tool: 'getent', resolves: true, addresses: ['172.18.0.3'] });
    expect(lookups.get('gone')).toMatchObject({ tool: 'getent', resolves: false, addresses: [] });
    expect(lookups.get('db')).toMatchObject({ resolves: true, addresses: ['10.1.0.9'] });
  });

  it('refuses a name that is no host name without running anything for it', async () => {
    const engine = engineOf(() => ({ stdout: '10.0.0.1 STREAM ok\n0.0.0.1 STREAM 0.0.0.1\n' }));
    const { lookups } = await lookupNamesInContainer(engine, 'c1', ['-s', 'ok'], 1000, now);
    expect(engine.execs).toEqual([['getent', 'ahosts', 'ok', '0.0.0.1']]);
    expect(lookups.get('-s')?.failure?.code).toBe('INVALID_HOST');
  });

  it('falls back to one nslookup per name in an image without getent (busybox)', async () => {
    const engine = engineOf((argv) =>
      argv[0] === 'getent'
        ? NOT_FOUND
        : argv[1] === 'api'
          ? { stdout: 'Server: 127.0.0.11\nAddress: 127.0.0.11:53\n\nName: api\nAddress: 172.18.0.3\n' }
          : { exitCode: 1, stderr: "** server can't find gone: NXDOMAIN\n" },
    );
    const { lookups, execs } = await lookupNamesInContainer(engine, 'c1', ['api', 'gone'], 1000, now);
    expect(engine.execs.map((a) => a.slice(0, 2).join(' '))).toEqual(['getent ahosts', 'nslookup api', 'nslookup gone']);
    expect(execs).toBe(3);
    expect(lookups.get('api')).toMatchObject({ tool: 'nslookup', resolves: true });
    expect(lookups.get('gone')).toMatchObject({ tool: 'nslookup', resolves: false });
  });

  it('reports the container as unusable when it has no lookup tool at all, so a peer can be asked', async () => {
    const engine = engineOf(() => NOT_FOUND);
    const outcome = await lookupNamesInContainer(engine, 'c1', ['api'], 1000, now);
    expect(outcome.unusable?.code).toBe('NO_LOOKUP_TOOL');
  });

  it('accounts for a timed-out exec by its id', async () => {
    const engine = engineOf(() => ({ exitCode: null, timedOut: true, execId: 'abcdef0123456789' }));
    const { lookups } = await lookupNamesInContainer(engine, 'c1', ['api', 'db'], 300, now);
    expect(lookups.get('db')?.failure).toMatchObject({ code: 'TIMEOUT' });
    expect(lookups.get('db')?.note).toContain('exec abcdef012345');
  });
});
