import type { z } from 'zod';
import {
  fail,
  invokeContract,
  invokeNameForChannel,
  ok,
  type InvokeContract,
  type InvokeName,
  type InvokeResponse,
  type Result,
} from '../../shared/contract/index.ts';
import { ChatInputError } from '../core/chat/chat-input-error.ts';
import { DiagnoseInputError } from '../core/errors.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { describeIssueAt } from '../../shared/zod-issue.ts';
import { ContractFailure } from './contract-failure.ts';

/** One handler per invoke channel; it receives the already-validated request. */
export type Handlers = {
  [K in InvokeName]: (request: z.infer<InvokeContract[K]['request']>) => Promise<InvokeResponse<K>>;
};

/** Transport-neutral entry: wire channel name + untrusted payload in, result envelope out. Never rejects. */
export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

/**
 * The single inbound path for both transports (Electron ipc and serve mode's WebSocket):
 * look the channel up in the contract, zod-parse the payload, run the handler, wrap the answer.
 */
export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, payload) => {
    const name = invokeNameForChannel(channel);
    if (!name) return fail('UNKNOWN_CHANNEL', `No contract channel named "${channel}".`);
    const parsed = invokeContract[name].request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
      return fail('INVALID_REQUEST', `${channel}: ${describeIssueAt(issue, 'invalid payload')}`, path);
    }
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      // Input the schema cannot judge (nonexistent workspace, unknown journey, invalid stack config).
      if (error instanceof DiagnoseInputError || error instanceof ChatInputError) return fail('INVALID_REQUEST', error.message);
      if (error instanceof ContractFailure) return fail(error.code, error.message, error.field);
      const message = errorMessage(error);
      logger.error({ channel, err: message }, 'contract handler failed');
      return fail('INTERNAL', message);
    }
  };
}
