import type { RawData, WebSocket } from 'ws';
import { clientFrameSchema, type ServerFrame } from '../../../shared/contract/index.ts';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { Dispatch } from '../../ipc/dispatch.ts';

export function send(socket: WebSocket, frame: ServerFrame): void {
  // A client that left while its call ran just misses the answer.
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function badMessage(socket: WebSocket, id: number | null, message: string): void {
  send(socket, { kind: 'result', id, result: { ok: false, error: { code: 'BAD_MESSAGE', message } } });
}

/** The id of a frame that failed the schema, when it still carries a usable one. */
function readableId(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const { id } = value as { id: unknown };
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

/**
 * One client frame → one result frame. Broken frames get a BAD_MESSAGE result and the connection stays
 * open: one bad message from a buggy client must not cost it the session.
 */
export async function handleClientMessage(
  socket: WebSocket,
  data: RawData,
  isBinary: boolean,
  dispatch: Dispatch,
  logger: Logger,
): Promise<void> {
  if (isBinary) return badMessage(socket, null, 'Binary frames are not part of the contract; send JSON text.');
  let value: unknown;
  try {
    value = JSON.parse(data.toString());
  } catch {
    return badMessage(socket, null, 'Frame is not valid JSON.');
  }
  const frame = clientFrameSchema.safeParse(value);
  if (!frame.success) {
    const issue = frame.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return badMessage(socket, readableId(value), `Not a contract frame: ${issue?.message ?? 'invalid'}${where}.`);
  }
  const { id, channel, payload } = frame.data;
  logger.debug({ channel, id }, 'ws invoke');
  const result = await dispatch(channel, payload);
  send(socket, { kind: 'result', id, result });
}
