import { z } from 'zod';
import { contractErrorSchema } from './envelope.ts';

/** Serve mode frames, browser → server. */
export const clientFrameSchema = z.object({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  /** The invoke channel's wire name, e.g. `diagnosis:run`. */
  channel: z.string(),
  payload: z.unknown(),
});

/** Serve mode frames, server → browser. `id: null` answers a frame too broken to carry an id. */
export const serverFrameSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('result'),
    id: z.number().int().nonnegative().nullable(),
    result: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: contractErrorSchema }),
    ]),
  }),
  z.object({ kind: z.literal('event'), channel: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
