import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/shared/redact.ts';

describe('redactUrl', () => {
  it('hides URL passwords, lone tokens as user names and credential-like query values', () => {
    expect(redactUrl('http://admin:hunter2@api.test:8080/x')).toBe('http://admin:***@api.test:8080/x');
    expect(redactUrl('https://ghp_abcdef123456@git.test/repo')).toBe('https://***@git.test/repo');
    expect(redactUrl('http://api.test/x?access_token=abc&page=2&API-KEY=k&sig=1&signature=s')).toBe(
      'http://api.test/x?access_token=***&page=2&API-KEY=***&sig=***&signature=***',
    );
  });

  it('leaves URLs without secrets and text that is not a URL exactly as given', () => {
    for (const text of ['http://localhost:8080/health', 'HTTP://Example.test', 'localhost:6379', 'not a url', '']) {
      expect(redactUrl(text)).toBe(text);
    }
  });
});
