/**
 * A credential that does not print: JSON, string conversion and Node's inspect (pino, console, test diffs) all
 * show `***`. Only the adapter that sends it calls `reveal()`.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  /** Replaces every occurrence of the secret in `text` by `***` (for messages that might echo it). */
  redact(text: string): string {
    return this.#value ? text.split(this.#value).join('***') : text;
  }

  toJSON(): string {
    return '***';
  }

  toString(): string {
    return '***';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret(***)';
  }
}
