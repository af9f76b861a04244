import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useApi } from '../../api/use-api.ts';
import { ChatController } from './chat-controller.ts';
import type { ChatViewState } from './chat-view-state.ts';
import { TokenStreamBuffer, type FrameScheduler } from './token-stream-buffer.ts';

/** The browser's animation frames (kept out of token-stream-buffer.ts, which tests load in Node). */
const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface ChatSession {
  state: ChatViewState;
  controller: ChatController;
  /** Exchange cards attach their `<pre>` here to receive tokens once per animation frame. */
  buffer: TokenStreamBuffer;
}

/** The chat pane's controller and token buffer, started while the pane is mounted. */
export function useChatSession(): ChatSession {
  const api = useApi();
  const { controller, buffer } = useMemo(() => {
    const created = new TokenStreamBuffer(animationFrames);
    return { buffer: created, controller: new ChatController({ api, buffer: created }) };
  }, [api]);
  useEffect(() => {
    const running = controller.start();
    return () => running.dispose();
  }, [controller]);
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  return { state, controller, buffer };
}
