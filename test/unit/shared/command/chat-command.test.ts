import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildChatCommand } from '../../../../src/shared/command/chat-command.ts';

describe('buildChatCommand', () => {
  it('writes the transport always and the message quoted', () => {
    expect(buildChatCommand({ message: 'hello', transport: 'ws' })).toBe("stack-doctor chat --transport ws 'hello'");
  });

  it('adds a pinned target and a journey in a stable order', () => {
    expect(
      buildChatCommand({
        message: 'where is my order?',
        transport: 'http',
        journey: 'customer chat',
        pinnedTarget: ' http://localhost:8006 ',
      }),
    ).toBe("stack-doctor chat --transport http --target http://localhost:8006 --journey 'customer chat' 'where is my order?'");
  });

  it('quotes a message with quotes, newlines and shell metacharacters so a POSIX shell gives it back verbatim', () => {
    const message = `it's "$(rm -rf /)"\nline 2; echo \`x\``;
    const line = buildChatCommand({ message, transport: 'raw', pinnedTarget: 'ws://127.0.0.1:8006/chat/ws/a/b?x=1&y=2' });
    expect(line).toBe(
      `stack-doctor chat --transport raw --target 'ws://127.0.0.1:8006/chat/ws/a/b?x=1&y=2' 'it'\\''s "$(rm -rf /)"\nline 2; echo \`x\`'`,
    );
    // The proof: a real POSIX shell reads the last word back as the exact message.
    const quoted = line.slice(line.indexOf("'it'"));
    const echoed = spawnSync('sh', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });
    expect(echoed.stdout).toBe(message);
  });

  it("writes the time budget asked for (raw mode's listen window)", () => {
    expect(buildChatCommand({ message: '', transport: 'raw', pinnedTarget: 'http://127.0.0.1:8006/health', timeoutMs: 2000 })).toBe(
      "stack-doctor chat --transport raw --target http://127.0.0.1:8006/health --timeout 2000 ''",
    );
  });

  it('ends the options before a message that starts with a dash', () => {
    expect(buildChatCommand({ message: '--help', transport: 'ws' })).toBe("stack-doctor chat --transport ws -- '--help'");
  });
});

describe('buildChatCommand options the CLI adds', () => {
  it('writes --workspace first and --json last before the message', () => {
    expect(buildChatCommand({ message: 'hi', transport: 'http', workspace: '/home/me/my stack', json: true, timeoutMs: 5000 })).toBe(
      "stack-doctor chat --workspace '/home/me/my stack' --transport http --timeout 5000 --json 'hi'",
    );
  });
});
