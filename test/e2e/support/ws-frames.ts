import type { Page, WebSocket } from '@playwright/test';

/** A serve-mode frame as seen on the wire (see src/shared/contract/wire.ts). */
export interface WireFrame {
  kind: 'invoke' | 'result' | 'event';
  id?: number | null;
  channel?: string;
  payload?: unknown;
  result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** Every frame the page's WebSockets sent and received, parsed, in order. */
export interface WsFrames {
  sockets: WebSocket[];
  sent: WireFrame[];
  received: WireFrame[];
  /** The `diagnosis:run` invokes the page sent (Check now, the first check, auto refresh). */
  runsSent(): WireFrame[];
  /** The verdict of the result answering invoke `id`, once it has arrived. */
  resultVerdict(id: number): string | undefined;
}

function parse(payload: string | Buffer): WireFrame | undefined {
  try {
    return JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) as WireFrame;
  } catch {
    return undefined;
  }
}

/** Starts recording before the page opens its WebSocket (call it before `goto`). */
export function recordWsFrames(page: Page): WsFrames {
  const frames: WsFrames = {
    sockets: [],
    sent: [],
    received: [],
    runsSent: () => frames.sent.filter((f) => f.kind === 'invoke' && f.channel === 'diagnosis:run'),
    resultVerdict(id) {
      const answer = frames.received.find((f) => f.kind === 'result' && f.id === id);
      return (answer?.result?.value as { verdict?: string } | undefined)?.verdict;
    },
  };
  page.on('websocket', (ws) => {
    frames.sockets.push(ws);
    ws.on('framesent', ({ payload }) => {
      const frame = parse(payload);
      if (frame) frames.sent.push(frame);
    });
    ws.on('framereceived', ({ payload }) => {
      const frame = parse(payload);
      if (frame) frames.received.push(frame);
    });
  });
  return frames;
}
