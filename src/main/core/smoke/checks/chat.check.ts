import type { SmokeChatCheck } from '../../../../shared/model/index.ts';
import type { SmokeChatPort } from '../../ports/smoke-chat.port.ts';
import { redactUrl } from '../../../../shared/redact.ts';
import { error, fail, pass, type CheckContext, type CheckVerdict } from '../smoke-check.ts';

/** `ws http://localhost:8006`, or `ws (resolved target)` when the check does not pin one. */
export function chatTarget(check: SmokeChatCheck): string {
  return `${check.transport} ${check.target ? redactUrl(check.target) : '(resolved target)'}`;
}

/**
 * One journey through the orchestrator client: passes when at least `minTokens` assistant tokens and then
 * `complete` arrive within the check's budget. The correlation id is in every reason, to find the exchange in
 * the logs.
 */
export async function runChatCheck(check: SmokeChatCheck, chat: SmokeChatPort | undefined, context: CheckContext): Promise<CheckVerdict> {
  if (!chat) return error('chat journeys are not available here (no orchestrator client)');
  const reply = await chat.exchange({
    transport: check.transport,
    message: check.message,
    ...(check.journey ? { journey: check.journey } : {}),
    ...(check.target ? { target: check.target } : {}),
    timeoutMs: context.timeoutMs,
    signal: context.signal,
  });
  const where = `correlation id ${reply.correlationId}`;
  if (!reply.completed) {
    const why = reply.error ? `${reply.error.code}: ${reply.error.message}` : 'the exchange ended without complete';
    return fail(`${why} (after ${reply.tokens} token${reply.tokens === 1 ? '' : 's'}; ${where})`);
  }
  if (reply.tokens < check.minTokens) return fail(`complete after ${reply.tokens} tokens, expected at least ${check.minTokens} (${where})`);
  if (reply.totalMs > context.timeoutMs) {
    return fail(`complete after ${Math.round(reply.totalMs)} ms, over the ${context.timeoutMs} ms budget (${where})`);
  }
  return pass();
}
