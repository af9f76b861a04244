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
  /** The host does not run this service (e.g. supervision in a one-shot command). */
  'UNAVAILABLE',
  /** A recovery policy failed validation; `field` names it. */
  'INVALID_POLICY',
  /** The service is not part of the supervised stack. */
  'UNKNOWN_SERVICE',
  /** No live recovery plan has this id (it finished or was cancelled meanwhile). */
  'UNKNOWN_PLAN',
  /** Only an AWAITING_MANUAL plan can be approved. */
  'PLAN_NOT_AWAITING',
  /** The service already has a live plan. */
  'PLAN_EXISTS',
]);
export type ContractErrorCode = z.infer<typeof contractErrorCodeSchema>;

export const contractErrorSchema = z.object({
  code: contractErrorCodeSchema,
  message: z.string(),
  /** The request field the error is about, as a dotted path (`policy.maxDelayMs`), when there is one: forms show it there. */
  field: z.string().optional(),
});
export type ContractError = z.infer<typeof contractErrorSchema>;

/** Every answer from main: `{ ok: true, value } | { ok: false, error: { code, message } }`. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ContractErrorCode, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});
