import { spawn } from 'node:child_process';

/** A browser can only open where a desktop session exists; on a headless Linux box we only print the URL. */
export function canOpenBrowser(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'linux') return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return platform === 'darwin' || platform === 'win32';
}

/** Best effort: the URL is printed anyway, so a missing opener is ignored. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // Nothing to do: the printed URL is the fallback.
  }
}
