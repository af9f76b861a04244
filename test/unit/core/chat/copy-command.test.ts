import { describe, expect, it } from 'vitest';
import { buildChatCommand, shellQuote } from '../../../../src/main/core/chat/copy-command.ts';

describe('buildChatCommand', () => {
  it('writes the shortest command for a default exchange', () => {
    expect(buildChatCommand({ message: 'hello', transport: 'ws' })).toBe('stack-doctor chat hello');
  });

  it('writes every option in a stable order, quoted for a POSIX shell', () => {
    expect(
      buildChatCommand({
        message: "it's a test",
        transport: 'http',
        journey: 'admin chat',
        pinnedTarget: 'http://localhost:8006',
        workspace: '/home/me/my stack',
        timeoutMs: 5000,
        json: true,
      }),
    ).toBe(
      "stack-doctor chat --workspace '/home/me/my stack' --target http://localhost:8006 --transport http --journey 'admin chat' --timeout 5000 --json 'it'\\''s a test'",
    );
  });

  it('puts -- before a message that looks like an option', () => {
    expect(buildChatCommand({ message: '--help me', transport: 'raw', pinnedTarget: 'ws://h:1/x' })).toBe(
      "stack-doctor chat --target ws://h:1/x --transport raw -- '--help me'",
    );
  });

  it('quotes what a shell would expand', () => {
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote('a`b`')).toBe("'a`b`'");
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('{"type":"chat"}')).toBe(`'{"type":"chat"}'`);
  });
});
