import { describe, expect, it } from 'vitest';
import { generateToken, redactToken, SessionCookie } from '../../../../src/main/cli/serve/serve-auth.ts';
import { tokenProblem } from '../../../../src/main/cli/serve/serve-token.ts';

describe('redactToken', () => {
  it('replaces every token value in a URL or path, keeping the rest', () => {
    expect(redactToken('/?token=s3cret-value-123456')).toBe('/?token=***');
    expect(redactToken('/ws?a=1&token=abc&b=2')).toBe('/ws?a=1&token=***&b=2');
    expect(redactToken('http://127.0.0.1:1/?TOKEN=abc#frag')).toBe('http://127.0.0.1:1/?TOKEN=***#frag');
    expect(redactToken('/x?token=a&token=b')).toBe('/x?token=***&token=***');
    expect(redactToken('/assets/app.js')).toBe('/assets/app.js');
  });
});

describe('tokenProblem', () => {
  it('accepts generated tokens and refuses short ones', () => {
    expect(tokenProblem(generateToken())).toBeNull();
    expect(tokenProblem('')).toContain('16');
    expect(tokenProblem('a'.repeat(15))).toContain('16');
    expect(tokenProblem('a'.repeat(16))).toBeNull();
  });
});

describe('SessionCookie', () => {
  it('is named per port and valued per server secret, never by the token', () => {
    const secret = Buffer.alloc(32, 7);
    const a = new SessionCookie(4000, secret);
    const b = new SessionCookie(4001, secret);
    const c = new SessionCookie(4000);
    const value = (cookie: SessionCookie) => /=([^;]+)/.exec(cookie.header())?.[1] ?? '';
    expect(a.name).toBe('stack_doctor_session_4000');
    expect(value(a)).not.toBe(value(b));
    expect(value(a)).not.toBe(value(c));
    expect(a.header()).toMatch(/HttpOnly/);
    expect(a.header()).toMatch(/SameSite=Strict/);
    expect(a.matches(`other=1; ${a.name}=${value(a)}`)).toBe(true);
    expect(a.matches(`${a.name}=${value(b)}`)).toBe(false);
    expect(a.matches(`${a.name}=%E0%A4`)).toBe(false);
    expect(a.matches(undefined)).toBe(false);
  });
});
