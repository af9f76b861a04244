import open from 'open';

/** A browser can only open where a desktop session exists; on a headless Linux box we only print the URL. */
export function canOpenBrowser(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'linux') return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return platform === 'darwin' || platform === 'win32';
}

/**
 * Best effort, through the `open` package (it knows each platform's opener and quotes the URL itself):
 * the URL is printed anyway, so a missing or failing opener is ignored.
 */
export async function openBrowser(url: string): Promise<void> {
  try {
    await open(url);
  } catch {
    // Nothing to do: the printed URL is the fallback.
  }
}
