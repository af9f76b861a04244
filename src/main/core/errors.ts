/**
 * The input cannot be diagnosed at all (nonexistent workspace, bad arguments). The CLI maps it to exit 3;
 * the dashboard shows its message. Problems *in* the stack are findings, never errors.
 */
export class DiagnoseInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiagnoseInputError';
  }
}
