import { decodeText, indexOfCrlf, preview, startsWithAscii } from './bytes.ts';
import { parseMysqlGreeting } from './mysql-greeting.parser.ts';

/** What a port was heard speaking. `unknown`: it answered, in nothing recognised (and not HTTP). */
export type Speaks = 'http' | 'mysql' | 'redis' | 'postgres' | 'ssh' | 'smtp' | 'ftp' | 'pop3' | 'imap' | 'tls' | 'unknown';

export interface SniffVerdict {
  speaks: Speaks;
  /** The one fact issue 9 §3 needs: probe HTTP health here, or leave the port alone. */
  http: boolean;
  /** HTTP status of the answer to the request, when HTTP. */
  status?: number;
  /** Server version, when the greeting names one (MySQL). */
  serverVersion?: string;
  /** The first bytes, printable, for the report. */
  banner: string;
}

/** A text banner is one line; past this many bytes without one, stop waiting. */
const MAX_LINE = 512;

/** True when a server-first greeting is whole: a MySQL packet, or one text line. */
export function greetingComplete(bytes: Uint8Array): boolean {
  const mysql = parseMysqlGreeting(bytes);
  if (mysql.kind === 'incomplete') return false;
  if (mysql.kind !== 'not-mysql') return true;
  return indexOfCrlf(bytes) >= 0 || bytes.length >= MAX_LINE;
}

/** True when the answer to the HTTP request says enough: its first line, or bytes that cannot start one. */
export function requestAnswerComplete(bytes: Uint8Array): boolean {
  if (indexOfCrlf(bytes) >= 0 || bytes.length >= MAX_LINE) return true;
  return bytes.length >= 5 && !startsWithAscii(bytes, 'HTTP/');
}

/** Classifies what a server sent first, before any request (MySQL, SSH, SMTP, FTP, POP3, IMAP greet; HTTP does not). */
export function classifyGreeting(bytes: Uint8Array): SniffVerdict {
  const banner = firstLine(bytes);
  const mysql = parseMysqlGreeting(bytes);
  if (mysql.kind === 'handshake') return { speaks: 'mysql', http: false, serverVersion: mysql.serverVersion, banner };
  if (mysql.kind === 'error') return { speaks: 'mysql', http: false, banner };
  const text = decodeText(bytes, 0, Math.min(bytes.length, MAX_LINE));
  if (text.startsWith('SSH-')) return { speaks: 'ssh', http: false, banner };
  if (/^220[ -]/.test(text)) return { speaks: /ftp/i.test(text) && !/smtp/i.test(text) ? 'ftp' : 'smtp', http: false, banner };
  if (text.startsWith('+OK')) return { speaks: 'pop3', http: false, banner };
  if (text.startsWith('* OK')) return { speaks: 'imap', http: false, banner };
  const status = httpStatus(text);
  if (status !== undefined) return { speaks: 'http', http: true, status, banner };
  return { speaks: 'unknown', http: false, banner };
}

/** Classifies the answer to a minimal `GET` sent to a port that did not greet. */
export function classifyRequestAnswer(bytes: Uint8Array): SniffVerdict {
  const banner = firstLine(bytes);
  const text = decodeText(bytes, 0, Math.min(bytes.length, MAX_LINE));
  const status = httpStatus(text);
  if (status !== undefined) return { speaks: 'http', http: true, status, banner };
  // Redis answers each line of the request as an inline command, with a RESP error.
  if (/^-(ERR|WRONGTYPE|NOAUTH|DENIED|LOADING)\b/.test(text)) return { speaks: 'redis', http: false, banner };
  // A TLS server given plaintext answers with an alert record: content type 21, version 3.x.
  if (bytes[0] === 0x15 && bytes[1] === 0x03) return { speaks: 'tls', http: false, banner };
  // A PostgreSQL ErrorResponse: 'E', Int32 length, then fields starting with severity 'S'.
  if (bytes[0] === 0x45 && bytes[5] === 0x53) return { speaks: 'postgres', http: false, banner };
  return { speaks: 'unknown', http: false, banner };
}

/**
 * The minimal request sent to a silent port. HTTP/1.0, so no `Host` header is needed: Redis treats a `Host:`
 * line as a cross-protocol attack, drops the connection without a reply and logs "Possible SECURITY ATTACK";
 * without it Redis answers each line with a RESP error and is recognised. Every HTTP server answers 1.0.
 */
export function healthRequest(path: string): string {
  return `GET ${path} HTTP/1.0\r\nUser-Agent: stack-doctor\r\nAccept: */*\r\n\r\n`;
}

function httpStatus(text: string): number | undefined {
  const match = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(text);
  return match ? Number(match[1]) : undefined;
}

function firstLine(bytes: Uint8Array): string {
  const eol = indexOfCrlf(bytes);
  return preview(eol >= 0 ? bytes.subarray(0, eol) : bytes, 80);
}
