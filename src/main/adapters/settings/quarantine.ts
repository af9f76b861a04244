import { existsSync, renameSync } from 'node:fs';
import type { Logger } from '../../core/ports/logger.port.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/**
 * Moves a corrupt settings file aside (`<file>.corrupt-<epoch ms>`) so the user keeps it for inspection
 * and the store starts again from defaults. Returns the new name, or null when there was nothing to move.
 */
export function quarantine(path: string, logger: Logger, error: unknown): string | null {
  const reason = errorMessage(error);
  if (!existsSync(path)) return null;
  const aside = `${path}.corrupt-${Date.now()}`;
  try {
    renameSync(path, aside);
    logger.warn({ path, movedTo: aside, reason }, 'settings file is corrupt: moved aside, using defaults');
    return aside;
  } catch (renameError) {
    logger.error({ path, reason, err: String(renameError) }, 'settings file is corrupt and could not be moved aside');
    return null;
  }
}
