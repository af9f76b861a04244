import { describe, expect, it } from 'vitest';
import { checkBindHost, createWorkspacePolicy, isLoopbackHost } from '../../../../src/main/cli/serve/serve-policy.ts';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '', '192.168.1.10', '10.0.0.1', '127.0.0.256', '127.0.0.1.evil.example', 'example.com', '::ffff:10.0.0.1'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('checkBindHost', () => {
  it('allows loopback without a word', () => {
    expect(checkBindHost('127.0.0.1', false)).toEqual({ ok: true });
  });

  it('refuses any other bind without allowRemote, naming the flag', () => {
    const verdict = checkBindHost('0.0.0.0', false);
    expect(verdict).toMatchObject({ ok: false });
    expect(verdict.ok ? '' : verdict.message).toContain('--allow-remote');
  });

  it('allows it with allowRemote, with a warning to print', () => {
    const verdict = checkBindHost('0.0.0.0', true);
    expect(verdict.ok && verdict.warning).toContain('serving on 0.0.0.0');
  });
});

describe('createWorkspacePolicy', () => {
  const policy = createWorkspacePolicy({ served: '/home/me/shop', configured: () => ['/home/me/blog', 'rel/site'], cwd: '/home/me' });

  it('allows the served workspace (named or implied) and the configured ones, however spelled', () => {
    for (const workspace of [
      undefined,
      '/home/me/shop',
      '/home/me/shop/',
      '/home/me/x/../shop',
      'shop',
      '/home/me/blog',
      '/home/me/rel/site',
    ]) {
      expect(policy(workspace), String(workspace)).toEqual({ ok: true });
    }
  });

  it('refuses any other path, with a message naming the served workspace', () => {
    for (const workspace of ['/etc', '/', '/home/me', '/home/me/shop/sub', '/home/me/shop/..', '../etc']) {
      const verdict = policy(workspace);
      expect(verdict.ok, workspace).toBe(false);
      expect(verdict.ok ? '' : verdict.message).toContain('/home/me/shop');
    }
  });

  it('reads the configured folders at each request', () => {
    const configured: string[] = [];
    const live = createWorkspacePolicy({ served: '/a', configured: () => configured, cwd: '/' });
    expect(live('/b').ok).toBe(false);
    configured.push('/b');
    expect(live('/b').ok).toBe(true);
  });
});
