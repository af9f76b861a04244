import { describe, expect, it } from 'vitest';
import { isValidHostName } from '../../../../src/main/core/network/host-name.ts';

describe('isValidHostName', () => {
  it.each(['db', 'orchestrator-service', 'my_service', 'API.Example.com', 'a.b.c.', '10.0.0.1', '::1', '[::1]', 'x'.repeat(63)])(
    'accepts %j',
    (host) => expect(isValidHostName(host)).toBe(true),
  );

  it.each([
    '',
    '-s',
    '-',
    '.',
    '.a',
    'a..b',
    'a b',
    'x&&id&&y',
    'a;b',
    '$(id)',
    '`id`',
    'a|b',
    'a\nb',
    'x'.repeat(64),
    `${'a.'.repeat(127)}ab`,
  ])('refuses %j', (host) => expect(isValidHostName(host)).toBe(false));
});
