import { isSingleLabel, normalizeHost } from '../network/host-name.ts';

/** Most of a frame or body kept on an error, in characters (the schema documents 2 KiB). */
export const RAW_FRAME_CAP = 2048;

export function capText(text: string, cap = RAW_FRAME_CAP): string {
  return text.length > cap ? `${text.slice(0, cap)}…` : text;
}

export function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return normalizeHost(new URL(url).hostname);
  } catch {
    return '';
  }
}

/** Single-label names are how docker aliases look; errors explain the alias/localhost split for them. */
export function looksLikeAlias(url: string | undefined): boolean {
  return isSingleLabel(hostOf(url));
}
