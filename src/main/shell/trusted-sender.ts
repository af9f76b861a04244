import { pathToFileURL } from 'node:url';

/** Where our renderer is loaded from: the built file, or the electron-vite dev server in development. */
export type RendererLocation = { kind: 'file'; path: string } | { kind: 'dev-server'; url: string };

/**
 * True when `frameUrl` (an ipc event's `senderFrame.url`) is our renderer page: the exact file:// page we
 * loaded (any query/hash), or the dev server's origin. Anything else — another file, a navigated-away
 * frame, an iframe, an empty URL — is refused.
 */
export function isTrustedRendererUrl(frameUrl: string | undefined | null, location: RendererLocation): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') {
    const dev = new URL(location.url);
    return url.protocol !== 'file:' && url.origin === dev.origin;
  }
  const expected = pathToFileURL(location.path);
  return url.protocol === 'file:' && url.host === expected.host && url.pathname === expected.pathname;
}
