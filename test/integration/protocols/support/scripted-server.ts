import { createServer, type AddressInfo, type Socket } from 'node:net';

/** A 127.0.0.1 server that plays a recorded greeting to every connection. */
export interface ScriptedServer {
  port: number;
  /** Bytes each connection sent before it was answered. */
  received: Buffer[];
  /** Connections still open on the server side: proves a probe left nothing behind. */
  openSockets(): number;
  close(): Promise<void>;
}

export interface Script {
  /** Wait for this many bytes from the client before answering (0: the server speaks first, as MySQL does). */
  readBytes: number;
  /** Sent in two writes split at `splitAt`, a tick apart, so the client must reassemble. */
  reply: Uint8Array;
  splitAt?: number;
  /** Close after answering (as a broker does after a protocol header), default false. */
  thenClose?: boolean;
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const sockets = new Set<Socket>();
  const received: Buffer[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let got = Buffer.alloc(0);
    const answer = (): void => {
      received.push(got);
      const split = script.splitAt ?? Math.floor(script.reply.length / 2);
      socket.write(script.reply.subarray(0, split));
      setTimeout(() => {
        if (socket.destroyed) return;
        socket.write(script.reply.subarray(split));
        if (script.thenClose) socket.end();
      }, 5);
    };
    if (script.readBytes === 0) return answer();
    socket.on('data', (chunk: Buffer) => {
      const before = got.length;
      got = Buffer.concat([got, chunk]);
      if (before < script.readBytes && got.length >= script.readBytes) answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
