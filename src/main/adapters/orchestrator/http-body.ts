import type { IncomingMessage } from 'node:http';

/**
 * Collects a response body up to `capBytes` (then stops keeping, still drains). `done` runs once, with
 * `cut: true` when the connection dropped before the end (the text read so far is kept).
 */
export function readBody(
  res: IncomingMessage,
  capBytes: number,
  done: (text: string, cut: boolean, error?: NodeJS.ErrnoException) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let called = false;
  const once = (cut: boolean, error?: NodeJS.ErrnoException): void => {
    if (called) return;
    called = true;
    done(Buffer.concat(chunks).toString('utf8'), cut, error);
  };
  res.on('data', (chunk: Buffer) => {
    if (size < capBytes) chunks.push(size + chunk.length > capBytes ? chunk.subarray(0, capBytes - size) : chunk);
    size += chunk.length;
  });
  res.on('end', () => once(false));
  res.on('aborted', () => once(true, Object.assign(new Error('The answer was cut off'), { code: 'ECONNRESET' })));
  res.on('error', (error: NodeJS.ErrnoException) => once(true, error));
  res.on('close', () => {
    if (!res.complete) once(true, Object.assign(new Error('The connection closed before the answer ended'), { code: 'ECONNRESET' }));
  });
}
