import { describe, expect, it } from 'vitest';
import { isSecretName, redactText, redactUrl } from '../../../src/shared/redact.ts';

describe('isSecretName', () => {
  it('flags names that hold secrets', () => {
    for (const name of [
      'POSTGRES_PASSWORD',
      'PGPASSWORD',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ACCESS_KEY_ID',
      'API_KEY',
      'apiKey',
      'GITHUB_TOKEN',
      'access_token',
      'DB_CREDENTIALS',
      'REDIS_AUTH',
      'SENTRY_DSN',
      'clientSecret',
      'password',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
  });
  it('leaves names that locate services, and ordinary settings', () => {
    for (const name of [
      'DATABASE_URL',
      'ORCHESTRATOR_SERVICE_URL',
      'AUTH_URL',
      'AUTH_SERVICE_HOST',
      'KEYCLOAK_URL',
      'MODE',
      'PATH',
      'sslmode',
    ]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe('redactUrl', () => {
  it('hides the password of userinfo, a lone token userinfo, and secret query values', () => {
    expect(redactUrl('postgres://admin:hunter2@db:5432/app')).toBe('postgres://admin:***@db:5432/app');
    expect(redactUrl('https://ghp_abc123@github.com/x.git')).toBe('https://***@github.com/x.git');
    expect(redactUrl('http://h/ws?token=abc&mode=x&api_key=k1')).toBe('http://h/ws?token=***&mode=x&api_key=***');
    expect(redactUrl('GET /ws?token=abcdef HTTP/1.1')).toBe('GET /ws?token=*** HTTP/1.1');
  });
  it('leaves URLs without credentials as they are', () => {
    for (const url of ['http://orchestrator-service:8006', 'redis://redis:6379/0', 'http://h/?a=b', 'http://a=b'])
      expect(redactUrl(url)).toBe(url);
  });
});

describe('redactText', () => {
  it('hides secret assignments, JSON pairs, bearer credentials and URLs in free text', () => {
    expect(redactText('login failed: PGPASSWORD=hunter2 user=app')).toBe('login failed: PGPASSWORD=*** user=app');
    expect(redactText('password: "s3cret" ok')).toBe('password: "***" ok');
    expect(redactText('{"token":"abc","name":"x"}')).toBe('{"token":"***","name":"x"}');
    expect(redactText('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30')).toBe('Authorization: Bearer ***');
    expect(redactText('dsn=mysql://root:pw@db/app')).toBe('dsn=***');
    expect(redactText('connect mysql://root:pw@db/app')).toBe('connect mysql://root:***@db/app');
  });
  it('is stable on redacted text', () => {
    const once = redactText('DB_PASSWORD=x url=postgres://a:b@h/d');
    expect(redactText(once)).toBe(once);
  });
});
