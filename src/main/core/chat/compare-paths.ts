import type { ChatOutcome } from './chat-outcome.ts';

export interface CompareResult {
  ws: ChatOutcome;
  http: ChatOutcome;
  /** Both transports completed an answer. */
  bothAnswered: boolean;
  /** Both answered with the same text (whitespace-insensitive). */
  agree: boolean;
  /** One sentence for the pane and the CLI. */
  summary: string;
}

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Compares one message's WS and HTTP outcomes: the check that catches a WS path wired unlike the HTTP one. */
export function comparePaths(ws: ChatOutcome, http: ChatOutcome): CompareResult {
  const bothAnswered = ws.ok && http.ok;
  const agree = ws.ok && http.ok && normalize(ws.response) === normalize(http.response);
  let summary: string;
  if (agree) summary = 'Both paths answered the same.';
  else if (bothAnswered) summary = 'Both paths answered, but differently: the WS and HTTP handlers are not wired to the same agent.';
  else if (ws.ok && !http.ok) summary = `WS answered; HTTP failed with ${http.error.class}.`;
  else if (!ws.ok && http.ok) summary = `HTTP answered; WS failed with ${ws.error.class}.`;
  else if (!ws.ok && !http.ok) summary = `Neither path answered (WS: ${ws.error.class}, HTTP: ${http.error.class}).`;
  else summary = 'Neither path answered.';
  return { ws, http, bothAnswered, agree, summary };
}
