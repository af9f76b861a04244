import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../../..');

/**
 * Where a screenshot goes: `docs/screenshots/` (checked in, shown in the README) only when asked with
 * `UPDATE_SCREENSHOTS=1`, so ordinary runs leave the tree clean; else `test-results/screenshots/` (ignored).
 */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
  return resolve(repo, dir, name);
}
