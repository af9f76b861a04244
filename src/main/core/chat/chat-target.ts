import type { ChatConfig, ChatError, ChatTransport } from '../../../shared/model/index.ts';
import { resolveOrchestratorTarget, type TargetInput } from '../orchestrator/resolve-target.ts';
import type { NetworkProbePort } from '../ports/network-probe.port.ts';
import { ChatInputError } from './chat-input-error.ts';
import type { TargetEvent } from './chat-outcome.ts';
import { httpBase, rawKind } from './chat-urls.ts';
import { unresolvableError } from './unresolvable-error.ts';

/** What the client needs to know about the stack for each send; re-read on every send. */
export interface ChatSetup {
  /** Target resolution input (configured URL and where it came from, fallback, aliases, health path, probe timeout). */
  target: Omit<TargetInput, 'headers'>;
  /** `chat:` from the stack config: paths, journeys, timeout. */
  chat?: ChatConfig;
}

export type ChatTargetStep =
  { ok: true; event: TargetEvent; base: URL | null; rawUrl: string | null } | { ok: false; event: TargetEvent; error: ChatError };

/**
 * The step for a target the user pinned (already trimmed, non-empty): no resolution, so no await, which
 * spares a pinned send an async hop (bench/chat). Throws ChatInputError for a URL the transport cannot use.
 */
export function pinnedChatTarget(
  pinned: string,
  transport: ChatTransport,
  correlationId: string,
  /** Parses the pinned base; a caller may pass a memoised httpBase (the result is never mutated). */
  baseOf: (url: string) => URL | null = httpBase,
): ChatTargetStep {
  const event: TargetEvent = {
    type: 'target',
    correlationId,
    url: pinned,
    decision: 'pinned',
    reason: 'pinned by the user: target resolution bypassed',
    pinned: true,
  };
  if (transport === 'raw') {
    if (!rawKind(pinned)) throw new ChatInputError(`raw mode needs a ws://, wss://, http:// or https:// URL, got "${pinned}"`);
    return { ok: true, event, base: null, rawUrl: pinned };
  }
  const base = baseOf(pinned);
  if (!base) throw new ChatInputError(`the pinned target must be an http(s):// or ws(s):// URL, got "${pinned}"`);
  return { ok: true, event, base, rawUrl: null };
}

/**
 * Decides where this exchange goes, afresh every time (no cache survives a failure because there is none):
 * a pinned target bypasses resolution; otherwise resolveOrchestratorTarget decides as-configured,
 * localhost-fallback or unresolvable, and unresolvable fails fast with every attempt listed.
 * Throws ChatInputError for a pinned target that is not a usable URL.
 */
export async function decideChatTarget(
  net: NetworkProbePort,
  setup: ChatSetup,
  request: { transport: ChatTransport; pinnedTarget?: string },
  correlationId: string,
): Promise<ChatTargetStep> {
  const pinned = request.pinnedTarget?.trim();
  if (pinned) return pinnedChatTarget(pinned, request.transport, correlationId);

  const target = await resolveOrchestratorTarget(net, { ...setup.target, headers: { 'X-Correlation-ID': correlationId } });
  const event: TargetEvent = {
    type: 'target',
    correlationId,
    url: target.resolvedUrl ?? target.configuredUrl,
    decision: target.decision,
    reason: target.reason,
    pinned: false,
  };
  const base = target.resolvedUrl ? httpBase(target.resolvedUrl) : null;
  if (!base) return { ok: false, event, error: unresolvableError(target, correlationId) };
  return { ok: true, event, base, rawUrl: null };
}
