import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';

/** What identifies a stack for recovery: its effective config and the container each service runs as. */
export interface StackIdentity {
  /** The stack's configuration as the caller resolved it (compose model, stack-doctor.yaml); any JSON value. */
  config: unknown;
  /** Service name → container id (null when the service has no container). */
  containers: Readonly<Record<string, string | null>>;
}

/**
 * A short, stable fingerprint of the stack (16 hex chars of SHA-256 over key-sorted JSON): equal stacks give equal
 * fingerprints whatever their key order; a changed config value or container id changes it.
 */
export function stackFingerprint(identity: StackIdentity): string {
  const canonical = stringify({ config: identity.config ?? null, containers: identity.containers }) ?? 'null';
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
