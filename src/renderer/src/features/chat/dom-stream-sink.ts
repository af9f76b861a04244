import type { PieceCounts, PieceKind, PieceRun, StreamSink } from './token-stream-buffer.ts';

/** Within this many px of the bottom counts as "following the stream": new text scrolls into view. */
const FOLLOW_SLACK_PX = 24;

const FRAME_ARROW: Partial<Record<PieceKind, string>> = { out: '→ ', in: '← ' };

function node(run: PieceRun): Node {
  if (run.kind === 'assistant') return document.createTextNode(run.text);
  const element = document.createElement(run.kind === 'manager' ? 'span' : 'div');
  element.className = `piece piece-${run.kind}`;
  const arrow = FRAME_ARROW[run.kind];
  if (arrow) {
    const marker = document.createElement('span');
    marker.className = 'piece-arrow';
    marker.textContent = arrow;
    element.append(marker);
  }
  element.append(run.text);
  return element;
}

/**
 * Draws an exchange's stream into its `<pre>`: one DOM append per flush (a fragment of joined runs), the
 * count as plain text, and the scroll kept at the bottom while the reader is there.
 */
export function createDomStreamSink(output: HTMLElement, count: HTMLElement, countKind: PieceKind): StreamSink {
  return {
    reset() {
      output.replaceChildren();
      count.textContent = '0';
    },
    write(runs) {
      const following = output.scrollHeight - output.scrollTop - output.clientHeight < FOLLOW_SLACK_PX;
      const fragment = document.createDocumentFragment();
      for (const run of runs) fragment.append(node(run));
      output.append(fragment);
      if (following) output.scrollTop = output.scrollHeight;
    },
    counts(counts: PieceCounts) {
      count.textContent = String(counts[countKind]);
    },
  };
}
