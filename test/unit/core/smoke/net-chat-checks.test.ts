import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/main/core/ports/engine-error.ts';
import { exited, fakeChat, fakeExec, fakeNet } from './support/fake-ports.ts';
import { brief, runChecks as run } from './support/run-checks.ts';

describe('tcp and dns checks', () => {
  it('passes open ports and resolving names, and fails the others with the probe code', async () => {
    const net = fakeNet(['localhost'], ['localhost:6379']);
    const results = await run(
      [
        { kind: 'tcp', name: 'redis', host: 'localhost', port: 6379 },
        { kind: 'tcp', name: 'pg', host: 'localhost', port: 5432 },
        { kind: 'dns', name: 'local', host: 'localhost' },
        { kind: 'dns', name: 'alias', host: 'orchestrator-service', from: 'host' },
      ],
      { net },
    );
    expect(brief(results)).toEqual([
      { check: 'redis', result: 'pass', reason: undefined, target: 'localhost:6379' },
      { check: 'pg', result: 'fail', reason: 'ECONNREFUSED: Connection refused (localhost:5432)', target: 'localhost:5432' },
      { check: 'local', result: 'pass', reason: undefined, target: 'localhost from host' },
      {
        check: 'alias',
        result: 'fail',
        reason: 'ENOTFOUND: Name or service not known (orchestrator-service)',
        target: 'orchestrator-service from host',
      },
    ]);
  });

  it('looks a name up inside a container with getent, then nslookup, as argument vectors', async () => {
    const exec = fakeExec((container, argv) => {
      if (argv[0] === 'getent') return exited(127, '', 'exec: "getent": executable file not found in $PATH');
      if (argv[1] === 'api') return exited(0, 'Server:\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nName:\tapi\nAddress: 172.18.0.2\n');
      return exited(1, '', `nslookup: can't resolve '${argv[1]}'`);
    });
    const results = await run(
      [
        { kind: 'dns', name: 'api from dev', host: 'api', from: { container: 'shop-dev-1' }, timeoutMs: 800 },
        { kind: 'dns', name: 'orch from dev', host: 'orchestrator-service', from: { container: 'shop-dev-1' } },
      ],
      { exec },
    );
    expect(brief(results)).toEqual([
      { check: 'api from dev', result: 'pass', reason: undefined, target: 'api from container shop-dev-1' },
      {
        check: 'orch from dev',
        result: 'fail',
        reason: 'shop-dev-1: nslookup: cannot resolve orchestrator-service',
        target: 'orchestrator-service from container shop-dev-1',
      },
    ]);
    expect(exec.calls.filter((call) => call.argv.includes('api'))).toEqual([
      { container: 'shop-dev-1', argv: ['getent', 'hosts', 'api'], timeoutMs: 800 },
      { container: 'shop-dev-1', argv: ['nslookup', 'api'], timeoutMs: 800 },
    ]);
  });

  it('is an error, not a failure, when the lookup cannot run; a lookup that timed out fails', async () => {
    const exec = fakeExec((container) => {
      if (container === 'gone') throw new EngineError('NOT_FOUND', 'No such container: gone');
      if (container === 'slow') return { exitCode: null, stdout: '', stderr: '', timedOut: true };
      return exited(127, '', 'sh: nslookup: not found');
    });
    const dns = (name: string) => ({ kind: 'dns', name, host: 'api', from: { container: name } });
    const results = await run([dns('gone'), dns('slow'), dns('bare')], { exec });
    expect(brief(results).map(({ check, result, reason }) => [check, result, reason])).toEqual([
      ['gone', 'error', 'gone: lookup could not run: No such container: gone'],
      ['slow', 'fail', 'slow: getent api did not finish within 5000 ms'],
      ['bare', 'error', 'bare: the image has neither getent nor nslookup'],
    ]);
    const without = await run([dns('any')], {});
    expect(without[0]).toMatchObject({ result: 'error', reason: expect.stringMatching(/not available here/) });
  });
});

describe('chat checks', () => {
  const reply = { correlationId: 'cid-1', url: 'ws://localhost:8006/chat/ws/c/s', totalMs: 40 };

  it('passes on complete after enough tokens, with the journey and pinned target passed on', async () => {
    const chat = fakeChat(() => ({ ...reply, tokens: 3, completed: true }));
    const results = await run(
      [{ kind: 'chat', name: 'admin', journey: 'admin', target: 'http://localhost:8006', message: 'hi', timeoutMs: 7000 }],
      { chat },
    );
    expect(brief(results)).toEqual([{ check: 'admin', result: 'pass', reason: undefined, target: 'ws http://localhost:8006' }]);
    expect(chat.requests[0]).toMatchObject({
      transport: 'ws',
      message: 'hi',
      journey: 'admin',
      target: 'http://localhost:8006',
      timeoutMs: 7000,
    });
  });

  it('fails without complete, with too few tokens, or over the budget, naming the correlation id', async () => {
    const chat = fakeChat((request) => {
      if (request.message === 'broken')
        return {
          ...reply,
          tokens: 1,
          completed: false,
          error: { code: 'WS_CLOSED', message: 'The WebSocket closed with 1011 (internal error).' },
        };
      if (request.message === 'quiet') return { ...reply, tokens: 0, completed: true };
      return { ...reply, tokens: 2, completed: true, totalMs: 1200 };
    });
    const results = await run(
      [
        { kind: 'chat', name: 'broken', message: 'broken', transport: 'http' },
        { kind: 'chat', name: 'quiet', message: 'quiet', minTokens: 1 },
        { kind: 'chat', name: 'slow', message: 'slow', timeoutMs: 1000 },
      ],
      { chat },
    );
    expect(brief(results).map(({ check, result, reason, target }) => [check, result, reason, target])).toEqual([
      [
        'broken',
        'fail',
        'WS_CLOSED: The WebSocket closed with 1011 (internal error). (after 1 token; correlation id cid-1)',
        'http (resolved target)',
      ],
      ['quiet', 'fail', 'complete after 0 tokens, expected at least 1 (correlation id cid-1)', 'ws (resolved target)'],
      ['slow', 'fail', 'complete after 1200 ms, over the 1000 ms budget (correlation id cid-1)', 'ws (resolved target)'],
    ]);
  });

  it('is an error when no chat port is wired or the port rejects bad input', async () => {
    const chat = { exchange: () => Promise.reject(new Error('unknown journey "nope"')) };
    const results = await run([{ kind: 'chat', name: 'bad', journey: 'nope' }], { chat });
    expect(results[0]).toMatchObject({ result: 'error', reason: 'unknown journey "nope"' });
    const without = await run([{ kind: 'chat', name: 'none' }], {});
    expect(without[0]).toMatchObject({ result: 'error', reason: expect.stringMatching(/not available here/) });
  });
});
