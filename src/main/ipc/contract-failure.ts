import type { ContractErrorCode } from '../../shared/contract/index.ts';

/**
 * An expected failure a handler answers with its own code (UNKNOWN_PLAN, INVALID_POLICY …) rather than INTERNAL;
 * the dispatcher turns it into the error envelope as it is, `field` included.
 */
export class ContractFailure extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ContractFailure';
  }
}
