import type { ContainerSpec, CreatedContainer, DockerFixture } from './docker-fixture.ts';

/** Options for {@link startHttpService}: a container spec without `cmd`, plus what to serve. */
export interface HttpServiceSpec extends Omit<ContainerSpec, 'cmd' | 'ports'> {
  /** Port busybox httpd listens on inside the container. Default 8006 (the orchestrator's). */
  port?: number;
  /** Body of `GET /health`: a string as is, anything else as JSON. Default `{"status":"healthy"}`. */
  health?: unknown;
  /** More files to serve, by absolute URL path (`/api/info` → body). */
  files?: Record<string, string>;
  /**
   * Publish the port on 127.0.0.1: `true` (default) for an engine-picked host port, a number for that
   * port, `false` for none (reachable only from the container's networks).
   */
  publish?: boolean | number;
}

/** A running HTTP service. `url` is set when the port is published. */
export interface HttpService extends CreatedContainer {
  /** `http://127.0.0.1:<hostPort>` when published. */
  url: string | undefined;
}

/**
 * Starts busybox httpd serving `/health` (and `files`) from /www, and resolves once it answers. Bodies
 * travel in env vars so no shell quoting is involved. busybox httpd answers 200 for existing files, 404
 * otherwise, and sends no Content-Type for extension-less paths such as `/health`: parse the body.
 */
export async function startHttpService(fixture: DockerFixture, spec: HttpServiceSpec): Promise<HttpService> {
  const { port = 8006, health = { status: 'healthy' }, files = {}, publish = true, ...rest } = spec;
  const served: Record<string, string> = { '/health': typeof health === 'string' ? health : JSON.stringify(health), ...files };
  const env: Record<string, string> = { ...(rest.env ?? {}) };
  const lines: string[] = [];
  Object.entries(served).forEach(([path, body], i) => {
    if (!path.startsWith('/') || path.includes('..')) throw new Error(`startHttpService: bad path ${path}`);
    env[`SD_PATH_${i}`] = path;
    env[`SD_BODY_${i}`] = body;
    lines.push(`mkdir -p "$(dirname "/www$SD_PATH_${i}")" && printf '%s' "$SD_BODY_${i}" > "/www$SD_PATH_${i}"`);
  });
  lines.push(`exec httpd -f -p ${port} -h /www`);

  const created = await fixture.container({
    ...rest,
    env,
    cmd: ['sh', '-c', lines.join(' && ')],
    ports: publish === false ? [] : [{ container: port, host: publish === true ? 0 : publish, hostIp: '127.0.0.1' }],
  });
  const url = created.hostPort !== undefined ? `http://127.0.0.1:${created.hostPort}` : undefined;

  if (url) {
    await fixture.waitForHttp(`${url}/health`, { description: `httpd in ${created.name}` });
  } else {
    // Not published: ask from inside the container itself.
    await fixture.waitFor(
      async () => {
        const exec = await fixture.docker
          .getContainer(created.id)
          .exec({ Cmd: ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}/health`] });
        const stream = await exec.start({ Detach: false, Tty: false });
        await new Promise((resolve) => {
          stream.on('end', resolve);
          stream.on('close', resolve);
          stream.resume();
        });
        return (await exec.inspect()).ExitCode === 0;
      },
      { description: `httpd in ${created.name}` },
    );
  }
  return { ...created, url };
}
