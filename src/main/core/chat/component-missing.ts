/**
 * Server texts that say a required component was never wired, e.g.
 * `tool_dispatcher is missing or None in WebSocket supervisor factory` or `missing required component: llm`.
 * Deliberately narrow: a generic error must stay AGENT_ERROR / HTTP_STATUS / WS_CLOSED.
 */
const PATTERNS: readonly RegExp[] = [
  /\b([A-Za-z_][\w.]*) (?:is|was) (?:missing or None|missing or none|None|not (?:set|configured|initiali[sz]ed|wired))\b/,
  /\bmissing (?:required )?(?:component|dependency)[:\s]+['"`]?([A-Za-z_][\w.]*)/i,
  /\b(?:component|dependency) ['"`]?([A-Za-z_][\w.]*)['"`]? (?:is )?(?:missing|not available|unavailable)\b/i,
];

/** The missing component's name when `text` says one is missing or None, else null. */
export function missingComponentIn(text: string | undefined | null): string | null {
  if (!text) return null;
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (match?.[1]) return match[1];
  }
  return null;
}
