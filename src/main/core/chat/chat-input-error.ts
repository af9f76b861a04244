/**
 * A request the client cannot even try: unknown journey, a pinned target that is not a URL, raw mode
 * without a ws:// or http:// URL. Callers map it to "bad arguments" (CLI exit 3, an IPC error envelope);
 * it is never an exchange outcome, so no ChatEvent is emitted for it.
 */
export class ChatInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatInputError';
  }
}
