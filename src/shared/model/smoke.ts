import { z } from 'zod';

/** Budget of one smoke check when neither the check nor its suite sets `timeoutMs`, ms. */
export const DEFAULT_SMOKE_TIMEOUT_MS = 5000;

/** Checks in flight at once when `smoke.concurrency` is not set. */
export const DEFAULT_SMOKE_CONCURRENCY = 4;

/** The suite the checks derived from a diagnosis run in; a declared suite may not take this name. */
export const DIAGNOSIS_SUITE = 'diagnosis';

/**
 * The JSONPath subset of `expect.json[].path`: `$` followed by `.name`, `['name']`, `["name"]` or `[index]`
 * steps, e.g. `$.services[0].status`. No wildcards or filters: a check compares one value.
 */
export const JSON_PATH_PATTERN = /^\$(?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*$/;

const timeoutMs = z.number().int().min(50).max(600_000);
const statusCode = z.number().int().min(100).max(599);

/** Fields every check has. */
const checkBase = {
  /** Shown in the scoreboard and the JUnit report; unique within its suite. */
  name: z.string().trim().min(1).max(200),
  /** Budget of this check, ms; overrides the suite's `timeoutMs` (default 5000). */
  timeoutMs: timeoutMs.optional(),
  /** Declared but not run; reported as `skipped`. */
  skip: z.boolean().optional(),
};

/** `expect:` of an http check; each part that is given must hold. */
export const smokeHttpExpectSchema = z
  .object({
    /** The status, or any of a list; default any 2xx. Redirects are not followed, so a 301 is what the check sees. */
    status: z.union([statusCode, z.array(statusCode).min(1)]).optional(),
    /** Text (or every text of a list) the body must contain, case-sensitive. */
    bodyContains: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** Values the JSON body must hold: `{ path: $.status, equals: healthy }`. */
    json: z
      .array(
        z
          .object({
            path: z.string().regex(JSON_PATH_PATTERN, 'a JSON path like $.a.b[0] or $["a b"] (no wildcards or filters)'),
            equals: z.json(),
          })
          .strict(),
      )
      .min(1)
      .optional(),
  })
  .strict();

export const smokeHttpCheckSchema = z
  .object({
    kind: z.literal('http'),
    ...checkBase,
    /** Default GET. */
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
    url: z.url({ protocol: /^https?$/, message: 'an http:// or https:// URL' }),
    /** Request headers. Their values never appear in a result or a log. */
    headers: z.record(z.string().regex(/^[!#$%&'*+.^_`|~\w-]+$/, 'a header name'), z.string()).optional(),
    /** Sent as is when a string, else as JSON (with `content-type: application/json` unless a header sets one). */
    body: z.json().optional(),
    expect: smokeHttpExpectSchema.optional(),
  })
  .strict();

export const smokeChatCheckSchema = z
  .object({
    kind: z.literal('chat'),
    ...checkBase,
    /** Default `ws`. */
    transport: z.enum(['ws', 'http']).default('ws'),
    /** Default `ping`. */
    message: z.string().min(1).default('ping'),
    /** A journey name from `chat.journeys`. */
    journey: z.string().min(1).optional(),
    /** The orchestrator base URL to talk to; default the target Stack Doctor resolves (alias or localhost fallback). */
    target: z.url({ protocol: /^(https?|wss?)$/, message: 'an http(s):// or ws(s):// URL' }).optional(),
    /** Assistant tokens that must arrive before `complete`; default 1. */
    minTokens: z.number().int().min(0).max(1_000_000).default(1),
  })
  .strict();

export const smokeTcpCheckSchema = z
  .object({
    kind: z.literal('tcp'),
    ...checkBase,
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
  })
  .strict();

export const smokeDnsCheckSchema = z
  .object({
    kind: z.literal('dns'),
    ...checkBase,
    /** The name that must resolve. */
    host: z.string().min(1),
    /** Where it must resolve: `host` (default, the OS resolver here) or `{ container: NAME }` (a lookup run inside it). */
    from: z.union([z.literal('host'), z.object({ container: z.string().min(1) }).strict()]).default('host'),
  })
  .strict();

export const smokeCheckSchema = z.discriminatedUnion('kind', [
  smokeHttpCheckSchema,
  smokeChatCheckSchema,
  smokeTcpCheckSchema,
  smokeDnsCheckSchema,
]);
export type SmokeCheck = z.infer<typeof smokeCheckSchema>;
export type SmokeHttpCheck = z.infer<typeof smokeHttpCheckSchema>;
export type SmokeChatCheck = z.infer<typeof smokeChatCheckSchema>;
export type SmokeTcpCheck = z.infer<typeof smokeTcpCheckSchema>;
export type SmokeDnsCheck = z.infer<typeof smokeDnsCheckSchema>;

export const smokeSuiteSchema = z
  .object({
    /** Default budget of each check in the suite, ms (default 5000). */
    timeoutMs: timeoutMs.optional(),
    checks: z.array(smokeCheckSchema).min(1),
  })
  .strict()
  .superRefine((suite, ctx) => {
    const seen = new Set<string>();
    suite.checks.forEach((check, index) => {
      if (seen.has(check.name)) {
        ctx.addIssue({ code: 'custom', path: ['checks', index, 'name'], message: `another check of this suite is named "${check.name}"` });
      }
      seen.add(check.name);
    });
  });

const suiteName = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]*$/, 'a suite name is letters, digits and ._- (it is used in --suite and in JUnit)')
  .refine((name) => name !== DIAGNOSIS_SUITE, `"${DIAGNOSIS_SUITE}" is the built-in suite derived from the diagnosis`);

/**
 * `smoke:` in `stack-doctor.yaml`: suites of declared checks (http, chat, tcp, dns), e.g.
 * `smoke: { suites: { http: { timeoutMs: 3000, checks: [{ kind: http, name: api health, url: … }] } } }`.
 */
export const smokeConfigSchema = z
  .object({
    /** Checks in flight at once (default 4). */
    concurrency: z.number().int().min(1).max(64).optional(),
    /** Suites by name, run in the order written. */
    suites: z.record(suiteName, smokeSuiteSchema, {
      // Zod words a bad key "Invalid key in record"; the key schema's own message says what is wrong with the name.
      error: (issue) => (issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined),
    }),
  })
  .strict();
export type SmokeConfig = z.infer<typeof smokeConfigSchema>;

/** How one check ended: `fail` the stack did not do what the check expects; `error` the check could not run. */
export const smokeOutcomeSchema = z.enum(['pass', 'fail', 'error', 'skipped']);
export type SmokeOutcome = z.infer<typeof smokeOutcomeSchema>;

export const smokeCheckKindSchema = z.enum(['http', 'chat', 'tcp', 'dns', 'diagnosis']);
export type SmokeCheckKind = z.infer<typeof smokeCheckKindSchema>;

/** One row of the scoreboard. */
export const smokeCheckResultSchema = z.object({
  suite: z.string(),
  check: z.string(),
  kind: smokeCheckKindSchema,
  result: smokeOutcomeSchema,
  durationMs: z.number().nonnegative(),
  /** Why it did not pass (always set unless `pass`); secrets (URL passwords, header values) never appear. */
  reason: z.string().optional(),
  /** What was checked: `GET http://localhost:8080/health`, `localhost:6379`, `ws http://localhost:8006`… */
  target: z.string().optional(),
});
export type SmokeCheckResult = z.infer<typeof smokeCheckResultSchema>;

const counts = {
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
};

export const smokeSuiteSummarySchema = z.object({
  name: z.string(),
  ...counts,
  /** From the suite's first check start to its last check end, ms. */
  durationMs: z.number().nonnegative(),
});
export type SmokeSuiteSummary = z.infer<typeof smokeSuiteSummarySchema>;

/** A smoke run: what `stack-doctor smoke --json` prints. */
export const smokeScoreboardSchema = z.object({
  /** ISO time the run started. */
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  ...counts,
  /** The run was cancelled before every check finished; the checks it did not start are `skipped`. */
  cancelled: z.boolean(),
  suites: z.array(smokeSuiteSummarySchema),
  results: z.array(smokeCheckResultSchema),
});
export type SmokeScoreboard = z.infer<typeof smokeScoreboardSchema>;
