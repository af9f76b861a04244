import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The engine's own socket, as the tests' default engine (DOCKER_HOST when it is a unix socket). */
export function realEngineSocket(): string {
  const host = process.env['DOCKER_HOST'];
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

/**
 * A unix-socket proxy in front of the real engine, in a temp folder, that a test can cut (every connection
 * destroyed, nothing listening: the engine is gone) and restore (the engine is back).
 */
export class EngineProxy {
  /**
   * @param requestDelayMs Holds every chunk a client sends for this long before the engine sees it: a slow,
   *   busy engine (each request answered about this much later). Default 0, passed through as it comes.
   */
  constructor(private readonly requestDelayMs = 0) {}

  readonly dir = mkdtempSync(join(tmpdir(), 'sd-engine-proxy-'));
  readonly path = join(this.dir, 'docker.sock');
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  get endpoint(): string {
    return `unix://${this.path}`;
  }

  /** Connections open right now (client side and engine side). */
  get openSockets(): number {
    return this.sockets.size;
  }

  async start(): Promise<void> {
    rmSync(this.path, { force: true });
    const server = createServer((client) => {
      const upstream = connect(realEngineSocket());
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      if (this.requestDelayMs > 0) {
        // Timers of one duration fire in the order they were set: the bytes keep their order.
        client.on('data', (chunk: Buffer) => setTimeout(() => upstream.destroyed || upstream.write(chunk), this.requestDelayMs));
        client.on('end', () => setTimeout(() => upstream.end(), this.requestDelayMs));
        upstream.pipe(client);
      } else client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.path, resolve));
  }

  /** The engine goes away: nothing listens, every connection is cut. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise((resolve) => server.close(resolve)) : Promise.resolve();
    for (const socket of this.sockets) socket.destroy();
    await closed;
    rmSync(this.path, { force: true });
  }

  async dispose(): Promise<void> {
    await this.cut();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
