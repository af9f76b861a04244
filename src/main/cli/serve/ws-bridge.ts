import type { RawData, WebSocket } from 'ws';
import { clientFrameSchema, type ServerFrame } from '../../../shared/contract/index.ts';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { Dispatch } from '../../ipc/dispatch.ts';
import { describeIssueAt } from '../../../shared/zod-issue.ts';

/**
 * Queues one already-serialised frame, unless the client is too slow: a reader whose unsent bytes would
 * pass `maxBufferedBytes` is cut off (the page reconnects and asks for the latest state) rather than let
 * serve's memory grow with it. Returns false when the frame was not queued.
 */
export function sendSerialised(socket: WebSocket, data: string, maxBufferedBytes: number, logger: Logger): boolean {
  // A client that left while its call ran just misses the answer.
  if (socket.readyState !== socket.OPEN) return false;
  if (socket.bufferedAmount + Buffer.byteLength(data) > maxBufferedBytes) {
    logger.warn({ bufferedBytes: socket.bufferedAmount, maxBufferedBytes }, 'dashboard client too slow: disconnected');
    socket.terminate();
    return false;
  }
  socket.send(data);
  return true;
}

/** Sends one event to every client, serialised once however many are connected. */
export function broadcast(clients: Iterable<WebSocket>, frame: ServerFrame, maxBufferedBytes: number, logger: Logger): void {
  const data = JSON.stringify(frame);
  for (const client of clients) sendSerialised(client, data, maxBufferedBytes, logger);
}

/** How a connection answers: the socket plus the slow-reader bound its frames are held to. */
export interface ClientChannel {
  socket: WebSocket;
  /** See `sendSerialised`. */
  maxBufferedBytes: number;
  logger: Logger;
}

function reply(client: ClientChannel, frame: ServerFrame): void {
  sendSerialised(client.socket, JSON.stringify(frame), client.maxBufferedBytes, client.logger);
}

function badMessage(client: ClientChannel, id: number | null, message: string): void {
  reply(client, { kind: 'result', id, result: { ok: false, error: { code: 'BAD_MESSAGE', message } } });
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
export async function handleClientMessage(client: ClientChannel, data: RawData, isBinary: boolean, dispatch: Dispatch): Promise<void> {
  if (isBinary) return badMessage(client, null, 'Binary frames are not part of the contract; send JSON text.');
  let value: unknown;
  try {
    value = JSON.parse(data.toString());
  } catch {
    return badMessage(client, null, 'Frame is not valid JSON.');
  }
  const frame = clientFrameSchema.safeParse(value);
  if (!frame.success) {
    return badMessage(client, readableId(value), `Not a contract frame: ${describeIssueAt(frame.error.issues[0])}.`);
  }
  const { id, channel, payload } = frame.data;
  client.logger.debug({ channel, id }, 'ws invoke');
  const result = await dispatch(channel, payload);
  reply(client, { kind: 'result', id, result });
}
