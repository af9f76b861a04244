import type { Readable } from 'node:stream';
import type Docker from 'dockerode';

/** What the engine saw of execs in one window: counted from its own event stream, not from the product. */
export interface ExecWindow {
  created: number;
  /** Most execs between `exec_start` and `exec_die` at one moment. */
  maxInFlight: number;
  /** Execs started and not (yet) died when the window closed. */
  unfinished: number;
}

/**
 * Counts the engine's `exec_create` / `exec_start` / `exec_die` events of containers carrying `label`
 * (`key=value`). The engine's events are the ground truth of what reached it, whichever client issued
 * the execs. `open()` starts a window, `close()` waits until every started exec has died (at most
 * `settleMs`) and returns the window's counts.
 */
export async function execCounter(docker: Docker, label: string) {
  const stream = (await docker.getEvents({ filters: { type: ['container'], label: [label] } })) as Readable;
  let window: { created: number; inFlight: Set<string>; maxInFlight: number } | null = null;
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim() || !window) continue;
      const event = JSON.parse(line) as { Action?: string; Actor?: { Attributes?: Record<string, string> } };
      const action = event.Action ?? '';
      const execId = event.Actor?.Attributes?.['execID'] ?? '';
      if (action.startsWith('exec_create')) window.created += 1;
      else if (action.startsWith('exec_start')) {
        window.inFlight.add(execId);
        window.maxInFlight = Math.max(window.maxInFlight, window.inFlight.size);
      } else if (action.startsWith('exec_die')) window.inFlight.delete(execId);
    }
  });
  return {
    open(): void {
      window = { created: 0, inFlight: new Set(), maxInFlight: 0 };
    },
    async close(settleMs = 5_000): Promise<ExecWindow> {
      const current = window;
      if (!current) throw new Error('no window open');
      // The engine reports events a moment after they happen: a short quiet period catches the last ones.
      const deadline = Date.now() + settleMs;
      await new Promise((resolve) => setTimeout(resolve, 300));
      while (current.inFlight.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      window = null;
      return { created: current.created, maxInFlight: current.maxInFlight, unfinished: current.inFlight.size };
    },
    dispose(): void {
      stream.destroy();
    },
  };
}
