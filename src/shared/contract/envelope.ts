import { z } from 'zod';

export const contractErrorCodeSchema = z.enum([
  /** The payload failed the channel's zod schema. */
  'INVALID_REQUEST',
  /** No such channel in the contract. */
  'UNKNOWN_CHANNEL',
  /** A transport frame that is not JSON or not a contract message. */
  'BAD_MESSAGE',
  /** The sender is not a window/origin we trust. */
  'FORBIDDEN',
  /** The handler failed; the message says why. */
  'INTERNAL',
  /** The transport is gone (socket closed, window destroyed). */
  'DISCONNECTED',
]);
export type ContractErrorCode = z.infer<typeof contractErrorCodeSchema>;

export const contractErrorSchema = z.object({ code: contractErrorCodeSchema, message: z.string() });
export type ContractError = z.infer<typeof contractErrorSchema>;

/** Every answer from main: `{ ok: true, value } | { ok: false, error: { code, message } }`. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ContractErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
