/** The parts of `window.location` the WebSocket URL is derived from. */
export interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

/**
 * Serve mode's WebSocket lives at `/ws` on the page's own origin; the token comes from the page URL's
 * `?token=` (the printed URL carries it). Without one, the browser's cookie for the origin authenticates.
 */
export function wsUrlFromLocation(location: PageLocation): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get('token');
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}//${location.host}/ws${query}`;
}
