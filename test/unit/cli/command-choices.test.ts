import { describe, expect, it } from 'vitest';
import { CHAT_TRANSPORTS } from '../../../src/main/cli/commands/chat.command.ts';
import { chatTransportSchema } from '../../../src/shared/model/index.ts';

// The CLI spells this list out so `--help` loads no zod schema; it must stay the schema's own.
describe('option choices the CLI lists without the model', () => {
  it('chat --transport offers exactly the chat transports of the model', () => {
    expect(CHAT_TRANSPORTS).toEqual(chatTransportSchema.options);
  });
});
