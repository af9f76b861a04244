import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';

/** Where bundles are served from: `GET /bundles/<file>` (behind serve's token, like every other request). */
export const BUNDLE_ROUTE = '/bundles/';

/** Only names the bundle writer gives: no path, no other file of the folder can be asked for. */
const BUNDLE_NAME = /^stack-doctor-bundle-\d{8}T\d{6}Z(?:-\d+)?\.tar\.gz$/;

/** The same-origin path that downloads bundle `fileName`. */
export function bundleDownloadPath(fileName: string): string {
  return `${BUNDLE_ROUTE}${encodeURIComponent(fileName)}`;
}

/**
 * Answers `GET /bundles/<name>` from `dir` as an attachment; false when the path is not a bundle route (the
 * caller goes on to the static files). A name of another shape, a symlink or a missing file is 404.
 */
export async function serveBundle(dir: string, pathname: string, res: ServerResponse, head: boolean): Promise<boolean> {
  if (!pathname.startsWith(BUNDLE_ROUTE)) return false;
  const name = decodeURIComponent(pathname.slice(BUNDLE_ROUTE.length));
  const file = join(dir, name);
  const info = BUNDLE_NAME.test(name) ? await lstat(file).catch(() => null) : null;
  if (!info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('Not found.\n');
    return true;
  }
  res.writeHead(200, {
    'Content-Type': 'application/gzip',
    'Content-Length': String(info.size),
    'Content-Disposition': `attachment; filename="${name}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  if (head) res.end();
  else
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  return true;
}
