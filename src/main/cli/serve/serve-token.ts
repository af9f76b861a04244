// The token rules `--token` and STACK_DOCTOR_TOKEN are checked against, apart from serve-auth.ts (cookies, HMAC):
// the CLI's option parsing and `--help` read them at every start and need nothing else of serve.

/** Shortest token serve accepts: 16 characters resist guessing over a loopback socket for the life of a run. */
export const MIN_TOKEN_LENGTH = 16;

/** The environment variable a token can come from, so it need not appear in `ps` as `--token`. */
export const TOKEN_ENV = 'STACK_DOCTOR_TOKEN';

/** Why a token cannot guard the dashboard, or null when it can. */
export function tokenProblem(token: string): string | null {
  return token.length < MIN_TOKEN_LENGTH ? `the token must be at least ${MIN_TOKEN_LENGTH} characters long` : null;
}
