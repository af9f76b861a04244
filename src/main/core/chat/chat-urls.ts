import { defaultChatPaths, type ChatConfig } from '../../../shared/model/index.ts';

export interface ChatPaths {
  httpChat: string;
  /** `{client_id}` and `{session_id}` are substituted. */
  ws: string;
}

/** The profile's paths: `chat.paths` over the defaults. */
export function chatPathsOf(config: ChatConfig | undefined): ChatPaths {
  // Runs on every send: field by field, no spreads or entry arrays (bench/chat).
  const paths = config?.paths;
  return { httpChat: paths?.httpChat ?? defaultChatPaths.httpChat, ws: paths?.ws ?? defaultChatPaths.ws };
}

/** `base` as an http(s) URL: ws:// → http://, wss:// → https://; null when it is neither. */
export function httpBase(base: string): URL | null {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  if (url.protocol === 'ws:') url = new URL(`http:${base.slice(3)}`);
  else if (url.protocol === 'wss:') url = new URL(`https:${base.slice(4)}`);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

function joinPath(base: URL, path: string): URL {
  const url = new URL(base.toString());
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  url.search = '';
  url.hash = '';
  return url;
}

/** `POST` URL of the HTTP chat on a target base URL. */
export function httpChatUrl(base: URL, paths: ChatPaths): string {
  return joinPath(base, paths.httpChat).toString();
}

/** The WebSocket chat URL on a target base URL, ids substituted (URL-encoded). */
export function wsChatUrl(base: URL, paths: ChatPaths, clientId: string, sessionId: string): string {
  const path = paths.ws.replaceAll('{client_id}', encodeURIComponent(clientId)).replaceAll('{session_id}', encodeURIComponent(sessionId));
  const url = joinPath(base, path);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Raw mode accepts ws(s):// and http(s):// URLs only. */
export function rawKind(url: string): 'ws' | 'http' | null {
  try {
    const protocol = new URL(url).protocol;
    if (protocol === 'ws:' || protocol === 'wss:') return 'ws';
    if (protocol === 'http:' || protocol === 'https:') return 'http';
    return null;
  } catch {
    return null;
  }
}
